/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Subject for thread_test: Go's layout (FACTS-valgrind.md §8, "Why:
 * Valgrind's guessed thread stack").  Go starts each thread on a g0 stack
 * carved from a heap arena, next to goroutine stacks and heap objects; here
 * one anonymous mapping holds, from its start,
 *
 *   gs    a "goroutine" stack, GS_SIZE bytes	MALLOCLIKE(is_zeroed 1), STACK_REGISTER
 *   obj   an object of OBJ_SIZE (Go's runtime.m)	MALLOCLIKE(is_zeroed 1)
 *   ts    the thread stack, TS_SIZE bytes		MALLOCLIKE(is_zeroed 1), STACK_REGISTER,
 *         given to pthread_attr_setstack
 *
 * and the thread runs thread stack -> goroutine stack -> thread stack
 * (kc_stack_switch), using the object on both: a branch on a field, a
 * futex(FUTEX_WAKE) on a field, a write(2) of a buffer of the object whose
 * count is a field, and a read of the word the goroutine left at the top of
 * its stack; on the goroutine stack also a futex(FUTEX_WAKE) on a word of
 * the mapping that is in no block.
 *
 *   h_thread <macro|raw> <layout> [fault]
 *
 * layouts:
 *   shared       the layout above;
 *   deregister   the same, the thread first deregistering the stack Valgrind
 *                guessed for it at clone: Valgrind hands out stack ids in
 *                sequence (main stack 0, the client's 1, 2, ...), so the
 *                guess is the id after the last one this client received
 *                (FACTS-valgrind.md §8, Evidence);
 *   own_mapping  the thread stack in a mapping of its own;
 *   main_thread  no thread: the main thread switches to ts, then gs, back.
 * variants (after the layout):
 *   leak         also a leaf block (LEAF_SIZE) whose only pointer is a field
 *                of the object, and a second goroutine stack (STK2_SIZE)
 *                whose start only the object holds while a global holds
 *                its saved SP (an interior pointer), both MALLOCLIKE(is_zeroed
 *                1) in the mapping; nothing is freed or unmapped, so
 *                Valgrind's leak search at exit sees every block still
 *                pointed to (what Go leaves at exit: GOGC=off frees nothing);
 *   leak_drop    the same, the object's pointer to the leaf cleared first:
 *                the leaf is garbage, as Go's unreachable objects are;
 *   span         after the thread is joined, the main thread reads and
 *                writes the scratch word (Go: a span's heap bits, written
 *                by runtime.(*mspan).writeHeapBitsSmall, in no object).
 * faults (selftest knobs, thread_test's stackreg_fault):
 *   no_register       the goroutine stack is not STACK_REGISTERed;
 *   keep_guess        deregister does not deregister the guess;
 *   deregister_guess  shared deregisters the guess (as deregister);
 *   keep_pointer      leak_drop keeps the object's pointer to the leaf.
 *
 * Prints "layout <name> guess_id <n>" (n: the id deregistered, 0 if none)
 * and "done".  Exit 0, or 2 on a usage or setup error.
 */
#include <sys/mman.h>
#include <sys/syscall.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kc_stack.h"
#include "kc_vg.h"
#include "h_thread.h"

#define GS_SIZE		H_THREAD_GS_SIZE
/* The goroutine runs below its top GS_TOP bytes, where it keeps GS_WORD. */
#define GS_TOP		256
#define GS_WORD		((volatile unsigned long *)(void *)(L.gs + GS_SIZE) - 1)
#define OBJ_SIZE	H_THREAD_OBJ_SIZE
#define OBJ_OFF		(GS_SIZE + 4096)
/* A word of the mapping in no block (Go: span memory not handed out as an
 * object), between the object and the thread stack. */
#define SCRATCH_OFF	(OBJ_OFF + OBJ_SIZE + 1024)
/* leak modes: the leaf and the second goroutine stack, in no other block. */
#define LEAF_SIZE	H_THREAD_LEAF_SIZE
#define LEAF_OFF	(OBJ_OFF + 8192)
#define STK2_SIZE	H_THREAD_STK2_SIZE
#define STK2_OFF	(OBJ_OFF + 16384)
#define TS_OFF		(256 * 1024)
#define TS_SIZE		H_THREAD_TS_SIZE
/* The shared mapping: gs, obj, ts; well below --max-stackframe (2000000),
 * so no move inside it is taken for a stack switch by size. */
#define MAP_SIZE	(TS_OFF + TS_SIZE)
/* own_mapping: the goroutine stack, the object and the scratch word only. */
#define GSOBJ_SIZE	TS_OFF

/* The object: Go's m, a few fields the runtime uses on both stacks. */
struct obj {
	uint32_t	futex;		/* a lock word (futex wake) */
	uint32_t	state;		/* branched on */
	size_t		len;		/* a write(2) count */
	char		buf[64];	/* a write(2) buffer */
	void		*leaf;		/* leak modes: the leaf block */
	void		*stk;		/* leak modes: the start of the second stack */
};
_Static_assert(sizeof(struct obj) <= OBJ_SIZE, "struct obj too big");
_Static_assert(sizeof(uint32_t) == H_THREAD_SCRATCH_BYTES, "scratch access size");

/* Outside every stack: kc_stack_switch's resume_sp must not be on the
 * stack being left. */
static struct {
	unsigned char	*map;		/* the shared mapping (gs, obj[, ts]) */
	unsigned char	*tsmap;		/* own_mapping: the thread stack's */
	unsigned char	*gs, *ts;
	struct obj	*obj;
	uint32_t	*scratch;
	uintptr_t	 gs_id, ts_id, guess_id;
	void		*resume_ts;	/* sp on ts while on gs */
	void		*resume_main;	/* main_thread: sp on the main stack */
	int		 devnull;
	int		 deregister;	/* deregister the guess first */
	int		 leak;		/* 1: leak, 2: leak_drop */
	void		*stk_sp;	/* leak modes: the second stack's saved SP */
	int		 span;		/* span: the scratch word used after the thread */
	unsigned	 seen;		/* what the thread saw (stdout) */
} L;

static int fault_no_register, fault_keep_guess, fault_deregister_guess, fault_keep_pointer;

volatile unsigned long h_thread_sink;
#define USE(x)	(h_thread_sink = (unsigned long)(x))	/* a live read */

static void
die(const char *what)
{
	perror(what);
	exit(2);
}

static unsigned char *
map(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("mmap");
	return (p);
}

static long
futex_wake(uint32_t *w)
{
	return (syscall(SYS_futex, w, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0));
}

/* Some frames with locals on the current stack. */
static __attribute__((noinline)) unsigned
work(unsigned n)
{
	volatile unsigned char buf[256];

	buf[0] = (unsigned char)n;
	buf[sizeof(buf) - 1] = (unsigned char)(n + 1);
	return ((n > 0 ? work(n - 1) : 0) + buf[0] + buf[sizeof(buf) - 1]);
}

/* On the goroutine stack: what Go's runtime does with m there. */
static __attribute__((noinline)) void *
on_goroutine(void *arg)
{
	struct obj *o = L.obj;
	unsigned r;

	(void)arg;
	/* The word the goroutine leaves at the top of its stack (Go: the
	 * frames of a parked goroutine). */
	*GS_WORD = 0x60;
	if (o->state == 1)
		L.seen |= 1;
	(void)futex_wake(&o->futex);
	(void)futex_wake(L.scratch);
	if (write(L.devnull, o->buf, o->len) != (ssize_t)sizeof(o->buf))
		L.seen |= 0x100;
	r = work(4);
	return ((void *)(uintptr_t)r);
}

/* On the thread stack (the thread's own, or main_thread's switch). */
static __attribute__((noinline)) void *
on_thread_stack(void *arg)
{
	struct obj *o = L.obj;

	(void)arg;
	if (L.deregister)
		kc_vg_stack_deregister(L.guess_id);
	o->state = 1;
	*L.scratch = 0;
	o->len = sizeof(o->buf);
	memset(o->buf, 'm', sizeof(o->buf));
	(void)work(4);
	(void)kc_stack_switch(L.gs + GS_SIZE - GS_TOP, on_goroutine, NULL,
	    &L.resume_ts);
	/* Back on the thread stack: m and the goroutine's top word again. */
	if (o->state == 1)
		L.seen |= 2;
	(void)futex_wake(&o->futex);
	USE(*GS_WORD);
	USE(o->len);
	return (NULL);
}

static void *
thread_main(void *arg)
{
	return (on_thread_stack(arg));
}

/*
 * own_mapping: the thread stack between two PROT_NONE guard pages (as glibc
 * maps a thread stack), so that no neighbouring mapping of the same
 * protection forms one segment with it, whatever addresses mmap picks.
 */
static void
setup(int own_mapping)
{
	long pg = sysconf(_SC_PAGESIZE);

	L.map = map(own_mapping ? GSOBJ_SIZE : MAP_SIZE);
	L.gs = L.map;
	L.obj = (struct obj *)(void *)(L.map + OBJ_OFF);
	L.scratch = (uint32_t *)(void *)(L.map + SCRATCH_OFF);
	if (own_mapping) {
		L.tsmap = map(TS_SIZE + 2 * (size_t)pg);
		if (mprotect(L.tsmap, (size_t)pg, PROT_NONE) == -1 ||
		    mprotect(L.tsmap + pg + TS_SIZE, (size_t)pg, PROT_NONE) == -1)
			die("mprotect");
		L.ts = L.tsmap + pg;
	} else
		L.ts = L.map + TS_OFF;
	kc_vg_malloclike_block(L.gs, GS_SIZE, 0, 1);
	kc_vg_malloclike_block(L.obj, OBJ_SIZE, 0, 1);
	kc_vg_malloclike_block(L.ts, TS_SIZE, 0, 1);
	if (!fault_no_register)
		L.gs_id = kc_vg_stack_register(L.gs, L.gs + GS_SIZE - 1);
	L.ts_id = kc_vg_stack_register(L.ts, L.ts + TS_SIZE - 1);
	L.devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (L.devnull == -1)
		die("open /dev/null");
	if (L.leak) {
		kc_vg_malloclike_block(L.map + LEAF_OFF, LEAF_SIZE, 0, 1);
		kc_vg_malloclike_block(L.map + STK2_OFF, STK2_SIZE, 0, 1);
		L.obj->leaf = L.map + LEAF_OFF;
		L.obj->stk = L.map + STK2_OFF;
		L.stk_sp = L.map + STK2_OFF + STK2_SIZE / 2;
		if (L.leak == 2 && !fault_keep_pointer)
			L.obj->leaf = NULL;
	}
}

static void
teardown(void)
{
	kc_vg_stack_deregister(L.ts_id);
	if (!fault_no_register)
		kc_vg_stack_deregister(L.gs_id);
	if (L.leak) {		/* every block stays for the leak search */
		if (close(L.devnull) == -1)
			die("close");
		return;
	}
	kc_vg_freelike_block(L.ts, 0);
	kc_vg_freelike_block(L.obj, 0);
	kc_vg_freelike_block(L.gs, 0);
	if (L.tsmap != NULL && munmap(L.tsmap, TS_SIZE + 2 *
	    (size_t)sysconf(_SC_PAGESIZE)) == -1)
		die("munmap");
	if (munmap(L.map, L.tsmap != NULL ? GSOBJ_SIZE : MAP_SIZE) == -1)
		die("munmap");
	if (close(L.devnull) == -1)
		die("close");
}

static void
run_thread(void)
{
	pthread_attr_t a;
	pthread_t t;
	int e;

	if ((e = pthread_attr_init(&a)) != 0 ||
	    (e = pthread_attr_setstack(&a, L.ts, TS_SIZE)) != 0 ||
	    (e = pthread_create(&t, &a, thread_main, NULL)) != 0 ||
	    (e = pthread_join(t, NULL)) != 0) {
		errno = e;
		die("pthread");
	}
	(void)pthread_attr_destroy(&a);
}

static void
usage(void)
{
	fprintf(stderr, "usage: h_thread macro|raw shared|deregister|own_mapping|"
	    "main_thread [leak|leak_drop] [no_register|keep_guess|deregister_guess|"
	    "keep_pointer|none]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	enum kc_vg_enc enc;
	const char *layout;
	int i;

	if (argc < 3 || kc_vg_enc_parse(argv[1], &enc) == -1)
		usage();
	kc_vg_set_encoding(enc);
	layout = argv[2];
	for (i = 3; i < argc; i++) {
		if (strcmp(argv[i], "no_register") == 0)
			fault_no_register = 1;
		else if (strcmp(argv[i], "keep_guess") == 0)
			fault_keep_guess = 1;
		else if (strcmp(argv[i], "deregister_guess") == 0)
			fault_deregister_guess = 1;
		else if (strcmp(argv[i], "keep_pointer") == 0)
			fault_keep_pointer = 1;
		else if (strcmp(argv[i], "leak") == 0)
			L.leak = 1;
		else if (strcmp(argv[i], "leak_drop") == 0)
			L.leak = 2;
		else if (strcmp(argv[i], "span") == 0)
			L.span = 1;
		else if (strcmp(argv[i], "none") != 0)
			usage();
	}
	if (!kc_stack_switch_native) {
		fprintf(stderr, "kc_stack_switch: not implemented on this arch\n");
		return (2);
	}
	if (strcmp(layout, "shared") == 0) {
		setup(0);
		L.deregister = fault_deregister_guess;
	} else if (strcmp(layout, "deregister") == 0) {
		setup(0);
		L.deregister = !fault_keep_guess;
	} else if (strcmp(layout, "own_mapping") == 0)
		setup(1);
	else if (strcmp(layout, "main_thread") == 0)
		setup(0);
	else
		usage();
	/* The id Valgrind gives the stack it guesses at clone: the next. */
	L.guess_id = L.deregister ? L.ts_id + 1 : 0;
	if (strcmp(layout, "main_thread") == 0)
		(void)kc_stack_switch(L.ts + TS_SIZE, on_thread_stack, NULL,
		    &L.resume_main);
	else
		run_thread();
	if (L.span) {		/* after the thread: the word in no block */
		USE(*L.scratch);
		*L.scratch = 1;
	}
	teardown();
	printf("layout %s guess_id %lu seen %u\ndone\n", layout,
	    (unsigned long)L.guess_id, L.seen);
	return (0);
}
