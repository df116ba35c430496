/*
 * void *kc_stack_switch(void *stack_top@a0, void *(*fn)(void *)@a1,
 *                       void *arg@a2, void **resume_sp@a3)
 *
 *	See x86_64/stack_switch.S for the contract.  mips (big-endian, o32 ABI) has
 *	the same instructions, syscall ABI and numbers (<asm/unistd.h>),
 *	CLONE_BACKWARDS order (arch/mips/Kconfig) and valgrind.h sequence
 *	(PLAT_mips32_linux) as mipsel; loads and stores follow the byte
 *	order by themselves.  So the source is ../mipsel/stack_switch.S.
 */
#include "../mipsel/stack_switch.S"

	.section .note.GNU-stack, "", %progbits
