/*
 * Test mechanism for lib/arch/mips64/stack_switch.S (selftest only).
 *
 * unsigned kc_test_callee_saved(void *stack_top@a0,
 *                               void *(*fn)(void *)@a1, void **resume_sp@a2)
 * void *kc_test_entry_sp(void *arg@a0)
 *
 *	See x86_64/switch_probe.S for the contracts.  mips64 (big-endian,
 *	n64 ABI) has the same instructions and ABI as mips64el, so the
 *	source is ../mips64el/switch_probe.S.
 */
#include "../mips64el/switch_probe.S"

	.section .note.GNU-stack, "", %progbits
