/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Registered stacks inside a thread's own mapping (Go's layout,
 * FACTS-valgrind.md §8): the stack Valgrind guesses for a new thread and
 * the stacks the client registered inside it.  Subject: h_thread.
 */
#include <stdio.h>
#include <string.h>

#include <atf-c.h>

#include "h_thread.h"
#include "kc_arch.h"
#include "kc_assert.h"
#include "kc_case.h"
#include "kc_known.h"
#include "kc_stack.h"
#include "kc_vgrun.h"
#include "sr_case.h"

#define SUBJ	"h_thread"
/* Two launches of a threaded subject each (sr_run): about 4 s a launch
 * under load, with room (the watchdog, lib/kc_case.h). */
#define DEADLINE_S	40

/* The classes of errors the guessed stack causes (FACTS-valgrind.md §8). */
struct thread_errors {
	int	invalid_in_object;		/* Invalid read/write inside the object */
	int	syscall_unaddressable_in_object; /* SyscallParam: unaddressable, in it */
	int	invalid_in_goroutine_stack;	/* Invalid read/write inside the other stack */
	int	on_thread_stack;		/* "is on thread N's stack" */
	int	invalid_anonymous;		/* Invalid read/write "in a rw- anonymous segment" */
	int	uninitialised;			/* UninitCondition/Value, SyscallParam uninit */
	int	other;				/* none of these: not the guessed stack */
	char	first_other[256];
};

/* "1,234" as Valgrind prints sizes (%'lu in the C locale of its output). */
static void
thousands(unsigned long v, char *buf, size_t len)
{
	char d[32];
	size_t n, i, o = 0;

	n = (size_t)snprintf(d, sizeof(d), "%lu", v);
	for (i = 0; i < n && o + 2 < len; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = d[i];
	}
	buf[o] = '\0';
}

static void
block_needle(unsigned long size, char *buf, size_t len)
{
	char n[32];

	thousands(size, n, sizeof(n));
	snprintf(buf, len, "inside a block of size %s alloc'd", n);
}

static void
classify(const struct kc_vg_report *rep, struct thread_errors *c)
{
	char obj[64], gs[64];
	int i;

	memset(c, 0, sizeof(*c));
	block_needle(H_THREAD_OBJ_SIZE, obj, sizeof(obj));
	block_needle(H_THREAD_GS_SIZE, gs, sizeof(gs));
	for (i = 0; i < rep->nerrors; i++) {
		const struct kc_vg_error *e = &rep->errors[i];
		bool invalid = strcmp(e->kind, "InvalidRead") == 0 ||
		    strcmp(e->kind, "InvalidWrite") == 0;
		bool param = strcmp(e->kind, "SyscallParam") == 0;

		if (e->has_leak)
			continue;	/* leak records: classify_leaks */
		if (invalid && kc_vg_aux_has(e, obj))
			c->invalid_in_object++;
		else if (param && strstr(e->what, "unaddressable") != NULL &&
		    kc_vg_aux_has(e, obj))
			c->syscall_unaddressable_in_object++;
		else if (invalid && kc_vg_aux_has(e, gs))
			c->invalid_in_goroutine_stack++;
		else if ((invalid || param) && kc_vg_aux_has(e, "on thread "))
			c->on_thread_stack++;
		else if (invalid && kc_vg_aux_has(e, "anonymous segment"))
			c->invalid_anonymous++;
		else if (strcmp(e->kind, "UninitCondition") == 0 ||
		    strcmp(e->kind, "UninitValue") == 0 ||
		    (param && strstr(e->what, "uninitialised") != NULL))
			c->uninitialised++;
		else if (c->other++ == 0)
			snprintf(c->first_other, sizeof(c->first_other), "%s: %s%s%s",
			    e->kind, e->what, e->nauxwhat > 0 ? " / " : "",
			    e->nauxwhat > 0 ? e->auxwhat[0] : "");
	}
}

/* The subject ran to its end (its last line), whatever Valgrind reported. */
static void
require_done(const struct kc_vgrun_result *res)
{
	char line[256];

	ATF_REQUIRE_MSG(strstr(res->out, "\ndone\n") != NULL,
	    "h_thread did not finish; stdout '%s'",
	    kc_vgrun_oneline(res->out, line, sizeof(line)));
}

/* A control: no error, no "client switching stacks?" warning (variant:
 * one of h_thread's, or NULL). */
static void
require_clean_variant(const atf_tc_t *tc, const char *layout, const char *variant)
{
	struct thread_errors c;
	struct sr_run r;

	kc_require_stack_switch();
	sr_run(tc, SUBJ, "macro", (const char *[]){ layout, variant, NULL }, NULL, 0, &r);
	require_done(&r.xml);
	classify(&r.xml.report, &c);
	KC_CHECK_EQ(0, c.invalid_in_object);
	KC_CHECK_EQ(0, c.syscall_unaddressable_in_object);
	KC_CHECK_EQ(0, c.invalid_in_goroutine_stack);
	KC_CHECK_EQ(0, c.on_thread_stack);
	KC_CHECK_EQ(0, c.uninitialised);
	sr_require_no_errors(&r);
	KC_CHECK_EQ(0, c.invalid_anonymous);
	KC_CHECK_EQ(0, r.warnings);
	sr_run_free(&r);
}

static void
require_clean(const atf_tc_t *tc, const char *layout)
{
	require_clean_variant(tc, layout, NULL);
}

/*
 * A thread whose stack (given to pthread_attr_setstack) lies in one mapping
 * with a registered goroutine stack and a heap object, all MALLOCLIKE
 * blocks, switches thread stack -> goroutine stack -> back: the switches
 * are between registered stacks, so memcheck must report nothing.
 * Valgrind registers a guessed stack for the new thread, from the start of
 * the mapping up to its SP (ML_(guess_and_register_stack), do_clone), and
 * find_stack_by_addr finds that newest one first: the switches inside it are
 * taken as SP moves, and memcheck marks the memory between the two SPs
 * undefined (down) and NOACCESS (up): the object and the goroutine stack are
 * clobbered.  Known (kc_known.c vg_guessed_thread_stack, by version): each
 * class of error the mechanism gives is asserted absent in an
 * expected-failure window; errors of any other kind fail the case outright,
 * and a Valgrind that reports none makes it fail with "expected failure did
 * not occur".
 */
KC_CASE_MD(stackreg_thread__guessed_stack_covers_goroutine_stack,
    "A thread switching between registered stacks inside its own mapping "
    "(Go's layout): no memcheck error", .deadline_s = DEADLINE_S)
{
	struct kc_vgrun_opts o = { .timeout_ms = 0 };
	struct kc_vgrun_result res;
	struct thread_errors c;
	const char *version;
	char *argv[5];
	int n = 0;

	kc_require_stack_switch();
	version = kc_vgrun_require(tc);
	argv[n++] = (char *)kc_vgrun_subject(tc, SUBJ);
	argv[n++] = "macro";
	argv[n++] = "shared";
	if (atf_tc_has_config_var(tc, "stackreg_fault"))
		argv[n++] = (char *)atf_tc_get_config_var(tc, "stackreg_fault");
	argv[n] = NULL;
	kc_vgrun(tc, &o, argv, &res);
	/* Valgrind's own verdict comes from the errors, asserted below:
	 * either exit status, never a signal or another code. */
	ATF_REQUIRE_MSG(res.exited && (res.code == 0 || res.code == KC_VGRUN_ERREXIT),
	    "valgrind: %s %d", res.exited ? "exit" : "signal",
	    res.exited ? res.code : res.signo);
	require_done(&res);
	classify(&res.report, &c);
	ATF_REQUIRE_MSG(c.other == 0, "%d errors not caused by the guessed stack; "
	    "first: %s", c.other, c.first_other);

	kc_known_expect_fail("vg_guessed_thread_stack", version);
	KC_CHECK_EQ(0, c.invalid_in_object);
	KC_CHECK_EQ(0, c.syscall_unaddressable_in_object);
	KC_CHECK_EQ(0, c.invalid_in_goroutine_stack);
	KC_CHECK_EQ(0, c.on_thread_stack);
	KC_CHECK_EQ(0, c.uninitialised);
	KC_CHECK_EQ(0, res.report.nerrors);
	kc_vgrun_free(&res);
}

/*
 * The same layout is clean when the thread first deregisters the stack
 * Valgrind guessed for it (its id is the one after the last id the client
 * received: FACTS-valgrind.md §8, Evidence): then its SP is in the client's
 * registered thread stack and every switch is seen.
 */
KC_CASE_MD(stackreg_thread__guess_deregistered_clean,
    "Go's layout after the thread deregisters the guessed stack: no error, "
    "no warning", .deadline_s = DEADLINE_S)
{
	require_clean(tc, "deregister");
}

/*
 * With the thread stack in a mapping of its own (between guard pages), the
 * guess covers only the thread stack, and the switches to the goroutine
 * stack are seen: no error.
 */
KC_CASE_MD(stackreg_thread__own_mapping_clean,
    "Thread stack in its own mapping, goroutine stack and object in another: "
    "no error, no warning", .deadline_s = DEADLINE_S)
{
	require_clean(tc, "own_mapping");
}

/*
 * The same switches on the main thread (main stack -> thread stack ->
 * goroutine stack -> back, every stack registered): no guess, no error.
 * This is what every other stack case does.
 */
KC_CASE_MD(stackreg_thread__main_thread_clean,
    "Go's layout run on the main thread: no error, no warning",
    .deadline_s = DEADLINE_S)
{
	require_clean(tc, "main_thread");
}

/* The leak records of h_thread's leak modes (its blocks by their sizes). */
struct thread_leaks {
	int	leaf_definite;		/* Leak_DefinitelyLost: the leaf, 1 block */
	int	stk2_possible;		/* Leak_PossiblyLost: the second stack, 1 block */
	int	other;			/* any other leak record */
	char	first_other[256];
};

static void
classify_leaks(const struct kc_vg_report *rep, struct thread_leaks *l)
{
	int i;

	memset(l, 0, sizeof(*l));
	for (i = 0; i < rep->nerrors; i++) {
		const struct kc_vg_error *e = &rep->errors[i];

		if (!e->has_leak)
			continue;
		if (strcmp(e->kind, "Leak_DefinitelyLost") == 0 && e->leakedblocks == 1 &&
		    e->leakedbytes == H_THREAD_LEAF_SIZE)
			l->leaf_definite++;
		else if (strcmp(e->kind, "Leak_PossiblyLost") == 0 && e->leakedblocks == 1 &&
		    e->leakedbytes == H_THREAD_STK2_SIZE)
			l->stk2_possible++;
		else if (l->other++ == 0)
			snprintf(l->first_other, sizeof(l->first_other), "%s: %s", e->kind,
			    e->what);
	}
}

/*
 * One XML run of "h_thread macro <layout> <variant> [<stackreg_fault>]"
 * that must end normally (either exit status of Valgrind's verdict) with
 * "done"; errors and leak records classified.  Returns the Valgrind version.
 */
static const char *
run_leak_mode(const atf_tc_t *tc, const char *layout, const char *variant,
    struct kc_vgrun_result *res, struct thread_errors *c, struct thread_leaks *l)
{
	struct kc_vgrun_opts o = { .timeout_ms = 0 };
	const char *version;
	char *argv[6];
	int n = 0;

	kc_require_stack_switch();
	version = kc_vgrun_require(tc);
	argv[n++] = (char *)kc_vgrun_subject(tc, SUBJ);
	argv[n++] = "macro";
	argv[n++] = (char *)layout;
	argv[n++] = (char *)variant;
	if (atf_tc_has_config_var(tc, "stackreg_fault"))
		argv[n++] = (char *)atf_tc_get_config_var(tc, "stackreg_fault");
	argv[n] = NULL;
	kc_vgrun(tc, &o, argv, res);
	ATF_REQUIRE_MSG(res->exited && (res->code == 0 || res->code == KC_VGRUN_ERREXIT),
	    "valgrind: %s %d", res->exited ? "exit" : "signal",
	    res->exited ? res->code : res->signo);
	require_done(res);
	classify(&res->report, c);
	classify_leaks(&res->report, l);
	ATF_REQUIRE_MSG(c->other == 0, "%d errors not caused by the guessed stack; "
	    "first: %s", c->other, c->first_other);
	ATF_REQUIRE_MSG(l->other == 0, "%d leak records not of h_thread's leaf or second "
	    "stack; first: %s", l->other, l->first_other);
	return (version);
}

/*
 * Go's layout, with every block still pointed to at exit (Go frees nothing
 * with GOGC=off): the leaf block's only pointer is a field of the object,
 * so memcheck's leak search must not call it lost.  The guessed thread
 * stack (vg_guessed_thread_stack) leaves the object NOACCESS or undefined,
 * the search reads no pointer there, and it reports the leaf "definitely
 * lost" (Go's live runtime.m, g and p objects reported so:
 * FACTS-valgrind.md §8, Leak_DefinitelyLost), in an expected-failure window
 * by version; other errors of the mechanism are allowed, others fail.
 */
KC_CASE_MD(stackreg_thread__guessed_stack_hides_pointer_definitely_lost,
    "Go's layout: a block whose only pointer is in the object the guessed thread stack "
    "clobbers is not reported definitely lost", .deadline_s = DEADLINE_S)
{
	struct kc_vgrun_result res;
	struct thread_errors c;
	struct thread_leaks l;
	const char *version;

	version = run_leak_mode(tc, "shared", "leak", &res, &c, &l);
	kc_known_expect_fail("vg_guessed_thread_stack", version);
	KC_CHECK_EQ(0, l.leaf_definite);
	kc_vgrun_free(&res);
}

/*
 * The same run: a second goroutine stack whose start only the object holds
 * while a global holds its saved SP (a pointer into it, as Go keeps
 * g.sched.sp) must be reachable.  With the object clobbered the search sees
 * only the interior pointer and reports the stack "possibly lost" (Go's
 * runtime.stackalloc blocks: Leak_PossiblyLost), expected failure by
 * version as above.
 */
KC_CASE_MD(stackreg_thread__guessed_stack_hides_start_possibly_lost,
    "Go's layout: a stack whose start pointer is in the object the guessed thread stack "
    "clobbers is not reported possibly lost", .deadline_s = DEADLINE_S)
{
	struct kc_vgrun_result res;
	struct thread_errors c;
	struct thread_leaks l;
	const char *version;

	version = run_leak_mode(tc, "shared", "leak", &res, &c, &l);
	kc_known_expect_fail("vg_guessed_thread_stack", version);
	KC_CHECK_EQ(0, l.stk2_possible);
	kc_vgrun_free(&res);
}

/* leak_drop's verdicts where no guess shadows the stacks: no error, the
 * dropped leaf definitely lost, the pointed-to second stack not lost. */
static void
require_only_garbage_lost(const atf_tc_t *tc, const char *layout)
{
	struct kc_vgrun_result res;
	struct thread_errors c;
	struct thread_leaks l;

	(void)run_leak_mode(tc, layout, "leak_drop", &res, &c, &l);
	KC_CHECK_EQ(0, c.invalid_in_object);
	KC_CHECK_EQ(0, c.syscall_unaddressable_in_object);
	KC_CHECK_EQ(0, c.invalid_in_goroutine_stack);
	KC_CHECK_EQ(0, c.on_thread_stack);
	KC_CHECK_EQ(0, c.uninitialised);
	KC_CHECK_EQ(1, l.leaf_definite);
	KC_CHECK_EQ(0, l.stk2_possible);
	KC_CHECK_EQ(1, res.report.nerrors);
	kc_vgrun_free(&res);
}

/*
 * The leak controls, Go's layout with the object's pointer to the leaf
 * cleared (the leaf is garbage, as Go's unreachable objects are): after
 * the thread deregisters the guessed stack, exactly the leaf is reported,
 * definitely lost (a true report), and the second stack, pointed to from
 * the object, is not.
 */
KC_CASE_MD(stackreg_thread__guess_deregistered_only_garbage_lost,
    "Go's layout after the guess is deregistered: only the unreferenced block is "
    "definitely lost, no other error or leak", .deadline_s = DEADLINE_S)
{
	require_only_garbage_lost(tc, "deregister");
}

/* The same on the main thread (no guess): only the garbage is lost. */
KC_CASE_MD(stackreg_thread__main_thread_only_garbage_lost,
    "Go's layout on the main thread: only the unreferenced block is definitely lost, "
    "no other error or leak", .deadline_s = DEADLINE_S)
{
	require_only_garbage_lost(tc, "main_thread");
}

/*
 * Go's layout, and after the thread is joined the main thread reads and
 * writes a word of the mapping that is in no block (Go's span heap bits,
 * runtime.(*mspan).writeHeapBitsSmall): the client never freed it, so
 * memcheck must report nothing.  The guessed stack's SP moves left it
 * NOACCESS, and with the thread (and Valgrind's record of its stack) gone
 * the address is "in a rw- anonymous segment" (Go's other_address class);
 * expected failure by version (vg_guessed_thread_stack).  Where the arch's
 * Valgrind suppresses every 4-byte invalid access by default
 * (KC_ARCH_VG_SUPP_ADDR4_ALL, armhf) the word's accesses, 4 bytes, are not
 * reported although it is NOACCESS: what a client sees there is no error,
 * and the guess's other effects are the cases above.
 */
KC_CASE_MD(stackreg_thread__guessed_stack_clobbers_unallocated_word,
    "Go's layout: a word in no block, used after the thread exits, is not reported "
    "invalid", .deadline_s = DEADLINE_S)
{
	struct kc_vgrun_result res;
	struct thread_errors c;
	struct thread_leaks l;
	const char *version;

	version = run_leak_mode(tc, "shared", "span", &res, &c, &l);
#if !(defined(KC_ARCH_VG_SUPP_ADDR4_ALL) && KC_ARCH_VG_SUPP_ADDR4_ALL && \
    H_THREAD_SCRATCH_BYTES == 4)
	kc_known_expect_fail("vg_guessed_thread_stack", version);
#else
	(void)version;		/* its report is suppressed: no row applies */
#endif
	KC_CHECK_EQ(0, c.invalid_anonymous);
	kc_vgrun_free(&res);
}

/* Its control: the same after the thread deregisters the guess: clean. */
KC_CASE_MD(stackreg_thread__guess_deregistered_unallocated_word_clean,
    "Go's layout after the guess is deregistered: the word in no block, used after the "
    "thread exits, gives no error, no warning", .deadline_s = DEADLINE_S)
{
	require_clean_variant(tc, "deregister", "span");
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, stackreg_thread__guessed_stack_covers_goroutine_stack);
	ATF_TP_ADD_TC(tp, stackreg_thread__guess_deregistered_clean);
	ATF_TP_ADD_TC(tp, stackreg_thread__own_mapping_clean);
	ATF_TP_ADD_TC(tp, stackreg_thread__main_thread_clean);
	ATF_TP_ADD_TC(tp, stackreg_thread__guessed_stack_hides_pointer_definitely_lost);
	ATF_TP_ADD_TC(tp, stackreg_thread__guessed_stack_hides_start_possibly_lost);
	ATF_TP_ADD_TC(tp, stackreg_thread__guess_deregistered_only_garbage_lost);
	ATF_TP_ADD_TC(tp, stackreg_thread__main_thread_only_garbage_lost);
	ATF_TP_ADD_TC(tp, stackreg_thread__guessed_stack_clobbers_unallocated_word);
	ATF_TP_ADD_TC(tp, stackreg_thread__guess_deregistered_unallocated_word_clean);

	return (atf_no_error());
}
