/*
 * long kc_vfork_clone3_raw(struct kc_clone_args *args@a0, size_t size@a1,
 *                          const struct kc_vfork_child *c@a2,
 *                          long *sp_slot@a3)
 *
 *	See x86_64/vfork_clone3.S for the contract, and vfork_clone.S here
 *	for the o32 syscall (error flag in a3, positive errno in v0, turned
 *	into -errno; s0-s7 survive).  clone3 takes two arguments: syscall
 *	with the nr @v0; args @a0, size @a1 (already in place).  The child's
 *	data lives in s0-s7, loaded before the trap after the caller's s0-s7
 *	are stored in a frame of ours; the child writes no stack.
 *
 *	struct kc_vfork_child (lib/kc_sys.h; offsets checked in lib/kc_vfork.c):
 *	  0 mark_slot, 4 mark, 8 path, 12 argv, 16 envp, 20 err_slot,
 *	  24 exit_code.
 */
#include <asm/unistd.h>
#include "asm.h"

	.set	noreorder		# delay slots are written out

#define FRAME	56			/* 0-15 argument area, 16 arg 5, 24-55 s0-s7 */

ENTRY(kc_vfork_clone3_raw)
	addiu	$sp, $sp, -FRAME	# s0-s7: the parent restores them
	sw	$16, 24($sp)
	sw	$17, 28($sp)
	sw	$18, 32($sp)
	sw	$19, 36($sp)
	sw	$20, 40($sp)
	sw	$21, 44($sp)
	sw	$22, 48($sp)
	sw	$23, 52($sp)
	lw	$16, 0($6)		# child: mark_slot
	lw	$17, 4($6)		# child: mark
	lw	$18, 8($6)		# child: path
	lw	$19, 12($6)		# child: argv
	lw	$20, 16($6)		# child: envp
	lw	$21, 20($6)		# child: err_slot
	lw	$22, 24($6)		# child: exit_code
	move	$23, $7			# child: sp_slot
	li	$2, __NR_clone3		# clone3(args@a0, size@a1)
	syscall
	beqz	$7, 1f
	nop
	subu	$2, $0, $2		# error: -errno
1:	beqz	$2, 2f
	nop
	lw	$16, 24($sp)		# parent (or error): restore, return raw
	lw	$17, 28($sp)
	lw	$18, 32($sp)
	lw	$19, 36($sp)
	lw	$20, 40($sp)
	lw	$21, 44($sp)
	lw	$22, 48($sp)
	lw	$23, 52($sp)
	jr	$31
	addiu	$sp, $sp, FRAME		# (delay slot)

2:	# child: registers only from here on
	beqz	$23, 3f
	nop
	sw	$sp, 0($23)		# *sp_slot = the stack pointer at entry
3:	beqz	$16, 4f
	nop
	sw	$17, 0($16)		# *mark_slot = mark (shared memory)
4:	beqz	$18, 6f
	nop
	move	$4, $18			# execve(path, argv, envp)
	move	$5, $19
	move	$6, $20
	li	$2, __NR_execve
	syscall
	beqz	$7, 5f
	nop
	subu	$2, $0, $2		# execve returned: report -errno
5:	beqz	$21, 6f
	nop
	sw	$2, 0($21)
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
