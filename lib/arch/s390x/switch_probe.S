/*
 * Test mechanism for lib/arch/s390x/stack_switch.S (selftest only).
 * See x86_64/switch_probe.S for the contracts.
 *
 * unsigned kc_test_callee_saved(void *stack_top@r2,
 *                               void *(*fn)(void *)@r3, void **resume_sp@r4)
 *	Bits: 0-7 r6-r13, 8-15 f8-f15.
 *
 * void *kc_test_entry_sp(void *arg@r2)
 *	Return r15 at entry (ABI: 8-byte aligned).
 */
#include "asm.h"

#define FRAME	224

/* Compare reg with pattern number n; set bit in r2 if different (uses r0, r1). */
#define CHECK(reg, n, bit)		\
	larl	%r1, .Lpat;		\
	clg	reg, (8 * n)(%r1);	\
	je	1f;			\
	oill	%r2, (1 << bit);	\
1:

#define CHECKF(freg, n, bit)		\
	lgdr	%r0, freg;		\
	CHECK(%r0, n, bit)

ENTRY(kc_test_callee_saved)
	stmg	%r6, %r15, 48(%r15)	# our caller's callee-saved registers
	aghi	%r15, -FRAME
	std	%f8, 160(%r15)
	std	%f9, 168(%r15)
	std	%f10, 176(%r15)
	std	%f11, 184(%r15)
	std	%f12, 192(%r15)
	std	%f13, 200(%r15)
	std	%f14, 208(%r15)
	std	%f15, 216(%r15)
	lgr	%r5, %r4		# resume_sp
	lghi	%r4, 0			# arg = NULL
	larl	%r1, .Lpat		# the patterns
	lmg	%r6, %r13, 0(%r1)
	ld	%f8, 64(%r1)
	ld	%f9, 72(%r1)
	ld	%f10, 80(%r1)
	ld	%f11, 88(%r1)
	ld	%f12, 96(%r1)
	ld	%f13, 104(%r1)
	ld	%f14, 112(%r1)
	ld	%f15, 120(%r1)
	brasl	%r14, kc_stack_switch
	lghi	%r2, 0			# mask of registers that changed
	CHECK(%r6, 0, 0)
	CHECK(%r7, 1, 1)
	CHECK(%r8, 2, 2)
	CHECK(%r9, 3, 3)
	CHECK(%r10, 4, 4)
	CHECK(%r11, 5, 5)
	CHECK(%r12, 6, 6)
	CHECK(%r13, 7, 7)
	CHECKF(%f8, 8, 8)
	CHECKF(%f9, 9, 9)
	CHECKF(%f10, 10, 10)
	CHECKF(%f11, 11, 11)
	CHECKF(%f12, 12, 12)
	CHECKF(%f13, 13, 13)
	CHECKF(%f14, 14, 14)
	CHECKF(%f15, 15, 15)
	ld	%f8, 160(%r15)
	ld	%f9, 168(%r15)
	ld	%f10, 176(%r15)
	ld	%f11, 184(%r15)
	ld	%f12, 192(%r15)
	ld	%f13, 200(%r15)
	ld	%f14, 208(%r15)
	ld	%f15, 216(%r15)
	aghi	%r15, FRAME
	lmg	%r6, %r15, 48(%r15)
	br	%r14
END(kc_test_callee_saved)

ENTRY(kc_test_entry_sp)
	lgr	%r2, %r15		# r15 at entry
	br	%r14
END(kc_test_entry_sp)

	.section .rodata
	.p2align 3
.Lpat:
	.quad	0x0606060606060606, 0x0707070707070707, 0x0808080808080808
	.quad	0x0909090909090909, 0x1010101010101010, 0x1111111111111111
	.quad	0x1212121212121212, 0x1313131313131313
	.quad	0x2828282828282828, 0x2929292929292929, 0x3030303030303030
	.quad	0x3131313131313131, 0x3232323232323232, 0x3333333333333333
	.quad	0x3434343434343434, 0x3535353535353535

	.section .rodata
	.globl	kc_switch_probe_native
	.type	kc_switch_probe_native, @object
	.size	kc_switch_probe_native, 4
	.p2align 2
kc_switch_probe_native:
	.long	1			# this arch has the probes

	.section .note.GNU-stack, "", %progbits
