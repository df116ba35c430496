/*
 * long kc_vfork_clone_raw(unsigned long flags@a0, int *pidfd@a1,
 *                         const struct kc_vfork_child *c@a2)
 *
 *	See x86_64/vfork_clone.S for the contract.  32-bit MIPS, o32 ABI
 *	(mipsel, and mips which includes this file), uses the CLONE_BACKWARDS
 *	order (arch/mips/Kconfig; FACTS-kernel.md §3.1): syscall with the nr
 *	@v0 ($2); flags @a0, newsp @a1, parent_tid @a2, tls @a3, and the
 *	fifth argument child_tid at 16($sp), where the kernel fetches o32's
 *	arguments 5-8 from (arch/mips/kernel/scall32-o32.S), below which the
 *	o32 caller's 16-byte argument area lies.  On return a3 ($7) is
 *	nonzero on error and v0 then holds the positive errno, which we turn
 *	into -errno for the raw contract; MIPS errno values differ from other
 *	arches (ENOSYS 89), which C compares symbolically.  The kernel may
 *	clobber $1, $3, $7-$15, $24, $25, hi and lo (glibc's o32 syscall
 *	clobber list); s0-s7 survive, so the child's data lives there,
 *	loaded before the trap.  The caller's s0-s7 are stored in a frame of
 *	ours and restored by the parent only; the child writes no stack.
 *
 *	struct kc_vfork_child (lib/kc_sys.h; offsets checked in lib/kc_vfork.c):
 *	  0 mark_slot, 4 mark, 8 path, 12 argv, 16 envp, 20 err_slot,
 *	  24 exit_code.
 */
#include <asm/unistd.h>
#include "asm.h"

	.set	noreorder		# delay slots are written out

#define FRAME	56			/* 0-15 argument area, 16 arg 5, 24-55 s0-s7 */

ENTRY(kc_vfork_clone_raw)
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
	move	$6, $5			# parent_tid = pidfd slot (CLONE_PIDFD)
	move	$5, $0			# newsp = 0: share the parent's stack
	move	$7, $0			# tls = 0
	sw	$0, 16($sp)		# child_tid = 0 (argument 5, on the stack)
	li	$2, __NR_clone
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
	beqz	$16, 3f
	nop
	sw	$17, 0($16)		# *mark_slot = mark (shared memory)
3:	beqz	$18, 5f
	nop
	move	$4, $18			# execve(path, argv, envp)
	move	$5, $19
	move	$6, $20
	li	$2, __NR_execve
	syscall
	beqz	$7, 4f
	nop
	subu	$2, $0, $2		# execve returned: report -errno
4:	beqz	$21, 5f
	nop
	sw	$2, 0($21)
5:	move	$4, $22			# exit_group(exit_code)
	li	$2, __NR_exit_group
	syscall
	break				# not reached
END(kc_vfork_clone_raw)

	.section .rodata
	.globl	kc_vfork_clone_native
	.type	kc_vfork_clone_native, @object
	.size	kc_vfork_clone_native, 4
	.p2align 2
kc_vfork_clone_native:
	.word	1			# this arch has a real stub

	.section .note.GNU-stack, "", %progbits
