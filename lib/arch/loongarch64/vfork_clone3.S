/*
 * long kc_vfork_clone3_raw(struct kc_clone_args *args@a0, size_t size@a1,
 *                          const struct kc_vfork_child *c@a2,
 *                          long *sp_slot@a3)
 *
 *	See x86_64/vfork_clone3.S for the contract, and vfork_clone.S here
 *	for the syscall (t0-t8 clobbered, s0-s8 kept).  clone3 takes two
 *	arguments: syscall 0 with the nr @a7; args @a0, size @a1 (already in
 *	place).  The child's data lives in s0-s7, loaded before the trap
 *	after the caller's s0-s7 are stored in a frame of ours; the child
 *	writes no stack.
 *
 *	struct kc_vfork_child (lib/kc_sys.h; offsets checked in lib/kc_vfork.c):
 *	  0 mark_slot, 8 mark, 16 path, 24 argv, 32 envp, 40 err_slot,
 *	  48 exit_code.
 */
#include <asm/unistd.h>
#include "asm.h"

ENTRY(kc_vfork_clone3_raw)
	addi.d	$sp, $sp, -64		# s0-s7: the parent restores them
	st.d	$s0, $sp, 0
	st.d	$s1, $sp, 8
	st.d	$s2, $sp, 16
	st.d	$s3, $sp, 24
	st.d	$s4, $sp, 32
	st.d	$s5, $sp, 40
	st.d	$s6, $sp, 48
	st.d	$s7, $sp, 56
	ld.d	$s0, $a2, 0		# child: mark_slot
	ld.d	$s1, $a2, 8		# child: mark
	ld.d	$s2, $a2, 16		# child: path
	ld.d	$s3, $a2, 24		# child: argv
	ld.d	$s4, $a2, 32		# child: envp
	ld.d	$s5, $a2, 40		# child: err_slot
	ld.d	$s6, $a2, 48		# child: exit_code
	move	$s7, $a3		# child: sp_slot
	li.w	$a7, __NR_clone3	# clone3(args@a0, size@a1)
	syscall	0
	beqz	$a0, 1f
	ld.d	$s0, $sp, 0		# parent (or error): restore, return raw
	ld.d	$s1, $sp, 8
	ld.d	$s2, $sp, 16
	ld.d	$s3, $sp, 24
	ld.d	$s4, $sp, 32
	ld.d	$s5, $sp, 40
	ld.d	$s6, $sp, 48
	ld.d	$s7, $sp, 56
	addi.d	$sp, $sp, 64
	jr	$ra

1:	# child: registers only from here on
	beqz	$s7, 2f
	st.d	$sp, $s7, 0		# *sp_slot = the stack pointer at entry
2:	beqz	$s0, 3f
	st.d	$s1, $s0, 0		# *mark_slot = mark (shared memory)
3:	beqz	$s2, 4f
	move	$a0, $s2		# execve(path, argv, envp)
	move	$a1, $s3
	move	$a2, $s4
	li.w	$a7, __NR_execve
	syscall	0
	beqz	$s5, 4f		# execve returned: report -errno
	st.d	$a0, $s5, 0
4:	move	$a0, $s6		# exit(exit_code): this thread only
	li.w	$a7, __NR_exit
	syscall	0
	break	0			# not reached
END(kc_vfork_clone3_raw)

	.section .rodata
	.globl	kc_vfork_clone3_native
	.type	kc_vfork_clone3_native, @object
	.size	kc_vfork_clone3_native, 4
	.p2align 2
kc_vfork_clone3_native:
	.word	1			# this arch has a real stub

	.section .note.GNU-stack, "", %progbits
