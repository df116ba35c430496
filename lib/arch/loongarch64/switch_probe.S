/*
 * Test mechanism for lib/arch/loongarch64/stack_switch.S (selftest only).
 * See x86_64/switch_probe.S for the contracts.
 *
 * unsigned kc_test_callee_saved(void *stack_top@a0,
 *                               void *(*fn)(void *)@a1, void **resume_sp@a2)
 *	Bits: 0 fp, 1-9 s0-s8, 10-17 fs0-fs7.
 *
 * void *kc_test_entry_sp(void *arg@a0)
 *	Return sp at entry (psABI: 16-byte aligned).
 */
#include "asm.h"

/* Compare reg with $t0; set bit in a0 if different. */
#define CHECK(reg, bit)			\
	beq	reg, $t0, 1f;		\
	li.w	$t1, 1 << (bit);	\
	or	$a0, $a0, $t1;		\
1:

ENTRY(kc_test_callee_saved)
	addi.d	$sp, $sp, -160		# our caller's callee-saved registers
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
	move	$a3, $a2		# resume_sp
	move	$a2, $zero		# arg = NULL
	li.d	$fp, 0x2020202020202020
	li.d	$s0, 0x2121212121212121
	li.d	$s1, 0x2222222222222222
	li.d	$s2, 0x2323232323232323
	li.d	$s3, 0x2424242424242424
	li.d	$s4, 0x2525252525252525
	li.d	$s5, 0x2626262626262626
	li.d	$s6, 0x2727272727272727
	li.d	$s7, 0x2828282828282828
	li.d	$s8, 0x2929292929292929
	li.d	$t0, 0x4040404040404040
	movgr2fr.d $fs0, $t0
	li.d	$t0, 0x4141414141414141
	movgr2fr.d $fs1, $t0
	li.d	$t0, 0x4242424242424242
	movgr2fr.d $fs2, $t0
	li.d	$t0, 0x4343434343434343
	movgr2fr.d $fs3, $t0
	li.d	$t0, 0x4444444444444444
	movgr2fr.d $fs4, $t0
	li.d	$t0, 0x4545454545454545
	movgr2fr.d $fs5, $t0
	li.d	$t0, 0x4646464646464646
	movgr2fr.d $fs6, $t0
	li.d	$t0, 0x4747474747474747
	movgr2fr.d $fs7, $t0
	bl	kc_stack_switch
	move	$a0, $zero		# mask of registers that changed
	li.d	$t0, 0x2020202020202020
	CHECK($fp, 0)
	li.d	$t0, 0x2121212121212121
	CHECK($s0, 1)
	li.d	$t0, 0x2222222222222222
	CHECK($s1, 2)
	li.d	$t0, 0x2323232323232323
	CHECK($s2, 3)
	li.d	$t0, 0x2424242424242424
	CHECK($s3, 4)
	li.d	$t0, 0x2525252525252525
	CHECK($s4, 5)
	li.d	$t0, 0x2626262626262626
	CHECK($s5, 6)
	li.d	$t0, 0x2727272727272727
	CHECK($s6, 7)
	li.d	$t0, 0x2828282828282828
	CHECK($s7, 8)
	li.d	$t0, 0x2929292929292929
	CHECK($s8, 9)
	li.d	$t0, 0x4040404040404040
	movfr2gr.d $t2, $fs0
	CHECK($t2, 10)
	li.d	$t0, 0x4141414141414141
	movfr2gr.d $t2, $fs1
	CHECK($t2, 11)
	li.d	$t0, 0x4242424242424242
	movfr2gr.d $t2, $fs2
	CHECK($t2, 12)
	li.d	$t0, 0x4343434343434343
	movfr2gr.d $t2, $fs3
	CHECK($t2, 13)
	li.d	$t0, 0x4444444444444444
	movfr2gr.d $t2, $fs4
	CHECK($t2, 14)
	li.d	$t0, 0x4545454545454545
	movfr2gr.d $t2, $fs5
	CHECK($t2, 15)
	li.d	$t0, 0x4646464646464646
	movfr2gr.d $t2, $fs6
	CHECK($t2, 16)
	li.d	$t0, 0x4747474747474747
	movfr2gr.d $t2, $fs7
	CHECK($t2, 17)
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
	jr	$ra
END(kc_test_callee_saved)

ENTRY(kc_test_entry_sp)
	move	$a0, $sp		# sp at entry
	jr	$ra
END(kc_test_entry_sp)

	.section .rodata
	.globl	kc_switch_probe_native
	.type	kc_switch_probe_native, @object
	.size	kc_switch_probe_native, 4
	.p2align 2
kc_switch_probe_native:
	.word	1			# this arch has the probes

	.section .note.GNU-stack, "", %progbits
