/*
 * long kc_vfork_clone3_raw(struct kc_clone_args *args@r2, size_t size@r3,
 *                          const struct kc_vfork_child *c@r4,
 *                          long *sp_slot@r5)
 *
 *	See x86_64/vfork_clone3.S for the contract.  clone3 takes two
 *	arguments: svc 0 with the syscall nr @r1; args @r2, size @r3
 *	(already in place); result @r2.  The kernel preserves every register
 *	but r2, so the child's data lives in the callee-saved r6-r13, loaded
 *	before the trap after r6-r15 are stored in the caller's register save
 *	area (48(%r15), s390x ELF ABI supplement).  The child writes no stack.
 *
 *	struct kc_vfork_child (lib/kc_sys.h; offsets checked in lib/kc_vfork.c):
 *	  0 mark_slot, 8 mark, 16 path, 24 argv, 32 envp, 40 err_slot,
 *	  48 exit_code.
 */
#include <asm/unistd.h>
#include "asm.h"

ENTRY(kc_vfork_clone3_raw)
	stmg	%r6, %r15, 48(%r15)	# callee-saved: the parent restores them
	lgr	%r6, %r5		# child: sp_slot
	lg	%r7, 0(%r4)		# child: mark_slot
	lg	%r8, 8(%r4)		# child: mark
	lg	%r9, 16(%r4)		# child: path
	lg	%r10, 24(%r4)		# child: argv
	lg	%r11, 32(%r4)		# child: envp
	lg	%r12, 40(%r4)		# child: err_slot
	lg	%r13, 48(%r4)		# child: exit_code
	lghi	%r1, __NR_clone3	# clone3(args@r2, size@r3)
	svc	0
	ltgr	%r2, %r2
	jz	1f
	lmg	%r6, %r15, 48(%r15)	# parent (or error): restore, return raw
	br	%r14

1:	# child: registers only from here on
	ltgr	%r6, %r6
	jz	2f
	stg	%r15, 0(%r6)		# *sp_slot = the stack pointer at entry
2:	ltgr	%r7, %r7
	jz	3f
	stg	%r8, 0(%r7)		# *mark_slot = mark (shared memory)
3:	ltgr	%r9, %r9
	jz	4f
	lgr	%r2, %r9		# execve(path, argv, envp)
	lgr	%r3, %r10
	lgr	%r4, %r11
	lghi	%r1, __NR_execve
	svc	0
	ltgr	%r12, %r12		# execve returned: report -errno
	jz	4f
	stg	%r2, 0(%r12)
4:	lgr	%r2, %r13		# exit(exit_code): this thread only
	lghi	%r1, __NR_exit
	svc	0
	.word	0			# not reached (illegal opcode 0x0000)
END(kc_vfork_clone3_raw)

	.section .rodata
	.globl	kc_vfork_clone3_native
	.type	kc_vfork_clone3_native, @object
	.size	kc_vfork_clone3_native, 4
	.p2align 2
kc_vfork_clone3_native:
	.long	1			# this arch has a real stub

	.section .note.GNU-stack, "", %progbits
