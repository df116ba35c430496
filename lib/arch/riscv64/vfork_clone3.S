/*
 * long kc_vfork_clone3_raw(struct kc_clone_args *args@a0, size_t size@a1,
 *                          const struct kc_vfork_child *c@a2,
 *                          long *sp_slot@a3)
 *
 *	See x86_64/vfork_clone3.S for the contract.  clone3 takes two
 *	arguments: ecall with the syscall nr @a7; args @a0, size @a1
 *	(already in place).  The kernel preserves every register but a0, so
 *	the child's data lives in t0-t6 and a3, loaded before the trap;
 *	nothing touches sp.
 *
 *	struct kc_vfork_child (lib/kc_sys.h; offsets checked in lib/kc_vfork.c):
 *	  0 mark_slot, 8 mark, 16 path, 24 argv, 32 envp, 40 err_slot,
 *	  48 exit_code.
 */
#include <asm/unistd.h>
#include "asm.h"

ENTRY(kc_vfork_clone3_raw)
	ld	t0, 0(a2)		# child: mark_slot
	ld	t1, 8(a2)		# child: mark
	ld	t2, 16(a2)		# child: path
	ld	t3, 24(a2)		# child: argv
	ld	t4, 32(a2)		# child: envp
	ld	t5, 40(a2)		# child: err_slot
	ld	t6, 48(a2)		# child: exit_code
	li	a7, __NR_clone3		# clone3(args@a0, size@a1); sp_slot stays in a3
	ecall
	beqz	a0, 1f
	ret				# parent (or error): raw result in a0

1:	# child: registers only from here on
	beqz	a3, 2f
	sd	sp, 0(a3)		# *sp_slot = the stack pointer at entry
2:	beqz	t0, 3f
	sd	t1, 0(t0)		# *mark_slot = mark (shared memory)
3:	beqz	t2, 4f
	mv	a0, t2			# execve(path, argv, envp)
	mv	a1, t3
	mv	a2, t4
	li	a7, __NR_execve
	ecall
	beqz	t5, 4f			# execve returned: report -errno
	sd	a0, 0(t5)
4:	mv	a0, t6			# exit(exit_code): this thread only
	li	a7, __NR_exit
	ecall
	unimp				# not reached
END(kc_vfork_clone3_raw)

	.section .rodata
	.globl	kc_vfork_clone3_native
	.type	kc_vfork_clone3_native, @object
	.size	kc_vfork_clone3_native, 4
	.p2align 2
kc_vfork_clone3_native:
	.word	1			# this arch has a real stub

	.section .note.GNU-stack, "", %progbits
