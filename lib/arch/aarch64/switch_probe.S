/*
 * Test mechanism for lib/arch/aarch64/stack_switch.S (selftests; C side: lib/kc_switch_probe.h).
 * See x86_64/switch_probe.S for the contracts.
 *
 * unsigned kc_test_callee_saved(void *stack_top@x0,
 *                               void *(*fn)(void *)@x1, void **resume_sp@x2)
 *	Bits: 0-9 x19-x28, 10 x29, 11-18 d8-d15.
 *
 * void *kc_test_entry_sp(void *arg@x0)
 *	Return sp at entry (AAPCS64: always 16-byte aligned).
 */
#include "asm.h"

/* Compare reg with the 64-bit pattern pat (via x9); set bit in w0 if different. */
#define CHECK(reg, pat, bit)		\
	ldr	x9, =pat;		\
	cmp	reg, x9;		\
	b.eq	1f;			\
	orr	w0, w0, #(1 << bit);	\
1:

/* Same for a d register (moved to x10 first). */
#define CHECKD(dreg, pat, bit)		\
	fmov	x10, dreg;		\
	CHECK(x10, pat, bit)

ENTRY(kc_test_callee_saved)
	stp	x29, x30, [sp, #-160]!	// our caller's callee-saved registers
	mov	x29, sp
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	stp	d8, d9, [sp, #96]
	stp	d10, d11, [sp, #112]
	stp	d12, d13, [sp, #128]
	stp	d14, d15, [sp, #144]
	mov	x3, x2			// resume_sp
	mov	x2, xzr			// arg = NULL
	ldr	x19, =0x1313131313131319	// the patterns
	ldr	x20, =0x2020202020202020
	ldr	x21, =0x2121212121212121
	ldr	x22, =0x2222222222222222
	ldr	x23, =0x2323232323232323
	ldr	x24, =0x2424242424242424
	ldr	x25, =0x2525252525252525
	ldr	x26, =0x2626262626262626
	ldr	x27, =0x2727272727272727
	ldr	x28, =0x2828282828282828
	ldr	x9, =0x0808080808080808
	fmov	d8, x9
	ldr	x9, =0x0909090909090909
	fmov	d9, x9
	ldr	x9, =0x1010101010101010
	fmov	d10, x9
	ldr	x9, =0x1111111111111111
	fmov	d11, x9
	ldr	x9, =0x1212121212121212
	fmov	d12, x9
	ldr	x9, =0x1313131313131313
	fmov	d13, x9
	ldr	x9, =0x1414141414141414
	fmov	d14, x9
	ldr	x9, =0x1515151515151515
	fmov	d15, x9
	ldr	x29, =0x2929292929292929
	bl	kc_stack_switch
	mov	w0, wzr			// mask of registers that changed
	CHECK(x19, 0x1313131313131319, 0)
	CHECK(x20, 0x2020202020202020, 1)
	CHECK(x21, 0x2121212121212121, 2)
	CHECK(x22, 0x2222222222222222, 3)
	CHECK(x23, 0x2323232323232323, 4)
	CHECK(x24, 0x2424242424242424, 5)
	CHECK(x25, 0x2525252525252525, 6)
	CHECK(x26, 0x2626262626262626, 7)
	CHECK(x27, 0x2727272727272727, 8)
	CHECK(x28, 0x2828282828282828, 9)
	CHECK(x29, 0x2929292929292929, 10)
	CHECKD(d8, 0x0808080808080808, 11)
	CHECKD(d9, 0x0909090909090909, 12)
	CHECKD(d10, 0x1010101010101010, 13)
	CHECKD(d11, 0x1111111111111111, 14)
	CHECKD(d12, 0x1212121212121212, 15)
	CHECKD(d13, 0x1313131313131313, 16)
	CHECKD(d14, 0x1414141414141414, 17)
	CHECKD(d15, 0x1515151515151515, 18)
	ldp	d14, d15, [sp, #144]
	ldp	d12, d13, [sp, #128]
	ldp	d10, d11, [sp, #112]
	ldp	d8, d9, [sp, #96]
	ldp	x27, x28, [sp, #80]
	ldp	x25, x26, [sp, #64]
	ldp	x23, x24, [sp, #48]
	ldp	x21, x22, [sp, #32]
	ldp	x19, x20, [sp, #16]
	ldp	x29, x30, [sp], #160
	ret
	.ltorg
END(kc_test_callee_saved)

ENTRY(kc_test_entry_sp)
	mov	x0, sp			// sp at entry
	ret
END(kc_test_entry_sp)

	.section .rodata
	.globl	kc_switch_probe_native
	.type	kc_switch_probe_native, %object
	.size	kc_switch_probe_native, 4
	.p2align 2
kc_switch_probe_native:
	.long	1			/* this arch has the probes */

	.section .note.GNU-stack, "", %progbits
