/*
 * uintptr_t kc_vg_request(uintptr_t dflt@r0, const uintptr_t args[6]@r1)
 *
 *	See x86_64/vg_request.S.  The sequence is valgrind.h's
 *	PLAT_arm_linux one (FACTS-valgrind.md §2): the default in r3 and
 *	&args[0] in r4, then the preamble mov r12,r12,ror #3/#13/#29/#19 and
 *	the request instruction orr r10,r10,r10, with nothing in between.
 *	This file is Thumb-2, as Debian's armhf gcc compiles valgrind.h's
 *	macro by default (-mthumb): EA4F0CFC EA4F3C7C EA4F7C7C EA4F4CFC,
 *	then EA4A0A0A (halfwords, stored little-endian); Valgrind decodes
 *	this Thumb form and the ARM-state one (E1A0C1EC ..., E18AA00A).
 *	Natively the rotations add up to 64 bits and the orr moves r10 to
 *	itself, so r3 still holds the default; under Valgrind the result
 *	lands in r3.  r4 is callee-saved in the AAPCS: it is kept in r2
 *	(an argument register we do not need, which the sequence leaves
 *	alone), so the stack is never touched and the default CFI
 *	describes the function.
 */
#include "asm.h"

	.syntax	unified
	.thumb

ENTRY(kc_vg_request)
	.cfi_startproc			@ CFI: Valgrind unwinds through us
	mov	r2, r4			@ keep the caller's r4
	mov	r3, r0			@ result defaults to dflt
	mov	r4, r1			@ r4 = &args[0]
	mov.w	r12, r12, ror #3	@ special instruction preamble
	mov.w	r12, r12, ror #13
	mov.w	r12, r12, ror #29
	mov.w	r12, r12, ror #19
	orr.w	r10, r10, r10		@ r3 = client_request(r4)
	mov	r0, r3			@ return the result
	mov	r4, r2			@ restore the caller's r4
	bx	lr
	.cfi_endproc
END(kc_vg_request)

	.section .rodata
	.globl	kc_vg_request_native
	.type	kc_vg_request_native, %object
	.size	kc_vg_request_native, 4
	.p2align 2
kc_vg_request_native:
	.long	1			@ this arch has a real sequence

	.section .note.GNU-stack, "", %progbits
