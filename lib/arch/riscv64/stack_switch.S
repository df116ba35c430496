/*
 * void *kc_stack_switch(void *stack_top@a0, void *(*fn)(void *)@a1,
 *                       void *arg@a2, void **resume_sp@a3)
 *
 *	See x86_64/stack_switch.S for the contract.  RISC-V psABI callee-saved
 *	registers are s0-s11 and, with the D extension (rv64gc, Debian's
 *	riscv64 baseline), fs0-fs11; they are stored with ra in one 208-byte
 *	frame on the stack being left, whose sp goes to *resume_sp.  sp is
 *	16-byte aligned at every call (RISC-V psABI "Integer Calling
 *	Convention": "the stack pointer shall be aligned to a 128-bit
 *	boundary upon procedure entry"), so stack_top is rounded down to 16,
 *	and sp enters the new stack 16 bytes below it (jalr pushes nothing:
 *	the slot x86_64's return address takes, see its header).
 *	s0 (the frame pointer) is zeroed on the new stack to end the frame
 *	chain.
 *
 *	Register map: stack_top @a0, fn @a1, arg @a2 -> fn's @a0,
 *	resume_sp @a3 kept in s1 (callee-saved, so fn preserves it).
 */
#include "asm.h"

ENTRY(kc_stack_switch)
	addi	sp, sp, -208		# ra, s0-s11, fs0-fs11 (16-aligned frame)
	sd	ra, 0(sp)
	sd	s0, 8(sp)
	sd	s1, 16(sp)
	sd	s2, 24(sp)
	sd	s3, 32(sp)
	sd	s4, 40(sp)
	sd	s5, 48(sp)
	sd	s6, 56(sp)
	sd	s7, 64(sp)
	sd	s8, 72(sp)
	sd	s9, 80(sp)
	sd	s10, 88(sp)
	sd	s11, 96(sp)
	fsd	fs0, 104(sp)
	fsd	fs1, 112(sp)
	fsd	fs2, 120(sp)
	fsd	fs3, 128(sp)
	fsd	fs4, 136(sp)
	fsd	fs5, 144(sp)
	fsd	fs6, 152(sp)
	fsd	fs7, 160(sp)
	fsd	fs8, 168(sp)
	fsd	fs9, 176(sp)
	fsd	fs10, 184(sp)
	fsd	fs11, 192(sp)
	sd	sp, 0(a3)		# *resume_sp = where to come back
	mv	s1, a3			# keep resume_sp across fn
	andi	a0, a0, -16		# align the new top down to 16
	addi	sp, a0, -16		# switch, sp below the top (header)
	li	s0, 0			# no frame chain into the old stack
	mv	a0, a2			# fn(arg)
	jalr	a1
	ld	sp, 0(s1)		# back, possibly to a moved copy
	fld	fs0, 104(sp)
	fld	fs1, 112(sp)
	fld	fs2, 120(sp)
	fld	fs3, 128(sp)
	fld	fs4, 136(sp)
	fld	fs5, 144(sp)
	fld	fs6, 152(sp)
	fld	fs7, 160(sp)
	fld	fs8, 168(sp)
	fld	fs9, 176(sp)
	fld	fs10, 184(sp)
	fld	fs11, 192(sp)
	ld	ra, 0(sp)
	ld	s0, 8(sp)
	ld	s1, 16(sp)
	ld	s2, 24(sp)
	ld	s3, 32(sp)
	ld	s4, 40(sp)
	ld	s5, 48(sp)
	ld	s6, 56(sp)
	ld	s7, 64(sp)
	ld	s8, 72(sp)
	ld	s9, 80(sp)
	ld	s10, 88(sp)
	ld	s11, 96(sp)
	addi	sp, sp, 208
	ret				# fn's result in a0
END(kc_stack_switch)

	.section .rodata
	.globl	kc_stack_switch_native
	.type	kc_stack_switch_native, @object
	.size	kc_stack_switch_native, 4
	.p2align 2
kc_stack_switch_native:
	.word	1			# this arch has a real routine

	.section .note.GNU-stack, "", %progbits
