/*
 * Test mechanism for lib/arch/mipsel/stack_switch.S (selftest only; mips
 * includes this file).  See x86_64/switch_probe.S for the contracts.
 *
 * unsigned kc_test_callee_saved(void *stack_top@a0,
 *                               void *(*fn)(void *)@a1, void **resume_sp@a2)
 *	Bits: 0-7 s0-s7, 8 fp, 9-14 $f20-$f30 (even, as doubles).
 *
 * void *kc_test_entry_sp(void *arg@a0)
 *	Return sp at entry (o32: 8-byte aligned).
 */
#include "asm.h"

	.set	noreorder

#define FRAME	120

/* Compare reg with $12; set bit in v0 if different. */
#define CHECK(reg, bit)			\
	beq	reg, $12, 1f;		\
	nop;				\
	li	$14, 1 << (bit);	\
	or	$2, $2, $14;		\
1:

ENTRY(kc_test_callee_saved)
	.cpload	$25			# gp for the GOT call below: must come first,
					# t9 = this address (o32 PIC; gp is
					# caller-restored in o32, so no save)
	addiu	$sp, $sp, -FRAME	# our caller's callee-saved registers
	sw	$31, 16($sp)
	sw	$28, 20($sp)
	sw	$16, 24($sp)
	sw	$17, 28($sp)
	sw	$18, 32($sp)
	sw	$19, 36($sp)
	sw	$20, 40($sp)
	sw	$21, 44($sp)
	sw	$22, 48($sp)
	sw	$23, 52($sp)
	sw	$30, 56($sp)
	sdc1	$f20, 64($sp)
	sdc1	$f22, 72($sp)
	sdc1	$f24, 80($sp)
	sdc1	$f26, 88($sp)
	sdc1	$f28, 96($sp)
	sdc1	$f30, 104($sp)
	move	$7, $6			# resume_sp
	move	$6, $0			# arg = NULL
	li	$16, 0x10101010
	li	$17, 0x11111111
	li	$18, 0x12121212
	li	$19, 0x13131313
	li	$20, 0x14141414
	li	$21, 0x15151515
	li	$22, 0x16161616
	li	$23, 0x17171717
	li	$30, 0x18181818
	li	$12, 0x30303030
	sw	$12, 112($sp)
	sw	$12, 116($sp)
	ldc1	$f20, 112($sp)
	li	$12, 0x31313131
	sw	$12, 112($sp)
	sw	$12, 116($sp)
	ldc1	$f22, 112($sp)
	li	$12, 0x32323232
	sw	$12, 112($sp)
	sw	$12, 116($sp)
	ldc1	$f24, 112($sp)
	li	$12, 0x33333333
	sw	$12, 112($sp)
	sw	$12, 116($sp)
	ldc1	$f26, 112($sp)
	li	$12, 0x34343434
	sw	$12, 112($sp)
	sw	$12, 116($sp)
	ldc1	$f28, 112($sp)
	li	$12, 0x35353535
	sw	$12, 112($sp)
	sw	$12, 116($sp)
	ldc1	$f30, 112($sp)
	la	$25, kc_stack_switch
	jalr	$25
	nop
	move	$2, $0			# mask of registers that changed
	li	$12, 0x10101010
	CHECK($16, 0)
	li	$12, 0x11111111
	CHECK($17, 1)
	li	$12, 0x12121212
	CHECK($18, 2)
	li	$12, 0x13131313
	CHECK($19, 3)
	li	$12, 0x14141414
	CHECK($20, 4)
	li	$12, 0x15151515
	CHECK($21, 5)
	li	$12, 0x16161616
	CHECK($22, 6)
	li	$12, 0x17171717
	CHECK($23, 7)
	li	$12, 0x18181818
	CHECK($30, 8)
	sdc1	$f20, 112($sp)
	li	$12, 0x30303030
	lw	$13, 112($sp)
	CHECK($13, 9)
	lw	$13, 116($sp)
	CHECK($13, 9)
	sdc1	$f22, 112($sp)
	li	$12, 0x31313131
	lw	$13, 112($sp)
	CHECK($13, 10)
	lw	$13, 116($sp)
	CHECK($13, 10)
	sdc1	$f24, 112($sp)
	li	$12, 0x32323232
	lw	$13, 112($sp)
	CHECK($13, 11)
	lw	$13, 116($sp)
	CHECK($13, 11)
	sdc1	$f26, 112($sp)
	li	$12, 0x33333333
	lw	$13, 112($sp)
	CHECK($13, 12)
	lw	$13, 116($sp)
	CHECK($13, 12)
	sdc1	$f28, 112($sp)
	li	$12, 0x34343434
	lw	$13, 112($sp)
	CHECK($13, 13)
	lw	$13, 116($sp)
	CHECK($13, 13)
	sdc1	$f30, 112($sp)
	li	$12, 0x35353535
	lw	$13, 112($sp)
	CHECK($13, 14)
	lw	$13, 116($sp)
	CHECK($13, 14)
	ldc1	$f20, 64($sp)
	ldc1	$f22, 72($sp)
	ldc1	$f24, 80($sp)
	ldc1	$f26, 88($sp)
	ldc1	$f28, 96($sp)
	ldc1	$f30, 104($sp)
	lw	$31, 16($sp)
	lw	$28, 20($sp)
	lw	$16, 24($sp)
	lw	$17, 28($sp)
	lw	$18, 32($sp)
	lw	$19, 36($sp)
	lw	$20, 40($sp)
	lw	$21, 44($sp)
	lw	$22, 48($sp)
	lw	$23, 52($sp)
	lw	$30, 56($sp)
	jr	$31
	addiu	$sp, $sp, FRAME
END(kc_test_callee_saved)

ENTRY(kc_test_entry_sp)
	jr	$31
	move	$2, $sp			# (delay slot) sp at entry
END(kc_test_entry_sp)

	.section .rodata
	.globl	kc_switch_probe_native
	.type	kc_switch_probe_native, @object
	.size	kc_switch_probe_native, 4
	.p2align 2
kc_switch_probe_native:
	.word	1			# this arch has the probes

	.section .note.GNU-stack, "", %progbits
