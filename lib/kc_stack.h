/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Running a function on another stack: the mechanism
 * (lib/arch/<arch>/stack_switch.S, or the lib/stack_switch.c fallback) and
 * the probe that skips a case where this arch has no routine.
 */
#ifndef LIB_KC_STACK_H
#define LIB_KC_STACK_H

/*
 * Run fn(arg) with the stack pointer at stack_top (the address just past
 * the new stack, rounded down to the ABI's 16 bytes) and return its
 * result, back on the original stack.  The callee-saved registers are
 * saved on the stack being left, whose stack pointer is stored in
 * *resume_sp and reloaded from there when fn returns: fn may move the
 * suspended stack by copying it and rewriting *resume_sp.  resume_sp must
 * not point into the stack being left.  The fallback does not call fn; it
 * returns NULL with errno ENOSYS.  No ATF calls.
 */
void *kc_stack_switch(void *stack_top, void *(*fn)(void *), void *arg,
    void **resume_sp);

/* 1 where lib/arch has the routine, 0 for the fallback. */
extern const int kc_stack_switch_native;

/* Skip the current test case ("not implemented on <arch>") unless this
 * arch has kc_stack_switch (ATF). */
void kc_require_stack_switch(void);

#endif /* LIB_KC_STACK_H */
