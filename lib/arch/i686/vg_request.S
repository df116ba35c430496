/*
 * uintptr_t kc_vg_request(uintptr_t dflt@4(%esp),
 *                         const uintptr_t args[6]@8(%esp))
 *
 *	See x86_64/vg_request.S.  The sequence is valgrind.h's
 *	PLAT_x86_linux one (VALGRIND_DO_CLIENT_REQUEST_EXPR; FACTS-valgrind.md
 *	§2): the default in %edx and &args[0] in %eax before the sequence,
 *	then the preamble roll $3/$13/$29/$19, %edi (C1C703 C1C70D C1C71D
 *	C1C713) and the request instruction xchgl %ebx,%ebx (87DB), with
 *	nothing in between.  Natively the rotations add up to 64 bits, so
 *	%edi (callee-saved) is unchanged and %edx still holds the default;
 *	under Valgrind the result lands in %edx.  The rotates clobber the
 *	flags, which the ABI allows.  Only the arguments are read from the
 *	stack; nothing is pushed, so the default CFI (return address at the
 *	CFA - 4) describes the whole function.
 */
#include "asm.h"

ENTRY(kc_vg_request)
	.cfi_startproc			/* CFI: Valgrind unwinds through us */
	movl	4(%esp), %edx		/* result defaults to dflt */
	movl	8(%esp), %eax		/* %eax = &args[0] */
	roll	$3, %edi		/* special instruction preamble */
	roll	$13, %edi
	roll	$29, %edi
	roll	$19, %edi
	xchgl	%ebx, %ebx		/* %edx = client_request(%eax) */
	movl	%edx, %eax		/* return the result */
	ret
	.cfi_endproc
END(kc_vg_request)

	.section .rodata
	.globl	kc_vg_request_native
	.type	kc_vg_request_native, @object
	.size	kc_vg_request_native, 4
	.p2align 2
kc_vg_request_native:
	.long	1			/* this arch has a real sequence */

	.section .note.GNU-stack, "", %progbits
