/*
 * void *kc_stack_switch(void *stack_top@a0, void *(*fn)(void *)@a1,
 *                       void *arg@a2, void **resume_sp@a3)
 *
 *	See x86_64/stack_switch.S for the contract.  mips64 (big-endian, n64 ABI) has
 *	the same instructions, syscall ABI and numbers (<asm/unistd.h>),
 *	CLONE_BACKWARDS order (arch/mips/Kconfig) and valgrind.h sequence
 *	(PLAT_mips64_linux) as mips64el; loads and stores follow the byte
 *	order by themselves.  So the source is ../mips64el/stack_switch.S.
 */
#include "../mips64el/stack_switch.S"

	.section .note.GNU-stack, "", %progbits
