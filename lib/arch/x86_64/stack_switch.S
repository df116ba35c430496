/*
 * void *kc_stack_switch(void *stack_top@rdi, void *(*fn)(void *)@rsi,
 *                       void *arg@rdx, void **resume_sp@rcx)
 *
 *	Run fn(arg) on another stack and come back; return fn's result
 *	(@rax).  The callee-saved registers %rbx, %rbp, %r12-%r15 are pushed
 *	on the current stack and the resulting %rsp is stored in *resume_sp;
 *	after fn returns, %rsp is reloaded from *resume_sp and the registers
 *	are popped from there.  fn may therefore move the suspended stack
 *	(copy it elsewhere and store the new %rsp in *resume_sp): this is how
 *	kc_stackpool grows a stack.  resume_sp must not point into the stack
 *	being left.
 *
 *	stack_top is the address just past the new stack; it is rounded down
 *	to 16 bytes, and fn is entered by a call from there, so %rsp+8 is
 *	16-byte aligned at fn's entry (SysV x86_64 ABI §3.2.2).  %rbp is
 *	zeroed on the new stack to end the frame-pointer chain.
 *
 *	The stack pointer enters the new stack strictly below stack_top
 *	(here: the call's return address), on every arch.  valgrind.h's
 *	STACK_REGISTER takes the highest addressable byte as end, so a
 *	stack registered as [lo, stack_top - 1] does not hold sp ==
 *	stack_top; a routine that sets sp to stack_top and then calls fn
 *	through a link register (no push) makes Valgrind see a switch to
 *	unregistered memory ("client switching stacks?"), and then take fn's
 *	first frame allocation inside the stack as the switch, leaving that
 *	frame unpainted: memcheck reports its reuse as invalid writes where
 *	the arch has no stack red zone (coregrind/m_stacks.c
 *	IF_STACK_SWITCH_SET_current_stack_AND_RETURN; measured on aarch64,
 *	3.27.1).  The routines of such arches reserve a slot below stack_top
 *	for this (selftest/stackreg/h_stack_switch checks it).
 *
 *	Register map: stack_top @rdi, fn @rsi, arg @rdx -> fn's @rdi,
 *	resume_sp @rcx kept in %rbx (callee-saved, so fn preserves it).
 */
#include "asm.h"

ENTRY(kc_stack_switch)
	pushq	%rbp			/* save the callee-saved registers */
	pushq	%rbx			/* on the stack being left */
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, (%rcx)		/* *resume_sp = where to come back */
	movq	%rcx, %rbx		/* keep resume_sp across fn */
	andq	$-16, %rdi		/* align the new top down to 16 */
	movq	%rdi, %rsp		/* switch to the new stack */
	xorl	%ebp, %ebp		/* no frame chain into the old stack */
	movq	%rdx, %rdi		/* fn(arg): %rsp is 16-aligned at the call */
	call	*%rsi
	movq	(%rbx), %rsp		/* back, possibly to a moved copy */
	popq	%r15			/* restore the callee-saved registers */
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret				/* fn's result in %rax */
END(kc_stack_switch)

	.section .rodata
	.globl	kc_stack_switch_native
	.type	kc_stack_switch_native, @object
	.size	kc_stack_switch_native, 4
	.p2align 2
kc_stack_switch_native:
	.long	1			/* this arch has a real routine */

	.section .note.GNU-stack, "", %progbits
