/*
 * long kc_vfork_clone_raw(unsigned long flags@a0, int *pidfd@a1,
 *                         const struct kc_vfork_child *c@a2)
 *
 *	See x86_64/vfork_clone.S for the contract.  64-bit MIPS, n64 ABI
 *	(mips64el, and mips64 which includes this file), uses the
 *	CLONE_BACKWARDS order (arch/mips/Kconfig; FACTS-kernel.md §3.1):
 *	syscall with the nr @v0 ($2); flags @a0, newsp @a1, parent_tid @a2,
 *	tls @a3, child_tid @a4 ($8).  On return a3 ($7) is nonzero on error
 *	and v0 then holds the positive errno (arch/mips/kernel/scall64-n64.S),
 *	which we turn into -errno for the raw contract; MIPS errno values
 *	differ from other arches (ENOSYS 89), which C compares symbolically.
 *	The kernel may clobber $1, $3, $7, $10-$15, $24, $25, hi and lo
 *	(glibc's n64 syscall clobber list); s0-s7 survive, so the child's
 *	data lives there, loaded before the trap.  The caller's s0-s7 are
 *	stored in a frame of ours and restored by the parent only; the child
 *	writes no stack.
 *
 *	struct kc_vfork_child (lib/kc_sys.h; offsets checked in lib/kc_vfork.c):
 *	  0 mark_slot, 8 mark, 16 path, 24 argv, 32 envp, 40 err_slot,
 *	  48 exit_code.
 */
#include <asm/unistd.h>
#include "asm.h"

	.set	noreorder		# delay slots are written out

ENTRY(kc_vfork_clone_raw)
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
	move	$6, $5			# parent_tid = pidfd slot (CLONE_PIDFD)
	move	$5, $0			# newsp = 0: share the parent's stack
	move	$7, $0			# tls = 0
	move	$8, $0			# child_tid = 0
	li	$2, __NR_clone
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
	beqz	$16, 3f
	nop
	sd	$17, 0($16)		# *mark_slot = mark (shared memory)
3:	beqz	$18, 5f
	nop
	move	$4, $18			# execve(path, argv, envp)
	move	$5, $19
	move	$6, $20
	li	$2, __NR_execve
	syscall
	beqz	$7, 4f
	nop
	dsubu	$2, $0, $2		# execve returned: report -errno
4:	beqz	$21, 5f
	nop
	sd	$2, 0($21)
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
