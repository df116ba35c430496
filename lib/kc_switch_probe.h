/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Test mechanism for kc_stack_switch (lib/arch/<arch>/switch_probe.S; the
 * fallback lib/switch_probe.c where the folder has none): register and
 * stack-alignment probes that C cannot write.  Used by the selftests only.
 */
#ifndef LIB_KC_SWITCH_PROBE_H
#define LIB_KC_SWITCH_PROBE_H

/*
 * Load a distinct pattern into every callee-saved register, call
 * kc_stack_switch(stack_top, fn, NULL, resume_sp), and return the mask of
 * registers that did not come back holding their pattern (0: all
 * preserved; the bits are listed in the arch's switch_probe.S).
 */
unsigned kc_test_callee_saved(void *stack_top, void *(*fn)(void *), void **resume_sp);

/* A function to run on a new stack: return the stack pointer at its entry. */
void *kc_test_entry_sp(void *arg);

/* 1 when lib/arch has the probes for this arch, 0 for the fallback. */
extern const int kc_switch_probe_native;

#endif /* LIB_KC_SWITCH_PROBE_H */
