/*
 * uintptr_t kc_vg_request(uintptr_t dflt@r3, const uintptr_t args[6]@r4)
 *
 *	See x86_64/vg_request.S.  The sequence is valgrind.h's
 *	PLAT_ppc64le_linux one, the same instructions as PLAT_ppc64be_linux
 *	(ppc64 includes this file; FACTS-valgrind.md §2): the default in r3
 *	and &args[0] in r4 before the sequence (where the arguments already
 *	are), then the preamble rotldi 0,0,3/13/61/51 (78001800 78006800
 *	7800E802 78009802) and the request instruction or 1,1,1 (7C210B78),
 *	with nothing in between.  Natively the rotations add up to 128 bits
 *	and or 1,1,1 is a no-op, so r3 still holds the default; under
 *	Valgrind the result lands in r3.  A leaf that never touches the
 *	stack: the default CFI (return address in lr) describes it.  r0 is
 *	volatile.
 */
#include "ppc64_func.h"

PPC_ENTRY(kc_vg_request)
	.cfi_startproc			# CFI: Valgrind unwinds through us
	rotldi	0, 0, 3			# special instruction preamble
	rotldi	0, 0, 13
	rotldi	0, 0, 61
	rotldi	0, 0, 51
	or	1, 1, 1			# r3 = client_request(r4)
	blr				# the result is in r3
	.cfi_endproc
PPC_END(kc_vg_request)

	.section .rodata
	.globl	kc_vg_request_native
	.type	kc_vg_request_native, @object
	.size	kc_vg_request_native, 4
	.p2align 2
kc_vg_request_native:
	.long	1			# this arch has a real sequence

	.section .note.GNU-stack, "", %progbits
