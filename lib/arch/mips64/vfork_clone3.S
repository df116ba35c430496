/*
 * long kc_vfork_clone3_raw(struct kc_clone_args *args@a0, size_t size@a1,
 *                          const struct kc_vfork_child *c@a2,
 *                          long *sp_slot@a3)
 *
 *	See x86_64/vfork_clone3.S for the contract.  mips64 (big-endian, n64 ABI) has
 *	the same instructions, syscall ABI and numbers (<asm/unistd.h>),
 *	CLONE_BACKWARDS order (arch/mips/Kconfig) and valgrind.h sequence
 *	(PLAT_mips64_linux) as mips64el; loads and stores follow the byte
 *	order by themselves.  So the source is ../mips64el/vfork_clone3.S.
 */
#include "../mips64el/vfork_clone3.S"

	.section .note.GNU-stack, "", %progbits
