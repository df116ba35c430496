/*
 * void *kc_stack_switch(void *stack_top@r3, void *(*fn)(void *)@r4,
 *                       void *arg@r5, void **resume_sp@r6)
 *
 *	See x86_64/stack_switch.S for the contract.  ppc64 (big-endian, ELFv1) runs
 *	the same instructions as ppc64le (ELFv2), the same syscall ABI and
 *	numbers (<asm/unistd.h>), the same CLONE_BACKWARDS order
 *	(arch/powerpc/Kconfig) and the same valgrind.h sequence
 *	(PLAT_ppc64be_linux equals PLAT_ppc64le_linux); only the function
 *	entry and indirect calls differ (function descriptors), which
 *	../ppc64le/ppc64_func.h selects from _CALL_ELF.  So the source is
 *	../ppc64le/stack_switch.S.
 */
#include "../ppc64le/stack_switch.S"

	.section .note.GNU-stack, "", %progbits
