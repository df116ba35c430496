/*
 * long kc_vfork_clone_raw(unsigned long flags@r0, int *pidfd@r1,
 *                         const struct kc_vfork_child *c@r2)
 *
 *	See x86_64/vfork_clone.S for the contract.  arm (EABI, ARM state)
 *	uses the CLONE_BACKWARDS order (glibc sysdeps/unix/sysv/linux/arm
 *	kernel-features.h; FACTS-kernel.md §3.1): svc #0 with the syscall
 *	nr @r7; flags @r0, newsp @r1, parent_tid @r2, tls @r3, child_tid @r4.
 *	The kernel preserves every register but r0 across svc, so the
 *	child's data lives in r5, r6, r8-r12, loaded before the trap.  The
 *	AAPCS callee-saved r4-r11 are pushed before the trap and popped by
 *	the parent only; the child writes no stack.
 *
 *	struct kc_vfork_child (lib/kc_sys.h; offsets checked in lib/kc_vfork.c):
 *	  0 mark_slot, 4 mark, 8 path, 12 argv, 16 envp, 20 err_slot,
 *	  24 exit_code.
 */
#include <asm/unistd.h>
#include "asm.h"

	.syntax	unified
	.arm

ENTRY(kc_vfork_clone_raw)
	push	{r4-r11}		@ callee-saved: the parent restores them
	ldr	r5, [r2, #0]		@ child: mark_slot
	ldr	r6, [r2, #4]		@ child: mark
	ldr	r8, [r2, #8]		@ child: path
	ldr	r9, [r2, #12]		@ child: argv
	ldr	r10, [r2, #16]		@ child: envp
	ldr	r11, [r2, #20]		@ child: err_slot
	ldr	r12, [r2, #24]		@ child: exit_code
	mov	r2, r1			@ parent_tid = pidfd slot (CLONE_PIDFD)
	mov	r1, #0			@ newsp = 0: share the parent's stack
	mov	r3, #0			@ tls = 0
	mov	r4, #0			@ child_tid = 0
	movw	r7, #__NR_clone
	svc	#0
	cmp	r0, #0
	beq	1f
	pop	{r4-r11}		@ parent (or error): restore, return raw
	bx	lr

1:	@ child: registers only from here on
	cmp	r5, #0
	strne	r6, [r5]		@ *mark_slot = mark (shared memory)
	cmp	r8, #0
	beq	2f
	mov	r0, r8			@ execve(path, argv, envp)
	mov	r1, r9
	mov	r2, r10
	movw	r7, #__NR_execve
	svc	#0
	cmp	r11, #0			@ execve returned: report -errno
	strne	r0, [r11]
2:	mov	r0, r12			@ exit_group(exit_code)
	movw	r7, #__NR_exit_group
	svc	#0
	udf	#0			@ not reached
END(kc_vfork_clone_raw)

	.section .rodata
	.globl	kc_vfork_clone_native
	.type	kc_vfork_clone_native, %object
	.size	kc_vfork_clone_native, 4
	.p2align 2
kc_vfork_clone_native:
	.long	1			@ this arch has a real stub

	.section .note.GNU-stack, "", %progbits
