/*
 * uintptr_t kc_vg_request(uintptr_t dflt@r2, const uintptr_t args[6]@r3)
 *
 *	See x86_64/vg_request.S.  The sequence is valgrind.h's
 *	PLAT_s390x_linux one (FACTS-valgrind.md §2): &args[0] in r2 and the
 *	default in r3 before the sequence, then the preamble lr 15,15;
 *	lr 1,1; lr 2,2; lr 3,3 (18FF 1811 1822 1833) and the request
 *	instruction lr 2,2 (1822), with nothing in between.  lr copies the
 *	low 32 bits of a register onto themselves, so natively nothing
 *	changes and r3 still holds the default; under Valgrind the result
 *	lands in r3.  A leaf that never touches the stack: the default CFI
 *	(return address in r14) describes it.  r1-r3 are call-clobbered.
 */
#include "asm.h"

ENTRY(kc_vg_request)
	.cfi_startproc			# CFI: Valgrind unwinds through us
	lgr	%r1, %r2		# swap: r2 = &args[0], r3 = dflt
	lgr	%r2, %r3
	lgr	%r3, %r1
	lr	%r15, %r15		# special instruction preamble
	lr	%r1, %r1
	lr	%r2, %r2
	lr	%r3, %r3
	lr	%r2, %r2		# r3 = client_request(r2)
	lgr	%r2, %r3		# return the result
	br	%r14
	.cfi_endproc
END(kc_vg_request)

	.section .rodata
	.globl	kc_vg_request_native
	.type	kc_vg_request_native, @object
	.size	kc_vg_request_native, 4
	.p2align 2
kc_vg_request_native:
	.long	1			# this arch has a real sequence

	.section .note.GNU-stack, "", %progbits
