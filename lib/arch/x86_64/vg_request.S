/*
 * uintptr_t kc_vg_request(uintptr_t dflt@rdi, const uintptr_t args[6]@rsi)
 *
 *	Issue the Valgrind client request args[0] with arguments args[1..5];
 *	return the tool's result, or dflt when not running under Valgrind.
 *
 *	The sequence is valgrind.h's PLAT_amd64_linux one
 *	(VALGRIND_DO_CLIENT_REQUEST_EXPR; FACTS-valgrind.md §2): the default
 *	in %rdx and &args[0] in %rax before the sequence, then the preamble
 *	rolq $3/$13/$61/$51, %rdi (48C1C703 48C1C70D 48C1C73D 48C1C733) and
 *	the request instruction xchgq %rbx,%rbx (4887DB), with nothing in
 *	between.  Natively the rotations add up to 128 bits, so %rdi is
 *	unchanged and %rdx still holds the default; xchg of %rbx with
 *	itself is a no-op.  Under Valgrind the result lands in %rdx.  The
 *	rotates clobber the flags, which the ABI allows.  A leaf that never
 *	touches the stack: the default CFI (return address at the CFA - 8)
 *	describes it, so Valgrind can unwind its reports into the caller.
 */
#include "asm.h"

ENTRY(kc_vg_request)
	.cfi_startproc			/* CFI: Valgrind unwinds through us */
	movq	%rdi, %rdx		/* result defaults to dflt */
	movq	%rsi, %rax		/* %rax = &args[0] */
	rolq	$3, %rdi		/* special instruction preamble */
	rolq	$13, %rdi
	rolq	$61, %rdi
	rolq	$51, %rdi
	xchgq	%rbx, %rbx		/* %rdx = client_request(%rax) */
	movq	%rdx, %rax		/* return the result */
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
