/*
 * long kc_vfork_clone_raw(unsigned long flags@r3, int *pidfd@r4,
 *                         const struct kc_vfork_child *c@r5)
 *
 *	See x86_64/vfork_clone.S for the contract.  ppc64 (big-endian, ELFv1) runs
 *	the same instructions as ppc64le (ELFv2), the same syscall ABI and
 *	numbers (<asm/unistd.h>), the same CLONE_BACKWARDS order
 *	(arch/powerpc/Kconfig) and the same valgrind.h sequence
 *	(PLAT_ppc64be_linux equals PLAT_ppc64le_linux); only the function
 *	entry and indirect calls differ (function descriptors), which
 *	../ppc64le/ppc64_func.h selects from _CALL_ELF.  So the source is
 *	../ppc64le/vfork_clone.S.
 */
#include "../ppc64le/vfork_clone.S"

	.section .note.GNU-stack, "", %progbits
