/*
 * long kc_vfork_clone_raw(unsigned long flags@a0, int *pidfd@a1,
 *                         const struct kc_vfork_child *c@a2)
 *
 *	See x86_64/vfork_clone.S for the contract.  riscv64 uses the
 *	CLONE_BACKWARDS order (glibc sysdeps/unix/sysv/linux/riscv
 *	kernel-features.h; musl src/thread/riscv64/clone.s; FACTS-kernel.md
 *	§3.1): ecall with the syscall nr @a7; flags @a0, newsp @a1,
 *	parent_tid @a2, tls @a3, child_tid @a4.  The kernel preserves every
 *	register but a0 across ecall, so the child's data lives in the
 *	temporaries t0-t6, loaded before the trap; nothing touches sp.
 *
 *	struct kc_vfork_child (lib/kc_sys.h; offsets checked in lib/kc_vfork.c):
 *	  0 mark_slot, 8 mark, 16 path, 24 argv, 32 envp, 40 err_slot,
 *	  48 exit_code.
 */
#include <asm/unistd.h>
#include "asm.h"

ENTRY(kc_vfork_clone_raw)
	ld	t0, 0(a2)		# child: mark_slot
	ld	t1, 8(a2)		# child: mark
	ld	t2, 16(a2)		# child: path
	ld	t3, 24(a2)		# child: argv
	ld	t4, 32(a2)		# child: envp
	ld	t5, 40(a2)		# child: err_slot
	ld	t6, 48(a2)		# child: exit_code
	mv	a2, a1			# parent_tid = pidfd slot (CLONE_PIDFD)
	li	a1, 0			# newsp = 0: share the parent's stack
	li	a3, 0			# tls = 0
	li	a4, 0			# child_tid = 0
	li	a7, __NR_clone
	ecall
	beqz	a0, 1f
	ret				# parent (or error): raw result in a0

1:	# child: registers only from here on
	beqz	t0, 2f
	sd	t1, 0(t0)		# *mark_slot = mark (shared memory)
2:	beqz	t2, 3f
	mv	a0, t2			# execve(path, argv, envp)
	mv	a1, t3
	mv	a2, t4
	li	a7, __NR_execve
	ecall
	beqz	t5, 3f			# execve returned: report -errno
	sd	a0, 0(t5)
3:	mv	a0, t6			# exit_group(exit_code)
	li	a7, __NR_exit_group
	ecall
	unimp				# not reached
END(kc_vfork_clone_raw)

	.section .rodata
	.globl	kc_vfork_clone_native
	.type	kc_vfork_clone_native, @object
	.size	kc_vfork_clone_native, 4
	.p2align 2
kc_vfork_clone_native:
	.word	1			# this arch has a real stub

	.section .note.GNU-stack, "", %progbits
