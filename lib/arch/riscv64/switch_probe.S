/*
 * Test mechanism for lib/arch/riscv64/stack_switch.S (selftest only).
 * See x86_64/switch_probe.S for the contracts.
 *
 * unsigned kc_test_callee_saved(void *stack_top@a0,
 *                               void *(*fn)(void *)@a1, void **resume_sp@a2)
 *	Bits: 0-11 s0-s11, 12-23 fs0-fs11.
 *
 * void *kc_test_entry_sp(void *arg@a0)
 *	Return sp at entry (psABI: 16-byte aligned).
 */
#include "asm.h"

/* Compare reg with the 64-bit pattern pat (via t0); set bit in a0 if different. */
#define CHECK(reg, pat, bit)		\
	li	t0, pat;		\
	beq	reg, t0, 1f;		\
	li	t1, 1 << bit;		\
	or	a0, a0, t1;		\
1:

/* Same for an f register (moved to t2 first). */
#define CHECKF(freg, pat, bit)		\
	fmv.x.d	t2, freg;		\
	CHECK(t2, pat, bit)

ENTRY(kc_test_callee_saved)
	addi	sp, sp, -208		# our caller's callee-saved registers
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
	mv	a3, a2			# resume_sp
	li	a2, 0			# arg = NULL
	li	s0, 0x2020202020202020
	li	s1, 0x2121212121212121
	li	s2, 0x2222222222222222
	li	s3, 0x2323232323232323
	li	s4, 0x2424242424242424
	li	s5, 0x2525252525252525
	li	s6, 0x2626262626262626
	li	s7, 0x2727272727272727
	li	s8, 0x2828282828282828
	li	s9, 0x2929292929292929
	li	s10, 0x2a2a2a2a2a2a2a2a
	li	s11, 0x2b2b2b2b2b2b2b2b
	li	t0, 0x4040404040404040
	fmv.d.x	fs0, t0
	li	t0, 0x4141414141414141
	fmv.d.x	fs1, t0
	li	t0, 0x4242424242424242
	fmv.d.x	fs2, t0
	li	t0, 0x4343434343434343
	fmv.d.x	fs3, t0
	li	t0, 0x4444444444444444
	fmv.d.x	fs4, t0
	li	t0, 0x4545454545454545
	fmv.d.x	fs5, t0
	li	t0, 0x4646464646464646
	fmv.d.x	fs6, t0
	li	t0, 0x4747474747474747
	fmv.d.x	fs7, t0
	li	t0, 0x4848484848484848
	fmv.d.x	fs8, t0
	li	t0, 0x4949494949494949
	fmv.d.x	fs9, t0
	li	t0, 0x4a4a4a4a4a4a4a4a
	fmv.d.x	fs10, t0
	li	t0, 0x4b4b4b4b4b4b4b4b
	fmv.d.x	fs11, t0
	call	kc_stack_switch
	li	a0, 0			# mask of registers that changed
	CHECK(s0, 0x2020202020202020, 0)
	CHECK(s1, 0x2121212121212121, 1)
	CHECK(s2, 0x2222222222222222, 2)
	CHECK(s3, 0x2323232323232323, 3)
	CHECK(s4, 0x2424242424242424, 4)
	CHECK(s5, 0x2525252525252525, 5)
	CHECK(s6, 0x2626262626262626, 6)
	CHECK(s7, 0x2727272727272727, 7)
	CHECK(s8, 0x2828282828282828, 8)
	CHECK(s9, 0x2929292929292929, 9)
	CHECK(s10, 0x2a2a2a2a2a2a2a2a, 10)
	CHECK(s11, 0x2b2b2b2b2b2b2b2b, 11)
	CHECKF(fs0, 0x4040404040404040, 12)
	CHECKF(fs1, 0x4141414141414141, 13)
	CHECKF(fs2, 0x4242424242424242, 14)
	CHECKF(fs3, 0x4343434343434343, 15)
	CHECKF(fs4, 0x4444444444444444, 16)
	CHECKF(fs5, 0x4545454545454545, 17)
	CHECKF(fs6, 0x4646464646464646, 18)
	CHECKF(fs7, 0x4747474747474747, 19)
	CHECKF(fs8, 0x4848484848484848, 20)
	CHECKF(fs9, 0x4949494949494949, 21)
	CHECKF(fs10, 0x4a4a4a4a4a4a4a4a, 22)
	CHECKF(fs11, 0x4b4b4b4b4b4b4b4b, 23)
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
	ret
END(kc_test_callee_saved)

ENTRY(kc_test_entry_sp)
	mv	a0, sp			# sp at entry
	ret
END(kc_test_entry_sp)

	.section .rodata
	.globl	kc_switch_probe_native
	.type	kc_switch_probe_native, @object
	.size	kc_switch_probe_native, 4
	.p2align 2
kc_switch_probe_native:
	.word	1			# this arch has the probes

	.section .note.GNU-stack, "", %progbits
