/*
 * void *kc_stack_switch(void *stack_top@r2, void *(*fn)(void *)@r3,
 *                       void *arg@r4, void **resume_sp@r5)
 *
 *	See x86_64/stack_switch.S for the contract.  s390x ELF ABI
 *	supplement: r6-r13 and f8-f15 are callee-saved, r14 holds the return
 *	address and r15 the stack pointer, 8-byte aligned, and every caller
 *	provides a 160-byte frame whose register save area (r6-r15 at
 *	48(%r15)) the callee may use.  r6-r15 go to that save area in our
 *	caller's frame, f8-f15 to a 64-byte area below a 160-byte frame of
 *	our own; that frame's r15 goes to *resume_sp.  On the way back r15 is
 *	reloaded from *resume_sp and everything is restored relative to it
 *	(r15 itself is recomputed, not reloaded), so a moved copy works.
 *	The new stack gets stack_top rounded down to 8, minus the 160-byte
 *	frame fn may use, with a zero back chain.
 *
 *	Register map: stack_top @r2, fn @r3, arg @r4 -> fn's @r2,
 *	resume_sp @r5 kept in r6 (callee-saved, so fn preserves it).
 */
#include "asm.h"

#define FRAME	224			/* 160-byte frame + f8-f15 */

ENTRY(kc_stack_switch)
	stmg	%r6, %r15, 48(%r15)	# callee-saved GPRs, return address
	aghi	%r15, -FRAME		# our frame on the stack being left
	std	%f8, 160(%r15)		# callee-saved FPRs
	std	%f9, 168(%r15)
	std	%f10, 176(%r15)
	std	%f11, 184(%r15)
	std	%f12, 192(%r15)
	std	%f13, 200(%r15)
	std	%f14, 208(%r15)
	std	%f15, 216(%r15)
	stg	%r15, 0(%r5)		# *resume_sp = where to come back
	lgr	%r6, %r5		# keep resume_sp across fn
	nill	%r2, 0xfff8		# align the new top down to 8
	aghi	%r2, -160		# the frame fn may use
	lgr	%r15, %r2		# switch to the new stack
	lghi	%r0, 0
	stg	%r0, 0(%r15)		# zero back chain: end of the chain
	lgr	%r2, %r4		# fn(arg)
	basr	%r14, %r3
	lg	%r15, 0(%r6)		# back, possibly to a moved copy
	ld	%f8, 160(%r15)		# restore what was saved above
	ld	%f9, 168(%r15)
	ld	%f10, 176(%r15)
	ld	%f11, 184(%r15)
	ld	%f12, 192(%r15)
	ld	%f13, 200(%r15)
	ld	%f14, 208(%r15)
	ld	%f15, 216(%r15)
	aghi	%r15, FRAME		# our caller's r15
	lmg	%r6, %r14, 48(%r15)
	br	%r14			# fn's result in r2
END(kc_stack_switch)

	.section .rodata
	.globl	kc_stack_switch_native
	.type	kc_stack_switch_native, @object
	.size	kc_stack_switch_native, 4
	.p2align 2
kc_stack_switch_native:
	.long	1			# this arch has a real routine

	.section .note.GNU-stack, "", %progbits
