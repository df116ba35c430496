/*
 * Test mechanism for lib/arch/ppc64le/stack_switch.S (selftest only; ppc64
 * includes this file).  See x86_64/switch_probe.S for the contracts.
 *
 * unsigned kc_test_callee_saved(void *stack_top@r3,
 *                               void *(*fn)(void *)@r4, void **resume_sp@r5)
 *	Bits: 0-17 r14-r31, 18-31 f14-f27; f28-f31 also set bit 31 (the
 *	result is an unsigned).
 *
 * void *kc_test_entry_sp(void *arg@r3)
 *	Return r1 at entry (ELFv1/ELFv2: 16-byte aligned).
 */
#include "ppc64_func.h"

#define FRAME	448

/* reg = the 64-bit pattern hi:lo:hi:lo. */
#define PAT(reg, hi, lo)		\
	lis	reg, hi;		\
	ori	reg, reg, lo;		\
	rldimi	reg, reg, 32, 0

/* Compare reg with r5; set bit (capped at 31) in r3 if different. */
#define CHECK(reg, bit)			\
	cmpd	reg, 5;			\
	beq	1f;			\
	li	7, 1;			\
	sldi	7, 7, bit;	\
	or	3, 3, 7;		\
1:

PPC_ENTRY(kc_test_callee_saved)
	mflr	0
	std	0, 16(1)
	stdu	1, -FRAME(1)		# our caller's non-volatile registers
	std	14, 112(1)
	std	15, 120(1)
	std	16, 128(1)
	std	17, 136(1)
	std	18, 144(1)
	std	19, 152(1)
	std	20, 160(1)
	std	21, 168(1)
	std	22, 176(1)
	std	23, 184(1)
	std	24, 192(1)
	std	25, 200(1)
	std	26, 208(1)
	std	27, 216(1)
	std	28, 224(1)
	std	29, 232(1)
	std	30, 240(1)
	std	31, 248(1)
	stfd	14, 256(1)
	stfd	15, 264(1)
	stfd	16, 272(1)
	stfd	17, 280(1)
	stfd	18, 288(1)
	stfd	19, 296(1)
	stfd	20, 304(1)
	stfd	21, 312(1)
	stfd	22, 320(1)
	stfd	23, 328(1)
	stfd	24, 336(1)
	stfd	25, 344(1)
	stfd	26, 352(1)
	stfd	27, 360(1)
	stfd	28, 368(1)
	stfd	29, 376(1)
	stfd	30, 384(1)
	stfd	31, 392(1)
	std	2, 400(1)
	mr	6, 5			# resume_sp
	std	3, 424(1)		# keep stack_top and fn while loading
	std	4, 432(1)
	lis	14, 0x1000
	ori	14, 14, 0xefff
	rldimi	14, 14, 32, 0
	lis	15, 0x1101
	ori	15, 15, 0xeefe
	rldimi	15, 15, 32, 0
	lis	16, 0x1202
	ori	16, 16, 0xedfd
	rldimi	16, 16, 32, 0
	lis	17, 0x1303
	ori	17, 17, 0xecfc
	rldimi	17, 17, 32, 0
	lis	18, 0x1404
	ori	18, 18, 0xebfb
	rldimi	18, 18, 32, 0
	lis	19, 0x1505
	ori	19, 19, 0xeafa
	rldimi	19, 19, 32, 0
	lis	20, 0x1606
	ori	20, 20, 0xe9f9
	rldimi	20, 20, 32, 0
	lis	21, 0x1707
	ori	21, 21, 0xe8f8
	rldimi	21, 21, 32, 0
	lis	22, 0x1808
	ori	22, 22, 0xe7f7
	rldimi	22, 22, 32, 0
	lis	23, 0x1909
	ori	23, 23, 0xe6f6
	rldimi	23, 23, 32, 0
	lis	24, 0x1a0a
	ori	24, 24, 0xe5f5
	rldimi	24, 24, 32, 0
	lis	25, 0x1b0b
	ori	25, 25, 0xe4f4
	rldimi	25, 25, 32, 0
	lis	26, 0x1c0c
	ori	26, 26, 0xe3f3
	rldimi	26, 26, 32, 0
	lis	27, 0x1d0d
	ori	27, 27, 0xe2f2
	rldimi	27, 27, 32, 0
	lis	28, 0x1e0e
	ori	28, 28, 0xe1f1
	rldimi	28, 28, 32, 0
	lis	29, 0x1f0f
	ori	29, 29, 0xe0f0
	rldimi	29, 29, 32, 0
	lis	30, 0x2010
	ori	30, 30, 0xdfef
	rldimi	30, 30, 32, 0
	lis	31, 0x2111
	ori	31, 31, 0xdeee
	rldimi	31, 31, 32, 0
	PAT(5, 0x2212, 0xdded)
	std	5, 416(1)
	lfd	14, 416(1)
	PAT(5, 0x2313, 0xdcec)
	std	5, 416(1)
	lfd	15, 416(1)
	PAT(5, 0x2414, 0xdbeb)
	std	5, 416(1)
	lfd	16, 416(1)
	PAT(5, 0x2515, 0xdaea)
	std	5, 416(1)
	lfd	17, 416(1)
	PAT(5, 0x2616, 0xd9e9)
	std	5, 416(1)
	lfd	18, 416(1)
	PAT(5, 0x2717, 0xd8e8)
	std	5, 416(1)
	lfd	19, 416(1)
	PAT(5, 0x2818, 0xd7e7)
	std	5, 416(1)
	lfd	20, 416(1)
	PAT(5, 0x2919, 0xd6e6)
	std	5, 416(1)
	lfd	21, 416(1)
	PAT(5, 0x2a1a, 0xd5e5)
	std	5, 416(1)
	lfd	22, 416(1)
	PAT(5, 0x2b1b, 0xd4e4)
	std	5, 416(1)
	lfd	23, 416(1)
	PAT(5, 0x2c1c, 0xd3e3)
	std	5, 416(1)
	lfd	24, 416(1)
	PAT(5, 0x2d1d, 0xd2e2)
	std	5, 416(1)
	lfd	25, 416(1)
	PAT(5, 0x2e1e, 0xd1e1)
	std	5, 416(1)
	lfd	26, 416(1)
	PAT(5, 0x2f1f, 0xd0e0)
	std	5, 416(1)
	lfd	27, 416(1)
	PAT(5, 0x3020, 0xcfdf)
	std	5, 416(1)
	lfd	28, 416(1)
	PAT(5, 0x3121, 0xcede)
	std	5, 416(1)
	lfd	29, 416(1)
	PAT(5, 0x3222, 0xcddd)
	std	5, 416(1)
	lfd	30, 416(1)
	PAT(5, 0x3323, 0xccdc)
	std	5, 416(1)
	lfd	31, 416(1)
	ld	3, 424(1)		# kc_stack_switch(stack_top, fn,
	ld	4, 432(1)
	li	5, 0			#     NULL, resume_sp)
	bl	kc_stack_switch
	nop
	li	3, 0			# mask of registers that changed
	PAT(5, 0x1000, 0xefff)
	CHECK(14, 0)
	PAT(5, 0x1101, 0xeefe)
	CHECK(15, 1)
	PAT(5, 0x1202, 0xedfd)
	CHECK(16, 2)
	PAT(5, 0x1303, 0xecfc)
	CHECK(17, 3)
	PAT(5, 0x1404, 0xebfb)
	CHECK(18, 4)
	PAT(5, 0x1505, 0xeafa)
	CHECK(19, 5)
	PAT(5, 0x1606, 0xe9f9)
	CHECK(20, 6)
	PAT(5, 0x1707, 0xe8f8)
	CHECK(21, 7)
	PAT(5, 0x1808, 0xe7f7)
	CHECK(22, 8)
	PAT(5, 0x1909, 0xe6f6)
	CHECK(23, 9)
	PAT(5, 0x1a0a, 0xe5f5)
	CHECK(24, 10)
	PAT(5, 0x1b0b, 0xe4f4)
	CHECK(25, 11)
	PAT(5, 0x1c0c, 0xe3f3)
	CHECK(26, 12)
	PAT(5, 0x1d0d, 0xe2f2)
	CHECK(27, 13)
	PAT(5, 0x1e0e, 0xe1f1)
	CHECK(28, 14)
	PAT(5, 0x1f0f, 0xe0f0)
	CHECK(29, 15)
	PAT(5, 0x2010, 0xdfef)
	CHECK(30, 16)
	PAT(5, 0x2111, 0xdeee)
	CHECK(31, 17)
	PAT(5, 0x2212, 0xdded)
	stfd	14, 416(1)
	ld	6, 416(1)
	CHECK(6, 18)
	PAT(5, 0x2313, 0xdcec)
	stfd	15, 416(1)
	ld	6, 416(1)
	CHECK(6, 19)
	PAT(5, 0x2414, 0xdbeb)
	stfd	16, 416(1)
	ld	6, 416(1)
	CHECK(6, 20)
	PAT(5, 0x2515, 0xdaea)
	stfd	17, 416(1)
	ld	6, 416(1)
	CHECK(6, 21)
	PAT(5, 0x2616, 0xd9e9)
	stfd	18, 416(1)
	ld	6, 416(1)
	CHECK(6, 22)
	PAT(5, 0x2717, 0xd8e8)
	stfd	19, 416(1)
	ld	6, 416(1)
	CHECK(6, 23)
	PAT(5, 0x2818, 0xd7e7)
	stfd	20, 416(1)
	ld	6, 416(1)
	CHECK(6, 24)
	PAT(5, 0x2919, 0xd6e6)
	stfd	21, 416(1)
	ld	6, 416(1)
	CHECK(6, 25)
	PAT(5, 0x2a1a, 0xd5e5)
	stfd	22, 416(1)
	ld	6, 416(1)
	CHECK(6, 26)
	PAT(5, 0x2b1b, 0xd4e4)
	stfd	23, 416(1)
	ld	6, 416(1)
	CHECK(6, 27)
	PAT(5, 0x2c1c, 0xd3e3)
	stfd	24, 416(1)
	ld	6, 416(1)
	CHECK(6, 28)
	PAT(5, 0x2d1d, 0xd2e2)
	stfd	25, 416(1)
	ld	6, 416(1)
	CHECK(6, 29)
	PAT(5, 0x2e1e, 0xd1e1)
	stfd	26, 416(1)
	ld	6, 416(1)
	CHECK(6, 30)
	PAT(5, 0x2f1f, 0xd0e0)
	stfd	27, 416(1)
	ld	6, 416(1)
	CHECK(6, 31)
	PAT(5, 0x3020, 0xcfdf)
	stfd	28, 416(1)
	ld	6, 416(1)
	CHECK(6, 31)
	PAT(5, 0x3121, 0xcede)
	stfd	29, 416(1)
	ld	6, 416(1)
	CHECK(6, 31)
	PAT(5, 0x3222, 0xcddd)
	stfd	30, 416(1)
	ld	6, 416(1)
	CHECK(6, 31)
	PAT(5, 0x3323, 0xccdc)
	stfd	31, 416(1)
	ld	6, 416(1)
	CHECK(6, 31)
	clrldi	3, 3, 32
	ld	2, 400(1)
	lfd	14, 256(1)
	lfd	15, 264(1)
	lfd	16, 272(1)
	lfd	17, 280(1)
	lfd	18, 288(1)
	lfd	19, 296(1)
	lfd	20, 304(1)
	lfd	21, 312(1)
	lfd	22, 320(1)
	lfd	23, 328(1)
	lfd	24, 336(1)
	lfd	25, 344(1)
	lfd	26, 352(1)
	lfd	27, 360(1)
	lfd	28, 368(1)
	lfd	29, 376(1)
	lfd	30, 384(1)
	lfd	31, 392(1)
	ld	14, 112(1)
	ld	15, 120(1)
	ld	16, 128(1)
	ld	17, 136(1)
	ld	18, 144(1)
	ld	19, 152(1)
	ld	20, 160(1)
	ld	21, 168(1)
	ld	22, 176(1)
	ld	23, 184(1)
	ld	24, 192(1)
	ld	25, 200(1)
	ld	26, 208(1)
	ld	27, 216(1)
	ld	28, 224(1)
	ld	29, 232(1)
	ld	30, 240(1)
	ld	31, 248(1)
	addi	1, 1, FRAME
	ld	0, 16(1)
	mtlr	0
	blr
PPC_END(kc_test_callee_saved)

PPC_ENTRY(kc_test_entry_sp)
	mr	3, 1			# r1 at entry
	blr
PPC_END(kc_test_entry_sp)

	.section .rodata
	.globl	kc_switch_probe_native
	.type	kc_switch_probe_native, @object
	.size	kc_switch_probe_native, 4
	.p2align 2
kc_switch_probe_native:
	.long	1			# this arch has the probes

	.section .note.GNU-stack, "", %progbits
