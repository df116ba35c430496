/*
 * long kc_vfork_clone3_raw(struct kc_clone_args *args@rdi, size_t size@rsi,
 *                          const struct kc_vfork_child *c@rdx,
 *                          long *sp_slot@rcx)
 *
 *	Issue clone3(args, size); return the raw kernel result (child pid or
 *	tid, or -errno) in the parent.  The child may share the parent's
 *	stack (CLONE_VM|CLONE_VFORK, args->stack 0, as Go does) or run on a
 *	stack the caller gave it, so after the trap it touches no stack at
 *	all: everything it needs is loaded into registers first, it issues
 *	execve/exit directly and never returns.  Contract: lib/kc_sys.h
 *	(kc_vfork_clone3); the same as x86_64/vfork_clone.S, plus the stack
 *	pointer report and exit(2) instead of exit_group(2).
 *
 *	clone3 takes only two arguments: syscall nr @rax; args @rdi,
 *	size @rsi (already in place).  The syscall instruction clobbers only
 *	%rax, %rcx and %r11, so sp_slot moves from %rcx to %r8, and the
 *	child finds the other registers as the parent loaded them.
 *
 *	struct kc_vfork_child (lib/kc_sys.h; offsets checked in lib/kc_vfork.c):
 *	  0 mark_slot, 8 mark, 16 path, 24 argv, 32 envp, 40 err_slot,
 *	  48 exit_code.
 */
#include <asm/unistd.h>
#include "asm.h"

ENTRY(kc_vfork_clone3_raw)
	pushq	%rbx			/* callee-saved registers: the parent */
	pushq	%rbp			/* restores them; the child never pops */
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	0(%rdx), %rbx		/* child: mark_slot */
	movq	8(%rdx), %rbp		/* child: mark */
	movq	16(%rdx), %r12		/* child: path */
	movq	24(%rdx), %r13		/* child: argv */
	movq	32(%rdx), %r14		/* child: envp */
	movq	40(%rdx), %r15		/* child: err_slot */
	movq	48(%rdx), %r9		/* child: exit_code */
	movq	%rcx, %r8		/* child: sp_slot (syscall clobbers %rcx) */
	movl	$__NR_clone3, %eax	/* clone3(args@rdi, size@rsi) */
	syscall
	testq	%rax, %rax
	jz	1f
	popq	%r15			/* parent (or error): restore, return raw */
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	ret

1:	/* child: registers only from here on */
	testq	%r8, %r8
	jz	2f
	movq	%rsp, (%r8)		/* *sp_slot = the stack pointer at entry */
2:	testq	%rbx, %rbx
	jz	3f
	movq	%rbp, (%rbx)		/* *mark_slot = mark (shared memory) */
3:	testq	%r12, %r12
	jz	4f
	movq	%r12, %rdi		/* execve(path, argv, envp) */
	movq	%r13, %rsi
	movq	%r14, %rdx
	movl	$__NR_execve, %eax
	syscall
	testq	%r15, %r15		/* execve returned: report -errno */
	jz	4f
	movq	%rax, (%r15)
4:	movq	%r9, %rdi		/* exit(exit_code): this thread only */
	movl	$__NR_exit, %eax
	syscall
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
