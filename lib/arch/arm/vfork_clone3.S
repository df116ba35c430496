/*
 * long kc_vfork_clone3_raw(struct kc_clone_args *args@r0, size_t size@r1,
 *                          const struct kc_vfork_child *c@r2,
 *                          long *sp_slot@r3)
 *
 *	See x86_64/vfork_clone3.S for the contract.  clone3 takes two
 *	arguments: svc #0 with the syscall nr @r7; args @r0, size @r1
 *	(already in place).  The kernel preserves every register but r0, so
 *	the child's data lives in r4-r6 and r8-r12, loaded before the trap;
 *	the AAPCS callee-saved r4-r11 are pushed first and popped by the
 *	parent only.  The child writes no stack.
 *
 *	struct kc_vfork_child (lib/kc_sys.h; offsets checked in lib/kc_vfork.c):
 *	  0 mark_slot, 4 mark, 8 path, 12 argv, 16 envp, 20 err_slot,
 *	  24 exit_code.
 */
#include <asm/unistd.h>
#include "asm.h"

	.syntax	unified
	.arm

ENTRY(kc_vfork_clone3_raw)
	push	{r4-r11}		@ callee-saved: the parent restores them
	ldr	r4, [r2, #0]		@ child: mark_slot
	ldr	r5, [r2, #4]		@ child: mark
	ldr	r6, [r2, #8]		@ child: path
	ldr	r8, [r2, #12]		@ child: argv
	ldr	r9, [r2, #16]		@ child: envp
	ldr	r10, [r2, #20]		@ child: err_slot
	ldr	r11, [r2, #24]		@ child: exit_code
	mov	r12, r3			@ child: sp_slot
	movw	r7, #__NR_clone3	@ clone3(args@r0, size@r1)
	svc	#0
	cmp	r0, #0
	beq	1f
	pop	{r4-r11}		@ parent (or error): restore, return raw
	bx	lr

1:	@ child: registers only from here on
	cmp	r12, #0
	strne	sp, [r12]		@ *sp_slot = the stack pointer at entry
	cmp	r4, #0
	strne	r5, [r4]		@ *mark_slot = mark (shared memory)
	cmp	r6, #0
	beq	2f
	mov	r0, r6			@ execve(path, argv, envp)
	mov	r1, r8
	mov	r2, r9
	movw	r7, #__NR_execve
	svc	#0
	cmp	r10, #0			@ execve returned: report -errno
	strne	r0, [r10]
2:	mov	r0, r11			@ exit(exit_code): this thread only
	movw	r7, #__NR_exit
	svc	#0
	udf	#0			@ not reached
END(kc_vfork_clone3_raw)

	.section .rodata
	.globl	kc_vfork_clone3_native
	.type	kc_vfork_clone3_native, %object
	.size	kc_vfork_clone3_native, 4
	.p2align 2
kc_vfork_clone3_native:
	.long	1			@ this arch has a real stub

	.section .note.GNU-stack, "", %progbits
