/*
 * uintptr_t kc_vg_request(uintptr_t dflt@x0, const uintptr_t args[6]@x1)
 *
 *	See x86_64/vg_request.S.  The sequence is valgrind.h's
 *	PLAT_arm64_linux one (FACTS-valgrind.md §2): the default in x3 and
 *	&args[0] in x4, then the preamble ror x12,x12,#3/#13/#51/#61
 *	(93CC0D8C 93CC358C 93CCCD8C 93CCF58C) and the request instruction
 *	orr x10,x10,x10 (AA0A014A), with nothing in between.  Natively the
 *	rotations add up to 128 bits and the orr moves x10 to itself, so x3
 *	still holds the default; under Valgrind the result lands in x3.
 *	A leaf that never touches the stack: the default CFI describes it.
 *	x3, x4 and x12 are caller-saved in AAPCS64.
 */
#include "asm.h"

ENTRY(kc_vg_request)
	.cfi_startproc			/* CFI: Valgrind unwinds through us */
	mov	x3, x0			/* result defaults to dflt */
	mov	x4, x1			/* x4 = &args[0] */
	ror	x12, x12, #3		/* special instruction preamble */
	ror	x12, x12, #13
	ror	x12, x12, #51
	ror	x12, x12, #61
	orr	x10, x10, x10		/* x3 = client_request(x4) */
	mov	x0, x3			/* return the result */
	ret
	.cfi_endproc
END(kc_vg_request)

	.section .rodata
	.globl	kc_vg_request_native
	.type	kc_vg_request_native, %object
	.size	kc_vg_request_native, 4
	.p2align 2
kc_vg_request_native:
	.long	1			/* this arch has a real sequence */

	.section .note.GNU-stack, "", %progbits
