/*
 * uintptr_t kc_vg_request(uintptr_t dflt@r3, const uintptr_t args[6]@r4)
 *
 *	See x86_64/vg_request.S for the contract.  ppc64 (big-endian, ELFv1) runs
 *	the same instructions as ppc64le (ELFv2), the same syscall ABI and
 *	numbers (<asm/unistd.h>), the same CLONE_BACKWARDS order
 *	(arch/powerpc/Kconfig) and the same valgrind.h sequence
 *	(PLAT_ppc64be_linux equals PLAT_ppc64le_linux); only the function
 *	entry and indirect calls differ (function descriptors), which
 *	../ppc64le/ppc64_func.h selects from _CALL_ELF.  So the source is
 *	../ppc64le/vg_request.S.
 */
#include "../ppc64le/vg_request.S"

	.section .note.GNU-stack, "", %progbits
