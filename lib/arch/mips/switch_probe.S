/*
 * Test mechanism for lib/arch/mips/stack_switch.S (selftest only).
 *
 * unsigned kc_test_callee_saved(void *stack_top@a0,
 *                               void *(*fn)(void *)@a1, void **resume_sp@a2)
 * void *kc_test_entry_sp(void *arg@a0)
 *
 *	See x86_64/switch_probe.S for the contracts.  mips (big-endian, o32
 *	ABI) has the same instructions and ABI as mipsel, so the source is
 *	../mipsel/switch_probe.S.
 */
#include "../mipsel/switch_probe.S"

	.section .note.GNU-stack, "", %progbits
