/*
 * long kc_vfork_clone_raw(unsigned long flags@x0, int *pidfd@x1,
 *                         const struct kc_vfork_child *c@x2)
 *
 *	See x86_64/vfork_clone.S for the contract.  aarch64 uses the
 *	CLONE_BACKWARDS order (arch/arm64/Kconfig; FACTS-kernel.md §3.1):
 *	syscall nr @x8; flags @x0, newsp @x1, parent_tid @x2, tls @x3,
 *	child_tid @x4.  svc #0 clobbers only x0, so the child's data lives in
 *	the temporaries x9-x15, loaded before the trap; nothing touches sp.
 */
#include <asm/unistd.h>
#include "asm.h"

ENTRY(kc_vfork_clone_raw)
	ldr	x9, [x2, #0]		// child: mark_slot
	ldr	x10, [x2, #8]		// child: mark
	ldr	x11, [x2, #16]		// child: path
	ldr	x12, [x2, #24]		// child: argv
	ldr	x13, [x2, #32]		// child: envp
	ldr	x14, [x2, #40]		// child: err_slot
	ldr	x15, [x2, #48]		// child: exit_code
	mov	x2, x1			// parent_tid = pidfd slot (CLONE_PIDFD)
	mov	x1, xzr			// newsp = 0: share the parent's stack
	mov	x3, xzr			// tls = 0
	mov	x4, xzr			// child_tid = 0
	mov	x8, #__NR_clone
	svc	#0
	cbz	x0, 1f
	ret				// parent (or error): raw result in x0

1:	// child: registers only from here on
	cbz	x9, 2f
	str	x10, [x9]		// *mark_slot = mark (shared memory)
2:	cbz	x11, 3f
	mov	x0, x11			// execve(path, argv, envp)
	mov	x1, x12
	mov	x2, x13
	mov	x8, #__NR_execve
	svc	#0
	cbz	x14, 3f			// execve returned: report -errno
	str	x0, [x14]
3:	mov	x0, x15			// exit_group(exit_code)
	mov	x8, #__NR_exit_group
	svc	#0
	brk	#0			// not reached
END(kc_vfork_clone_raw)

	.section .rodata
	.globl	kc_vfork_clone_native
	.type	kc_vfork_clone_native, %object
	.size	kc_vfork_clone_native, 4
	.p2align 2
kc_vfork_clone_native:
	.word	1			// this arch has a real stub

	.section .note.GNU-stack, "", %progbits
