/*
 * uintptr_t kc_vg_request(uintptr_t dflt@a0, const uintptr_t args[6]@a1)
 *
 *	See x86_64/vg_request.S for the contract.  mips64 (big-endian, n64 ABI) has
 *	the same instructions, syscall ABI and numbers (<asm/unistd.h>),
 *	CLONE_BACKWARDS order (arch/mips/Kconfig) and valgrind.h sequence
 *	(PLAT_mips64_linux) as mips64el; loads and stores follow the byte
 *	order by themselves.  So the source is ../mips64el/vg_request.S.
 */
#include "../mips64el/vg_request.S"

	.section .note.GNU-stack, "", %progbits
