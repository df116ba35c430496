/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Subject for switch_test and request_test: switches to another stack for
 * real (kc_stack_switch) with and without STACK_REGISTER, in one encoding.
 *
 *   h_switch <macro|raw> <scenario> [n] [fault]
 *
 * The stacks are anonymous mappings, far from the main stack, so every
 * switch is an SP change larger than --max-stackframe.  Results go to
 * stdout ("ids 1 2 3").  Fault (selftest knob): "no_register" omits the
 * REGISTER call of the "registered" scenario.  Exit 0, or 2 on a usage or
 * setup error.
 */
#include <sys/mman.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kc_stack.h"
#include "kc_vg.h"

#define STK_SIZE	(256 * 1024)

static int fault_no_register;

static unsigned char *
stack_map(void)
{
	void *p;

	p = mmap(NULL, STK_SIZE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		exit(2);
	}
	return (p);
}

static void
stack_unmap(unsigned char *s)
{
	if (munmap(s, STK_SIZE) == -1) {
		perror("munmap");
		exit(2);
	}
}

#define HI(s)	((s) + STK_SIZE - 1)	/* highest addressable byte */

/* Some real work on the current stack: a few frames with locals. */
static __attribute__((noinline)) unsigned
work(unsigned n)
{
	volatile unsigned char buf[512];
	unsigned r;

	buf[0] = (unsigned char)n;
	buf[sizeof(buf) - 1] = (unsigned char)(n + 1);
	r = n > 0 ? work(n - 1) : 0;
	return (r + buf[0] + buf[sizeof(buf) - 1]);
}

static void *
on_stack(void *arg)
{
	(void)arg;
	return ((void *)(uintptr_t)work(8));
}

/* One round trip: main -> s -> main. */
static void
round_trip(unsigned char *s)
{
	void *resume;

	if (kc_stack_switch(s + STK_SIZE, on_stack, NULL, &resume) !=
	    (void *)(uintptr_t)(9 * 9)) {
		fprintf(stderr, "kc_stack_switch: wrong result\n");
		exit(2);
	}
}

/* registered: REGISTER, n round trips, DEREGISTER. */
static void
sc_registered(unsigned n)
{
	unsigned char *s = stack_map();
	uintptr_t id = 0;
	unsigned i;

	if (!fault_no_register)
		id = kc_vg_stack_register(s, HI(s));
	for (i = 0; i < n; i++)
		round_trip(s);
	if (!fault_no_register)
		kc_vg_stack_deregister(id);
	stack_unmap(s);
	printf("id %lu\n", (unsigned long)id);
}

/* unregistered: n round trips to a stack Valgrind was not told about. */
static void
sc_unregistered(unsigned n)
{
	unsigned char *s = stack_map();
	unsigned i;

	for (i = 0; i < n; i++)
		round_trip(s);
	stack_unmap(s);
}

/* deregistered: one round trip registered, then one after DEREGISTER. */
static void
sc_deregistered(void)
{
	unsigned char *s = stack_map();
	uintptr_t id;

	id = kc_vg_stack_register(s, HI(s));
	round_trip(s);
	kc_vg_stack_deregister(id);
	round_trip(s);
	stack_unmap(s);
}

/* ids: three REGISTERs, then DEREGISTER all; print the ids. */
static void
sc_ids(void)
{
	unsigned char *s[3];
	uintptr_t id[3];
	int i;

	for (i = 0; i < 3; i++) {
		s[i] = stack_map();
		id[i] = kc_vg_stack_register(s[i], HI(s[i]));
	}
	printf("ids %lu %lu %lu\n", (unsigned long)id[0],
	    (unsigned long)id[1], (unsigned long)id[2]);
	for (i = 0; i < 3; i++) {
		kc_vg_stack_deregister(id[i]);
		stack_unmap(s[i]);
	}
}

/* reversed_register: REGISTER(end, start), then a round trip. */
static void
sc_reversed_register(void)
{
	unsigned char *s = stack_map();
	uintptr_t id;

	id = kc_vg_stack_register(HI(s), s);
	round_trip(s);
	kc_vg_stack_deregister(id);
	stack_unmap(s);
	printf("id %lu\n", (unsigned long)id);
}

/*
 * reversed_change: register a stack t, STACK_CHANGE its id to s with the
 * bounds reversed, then a round trip to s.  If CHANGE swaps the bounds as
 * REGISTER does, s is a registered stack and the switch is silent.
 */
static void
sc_reversed_change(void)
{
	unsigned char *s = stack_map(), *t = stack_map();
	uintptr_t id;

	id = kc_vg_stack_register(t, HI(t));
	kc_vg_stack_change(id, HI(s), s);
	round_trip(s);
	kc_vg_stack_deregister(id);
	stack_unmap(s);
	stack_unmap(t);
}

/* deregister_unknown: DEREGISTER of an id never handed out. */
static void
sc_deregister_unknown(void)
{
	kc_vg_stack_deregister(0x7fff1234);
	printf("done\n");
}

/*
 * register_after: switch to an unregistered stack, work there (frames come
 * and go, so memcheck marks them NOACCESS again), REGISTER the stack while
 * running on it, work again, come back, DEREGISTER.
 */
struct after {
	unsigned char	*s;
	uintptr_t	 id;
};

static void *
register_here(void *arg)
{
	struct after *a = arg;
	unsigned r;

	r = work(8);
	a->id = kc_vg_stack_register(a->s, HI(a->s));
	r += work(8);
	return ((void *)(uintptr_t)r);
}

static void
sc_register_after(void)
{
	struct after a;
	void *resume;

	a.s = stack_map();
	a.id = 0;
	(void)kc_stack_switch(a.s + STK_SIZE, register_here, &a, &resume);
	kc_vg_stack_deregister(a.id);
	stack_unmap(a.s);
	printf("id %lu\n", (unsigned long)a.id);
}

static void
usage(void)
{
	fprintf(stderr, "usage: h_switch macro|raw scenario [n] [no_register]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	enum kc_vg_enc enc;
	unsigned n = 1;
	int i;

	if (argc < 3 || kc_vg_enc_parse(argv[1], &enc) == -1)
		usage();
	kc_vg_set_encoding(enc);
	for (i = 3; i < argc; i++) {
		if (strcmp(argv[i], "no_register") == 0)
			fault_no_register = 1;
		else if (argv[i][0] >= '1' && argv[i][0] <= '9')
			n = (unsigned)strtoul(argv[i], NULL, 10);
		else if (strcmp(argv[i], "none") != 0)
			usage();
	}
	if (!kc_stack_switch_native) {
		fprintf(stderr, "kc_stack_switch: not implemented on this arch\n");
		return (2);
	}
	if (strcmp(argv[2], "registered") == 0)
		sc_registered(n);
	else if (strcmp(argv[2], "unregistered") == 0)
		sc_unregistered(n);
	else if (strcmp(argv[2], "deregistered") == 0)
		sc_deregistered();
	else if (strcmp(argv[2], "ids") == 0)
		sc_ids();
	else if (strcmp(argv[2], "reversed_register") == 0)
		sc_reversed_register();
	else if (strcmp(argv[2], "reversed_change") == 0)
		sc_reversed_change();
	else if (strcmp(argv[2], "deregister_unknown") == 0)
		sc_deregister_unknown();
	else if (strcmp(argv[2], "register_after") == 0)
		sc_register_after();
	else
		usage();
	return (0);
}
