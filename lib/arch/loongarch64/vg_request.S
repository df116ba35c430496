/*
 * uintptr_t kc_vg_request(uintptr_t dflt@a0, const uintptr_t args[6]@a1)
 *
 *	See x86_64/vg_request.S.  Upstream Valgrind has no LoongArch port
 *	(3.27.1's valgrind.h defines no PLAT_loongarch64_linux; its NEWS
 *	platform list has none), so the sequence is the one of Loongson's
 *	out-of-tree port (valgrind-loongarch64, include/valgrind.h.in,
 *	PLAT_loongarch64_linux): the default in $a7 and &args[0] in $t0
 *	before the sequence, then the preamble srli.d $zero,$zero,3/13/29/19
 *	(00450C00 00453400 00457400 00454C00) and the request instruction
 *	or $t1,$t1,$t1 (001535AD), with nothing in between.  Natively
 *	shifts into $zero and or of $t1 with itself do nothing, so $a7 still
 *	holds the default; under that Valgrind the result lands in $a7.  A
 *	leaf that never touches the stack: the default CFI (return address
 *	in $ra) describes it.  $a7, $t0 and $t1 are caller-saved.
 */
#include "asm.h"

ENTRY(kc_vg_request)
	.cfi_startproc			# CFI: Valgrind unwinds through us
	move	$a7, $a0		# result defaults to dflt
	move	$t0, $a1		# $t0 = &args[0]
	srli.d	$zero, $zero, 3		# special instruction preamble
	srli.d	$zero, $zero, 13
	srli.d	$zero, $zero, 29
	srli.d	$zero, $zero, 19
	or	$t1, $t1, $t1		# $a7 = client_request($t0)
	move	$a0, $a7		# return the result
	jr	$ra
	.cfi_endproc
END(kc_vg_request)

	.section .rodata
	.globl	kc_vg_request_native
	.type	kc_vg_request_native, @object
	.size	kc_vg_request_native, 4
	.p2align 2
kc_vg_request_native:
	.word	1			# this arch has a real sequence

	.section .note.GNU-stack, "", %progbits
