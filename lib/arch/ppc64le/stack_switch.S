/*
 * void *kc_stack_switch(void *stack_top@r3, void *(*fn)(void *)@r4,
 *                       void *arg@r5, void **resume_sp@r6)
 *
 *	See x86_64/stack_switch.S for the contract.  64-bit PowerPC (ppc64le,
 *	and ppc64 which includes this file): the non-volatile r14-r31,
 *	f14-f31, cr2-cr4 and the caller's TOC pointer r2 are stored in a
 *	416-byte frame of ours on the stack being left (lr in our caller's
 *	frame at 16(r1), as both ABIs specify), whose r1 goes to *resume_sp.
 *	The AltiVec/VSX non-volatile v20-v31 are not touched by this routine
 *	and fn preserves them itself, so they are not saved.  r1 is 16-byte
 *	aligned at every call (ELFv2 "Stack Frame": quadword alignment;
 *	ELFv1 the same), so stack_top is rounded down to 16, and a minimal
 *	frame (PPC_MINFRAME, ppc64_func.h) with a zero back chain is left
 *	for fn.  On the way back r1 is reloaded from *resume_sp and our
 *	frame is popped by size, not by its back chain, so a moved copy
 *	works.  fn is called through ppc64_func.h's PPC_CALL (r12 in ELFv2,
 *	the descriptor in ELFv1).
 *
 *	Register map: stack_top @r3, fn @r4, arg @r5 -> fn's @r3,
 *	resume_sp @r6 kept in r31 (non-volatile, so fn preserves it).
 */
#include "ppc64_func.h"

#define FRAME	416			/* header, r14-r31, f14-f31, r2, cr */

PPC_ENTRY(kc_stack_switch)
	mflr	0
	std	0, 16(1)		# lr in our caller's frame
	stdu	1, -FRAME(1)		# our frame on the stack being left
	std	14, 112(1)
	std	15, 120(1)
	std	16, 128(1)
	std	17, 136(1)
	std	18, 144(1)
	std	19, 152(1)
	std	20, 160(1)
	std	21, 168(1)
	std	22, 176(1)
	std	23, 184(1)
	std	24, 192(1)
	std	25, 200(1)
	std	26, 208(1)
	std	27, 216(1)
	std	28, 224(1)
	std	29, 232(1)
	std	30, 240(1)
	std	31, 248(1)
	stfd	14, 256(1)
	stfd	15, 264(1)
	stfd	16, 272(1)
	stfd	17, 280(1)
	stfd	18, 288(1)
	stfd	19, 296(1)
	stfd	20, 304(1)
	stfd	21, 312(1)
	stfd	22, 320(1)
	stfd	23, 328(1)
	stfd	24, 336(1)
	stfd	25, 344(1)
	stfd	26, 352(1)
	stfd	27, 360(1)
	stfd	28, 368(1)
	stfd	29, 376(1)
	stfd	30, 384(1)
	stfd	31, 392(1)
	std	2, 400(1)		# the caller's TOC pointer
	mfcr	12
	stw	12, 408(1)		# cr2-cr4 are non-volatile
	std	1, 0(6)			# *resume_sp = where to come back
	mr	31, 6			# keep resume_sp across fn
	clrrdi	3, 3, 4			# align the new top down to 16
	addi	3, 3, -PPC_MINFRAME	# the frame fn may use
	li	0, 0
	std	0, 0(3)			# zero back chain: end of the chain
	mr	1, 3			# switch to the new stack
	mr	3, 5			# fn(arg)
	PPC_CALL(4)
	ld	1, 0(31)		# back, possibly to a moved copy
	ld	2, 400(1)		# restore what was saved above
	lwz	12, 408(1)
	mtcrf	0x38, 12		# cr2, cr3, cr4
	lfd	14, 256(1)
	lfd	15, 264(1)
	lfd	16, 272(1)
	lfd	17, 280(1)
	lfd	18, 288(1)
	lfd	19, 296(1)
	lfd	20, 304(1)
	lfd	21, 312(1)
	lfd	22, 320(1)
	lfd	23, 328(1)
	lfd	24, 336(1)
	lfd	25, 344(1)
	lfd	26, 352(1)
	lfd	27, 360(1)
	lfd	28, 368(1)
	lfd	29, 376(1)
	lfd	30, 384(1)
	lfd	31, 392(1)
	ld	14, 112(1)
	ld	15, 120(1)
	ld	16, 128(1)
	ld	17, 136(1)
	ld	18, 144(1)
	ld	19, 152(1)
	ld	20, 160(1)
	ld	21, 168(1)
	ld	22, 176(1)
	ld	23, 184(1)
	ld	24, 192(1)
	ld	25, 200(1)
	ld	26, 208(1)
	ld	27, 216(1)
	ld	28, 224(1)
	ld	29, 232(1)
	ld	30, 240(1)
	ld	31, 248(1)
	addi	1, 1, FRAME		# pop by size (the back chain may be stale)
	ld	0, 16(1)
	mtlr	0
	blr				# fn's result in r3
PPC_END(kc_stack_switch)

	.section .rodata
	.globl	kc_stack_switch_native
	.type	kc_stack_switch_native, @object
	.size	kc_stack_switch_native, 4
	.p2align 2
kc_stack_switch_native:
	.long	1			# this arch has a real routine

	.section .note.GNU-stack, "", %progbits
