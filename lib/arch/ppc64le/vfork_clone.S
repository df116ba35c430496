/*
 * long kc_vfork_clone_raw(unsigned long flags@r3, int *pidfd@r4,
 *                         const struct kc_vfork_child *c@r5)
 *
 *	See x86_64/vfork_clone.S for the contract.  64-bit PowerPC (ppc64le,
 *	and ppc64 which includes this file) uses the CLONE_BACKWARDS order
 *	(arch/powerpc/Kconfig; FACTS-kernel.md §3.1): sc with the syscall nr
 *	@r0; flags @r3, newsp @r4, parent_tid @r5, tls @r6, child_tid @r7.
 *	On error sc sets CR0[SO] and returns the positive errno in r3
 *	(Documentation/arch/powerpc/syscall64-abi.rst), which we turn into
 *	-errno for the raw contract.  sc clobbers r0 and r4-r12, cr0, ctr
 *	and xer; the non-volatile r14-r31 survive, so the child's data lives
 *	in r14-r20, loaded before the trap.  The caller's r14-r20 are kept in
 *	the 288-byte protected zone below r1 (both ABIs) and restored by the
 *	parent only; the child writes no stack.
 *
 *	struct kc_vfork_child (lib/kc_sys.h; offsets checked in lib/kc_vfork.c):
 *	  0 mark_slot, 8 mark, 16 path, 24 argv, 32 envp, 40 err_slot,
 *	  48 exit_code.
 */
#include <asm/unistd.h>
#include "ppc64_func.h"

PPC_ENTRY(kc_vfork_clone_raw)
	std	14, -8(1)		# non-volatile: the parent restores them
	std	15, -16(1)
	std	16, -24(1)
	std	17, -32(1)
	std	18, -40(1)
	std	19, -48(1)
	std	20, -56(1)
	ld	14, 0(5)		# child: mark_slot
	ld	15, 8(5)		# child: mark
	ld	16, 16(5)		# child: path
	ld	17, 24(5)		# child: argv
	ld	18, 32(5)		# child: envp
	ld	19, 40(5)		# child: err_slot
	ld	20, 48(5)		# child: exit_code
	mr	5, 4			# parent_tid = pidfd slot (CLONE_PIDFD)
	li	4, 0			# newsp = 0: share the parent's stack
	li	6, 0			# tls = 0
	li	7, 0			# child_tid = 0
	li	0, __NR_clone
	sc
	bns+	1f
	neg	3, 3			# error: -errno
1:	cmpdi	3, 0
	beq	2f
	ld	14, -8(1)		# parent (or error): restore, return raw
	ld	15, -16(1)
	ld	16, -24(1)
	ld	17, -32(1)
	ld	18, -40(1)
	ld	19, -48(1)
	ld	20, -56(1)
	blr

2:	# child: registers only from here on
	cmpdi	14, 0
	beq	3f
	std	15, 0(14)		# *mark_slot = mark (shared memory)
3:	cmpdi	16, 0
	beq	5f
	mr	3, 16			# execve(path, argv, envp)
	mr	4, 17
	mr	5, 18
	li	0, __NR_execve
	sc
	bns+	4f
	neg	3, 3			# execve returned: report -errno
4:	cmpdi	19, 0
	beq	5f
	std	3, 0(19)
5:	mr	3, 20			# exit_group(exit_code)
	li	0, __NR_exit_group
	sc
	trap				# not reached
PPC_END(kc_vfork_clone_raw)

	.section .rodata
	.globl	kc_vfork_clone_native
	.type	kc_vfork_clone_native, @object
	.size	kc_vfork_clone_native, 4
	.p2align 2
kc_vfork_clone_native:
	.long	1			# this arch has a real stub

	.section .note.GNU-stack, "", %progbits
