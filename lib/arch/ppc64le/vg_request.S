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
 *	Valgrind the result lands in r3.  r0 is volatile.
 *
 *	The sequence runs inside a frame of our own (PPC_MINFRAME, back
 *	chain only; the return address stays in lr), as the macro's runs in
 *	its caller's frame.  Valgrind's ppc unwinder follows the back chain,
 *	not the CFI (coregrind/m_stacktrace.c VG_(get_StackTrace_wrk), the
 *	ppc32/64 branch): when lr is in another function it takes lr as the
 *	first return address *and* steps one back-chain link, which assumes
 *	the innermost function has a frame at r1.  A frameless leaf has
 *	none, so the caller's caller dropped out of every stack reported
 *	from the request (measured, 3.27.1 under qemu-ppc64le 11.1.3: a
 *	CHECK_MEM_IS_ADDRESSABLE error at kc_vg_request, kc_vg_check_mem_is_
 *	addressable, main, without the scenario's frame; two such errors
 *	then had one stack and Valgrind showed the second as a duplicate),
 *	which the macro/raw comparison took for a request difference.
 */
#include "ppc64_func.h"

PPC_ENTRY(kc_vg_request)
	.cfi_startproc			# CFI: debuggers unwind through us
	stdu	1, -PPC_MINFRAME(1)	# a frame: the back chain at 0(r1)
	.cfi_adjust_cfa_offset PPC_MINFRAME
	rotldi	0, 0, 3			# special instruction preamble
	rotldi	0, 0, 13
	rotldi	0, 0, 61
	rotldi	0, 0, 51
	or	1, 1, 1			# r3 = client_request(r4)
	addi	1, 1, PPC_MINFRAME	# pop the frame
	.cfi_adjust_cfa_offset -PPC_MINFRAME
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
