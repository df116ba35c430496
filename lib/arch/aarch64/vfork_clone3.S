/*
 * long kc_vfork_clone3_raw(struct kc_clone_args *args@x0, size_t size@x1,
 *                          const struct kc_vfork_child *c@x2,
 *                          long *sp_slot@x3)
 *
 *	See x86_64/vfork_clone3.S for the contract.  clone3 takes two
 *	arguments: syscall nr @x8; args @x0, size @x1 (already in place).
 *	svc #0 clobbers only x0, so the child's data lives in the
 *	temporaries x9-x16, loaded before the trap; nothing touches sp.
 */
#include <asm/unistd.h>
#include "asm.h"

ENTRY(kc_vfork_clone3_raw)
	ldr	x9, [x2, #0]		// child: mark_slot
	ldr	x10, [x2, #8]		// child: mark
	ldr	x11, [x2, #16]		// child: path
	ldr	x12, [x2, #24]		// child: argv
	ldr	x13, [x2, #32]		// child: envp
	ldr	x14, [x2, #40]		// child: err_slot
	ldr	x15, [x2, #48]		// child: exit_code
	mov	x16, x3			// child: sp_slot
	mov	x8, #__NR_clone3	// clone3(args@x0, size@x1)
	svc	#0
	cbz	x0, 1f
	ret				// parent (or error): raw result in x0

1:	// child: registers only from here on
	cbz	x16, 2f
	mov	x17, sp
	str	x17, [x16]		// *sp_slot = the stack pointer at entry
2:	cbz	x9, 3f
	str	x10, [x9]		// *mark_slot = mark (shared memory)
3:	cbz	x11, 4f
	mov	x0, x11			// execve(path, argv, envp)
	mov	x1, x12
	mov	x2, x13
	mov	x8, #__NR_execve
	svc	#0
	cbz	x14, 4f			// execve returned: report -errno
	str	x0, [x14]
4:	mov	x0, x15			// exit(exit_code): this thread only
	mov	x8, #__NR_exit
	svc	#0
	brk	#0			// not reached
END(kc_vfork_clone3_raw)

	.section .rodata
	.globl	kc_vfork_clone3_native
	.type	kc_vfork_clone3_native, %object
	.size	kc_vfork_clone3_native, 4
	.p2align 2
kc_vfork_clone3_native:
	.word	1			// this arch has a real stub

	.section .note.GNU-stack, "", %progbits
