/*
 * long kc_vfork_clone_raw(unsigned long flags@r2, int *pidfd@r3,
 *                         const struct kc_vfork_child *c@r4)
 *
 *	See x86_64/vfork_clone.S for the contract.  s390x uses the
 *	CLONE_BACKWARDS2 order (arch/s390/Kconfig; FACTS-kernel.md §3.1):
 *	svc 0 with the syscall nr @r1; newsp @r2, flags @r3, parent_tid @r4,
 *	child_tid @r5, tls @r6; result @r2.  The kernel preserves every
 *	register but r2 across svc.  The child's data lives in the
 *	callee-saved r7-r13, loaded before the trap; r6-r15 are first stored
 *	in the register save area of the caller's frame (s390x ELF ABI
 *	supplement, "Register save area": 48(%r15)), which is the parent's
 *	own business: the child writes no stack and never returns.
 *
 *	struct kc_vfork_child (lib/kc_sys.h; offsets checked in lib/kc_vfork.c):
 *	  0 mark_slot, 8 mark, 16 path, 24 argv, 32 envp, 40 err_slot,
 *	  48 exit_code.
 */
#include <asm/unistd.h>
#include "asm.h"

ENTRY(kc_vfork_clone_raw)
	stmg	%r6, %r15, 48(%r15)	# callee-saved: the parent restores them
	lg	%r7, 0(%r4)		# child: mark_slot
	lg	%r8, 8(%r4)		# child: mark
	lg	%r9, 16(%r4)		# child: path
	lg	%r10, 24(%r4)		# child: argv
	lg	%r11, 32(%r4)		# child: envp
	lg	%r12, 40(%r4)		# child: err_slot
	lg	%r13, 48(%r4)		# child: exit_code
	lgr	%r4, %r3		# parent_tid = pidfd slot (CLONE_PIDFD)
	lgr	%r3, %r2		# flags
	lghi	%r2, 0			# newsp = 0: share the parent's stack
	lghi	%r5, 0			# child_tid = 0
	lghi	%r6, 0			# tls = 0
	lghi	%r1, __NR_clone
	svc	0
	ltgr	%r2, %r2
	jz	1f
	lmg	%r6, %r15, 48(%r15)	# parent (or error): restore, return raw
	br	%r14

1:	# child: registers only from here on
	ltgr	%r7, %r7
	jz	2f
	stg	%r8, 0(%r7)		# *mark_slot = mark (shared memory)
2:	ltgr	%r9, %r9
	jz	3f
	lgr	%r2, %r9		# execve(path, argv, envp)
	lgr	%r3, %r10
	lgr	%r4, %r11
	lghi	%r1, __NR_execve
	svc	0
	ltgr	%r12, %r12		# execve returned: report -errno
	jz	3f
	stg	%r2, 0(%r12)
3:	lgr	%r2, %r13		# exit_group(exit_code)
	lghi	%r1, __NR_exit_group
	svc	0
	.word	0			# not reached (illegal opcode 0x0000)
END(kc_vfork_clone_raw)

	.section .rodata
	.globl	kc_vfork_clone_native
	.type	kc_vfork_clone_native, @object
	.size	kc_vfork_clone_native, 4
	.p2align 2
kc_vfork_clone_native:
	.long	1			# this arch has a real stub

	.section .note.GNU-stack, "", %progbits
