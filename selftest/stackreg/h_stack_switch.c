/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Native checks of kc_stack_switch (lib/arch/<arch>/stack_switch.S), as a
 * plain program so that it also runs statically linked under qemu-user for
 * another arch: fn runs on the given stack with its argument and result
 * passed through, the stack pointer is below the new stack's top and
 * ABI-aligned at fn's entry, the callee-saved registers survive, and
 * switches nest.  Prints one line per failed check on stderr; exits 0 when
 * all pass, 1 otherwise, 2 when this arch has no routine.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kc_arch.h"
#include "kc_stack.h"
#include "kc_switch_probe.h"

#define STK_SIZE	(64 * 1024)

static _Alignas(16) unsigned char stk_a[STK_SIZE];
static _Alignas(16) unsigned char stk_b[STK_SIZE];
static int failures;

#define CHECK(exp) do {							\
	if (!(exp)) {							\
		fprintf(stderr, "%s:%d: %s not met\n", __FILE__,	\
		    __LINE__, #exp);					\
		failures++;						\
	}								\
} while (0)

static int
on_stack(const void *p, const unsigned char *base)
{
	uintptr_t a = (uintptr_t)p, b = (uintptr_t)base;

	return (a >= b && a < b + STK_SIZE);
}

/* Record where a local lives and hand back arg + 1. */
struct where {
	const volatile void	*local;
	uintptr_t		 arg;
};

static void *
record(void *arg)
{
	volatile int local = 1;
	struct where *w = arg;

	w->local = &local;
	w->arg = (uintptr_t)arg;
	return ((char *)arg + 1);
}

/* From stack A, switch to stack B and record there. */
static void *
nest(void *arg)
{
	void *resume;
	volatile int local = 2;
	struct where *w = arg;

	w[0].local = &local;
	return (kc_stack_switch(stk_b + STK_SIZE, record, &w[1], &resume));
}

static void *
noop(void *arg)
{
	return (arg);
}

int
main(void)
{
	struct where w[2];
	void *resume, *r, *sp;
	unsigned mask;

	if (!kc_stack_switch_native) {
		fprintf(stderr, "kc_stack_switch: no lib/arch/<arch>/stack_switch.S for %s\n",
		    KC_ARCH_TRIPLET);
		return (2);
	}

	/* fn runs on the new stack, gets arg, and its result comes back. */
	memset(w, 0, sizeof(w));
	r = kc_stack_switch(stk_a + STK_SIZE, record, &w[0], &resume);
	CHECK(r == (char *)&w[0] + 1);
	CHECK(w[0].arg == (uintptr_t)&w[0]);
	CHECK(on_stack((const void *)w[0].local, stk_a));
	CHECK(!on_stack(&w, stk_a));

	if (kc_switch_probe_native) {
		/*
		 * sp enters the new stack below an (aligned) stack_top, so that
		 * a STACK_REGISTER of [lo, top - 1] holds it from the switch on
		 * (contract in lib/arch/x86_64/stack_switch.S).
		 */
		sp = kc_stack_switch(stk_a + STK_SIZE, kc_test_entry_sp, NULL, &resume);
		if (!on_stack(sp, stk_a)) {
			fprintf(stderr, "%s:%d: sp at fn's entry: expected in [%p, %p), "
			    "got %p\n", __FILE__, __LINE__, (void *)stk_a,
			    (void *)(stk_a + STK_SIZE), sp);
			failures++;
		}
#ifdef KC_ARCH_STACK_ALIGN
		/* Alignment at fn's entry, also from an unaligned stack_top. */
		sp = kc_stack_switch(stk_a + STK_SIZE - 3, kc_test_entry_sp, NULL, &resume);
		CHECK(on_stack(sp, stk_a));
		/* (sp + bias) % align == 0 (lib/arch/<arch>/kc_arch.h). */
		CHECK(((uintptr_t)sp + KC_ARCH_ENTRY_SP_BIAS) % KC_ARCH_STACK_ALIGN == 0);
#else
		fprintf(stderr, "no KC_ARCH_STACK_ALIGN for %s (lib/arch/<arch>/"
		    "kc_arch.h): alignment not checked\n", KC_ARCH_TRIPLET);
		failures++;
		(void)sp;
#endif

		/* Callee-saved registers survive the round trip. */
		mask = kc_test_callee_saved(stk_a + STK_SIZE, noop, &resume);
		if (mask != 0)
			fprintf(stderr, "callee-saved registers changed: mask %#x\n", mask);
		CHECK(mask == 0);
	} else {
		fprintf(stderr, "no lib/arch/<arch>/switch_probe.S for %s: registers "
		    "and alignment not checked\n", KC_ARCH_TRIPLET);
		failures++;
	}

	/* Switches nest: main -> A -> B -> A -> main. */
	memset(w, 0, sizeof(w));
	r = kc_stack_switch(stk_a + STK_SIZE, nest, w, &resume);
	CHECK(r == (char *)&w[1] + 1);
	CHECK(on_stack((const void *)w[0].local, stk_a));
	CHECK(on_stack((const void *)w[1].local, stk_b));

	return (failures == 0 ? 0 : 1);
}
