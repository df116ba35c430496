/*
 * long kc_vfork_clone3_raw(struct kc_clone_args *args@r3, size_t size@r4,
 *                          const struct kc_vfork_child *c@r5,
 *                          long *sp_slot@r6)
 *
 *	See x86_64/vfork_clone3.S for the contract, and vfork_clone.S here
 *	for sc (errors as CR0[SO] + positive errno, turned into -errno; r0
 *	and r4-r12 clobbered).  clone3 takes two arguments: sc with the
 *	syscall nr @r0; args @r3, size @r4 (already in place).  The child's
 *	data lives in the non-volatile r14-r21, loaded before the trap; the
 *	caller's values are kept in the 288-byte protected zone below r1 and
 *	restored by the parent only.  The child writes no stack.
 *
 *	struct kc_vfork_child (lib/kc_sys.h; offsets checked in lib/kc_vfork.c):
 *	  0 mark_slot, 8 mark, 16 path, 24 argv, 32 envp, 40 err_slot,
 *	  48 exit_code.
 */
#include <asm/unistd.h>
#include "ppc64_func.h"

PPC_ENTRY(kc_vfork_clone3_raw)
	std	14, -8(1)		# non-volatile: the parent restores them
	std	15, -16(1)
	std	16, -24(1)
	std	17, -32(1)
	std	18, -40(1)
	std	19, -48(1)
	std	20, -56(1)
	std	21, -64(1)
	ld	14, 0(5)		# child: mark_slot
	ld	15, 8(5)		# child: mark
	ld	16, 16(5)		# child: path
	ld	17, 24(5)		# child: argv
	ld	18, 32(5)		# child: envp
	ld	19, 40(5)		# child: err_slot
	ld	20, 48(5)		# child: exit_code
	mr	21, 6			# child: sp_slot
	li	0, __NR_clone3		# clone3(args@r3, size@r4)
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
	ld	21, -64(1)
	blr

2:	# child: registers only from here on
	cmpdi	21, 0
	beq	3f
	std	1, 0(21)		# *sp_slot = the stack pointer at entry
3:	cmpdi	14, 0
	beq	4f
	std	15, 0(14)		# *mark_slot = mark (shared memory)
4:	cmpdi	16, 0
	beq	6f
	mr	3, 16			# execve(path, argv, envp)
	mr	4, 17
	mr	5, 18
	li	0, __NR_execve
	sc
	bns+	5f
	neg	3, 3			# execve returned: report -errno
5:	cmpdi	19, 0
	beq	6f
	std	3, 0(19)
6:	mr	3, 20			# exit(exit_code): this thread only
	li	0, __NR_exit
	sc
	trap				# not reached
PPC_END(kc_vfork_clone3_raw)

	.section .rodata
	.globl	kc_vfork_clone3_native
	.type	kc_vfork_clone3_native, @object
	.size	kc_vfork_clone3_native, 4
	.p2align 2
kc_vfork_clone3_native:
	.long	1			# this arch has a real stub

	.section .note.GNU-stack, "", %progbits
