/*
 * Test mechanism for lib/arch/arm/stack_switch.S (selftest only).
 * See x86_64/switch_probe.S for the contracts.
 *
 * unsigned kc_test_callee_saved(void *stack_top@r0,
 *                               void *(*fn)(void *)@r1, void **resume_sp@r2)
 *	Bits: 0-7 r4-r11, 8-15 d8-d15.
 *
 * void *kc_test_entry_sp(void *arg@r0)
 *	Return sp at entry (AAPCS: 8-byte aligned).
 */
#include "asm.h"

	.syntax	unified
	.arm

/* Compare reg with the 32-bit pattern pat (via r12); set bit in r0 if different. */
#define CHECK(reg, pat, bit)		\
	ldr	r12, =pat;		\
	cmp	reg, r12;		\
	orrne	r0, r0, #(1 << bit)

/* Same for a d register (both halves hold pat). */
#define CHECKD(dreg, pat, bit)		\
	vmov	r2, r3, dreg;		\
	ldr	r12, =pat;		\
	cmp	r2, r12;		\
	cmpeq	r3, r12;		\
	orrne	r0, r0, #(1 << bit)

#define LOADD(dreg, pat)		\
	ldr	r12, =pat;		\
	vmov	dreg, r12, r12

ENTRY(kc_test_callee_saved)
	push	{r4-r12, lr}		@ our caller's callee-saved registers
	vpush	{d8-d15}
	mov	r3, r2			@ resume_sp
	mov	r2, #0			@ arg = NULL
	LOADD(d8, 0x08080808)		@ the patterns
	LOADD(d9, 0x09090909)
	LOADD(d10, 0x10101010)
	LOADD(d11, 0x11111111)
	LOADD(d12, 0x12121212)
	LOADD(d13, 0x13131313)
	LOADD(d14, 0x14141414)
	LOADD(d15, 0x15151515)
	ldr	r4, =0x04040404
	ldr	r5, =0x05050505
	ldr	r6, =0x06060606
	ldr	r7, =0x07070707
	ldr	r8, =0x18181818
	ldr	r9, =0x19191919
	ldr	r10, =0x1a1a1a1a
	ldr	r11, =0x1b1b1b1b
	bl	kc_stack_switch
	mov	r0, #0			@ mask of registers that changed
	CHECK(r4, 0x04040404, 0)
	CHECK(r5, 0x05050505, 1)
	CHECK(r6, 0x06060606, 2)
	CHECK(r7, 0x07070707, 3)
	CHECK(r8, 0x18181818, 4)
	CHECK(r9, 0x19191919, 5)
	CHECK(r10, 0x1a1a1a1a, 6)
	CHECK(r11, 0x1b1b1b1b, 7)
	CHECKD(d8, 0x08080808, 8)
	CHECKD(d9, 0x09090909, 9)
	CHECKD(d10, 0x10101010, 10)
	CHECKD(d11, 0x11111111, 11)
	CHECKD(d12, 0x12121212, 12)
	CHECKD(d13, 0x13131313, 13)
	CHECKD(d14, 0x14141414, 14)
	CHECKD(d15, 0x15151515, 15)
	vpop	{d8-d15}
	pop	{r4-r12, pc}
	.ltorg
END(kc_test_callee_saved)

ENTRY(kc_test_entry_sp)
	mov	r0, sp			@ sp at entry
	bx	lr
END(kc_test_entry_sp)

	.section .rodata
	.globl	kc_switch_probe_native
	.type	kc_switch_probe_native, %object
	.size	kc_switch_probe_native, 4
	.p2align 2
kc_switch_probe_native:
	.long	1			@ this arch has the probes

	.section .note.GNU-stack, "", %progbits
