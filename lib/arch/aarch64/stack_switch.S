/*
 * void *kc_stack_switch(void *stack_top@x0, void *(*fn)(void *)@x1,
 *                       void *arg@x2, void **resume_sp@x3)
 *
 *	See x86_64/stack_switch.S for the contract.  AAPCS64 callee-saved
 *	registers are x19-x28, the frame record x29/x30 and the low 64 bits
 *	of v8-v15 (d8-d15); all are stored in one 160-byte frame on the
 *	stack being left, whose sp goes to *resume_sp.  sp must stay 16-byte
 *	aligned at all times (AAPCS64 §6.4.5.1), so stack_top is rounded
 *	down to 16, and sp enters the new stack 16 bytes below it (blr
 *	pushes nothing: the slot x86_64's return address takes, see its
 *	header).  x29 is zeroed on the new stack to end the frame-record
 *	chain (blr sets x30).
 *
 *	Register map: stack_top @x0, fn @x1, arg @x2 -> fn's @x0,
 *	resume_sp @x3 kept in x19 (callee-saved, so fn preserves it).
 */
#include "asm.h"

ENTRY(kc_stack_switch)
	stp	x29, x30, [sp, #-160]!	// frame record, 160-byte save area
	mov	x29, sp
	stp	x19, x20, [sp, #16]	// callee-saved general registers
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	stp	d8, d9, [sp, #96]	// callee-saved FP/SIMD (low halves)
	stp	d10, d11, [sp, #112]
	stp	d12, d13, [sp, #128]
	stp	d14, d15, [sp, #144]
	mov	x9, sp
	str	x9, [x3]		// *resume_sp = where to come back
	mov	x19, x3			// keep resume_sp across fn
	and	x9, x0, #-16		// align the new top down to 16
	sub	sp, x9, #16		// switch, sp below the top (header)
	mov	x29, xzr		// no frame chain into the old stack
	mov	x0, x2			// fn(arg)
	blr	x1
	ldr	x9, [x19]		// back, possibly to a moved copy
	mov	sp, x9
	ldp	d14, d15, [sp, #144]	// restore what was saved above
	ldp	d12, d13, [sp, #128]
	ldp	d10, d11, [sp, #112]
	ldp	d8, d9, [sp, #96]
	ldp	x27, x28, [sp, #80]
	ldp	x25, x26, [sp, #64]
	ldp	x23, x24, [sp, #48]
	ldp	x21, x22, [sp, #32]
	ldp	x19, x20, [sp, #16]
	ldp	x29, x30, [sp], #160
	ret				// fn's result in x0
END(kc_stack_switch)

	.section .rodata
	.globl	kc_stack_switch_native
	.type	kc_stack_switch_native, %object
	.size	kc_stack_switch_native, 4
	.p2align 2
kc_stack_switch_native:
	.long	1			// this arch has a real routine

	.section .note.GNU-stack, "", %progbits
