/*
 * uintptr_t kc_vg_request(uintptr_t dflt@a0, const uintptr_t args[6]@a1)
 *
 *	See x86_64/vg_request.S.  The sequence is valgrind.h's
 *	PLAT_riscv64_linux one (Valgrind >= 3.25; FACTS-valgrind.md §2): the
 *	default in a3 and &args[0] in a4, then the preamble srli
 *	zero,zero,3/13/51/61 (00305013 00D05013 03305013 03D05013) and the
 *	request instruction or a0,a0,a0 (00A56533), with nothing in between.
 *	.option norvc keeps them 4-byte instructions: the decoder compares
 *	words, and or a0,a0,a0 would otherwise become a 2-byte c.or.
 *	Natively shifts into the zero register and or of a0 with itself do
 *	nothing, so a3 still holds the default; under Valgrind the result
 *	lands in a3.  A leaf that never touches the stack: the default CFI
 *	describes it.  a3 and a4 are caller-saved.
 */
#include "asm.h"

ENTRY(kc_vg_request)
	.cfi_startproc			# CFI: Valgrind unwinds through us
	mv	a3, a0			# result defaults to dflt
	mv	a4, a1			# a4 = &args[0]
	.option	push
	.option	norvc			# the words Valgrind's decoder matches
	srli	zero, zero, 3		# special instruction preamble
	srli	zero, zero, 13
	srli	zero, zero, 51
	srli	zero, zero, 61
	or	a0, a0, a0		# a3 = client_request(a4)
	.option	pop
	mv	a0, a3			# return the result
	ret
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
