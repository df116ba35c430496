/*
 * Test mechanism for lib/arch/x86_64/stack_switch.S (selftests; C side: lib/kc_switch_probe.h).
 *
 * unsigned kc_test_callee_saved(void *stack_top@rdi,
 *                               void *(*fn)(void *)@rsi, void **resume_sp@rdx)
 *
 *	Load a distinct pattern into every callee-saved register, call
 *	kc_stack_switch(stack_top, fn, NULL, resume_sp), and return the mask
 *	of registers that did not come back holding their pattern (0: all
 *	preserved).  Bits: 0 %rbx, 1 %rbp, 2 %r12, 3 %r13, 4 %r14, 5 %r15.
 *
 * void *kc_test_entry_sp(void *arg@rdi)
 *
 *	A function to run on the new stack: return %rsp as it was at entry
 *	(the ABI requires %rsp+8 to be 16-byte aligned there).
 */
#include "asm.h"

#define PAT_RBX	0x1111111111111101
#define PAT_RBP	0x2222222222222202
#define PAT_R12	0x3333333333333303
#define PAT_R13	0x4444444444444404
#define PAT_R14	0x5555555555555505
#define PAT_R15	0x6666666666666606

/* Compare reg with pat (via %rcx); set bit in %eax if they differ. */
#define CHECK(reg, pat, bit)	\
	movabsq	$pat, %rcx;	\
	cmpq	%rcx, reg;	\
	je	1f;		\
	orl	$bit, %eax;	\
1:

ENTRY(kc_test_callee_saved)
	pushq	%rbp			/* our caller's callee-saved registers */
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	subq	$8, %rsp		/* 16-align %rsp for the call */
	movq	%rdx, %rcx		/* resume_sp */
	xorl	%edx, %edx		/* arg = NULL */
	movabsq	$PAT_RBX, %rbx		/* the patterns */
	movabsq	$PAT_RBP, %rbp
	movabsq	$PAT_R12, %r12
	movabsq	$PAT_R13, %r13
	movabsq	$PAT_R14, %r14
	movabsq	$PAT_R15, %r15
	call	kc_stack_switch@PLT
	xorl	%eax, %eax		/* mask of registers that changed */
	CHECK(%rbx, PAT_RBX, 0x01)
	CHECK(%rbp, PAT_RBP, 0x02)
	CHECK(%r12, PAT_R12, 0x04)
	CHECK(%r13, PAT_R13, 0x08)
	CHECK(%r14, PAT_R14, 0x10)
	CHECK(%r15, PAT_R15, 0x20)
	addq	$8, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret
END(kc_test_callee_saved)

ENTRY(kc_test_entry_sp)
	movq	%rsp, %rax		/* %rsp at entry */
	ret
END(kc_test_entry_sp)

	.section .rodata
	.globl	kc_switch_probe_native
	.type	kc_switch_probe_native, @object
	.size	kc_switch_probe_native, 4
	.p2align 2
kc_switch_probe_native:
	.long	1			/* this arch has the probes */

	.section .note.GNU-stack, "", %progbits
