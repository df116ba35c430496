/*
 * long kc_vfork_clone3_raw(struct kc_clone_args *args@a0, size_t size@a1,
 *                          const struct kc_vfork_child *c@a2,
 *                          long *sp_slot@a3)
 *
 *	See x86_64/vfork_clone3.S for the contract, and vfork_clone.S here
 *	for the n64 syscall (error flag in a3, positive errno in v0, turned
 *	into -errno; s0-s7 survive).  clone3 takes two arguments: syscall
 *	with the nr @v0; args @a0, size @a1 (already in place).  The child's
 *	data lives in s0-s7, loaded before the trap after the caller's s0-s7
 *	are stored in a frame of ours; the child writes no stack.
 *
 *	struct kc_vfork_child (lib/kc_sys.h; offsets checked in lib/kc_vfork.c):
 *	  0 mark_slot, 8 mark, 16 path, 24 argv, 32 envp, 40 err_slot,
 *	  48 exit_code.
 */
#include <asm/unistd.h>
#include "asm.h"

	.set	noreorder		# delay slots are written out

ENTRY(kc_vfork_clone3_raw)
	daddiu	$sp, $sp, -64		# s0-s7: the parent restores them
	sd	$16, 0($sp)
	sd	$17, 8($sp)
	sd	$18, 16($sp)
	sd	$19, 24($sp)
	sd	$20, 32($sp)
	sd	$21, 40($sp)
	sd	$22, 48($sp)
	sd	$23, 56($sp)
	ld	$16, 0($6)		# child: mark_slot
	ld	$17, 8($6)		# child: mark
	ld	$18, 16($6)		# child: path
	ld	$19, 24($6)		# child: argv
	ld	$20, 32($6)		# child: envp
	ld	$21, 40($6)		# child: err_slot
	ld	$22, 48($6)		# child: exit_code
	move	$23, $7			# child: sp_slot
	li	$2, __NR_clone3		# clone3(args@a0, size@a1)
	syscall
	beqz	$7, 1f
	nop
	dsubu	$2, $0, $2		# error: -errno
1:	beqz	$2, 2f
	nop
	ld	$16, 0($sp)		# parent (or error): restore, return raw
	ld	$17, 8($sp)
	ld	$18, 16($sp)
	ld	$19, 24($sp)
	ld	$20, 32($sp)
	ld	$21, 40($sp)
	ld	$22, 48($sp)
	ld	$23, 56($sp)
	jr	$31
	daddiu	$sp, $sp, 64

2:	# child: registers only from here on
	beqz	$23, 3f
	nop
	sd	$sp, 0($23)		# *sp_slot = the stack pointer at entry
3:	beqz	$16, 4f
	nop
	sd	$17, 0($16)		# *mark_slot = mark (shared memory)
4:	beqz	$18, 6f
	nop
	move	$4, $18			# execve(path, argv, envp)
	move	$5, $19
	move	$6, $20
	li	$2, __NR_execve
	syscall
	beqz	$7, 5f
	nop
	dsubu	$2, $0, $2		# execve returned: report -errno
5:	beqz	$21, 6f
	nop
	sd	$2, 0($21)
6:	move	$4, $22			# exit(exit_code): this thread only
	li	$2, __NR_exit
	syscall
	break				# not reached
END(kc_vfork_clone3_raw)

	.section .rodata
	.globl	kc_vfork_clone3_native
	.type	kc_vfork_clone3_native, @object
	.size	kc_vfork_clone3_native, 4
	.p2align 2
kc_vfork_clone3_native:
	.word	1			# this arch has a real stub

	.section .note.GNU-stack, "", %progbits
