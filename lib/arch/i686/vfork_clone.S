/*
 * long kc_vfork_clone_raw(unsigned long flags@4(%esp), int *pidfd@8(%esp),
 *                         const struct kc_vfork_child *c@12(%esp))
 *
 *	See x86_64/vfork_clone.S for the contract.  i386 uses the
 *	CLONE_BACKWARDS order (arch/x86/Kconfig: select CLONE_BACKWARDS if
 *	X86_32; FACTS-kernel.md §3.1): int $0x80 with the syscall nr @eax;
 *	flags @ebx, newsp @ecx, parent_tid @edx, tls @esi, child_tid @edi.
 *	The kernel preserves every register but %eax across int $0x80.
 *
 *	i386 has too few registers to preload the seven fields of c: with the
 *	five clone arguments in place only %ebp is free.  So the child keeps
 *	c in %ebp and reads its fields after the trap.  It only reads memory
 *	and writes no stack: with CLONE_VFORK the parent stays suspended
 *	inside this function until the child execs or exits, so *c (even on
 *	the parent's stack) is unchanged; without CLONE_VM the child reads its
 *	own copy.
 *
 *	cdecl (i386 SysV ABI): arguments on the stack, result @eax, %ebx,
 *	%esi, %edi, %ebp callee-saved; they are pushed before the trap and
 *	popped by the parent only.
 *
 *	struct kc_vfork_child (lib/kc_sys.h; offsets checked in lib/kc_vfork.c):
 *	  0 mark_slot, 4 mark, 8 path, 12 argv, 16 envp, 20 err_slot,
 *	  24 exit_code.
 */
#include <asm/unistd.h>
#include "asm.h"

ENTRY(kc_vfork_clone_raw)
	pushl	%ebx			/* callee-saved registers: the parent */
	pushl	%esi			/* restores them; the child never pops */
	pushl	%edi
	pushl	%ebp
	movl	20(%esp), %ebx		/* flags */
	movl	24(%esp), %edx		/* parent_tid = pidfd slot (CLONE_PIDFD) */
	movl	28(%esp), %ebp		/* child: c */
	xorl	%ecx, %ecx		/* newsp = 0: share the parent's stack */
	xorl	%esi, %esi		/* tls = 0 */
	xorl	%edi, %edi		/* child_tid = 0 */
	movl	$__NR_clone, %eax
	int	$0x80
	testl	%eax, %eax
	jz	1f
	popl	%ebp			/* parent (or error): restore, return raw */
	popl	%edi
	popl	%esi
	popl	%ebx
	ret

1:	/* child: registers and *c only from here on, no stack */
	movl	0(%ebp), %ecx		/* mark_slot */
	testl	%ecx, %ecx
	jz	2f
	movl	4(%ebp), %edx
	movl	%edx, (%ecx)		/* *mark_slot = mark (shared memory) */
2:	movl	8(%ebp), %ebx		/* execve(path, argv, envp) */
	testl	%ebx, %ebx
	jz	3f
	movl	12(%ebp), %ecx
	movl	16(%ebp), %edx
	movl	$__NR_execve, %eax
	int	$0x80
	movl	20(%ebp), %ecx		/* execve returned: report -errno */
	testl	%ecx, %ecx
	jz	3f
	movl	%eax, (%ecx)
3:	movl	24(%ebp), %ebx		/* exit_group(exit_code) */
	movl	$__NR_exit_group, %eax
	int	$0x80
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
