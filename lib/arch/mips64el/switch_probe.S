/*
 * Test mechanism for lib/arch/mips64el/stack_switch.S (selftest only;
 * mips64 includes this file).  See x86_64/switch_probe.S for the contracts.
 *
 * unsigned kc_test_callee_saved(void *stack_top@a0,
 *                               void *(*fn)(void *)@a1, void **resume_sp@a2)
 *	Bits: 0-7 s0-s7, 8 fp, 9-16 $f24-$f31; 17 gp.
 *
 * void *kc_test_entry_sp(void *arg@a0)
 *	Return sp at entry (n64: 16-byte aligned).
 */
#include "asm.h"

	.set	noreorder

#define FRAME	176

/* Compare reg with $12; set bit in v0 if different. */
#define CHECK(reg, bit)			\
	beq	reg, $12, 1f;		\
	nop;				\
	li	$14, 1 << (bit);	\
	or	$2, $2, $14;		\
1:

ENTRY(kc_test_callee_saved)
	daddiu	$sp, $sp, -FRAME	# our caller's callee-saved registers
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
	.cpsetup $25, 160, kc_test_callee_saved	# gp for the GOT call below
	sd	$28, 168($sp)		# gp as set up, to compare after
	move	$7, $6			# resume_sp
	move	$6, $0			# arg = NULL
	li	$16, 0x10101010
	dsll	$16, $16, 32
	ori	$16, $16, 0x1010
	li	$17, 0x11111111
	dsll	$17, $17, 32
	ori	$17, $17, 0x1111
	li	$18, 0x12121212
	dsll	$18, $18, 32
	ori	$18, $18, 0x1212
	li	$19, 0x13131313
	dsll	$19, $19, 32
	ori	$19, $19, 0x1313
	li	$20, 0x14141414
	dsll	$20, $20, 32
	ori	$20, $20, 0x1414
	li	$21, 0x15151515
	dsll	$21, $21, 32
	ori	$21, $21, 0x1515
	li	$22, 0x16161616
	dsll	$22, $22, 32
	ori	$22, $22, 0x1616
	li	$23, 0x17171717
	dsll	$23, $23, 32
	ori	$23, $23, 0x1717
	li	$30, 0x18181818
	dsll	$30, $30, 32
	ori	$30, $30, 0x1818
	li	$12, 0x30303030
	dsll	$12, $12, 32
	ori	$12, $12, 0x3030
	dmtc1	$12, $f24
	li	$12, 0x31313131
	dsll	$12, $12, 32
	ori	$12, $12, 0x3131
	dmtc1	$12, $f25
	li	$12, 0x32323232
	dsll	$12, $12, 32
	ori	$12, $12, 0x3232
	dmtc1	$12, $f26
	li	$12, 0x33333333
	dsll	$12, $12, 32
	ori	$12, $12, 0x3333
	dmtc1	$12, $f27
	li	$12, 0x34343434
	dsll	$12, $12, 32
	ori	$12, $12, 0x3434
	dmtc1	$12, $f28
	li	$12, 0x35353535
	dsll	$12, $12, 32
	ori	$12, $12, 0x3535
	dmtc1	$12, $f29
	li	$12, 0x36363636
	dsll	$12, $12, 32
	ori	$12, $12, 0x3636
	dmtc1	$12, $f30
	li	$12, 0x37373737
	dsll	$12, $12, 32
	ori	$12, $12, 0x3737
	dmtc1	$12, $f31
	dla	$25, kc_stack_switch
	jalr	$25
	nop
	move	$2, $0			# mask of registers that changed
	li	$12, 0x10101010
	dsll	$12, $12, 32
	ori	$12, $12, 0x1010
	CHECK($16, 0)
	li	$12, 0x11111111
	dsll	$12, $12, 32
	ori	$12, $12, 0x1111
	CHECK($17, 1)
	li	$12, 0x12121212
	dsll	$12, $12, 32
	ori	$12, $12, 0x1212
	CHECK($18, 2)
	li	$12, 0x13131313
	dsll	$12, $12, 32
	ori	$12, $12, 0x1313
	CHECK($19, 3)
	li	$12, 0x14141414
	dsll	$12, $12, 32
	ori	$12, $12, 0x1414
	CHECK($20, 4)
	li	$12, 0x15151515
	dsll	$12, $12, 32
	ori	$12, $12, 0x1515
	CHECK($21, 5)
	li	$12, 0x16161616
	dsll	$12, $12, 32
	ori	$12, $12, 0x1616
	CHECK($22, 6)
	li	$12, 0x17171717
	dsll	$12, $12, 32
	ori	$12, $12, 0x1717
	CHECK($23, 7)
	li	$12, 0x18181818
	dsll	$12, $12, 32
	ori	$12, $12, 0x1818
	CHECK($30, 8)
	li	$12, 0x30303030
	dsll	$12, $12, 32
	ori	$12, $12, 0x3030
	dmfc1	$13, $f24
	CHECK($13, 9)
	li	$12, 0x31313131
	dsll	$12, $12, 32
	ori	$12, $12, 0x3131
	dmfc1	$13, $f25
	CHECK($13, 10)
	li	$12, 0x32323232
	dsll	$12, $12, 32
	ori	$12, $12, 0x3232
	dmfc1	$13, $f26
	CHECK($13, 11)
	li	$12, 0x33333333
	dsll	$12, $12, 32
	ori	$12, $12, 0x3333
	dmfc1	$13, $f27
	CHECK($13, 12)
	li	$12, 0x34343434
	dsll	$12, $12, 32
	ori	$12, $12, 0x3434
	dmfc1	$13, $f28
	CHECK($13, 13)
	li	$12, 0x35353535
	dsll	$12, $12, 32
	ori	$12, $12, 0x3535
	dmfc1	$13, $f29
	CHECK($13, 14)
	li	$12, 0x36363636
	dsll	$12, $12, 32
	ori	$12, $12, 0x3636
	dmfc1	$13, $f30
	CHECK($13, 15)
	li	$12, 0x37373737
	dsll	$12, $12, 32
	ori	$12, $12, 0x3737
	dmfc1	$13, $f31
	CHECK($13, 16)
	ld	$12, 168($sp)
	CHECK($28, 17)
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
	daddiu	$sp, $sp, FRAME
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
