/*
 * void *kc_stack_switch(void *stack_top@a0, void *(*fn)(void *)@a1,
 *                       void *arg@a2, void **resume_sp@a3)
 *
 *	See x86_64/stack_switch.S for the contract.  o32 ABI (mipsel, and
 *	mips which includes this file; SYSV MIPS psABI 3rd ed. ch. 3, gcc's
 *	mips.h): s0-s7, fp ($30) and the even FP registers $f20-$f30 (as
 *	doubles) are callee-saved, and gp ($28) is kept for PIC callers;
 *	they are stored with ra in one 96-byte frame on the stack being
 *	left, whose sp goes to *resume_sp.  sp is 8-byte aligned at a call
 *	(o32: doubleword alignment), so stack_top is rounded down to 8, and
 *	the 16-byte argument area an o32 callee may store a0-a3 into is left
 *	free below it.  fp is zeroed on the new stack to end the frame
 *	chain, and fn is called through $25 (t9), as the PIC calling
 *	sequence requires.
 *
 *	Register map: stack_top @a0, fn @a1 -> $25, arg @a2 -> fn's @a0,
 *	resume_sp @a3 kept in s0 (callee-saved, so fn preserves it).
 */
#include "asm.h"

	.set	noreorder		# delay slots are written out

ENTRY(kc_stack_switch)
	addiu	$sp, $sp, -96		# ra, gp, s0-s7, fp, $f20-$f30
	sw	$31, 0($sp)
	sw	$28, 4($sp)
	sw	$16, 8($sp)
	sw	$17, 12($sp)
	sw	$18, 16($sp)
	sw	$19, 20($sp)
	sw	$20, 24($sp)
	sw	$21, 28($sp)
	sw	$22, 32($sp)
	sw	$23, 36($sp)
	sw	$30, 40($sp)
	sdc1	$f20, 48($sp)
	sdc1	$f22, 56($sp)
	sdc1	$f24, 64($sp)
	sdc1	$f26, 72($sp)
	sdc1	$f28, 80($sp)
	sdc1	$f30, 88($sp)
	sw	$sp, 0($7)		# *resume_sp = where to come back
	move	$16, $7			# keep resume_sp across fn
	li	$12, -8
	and	$4, $4, $12		# align the new top down to 8
	addiu	$sp, $4, -16		# switch: the callee's argument area
	move	$30, $0			# no frame chain into the old stack
	move	$25, $5			# fn(arg), called through t9
	jalr	$25
	move	$4, $6			# (delay slot) arg
	lw	$sp, 0($16)		# back, possibly to a moved copy
	ldc1	$f20, 48($sp)
	ldc1	$f22, 56($sp)
	ldc1	$f24, 64($sp)
	ldc1	$f26, 72($sp)
	ldc1	$f28, 80($sp)
	ldc1	$f30, 88($sp)
	lw	$31, 0($sp)
	lw	$28, 4($sp)
	lw	$16, 8($sp)
	lw	$17, 12($sp)
	lw	$18, 16($sp)
	lw	$19, 20($sp)
	lw	$20, 24($sp)
	lw	$21, 28($sp)
	lw	$22, 32($sp)
	lw	$23, 36($sp)
	lw	$30, 40($sp)
	jr	$31
	addiu	$sp, $sp, 96		# (delay slot) fn's result in v0
END(kc_stack_switch)

	.section .rodata
	.globl	kc_stack_switch_native
	.type	kc_stack_switch_native, @object
	.size	kc_stack_switch_native, 4
	.p2align 2
kc_stack_switch_native:
	.word	1			# this arch has a real routine

	.section .note.GNU-stack, "", %progbits
