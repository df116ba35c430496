/*
 * void *kc_stack_switch(void *stack_top@r0, void *(*fn)(void *)@r1,
 *                       void *arg@r2, void **resume_sp@r3)
 *
 *	See x86_64/stack_switch.S for the contract.  AAPCS (IHI 0042)
 *	callee-saved registers are r4-r11 and, with VFP (armhf), d8-d15;
 *	they are pushed with lr (and r12 as padding, keeping 8-byte
 *	alignment) on the stack being left, whose sp goes to *resume_sp.
 *	The stack must be 8-byte aligned at a public interface (AAPCS
 *	§6.2.1.2), so stack_top is rounded down to 8, and sp enters the new
 *	stack 8 bytes below it (blx pushes nothing: the slot x86_64's return
 *	address takes, see its header).  r11 (the ARM-state
 *	frame pointer) and r7 (the Thumb one) are zeroed on the new stack to
 *	end the frame chain.  ARM state; blx and pop {pc} interwork with a
 *	Thumb fn and caller.
 *
 *	Register map: stack_top @r0, fn @r1, arg @r2 -> fn's @r0,
 *	resume_sp @r3 kept in r4 (callee-saved, so fn preserves it).
 */
#include "asm.h"

	.syntax	unified
	.arm

ENTRY(kc_stack_switch)
	push	{r4-r12, lr}		@ callee-saved (r12: padding to 8)
	vpush	{d8-d15}		@ callee-saved VFP registers
	str	sp, [r3]		@ *resume_sp = where to come back
	mov	r4, r3			@ keep resume_sp across fn
	bic	r0, r0, #7		@ align the new top down to 8
	sub	sp, r0, #8		@ switch, sp below the top (header)
	mov	r11, #0			@ no frame chain into the old stack
	mov	r7, #0
	mov	r0, r2			@ fn(arg)
	blx	r1
	ldr	r1, [r4]		@ back, possibly to a moved copy
	mov	sp, r1
	vpop	{d8-d15}		@ restore what was saved above
	pop	{r4-r12, pc}		@ fn's result in r0
END(kc_stack_switch)

	.section .rodata
	.globl	kc_stack_switch_native
	.type	kc_stack_switch_native, %object
	.size	kc_stack_switch_native, 4
	.p2align 2
kc_stack_switch_native:
	.long	1			@ this arch has a real routine

	.section .note.GNU-stack, "", %progbits
