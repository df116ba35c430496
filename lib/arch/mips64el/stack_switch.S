/*
 * void *kc_stack_switch(void *stack_top@a0, void *(*fn)(void *)@a1,
 *                       void *arg@a2, void **resume_sp@a3)
 *
 *	See x86_64/stack_switch.S for the contract.  n64 ABI (mips64el, and
 *	mips64 which includes this file; MIPSpro N32/N64 ABI handbook, and
 *	gcc's mips.h): s0-s7, fp ($30), gp ($28) and $f24-$f31 are
 *	callee-saved; they are stored with ra in one 160-byte frame on the
 *	stack being left, whose sp goes to *resume_sp.  sp is 16-byte
 *	aligned (n64: "the stack pointer must be quadword aligned"), so
 *	stack_top is rounded down to 16; n64 has no argument home area for
 *	the callee to reserve, but sp enters the new stack 16 bytes below
 *	the top (jalr pushes nothing: the slot x86_64's return address
 *	takes, see its header).  fp is zeroed on the new stack to end the
 *	frame chain, and fn is called through $25 (t9), as the PIC calling
 *	sequence requires.
 *
 *	Register map: stack_top @a0, fn @a1 -> $25, arg @a2 -> fn's @a0,
 *	resume_sp @a3 kept in s0 (callee-saved, so fn preserves it).
 */
#include "asm.h"

	.set	noreorder		# delay slots are written out

ENTRY(kc_stack_switch)
	daddiu	$sp, $sp, -160		# ra, gp, s0-s7, fp, $f24-$f31
	sd	$31, 0($sp)
	sd	$28, 8($sp)
	sd	$16, 16($sp)
	sd	$17, 24($sp)
	sd	$18, 32($sp)
	sd	$19, 40($sp)
	sd	$20, 48($sp)
	sd	$21, 56($sp)
	sd	$22, 64($sp)
	sd	$23, 72($sp)
	sd	$30, 80($sp)
	sdc1	$f24, 88($sp)
	sdc1	$f25, 96($sp)
	sdc1	$f26, 104($sp)
	sdc1	$f27, 112($sp)
	sdc1	$f28, 120($sp)
	sdc1	$f29, 128($sp)
	sdc1	$f30, 136($sp)
	sdc1	$f31, 144($sp)
	sd	$sp, 0($7)		# *resume_sp = where to come back
	move	$16, $7			# keep resume_sp across fn
	li	$12, -16
	and	$4, $4, $12		# align the new top down to 16
	daddiu	$sp, $4, -16		# switch, sp below the top (header)
	move	$30, $0			# no frame chain into the old stack
	move	$25, $5			# fn(arg), called through t9
	jalr	$25
	move	$4, $6			# (delay slot) arg
	ld	$sp, 0($16)		# back, possibly to a moved copy
	ldc1	$f24, 88($sp)
	ldc1	$f25, 96($sp)
	ldc1	$f26, 104($sp)
	ldc1	$f27, 112($sp)
	ldc1	$f28, 120($sp)
	ldc1	$f29, 128($sp)
	ldc1	$f30, 136($sp)
	ldc1	$f31, 144($sp)
	ld	$31, 0($sp)
	ld	$28, 8($sp)
	ld	$16, 16($sp)
	ld	$17, 24($sp)
	ld	$18, 32($sp)
	ld	$19, 40($sp)
	ld	$20, 48($sp)
	ld	$21, 56($sp)
	ld	$22, 64($sp)
	ld	$23, 72($sp)
	ld	$30, 80($sp)
	jr	$31
	daddiu	$sp, $sp, 160		# (delay slot) fn's result in v0
END(kc_stack_switch)

	.section .rodata
	.globl	kc_stack_switch_native
	.type	kc_stack_switch_native, @object
	.size	kc_stack_switch_native, 4
	.p2align 2
kc_stack_switch_native:
	.word	1			# this arch has a real routine

	.section .note.GNU-stack, "", %progbits
