/*
 * long kc_vfork_clone3_raw(struct kc_clone_args *args@4(%esp),
 *                          size_t size@8(%esp),
 *                          const struct kc_vfork_child *c@12(%esp),
 *                          long *sp_slot@16(%esp))
 *
 *	See x86_64/vfork_clone3.S for the contract.  int $0x80 with the
 *	syscall nr @eax; clone3(args @ebx, size @ecx).  The kernel preserves
 *	every register but %eax.
 *
 *	As in i686/vfork_clone.S, there are too few registers to preload
 *	c's fields: the child keeps c in %ebp and sp_slot in %edx and reads
 *	c's fields after the trap, writing no stack.  With CLONE_VFORK the
 *	parent is suspended in here, so *c is unchanged; a CLONE_VM child
 *	without CLONE_VFORK (a thread) needs *c kept unchanged until it has
 *	exited, which is the caller's duty on this arch.
 *
 *	struct kc_vfork_child (lib/kc_sys.h; offsets checked in lib/kc_vfork.c):
 *	  0 mark_slot, 4 mark, 8 path, 12 argv, 16 envp, 20 err_slot,
 *	  24 exit_code.
 */
#include <asm/unistd.h>
#include "asm.h"

ENTRY(kc_vfork_clone3_raw)
	pushl	%ebx			/* callee-saved registers: the parent */
	pushl	%esi			/* restores them; the child never pops */
	pushl	%edi
	pushl	%ebp
	movl	20(%esp), %ebx		/* args */
	movl	24(%esp), %ecx		/* size */
	movl	28(%esp), %ebp		/* child: c */
	movl	32(%esp), %edx		/* child: sp_slot */
	movl	$__NR_clone3, %eax	/* clone3(args@ebx, size@ecx) */
	int	$0x80
	testl	%eax, %eax
	jz	1f
	popl	%ebp			/* parent (or error): restore, return raw */
	popl	%edi
	popl	%esi
	popl	%ebx
	ret

1:	/* child: registers and *c only from here on, no stack */
	testl	%edx, %edx
	jz	2f
	movl	%esp, (%edx)		/* *sp_slot = the stack pointer at entry */
2:	movl	0(%ebp), %ecx		/* mark_slot */
	testl	%ecx, %ecx
	jz	3f
	movl	4(%ebp), %edx
	movl	%edx, (%ecx)		/* *mark_slot = mark (shared memory) */
3:	movl	8(%ebp), %ebx		/* execve(path, argv, envp) */
	testl	%ebx, %ebx
	jz	4f
	movl	12(%ebp), %ecx
	movl	16(%ebp), %edx
	movl	$__NR_execve, %eax
	int	$0x80
	movl	20(%ebp), %ecx		/* execve returned: report -errno */
	testl	%ecx, %ecx
	jz	4f
	movl	%eax, (%ecx)
4:	movl	24(%ebp), %ebx		/* exit(exit_code): this thread only */
	movl	$__NR_exit, %eax
	int	$0x80
	ud2				/* not reached */
END(kc_vfork_clone3_raw)

	.section .rodata
	.globl	kc_vfork_clone3_native
	.type	kc_vfork_clone3_native, @object
	.size	kc_vfork_clone3_native, 4
	.p2align 2
kc_vfork_clone3_native:
	.long	1			/* this arch has a real stub */

	.section .note.GNU-stack, "", %progbits
