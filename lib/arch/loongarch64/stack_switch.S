/*
 * void *kc_stack_switch(void *stack_top@a0, void *(*fn)(void *)@a1,
 *                       void *arg@a2, void **resume_sp@a3)
 *
 *	See x86_64/stack_switch.S for the contract.  LoongArch ELF psABI
 *	(LP64D): s0-s8, fp ($r22) and fs0-fs7 ($f24-$f31) are callee-saved;
 *	they are stored with ra in one 160-byte frame on the stack being
 *	left, whose sp goes to *resume_sp.  sp is 16-byte aligned at a call
 *	(psABI "The stack pointer ... must be aligned to 16 bytes"), so
 *	stack_top is rounded down to 16, and sp enters the new stack 16
 *	bytes below it (jirl pushes nothing: the slot x86_64's return address
 *	takes, see its header).  fp is zeroed on the new stack to end the
 *	frame chain.
 *
 *	Register map: stack_top @a0, fn @a1, arg @a2 -> fn's @a0,
 *	resume_sp @a3 kept in s0 (callee-saved, so fn preserves it).
 */
#include "asm.h"

ENTRY(kc_stack_switch)
	addi.d	$sp, $sp, -160		# ra, fp, s0-s8, fs0-fs7
	st.d	$ra, $sp, 0
	st.d	$fp, $sp, 8
	st.d	$s0, $sp, 16
	st.d	$s1, $sp, 24
	st.d	$s2, $sp, 32
	st.d	$s3, $sp, 40
	st.d	$s4, $sp, 48
	st.d	$s5, $sp, 56
	st.d	$s6, $sp, 64
	st.d	$s7, $sp, 72
	st.d	$s8, $sp, 80
	fst.d	$fs0, $sp, 88
	fst.d	$fs1, $sp, 96
	fst.d	$fs2, $sp, 104
	fst.d	$fs3, $sp, 112
	fst.d	$fs4, $sp, 120
	fst.d	$fs5, $sp, 128
	fst.d	$fs6, $sp, 136
	fst.d	$fs7, $sp, 144
	st.d	$sp, $a3, 0		# *resume_sp = where to come back
	move	$s0, $a3		# keep resume_sp across fn
	bstrins.d $a0, $zero, 3, 0	# align the new top down to 16
	addi.d	$sp, $a0, -16		# switch, sp below the top (header)
	move	$fp, $zero		# no frame chain into the old stack
	move	$a0, $a2		# fn(arg)
	jirl	$ra, $a1, 0
	ld.d	$sp, $s0, 0		# back, possibly to a moved copy
	fld.d	$fs0, $sp, 88
	fld.d	$fs1, $sp, 96
	fld.d	$fs2, $sp, 104
	fld.d	$fs3, $sp, 112
	fld.d	$fs4, $sp, 120
	fld.d	$fs5, $sp, 128
	fld.d	$fs6, $sp, 136
	fld.d	$fs7, $sp, 144
	ld.d	$ra, $sp, 0
	ld.d	$fp, $sp, 8
	ld.d	$s0, $sp, 16
	ld.d	$s1, $sp, 24
	ld.d	$s2, $sp, 32
	ld.d	$s3, $sp, 40
	ld.d	$s4, $sp, 48
	ld.d	$s5, $sp, 56
	ld.d	$s6, $sp, 64
	ld.d	$s7, $sp, 72
	ld.d	$s8, $sp, 80
	addi.d	$sp, $sp, 160
	jr	$ra			# fn's result in a0
END(kc_stack_switch)

	.section .rodata
	.globl	kc_stack_switch_native
	.type	kc_stack_switch_native, @object
	.size	kc_stack_switch_native, 4
	.p2align 2
kc_stack_switch_native:
	.word	1			# this arch has a real routine

	.section .note.GNU-stack, "", %progbits
