/*
 * long kc_vfork_clone_raw(unsigned long flags@a0, int *pidfd@a1,
 *                         const struct kc_vfork_child *c@a2)
 *
 *	See x86_64/vfork_clone.S for the contract.  mips64 (big-endian, n64 ABI) has
 *	the same instructions, syscall ABI and numbers (<asm/unistd.h>),
 *	CLONE_BACKWARDS order (arch/mips/Kconfig) and valgrind.h sequence
 *	(PLAT_mips64_linux) as mips64el; loads and stores follow the byte
 *	order by themselves.  So the source is ../mips64el/vfork_clone.S.
 */
#include "../mips64el/vfork_clone.S"

	.section .note.GNU-stack, "", %progbits
