/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kc_heap works natively and under Valgrind: the checks of h_heap pass both
 * ways, memcheck reports no error and no leak for correct use and counts
 * the frees as kc_vgfacts says, and it does report an overrun and lost
 * objects (so the clean run is no vacuous pass).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <atf-c.h>

#include "kc_vgfacts.h"
#include "kc_vgrun.h"
#include "kc_vgxml.h"

static const char *
h_heap(const atf_tc_t *tc)
{
	static char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/h_heap",
	    atf_tc_get_config_var(tc, "srcdir"));
	return (path);
}

/* The counter h_heap printed as "<key>=<n>"; fails the case if absent. */
static unsigned long
counter(const struct kc_vgrun_result *res, const char *key)
{
	char pfx[64];
	const char *p;
	size_t n;

	n = (size_t)snprintf(pfx, sizeof(pfx), "%s=", key);
	for (p = res->out; p != NULL; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (strncmp(p, pfx, n) == 0)
			return (strtoul(p + n, NULL, 10));
	atf_tc_fail("h_heap printed no %s (stdout: %.600s)", key, res->out);
	return (0);
}

/*
 * The "total heap usage: A allocs, F frees" numbers of the text log (they
 * carry thousands separators).
 */
static void
heap_usage(const struct kc_vgrun_result *res, unsigned long *allocs,
    unsigned long *frees)
{
	const char *p = strstr(res->text, "total heap usage: ");
	char a[32], f[32];

	ATF_REQUIRE_MSG(p != NULL, "no heap summary in the text log: %.600s",
	    res->text);
	ATF_REQUIRE_MSG(sscanf(p, "total heap usage: %31[0-9,] allocs, "
	    "%31[0-9,] frees", a, f) == 2, "heap summary: %.80s", p);
	ATF_REQUIRE_MSG(kc_vgxml_number(a, allocs) == 0 &&
	    kc_vgxml_number(f, frees) == 0, "heap summary: %.80s", p);
}

/*
 * Natively: every size class and large objects aligned, distinct, writable
 * and zeroed when asked; freed room refilled without growth; exact slot
 * reuse in full spans; sweep; raw spans zeroed on reuse; EINVAL on bad
 * arguments; fini with live objects.
 */
ATF_TC(heap__native_checks);
ATF_TC_HEAD(heap__native_checks, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "kc_heap passes its unit checks natively");
}
ATF_TC_BODY(heap__native_checks, tc)
{
	struct kc_vgrun_result res;

	kc_vgrun_native((char *const[]){ (char *)h_heap(tc), NULL }, &res);
	ATF_REQUIRE_MSG(res.exited && res.code == 0,
	    "h_heap: exit %d signal %d; stdout: %.1500s", res.code, res.signo,
	    res.out);
	ATF_REQUIRE_EQ(0, counter(&res, "failures"));
	ATF_REQUIRE(counter(&res, "objects") > 30000);
	kc_vgrun_free(&res);
}

/*
 * Under Valgrind with --leak-check=full the same checks pass, memcheck
 * reports no error of any kind (no invalid access, no uninitialised use,
 * no leak) and every heap block is freed.  Every object is a MALLOCLIKE
 * and every span a MEMPOOL_ALLOC, so both count as allocs; the frees that
 * are MEMPOOL_FREEs or auto-frees count only from 3.27.0 (kc_vgfacts
 * mempool_frees_counted): before, frees = allocs - spans - auto-freed
 * objects exactly; from then, frees = allocs.
 */
ATF_TC(heap__valgrind_clean);
ATF_TC_HEAD(heap__valgrind_clean, tc)
{
	atf_tc_set_md_var(tc, "descr", "kc_heap passes its unit checks under "
	    "Valgrind with no error, no leak, and frees counted per kc_vgfacts");
}
ATF_TC_BODY(heap__valgrind_clean, tc)
{
	/* XML for the errors; a second, text-only run for the heap summary. */
	struct kc_vgrun_opts x = { .opts = { "--leak-check=full", NULL } };
	struct kc_vgrun_opts t = { .verbose = true, .no_xml = true,
	    .opts = { "--leak-check=full", NULL } };
	struct kc_vgrun_result res;
	struct kc_vgfacts facts;
	unsigned long allocs, frees, uncounted;
	char *const argv[] = { (char *)h_heap(tc), NULL };

	kc_vgfacts_get(kc_vgrun_require(tc), &facts);
	kc_vgrun(tc, &x, argv, &res);
	ATF_CHECK_EQ_MSG(0, res.report.nerrors, "%d errors; first: %s %s",
	    res.report.nerrors,
	    res.report.nerrors > 0 ? res.report.errors[0].kind : "",
	    res.report.nerrors > 0 ? res.report.errors[0].what : "");
	kc_vgrun_require_exit(&res, 0);
	ATF_REQUIRE_EQ(0, counter(&res, "failures"));
	if (res.report.has_summary) {
		ATF_CHECK_EQ(0, res.report.in_use_blocks);
		ATF_CHECK_EQ(0, res.report.in_use_bytes);
	}
	kc_vgrun_free(&res);

	kc_vgrun(tc, &t, argv, &res);
	kc_vgrun_require_exit(&res, 0);
	ATF_CHECK_MSG(kc_vgrun_count_text(&res,
	    "ERROR SUMMARY: 0 errors from 0 contexts") == 1,
	    "errors in the text run; text log: %.1500s", res.text);
	ATF_CHECK_MSG(kc_vgrun_count_text(&res,
	    "All heap blocks were freed -- no leaks are possible") == 1,
	    "blocks left at exit; text log: %.1500s", res.text);
	heap_usage(&res, &allocs, &frees);
	uncounted = counter(&res, "spans") +
	    (counter(&res, "objects") - counter(&res, "frees"));
	ATF_CHECK_MSG(uncounted > 0, "h_heap made no span");
	if (facts.mempool_frees_counted)
		ATF_CHECK_EQ_MSG(allocs, frees, "%lu allocs, %lu frees: "
		    "MEMPOOL_FREE and auto-free should count as frees", allocs,
		    frees);
	else
		ATF_CHECK_EQ_MSG(allocs - uncounted, frees, "%lu allocs, %lu "
		    "frees: expected %lu uncounted frees (spans and auto-freed "
		    "objects)", allocs, frees, uncounted);
	kc_vgrun_free(&res);
}

/*
 * The clean run can fail: one byte written just past a 40-byte object
 * (inside its 48-byte slot, which the span keeps NOACCESS) is an
 * InvalidWrite "0 bytes after a block of size 40 alloc'd", and it is the
 * only error.
 */
ATF_TC(heap__valgrind_reports_overrun);
ATF_TC_HEAD(heap__valgrind_reports_overrun, tc)
{
	atf_tc_set_md_var(tc, "descr", "memcheck reports a one-byte overrun "
	    "of a kc_heap object as InvalidWrite");
}
ATF_TC_BODY(heap__valgrind_reports_overrun, tc)
{
	struct kc_vgrun_opts o = { .opts = { "--leak-check=full", NULL } };
	struct kc_vgrun_result res;
	const struct kc_vg_error *e;

	kc_vgrun(tc, &o, (char *const[]){ (char *)h_heap(tc), "overrun", NULL },
	    &res);
	kc_vgrun_require_exit(&res, KC_VGRUN_ERREXIT);
	ATF_REQUIRE_EQ_MSG(1, res.report.nerrors, "%d errors, expected 1",
	    res.report.nerrors);
	e = kc_vg_find(&res.report, "InvalidWrite",
	    "0 bytes after a block of size 40 alloc'd");
	ATF_REQUIRE_MSG(e != NULL, "no InvalidWrite 0 bytes after the 40-byte "
	    "block; first error: %s %s", res.report.errors[0].kind,
	    res.report.errors[0].what);
	ATF_CHECK_MATCH("^Invalid write of size 1", e->what);
	kc_vgrun_free(&res);
}

/*
 * The leak check can fail: a heap configured without AUTO_FREE, fini'd with
 * three live 100-byte objects, leaves them definitely lost (300 bytes in 3
 * blocks) and nothing else.
 */
ATF_TC(heap__valgrind_reports_lost);
ATF_TC_HEAD(heap__valgrind_reports_lost, tc)
{
	atf_tc_set_md_var(tc, "descr", "memcheck reports kc_heap objects "
	    "left in released spans of a non-AUTO_FREE heap as lost");
}
ATF_TC_BODY(heap__valgrind_reports_lost, tc)
{
	struct kc_vgrun_opts o = { .opts = { "--leak-check=full", NULL } };
	struct kc_vgrun_result res;
	const struct kc_vg_error *e;

	kc_vgrun(tc, &o, (char *const[]){ (char *)h_heap(tc), "lost", NULL },
	    &res);
	kc_vgrun_require_exit(&res, KC_VGRUN_ERREXIT);
	ATF_REQUIRE_EQ_MSG(1, res.report.nerrors, "%d errors, expected 1",
	    res.report.nerrors);
	e = kc_vg_find(&res.report, "Leak_DefinitelyLost", NULL);
	ATF_REQUIRE_MSG(e != NULL && e->has_leak, "no definite leak; error: "
	    "%s %s", res.report.errors[0].kind, res.report.errors[0].what);
	ATF_CHECK_EQ(300, e->leakedbytes);
	ATF_CHECK_EQ(3, e->leakedblocks);
	kc_vgrun_free(&res);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, heap__native_checks);
	ATF_TP_ADD_TC(tp, heap__valgrind_clean);
	ATF_TP_ADD_TC(tp, heap__valgrind_reports_overrun);
	ATF_TP_ADD_TC(tp, heap__valgrind_reports_lost);

	return (atf_no_error());
}
