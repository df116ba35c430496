/*
 * void *kc_stack_switch(void *stack_top@4(%esp), void *(*fn)(void *)@8(%esp),
 *                       void *arg@12(%esp), void **resume_sp@16(%esp))
 *
 *	See x86_64/stack_switch.S for the contract.  The i386 SysV ABI's
 *	callee-saved registers %ebx, %esi, %edi, %ebp are pushed on the
 *	stack being left, whose %esp goes to *resume_sp.  Linux's i386 ABI as
 *	gcc assumes it (-mpreferred-stack-boundary=4, the default since gcc
 *	4.5; i386 psABI 1.1 §2.2.2 "The end of the input argument area shall
 *	be aligned on a 16 byte boundary") wants %esp 16-aligned at the call,
 *	so %esp+4 at fn's entry: stack_top is rounded down to 16 and 12 bytes
 *	of padding go below the pushed argument.  %ebp is zeroed on the new
 *	stack to end the frame-pointer chain.
 *
 *	Register map: stack_top -> %eax, fn -> %ecx, arg -> %edx and pushed
 *	as fn's argument, resume_sp kept in %ebx (callee-saved, so fn
 *	preserves it).
 */
#include "asm.h"

ENTRY(kc_stack_switch)
	pushl	%ebp			/* save the callee-saved registers */
	pushl	%ebx			/* on the stack being left */
	pushl	%esi
	pushl	%edi
	movl	20(%esp), %eax		/* stack_top */
	movl	24(%esp), %ecx		/* fn */
	movl	28(%esp), %edx		/* arg */
	movl	32(%esp), %ebx		/* resume_sp */
	movl	%esp, (%ebx)		/* *resume_sp = where to come back */
	andl	$-16, %eax		/* align the new top down to 16 */
	movl	%eax, %esp		/* switch to the new stack */
	xorl	%ebp, %ebp		/* no frame chain into the old stack */
	subl	$12, %esp		/* padding: %esp 16-aligned at the call */
	pushl	%edx			/* fn(arg) */
	call	*%ecx
	movl	(%ebx), %esp		/* back, possibly to a moved copy */
	popl	%edi			/* restore the callee-saved registers */
	popl	%esi
	popl	%ebx
	popl	%ebp
	ret				/* fn's result in %eax */
END(kc_stack_switch)

	.section .rodata
	.globl	kc_stack_switch_native
	.type	kc_stack_switch_native, @object
	.size	kc_stack_switch_native, 4
	.p2align 2
kc_stack_switch_native:
	.long	1			/* this arch has a real routine */

	.section .note.GNU-stack, "", %progbits
