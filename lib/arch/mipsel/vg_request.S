/*
 * uintptr_t kc_vg_request(uintptr_t dflt@a0, const uintptr_t args[6]@a1)
 *
 *	See x86_64/vg_request.S.  The sequence is valgrind.h's
 *	PLAT_mips32_linux one (mipsel, and mips which includes this file;
 *	FACTS-valgrind.md §2): the default in $11 (t3) and &args[0] in $12
 *	(t4) before the sequence, then the preamble srl $0,$0,13/29/3/19
 *	(00000342 00000742 000000C2 000004C2) and the request instruction
 *	or $13,$13,$13 (01AD6825), with nothing in between.  Natively shifts
 *	into $0 and or of $13 with itself do nothing, so $11 still holds the
 *	default; under Valgrind the result lands in $11.  A leaf that never
 *	touches the stack: the default CFI (return address in $31)
 *	describes it.  $11-$13 are temporaries in o32.
 */
#include "asm.h"

	.set	noreorder		# nothing may be moved into the sequence

ENTRY(kc_vg_request)
	.cfi_startproc			# CFI: Valgrind unwinds through us
	move	$11, $4			# result defaults to dflt
	move	$12, $5			# $12 = &args[0]
	srl	$0, $0, 13		# special instruction preamble
	srl	$0, $0, 29
	srl	$0, $0, 3
	srl	$0, $0, 19
	or	$13, $13, $13		# $11 = client_request($12)
	jr	$31
	move	$2, $11			# (delay slot) return the result
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
