/*
 * long kc_vfork_clone_raw(unsigned long flags@rdi, int *pidfd@rsi,
 *                         const struct kc_vfork_child *c@rdx)
 *
 *	Issue clone(flags, newsp = 0, parent_tid = pidfd, child_tid = 0,
 *	tls = 0) as Go's rawVforkSyscall does; return the raw kernel result
 *	(child pid, or -errno) in the parent.  The child runs on the parent's
 *	stack (CLONE_VM|CLONE_VFORK, newsp 0), so after the trap it touches no
 *	stack at all: everything it needs is loaded into registers first, it
 *	issues execve/exit_group directly and never returns.
 *
 *	x86_64 uses the default clone argument order (FACTS-kernel.md §3.1):
 *	syscall nr @rax; flags @rdi, newsp @rsi, parent_tid @rdx,
 *	child_tid @r10, tls @r8.  The syscall instruction clobbers only
 *	%rax, %rcx and %r11, so the child finds the callee-saved registers
 *	as the parent loaded them.
 *
 *	struct kc_vfork_child (lib/kc_sys.h; offsets checked in lib/kc_vfork.c):
 *	  0 mark_slot, 8 mark, 16 path, 24 argv, 32 envp, 40 err_slot,
 *	  48 exit_code.
 */
#include <asm/unistd.h>
#include "asm.h"

ENTRY(kc_vfork_clone_raw)
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
	movq	48(%rdx), %r9		/* child: exit_code (r9 is not a clone argument) */
	movq	%rsi, %rdx		/* parent_tid = pidfd slot (CLONE_PIDFD) */
	xorl	%esi, %esi		/* newsp = 0: share the parent's stack */
	xorl	%r10d, %r10d		/* child_tid = 0 */
	xorl	%r8d, %r8d		/* tls = 0 */
	movl	$__NR_clone, %eax
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
	testq	%rbx, %rbx
	jz	2f
	movq	%rbp, (%rbx)		/* *mark_slot = mark (shared memory) */
2:	testq	%r12, %r12
	jz	3f
	movq	%r12, %rdi		/* execve(path, argv, envp) */
	movq	%r13, %rsi
	movq	%r14, %rdx
	movl	$__NR_execve, %eax
	syscall
	testq	%r15, %r15		/* execve returned: report -errno */
	jz	3f
	movq	%rax, (%r15)
3:	movq	%r9, %rdi		/* exit_group(exit_code) */
	movl	$__NR_exit_group, %eax
	syscall
	ud2				/* not reached */
END(kc_vfork_clone_raw)

	.section .rodata
	.globl	kc_vfork_clone_native
	.type	kc_vfork_clone_native, @object
	.size	kc_vfork_clone_native, 4
	.p2align 2
kc_vfork_clone_native:
	.long	1			/* this arch has a real stub */

	.section .note.GNU-stack, "", %progbits
