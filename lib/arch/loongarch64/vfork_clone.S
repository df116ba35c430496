/*
 * long kc_vfork_clone_raw(unsigned long flags@a0, int *pidfd@a1,
 *                         const struct kc_vfork_child *c@a2)
 *
 *	See x86_64/vfork_clone.S for the contract.  loongarch64 uses the
 *	DEFAULT clone order, like x86_64 and unlike the other asm-generic
 *	arches (glibc sysdeps/unix/sysv/linux/loongarch/clone.S; musl
 *	src/thread/loongarch64/clone.s "sys_clone(flags, stack, ptid, ctid,
 *	tls)"; FACTS-kernel.md §3.1, FACTS-environments.md §8): syscall 0
 *	with the nr @a7; flags @a0, newsp @a1, parent_tid @a2, child_tid @a3,
 *	tls @a4; result @a0.  The kernel may clobber t0-t8 (glibc's
 *	loongarch __SYSCALL_CLOBBERS) and keeps s0-s8, so the child's data
 *	lives in s0-s6, loaded before the trap.  The caller's s0-s6 are
 *	stored in a frame of ours and restored by the parent only; the child
 *	writes no stack.
 *
 *	struct kc_vfork_child (lib/kc_sys.h; offsets checked in lib/kc_vfork.c):
 *	  0 mark_slot, 8 mark, 16 path, 24 argv, 32 envp, 40 err_slot,
 *	  48 exit_code.
 */
#include <asm/unistd.h>
#include "asm.h"

ENTRY(kc_vfork_clone_raw)
	addi.d	$sp, $sp, -64		# s0-s6: the parent restores them
	st.d	$s0, $sp, 0
	st.d	$s1, $sp, 8
	st.d	$s2, $sp, 16
	st.d	$s3, $sp, 24
	st.d	$s4, $sp, 32
	st.d	$s5, $sp, 40
	st.d	$s6, $sp, 48
	ld.d	$s0, $a2, 0		# child: mark_slot
	ld.d	$s1, $a2, 8		# child: mark
	ld.d	$s2, $a2, 16		# child: path
	ld.d	$s3, $a2, 24		# child: argv
	ld.d	$s4, $a2, 32		# child: envp
	ld.d	$s5, $a2, 40		# child: err_slot
	ld.d	$s6, $a2, 48		# child: exit_code
	move	$a2, $a1		# parent_tid = pidfd slot (CLONE_PIDFD)
	move	$a1, $zero		# newsp = 0: share the parent's stack
	move	$a3, $zero		# child_tid = 0
	move	$a4, $zero		# tls = 0
	li.w	$a7, __NR_clone
	syscall	0
	beqz	$a0, 1f
	ld.d	$s0, $sp, 0		# parent (or error): restore, return raw
	ld.d	$s1, $sp, 8
	ld.d	$s2, $sp, 16
	ld.d	$s3, $sp, 24
	ld.d	$s4, $sp, 32
	ld.d	$s5, $sp, 40
	ld.d	$s6, $sp, 48
	addi.d	$sp, $sp, 64
	jr	$ra

1:	# child: registers only from here on
	beqz	$s0, 2f
	st.d	$s1, $s0, 0		# *mark_slot = mark (shared memory)
2:	beqz	$s2, 3f
	move	$a0, $s2		# execve(path, argv, envp)
	move	$a1, $s3
	move	$a2, $s4
	li.w	$a7, __NR_execve
	syscall	0
	beqz	$s5, 3f		# execve returned: report -errno
	st.d	$a0, $s5, 0
3:	move	$a0, $s6		# exit_group(exit_code)
	li.w	$a7, __NR_exit_group
	syscall	0
	break	0			# not reached
END(kc_vfork_clone_raw)

	.section .rodata
	.globl	kc_vfork_clone_native
	.type	kc_vfork_clone_native, @object
	.size	kc_vfork_clone_native, 4
	.p2align 2
kc_vfork_clone_native:
	.word	1			# this arch has a real stub

	.section .note.GNU-stack, "", %progbits
