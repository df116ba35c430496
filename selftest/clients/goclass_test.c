/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kc-goclass (matrix/clients/go, `make client-go`) on canned runs
 * (selftest/clients/canned: XML and text logs of real Go runs under Valgrind
 * 3.19.0 and 3.27.1, trimmed to a few errors of each shape with their
 * <errorcounts>; a forked child's file cut off at exec; a broken tree; small
 * results.json files): the classes, their per-run counts and case flags,
 * the problems of broken runs, and the verdict lookup.  Needs neither Go nor
 * the network.  The expected numbers were counted from the canned files by
 * a separate script, not by kc-goclass.
 */
#include <sys/wait.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <atf-c.h>
#include <json-c/json.h>

#include "kc_file.h"
#include "../st_tool.h"

/* kc-goclass classify on canned tree `tree` into ./out; its exit status. */
static int
kc_classify(const atf_tc_t *tc, const char *tree)
{
	const char *root = st_root(tc), *src = atf_tc_get_config_var(tc, "srcdir");

	ATF_REQUIRE_EQ_MSG(0, st_sh("mkdir -p out"), "mkdir out failed");
	return (st_sh("%s/../../matrix/clients/go/kc-goclass classify --cases "
	    "%s/selftest/clients/canned/cases.txt --out out %s/selftest/clients/canned/%s "
	    "2>out/stderr", src, root, root, tree));
}

/* The element of array a whose member k is v; fails the case if none. */
static json_object *
kc_find(json_object *a, const char *k, const char *v, const char *what)
{
	size_t i;

	ATF_REQUIRE_MSG(a != NULL && json_object_is_type(a, json_type_array),
	    "%s: not an array", what);
	for (i = 0; i < json_object_array_length(a); i++)
		if (strcmp(st_jstr(json_object_array_get_idx(a, i), k, "(null)"), v) == 0)
			return (json_object_array_get_idx(a, i));
	atf_tc_fail("%s: no element with %s \"%s\"", what, k, v);
	return (NULL);
}

static json_object *
kc_version(json_object *rep, const char *version)
{
	return (kc_find(st_jget(rep, "valgrinds"), "version", version, "valgrinds"));
}

/* One class row: min, median, max, total, runs seen and its flag (NULL: none). */
static void
kc_check_class(json_object *vg, const char *cls, long mn, long med, long mx, long total,
    int seen, const char *flag)
{
	json_object *c = kc_find(st_jget(vg, "classes"), "class", cls, cls);
	const char *k[] = { "min", "median", "max", "total", "runs_seen" };
	long want[] = { mn, med, mx, total, seen };
	size_t i;

	for (i = 0; i < sizeof(k) / sizeof(k[0]); i++)
		ATF_CHECK_EQ_MSG(want[i], (long)json_object_get_int64(st_jget(c, k[i])),
		    "%s %s: expected %ld, got %ld", cls, k[i], want[i],
		    (long)json_object_get_int64(st_jget(c, k[i])));
	if (flag == NULL)
		ATF_CHECK_MSG(st_jget(c, "flag") == NULL, "%s: expected no flag, got \"%s\"",
		    cls, st_jstr(c, "flag", "(null)"));
	else
		ATF_CHECK_MSG(strcmp(st_jstr(c, "flag", "(null)"), flag) == 0,
		    "%s: expected flag \"%s\", got \"%s\"", cls, flag, st_jstr(c, "flag", "(null)"));
}

static json_object *
kc_report(void)
{
	json_object *rep = json_object_from_file("out/report.json");

	ATF_REQUIRE_MSG(rep != NULL, "out/report.json: %s", json_util_get_last_err());
	ATF_CHECK_STREQ_MSG("kconform-client-go/1", st_jstr(rep, "schema", "(null)"),
	    "schema: expected kconform-client-go/1, got %s", st_jstr(rep, "schema", "(null)"));
	return (rep);
}

/*
 * Every error of the canned XML lands in its class (where the address is,
 * stackalloc blocks apart from heap objects), weighted by its <errorcounts>
 * count; the per-run min/median/max include the runs without the class.
 */
ATF_TC(goclass__xml_classes_counted_by_errorcounts);
ATF_TC_HEAD(goclass__xml_classes_counted_by_errorcounts, tc)
{
	atf_tc_set_md_var(tc, "require.config", "source_root");
	atf_tc_set_md_var(tc, "descr", "kc-goclass: XML error classes and per-run counts "
	    "(errorcounts weights) of canned 3.19.0 and 3.27.1 runs");
}
ATF_TC_BODY(goclass__xml_classes_counted_by_errorcounts, tc)
{
	json_object *rep, *vg, *c;
	int st;

	st = kc_classify(tc, "runs");
	ATF_REQUIRE_EQ_MSG(0, st, "kc-goclass classify exited %d (see out/stderr)", st);
	rep = kc_report();
	ATF_CHECK_EQ_MSG(2, (int)json_object_array_length(st_jget(rep, "valgrinds")),
	    "expected 2 Valgrinds, got %zu", json_object_array_length(st_jget(rep, "valgrinds")));
	vg = kc_version(rep, "3.19.0");
	ATF_CHECK_EQ_MSG(3, (int)json_object_array_length(st_jget(vg, "runs")),
	    "3.19.0: expected 3 runs, got %zu", json_object_array_length(st_jget(vg, "runs")));
	kc_check_class(vg, "heap_object", 14, 17, 33, 64, 3, "case missing");
	kc_check_class(vg, "stack_block", 4, 6, 11, 21, 3, "case missing");
	kc_check_class(vg, "near_block", 3, 125, 455, 583, 3, "no case reproduces this class");
	kc_check_class(vg, "realloc_block", 0, 4, 5, 9, 2, "no case reproduces this class");
	kc_check_class(vg, "thread_stack", 0, 0, 26, 26, 1, "no case reproduces this class");
	kc_check_class(vg, "uninit_condition", 1, 1, 2, 4, 3, "no case reproduces this class");
	kc_check_class(vg, "uninit_value", 1, 1, 2, 4, 3, "no case reproduces this class");
	kc_check_class(vg, "leak_definite", 2, 2, 4, 8, 3, "no case reproduces this class");
	/* Every heap_object access of the canned 3.19.0 runs is in a runtime.m. */
	c = kc_find(st_jget(vg, "classes"), "class", "heap_object", "classes");
	c = json_object_array_get_idx(st_jget(c, "block_sizes"), 0);
	ATF_CHECK_MSG(strcmp(st_jstr(c, "key", "(null)"), "2040") == 0 &&
	    json_object_get_int(st_jget(c, "count")) == 64,
	    "heap_object: expected block size 2040 x 64 first, got %s x %d",
	    st_jstr(c, "key", "(null)"), json_object_get_int(st_jget(c, "count")));
	ATF_CHECK_EQ_MSG(8, (int)json_object_array_length(st_jget(vg, "classes")) - 5,
	    "3.19.0: expected 8 XML classes (+5 text), got %zu classes",
	    json_object_array_length(st_jget(vg, "classes")));

	vg = kc_version(rep, "3.27.1");
	kc_check_class(vg, "heap_object", 26, 26, 26, 26, 1, "case missing");
	kc_check_class(vg, "thread_stack", 20, 20, 20, 20, 1, "no case reproduces this class");
	kc_check_class(vg, "syscall_uninit", 1, 1, 1, 1, 1, "no case reproduces this class");
	json_object_put(rep);
}

/*
 * A forked child's XML ends where it exec'd: it is closed and its errors
 * count with the run's; a child without errors still counts as a file.
 */
ATF_TC(goclass__child_xml_cut_at_exec_counted);
ATF_TC_HEAD(goclass__child_xml_cut_at_exec_counted, tc)
{
	atf_tc_set_md_var(tc, "require.config", "source_root");
	atf_tc_set_md_var(tc, "descr", "kc-goclass: a forked child's XML, cut at exec, "
	    "is read and its errors counted");
}
ATF_TC_BODY(goclass__child_xml_cut_at_exec_counted, tc)
{
	json_object *rep, *run;
	int st;

	st = kc_classify(tc, "runs");
	ATF_REQUIRE_EQ_MSG(0, st, "kc-goclass classify exited %d (see out/stderr)", st);
	rep = kc_report();
	run = kc_find(st_jget(kc_version(rep, "3.27.1"), "runs"), "run", "execcmd.1", "runs");
	ATF_CHECK_EQ_MSG(3, json_object_get_int(st_jget(run, "xml_files")),
	    "execcmd.1: expected 3 XML files, got %d", json_object_get_int(st_jget(run, "xml_files")));
	ATF_CHECK_EQ_MSG(2, json_object_get_int(st_jget(run, "child_xml_cut_at_exec")),
	    "execcmd.1: expected 2 child files cut at exec, got %d",
	    json_object_get_int(st_jget(run, "child_xml_cut_at_exec")));
	/* 38 contexts in the parent's file, 1 in a child's. */
	ATF_CHECK_EQ_MSG(39, json_object_get_int(st_jget(run, "error_contexts")),
	    "execcmd.1: expected 39 error contexts, got %d",
	    json_object_get_int(st_jget(run, "error_contexts")));
	ATF_CHECK_EQ_MSG(100, json_object_get_int(st_jget(run, "errors")),
	    "execcmd.1: expected 100 errors, got %d", json_object_get_int(st_jget(run, "errors")));
	ATF_CHECK_MSG(st_jget(run, "problem") == NULL, "execcmd.1: unexpected problem \"%s\"",
	    st_jstr(run, "problem", "(null)"));
	json_object_put(rep);
}

/*
 * Text-only warnings: unhandled syscalls, the DWARF 5 form 3.19 cannot read,
 * the refused SIGRT32 handler, the large-range warning; a class of the
 * table gets the verdict recorded for its case under the same Valgrind.
 */
ATF_TC(goclass__text_warnings_and_verdicts);
ATF_TC_HEAD(goclass__text_warnings_and_verdicts, tc)
{
	atf_tc_set_md_var(tc, "require.config", "source_root");
	atf_tc_set_md_var(tc, "descr", "kc-goclass: text-log warning classes, and the case "
	    "verdict per Valgrind version");
}
ATF_TC_BODY(goclass__text_warnings_and_verdicts, tc)
{
	json_object *rep, *vg, *c;
	char *sum;
	int st;

	st = kc_classify(tc, "runs");
	ATF_REQUIRE_EQ_MSG(0, st, "kc-goclass classify exited %d (see out/stderr)", st);
	rep = kc_report();
	vg = kc_version(rep, "3.19.0");
	kc_check_class(vg, "dwarf_form_unhandled", 1, 1, 1, 3, 3, "no case reproduces this class");
	kc_check_class(vg, "debuginfo_read_error", 0, 1, 1, 2, 2, "no case reproduces this class");
	kc_check_class(vg, "large_range", 0, 2, 2, 4, 2, "no case reproduces this class");
	kc_check_class(vg, "sigaction_refused_SIGRT32", 0, 1, 1, 2, 2,
	    "no case reproduces this class");
	kc_check_class(vg, "unhandled_syscall_434", 0, 0, 1, 1, 1, NULL);
	c = kc_find(st_jget(vg, "classes"), "class", "unhandled_syscall_434", "classes");
	ATF_CHECK_STREQ_MSG("expected_failure", st_jstr(c, "verdict", "(null)"),
	    "unhandled_syscall_434 under 3.19.0: expected verdict expected_failure, got %s",
	    st_jstr(c, "verdict", "(null)"));
	ATF_CHECK_STREQ_MSG("cases/parity/pidfd_open_test:pidfd_open__cloexec", st_jstr(c, "case", "(null)"),
	    "unhandled_syscall_434: case %s", st_jstr(c, "case", "(null)"));

	vg = kc_version(rep, "3.27.1");
	kc_check_class(vg, "unhandled_syscall_424", 1, 1, 1, 1, 1, NULL);
	kc_check_class(vg, "sigaction_refused_SIGRT32", 1, 1, 1, 1, 1,
	    "no case reproduces this class");
	json_object_put(rep);

	sum = kc_file_slurp("out/summary.txt");
	ATF_REQUIRE_MSG(sum != NULL, "out/summary.txt missing");
	ATF_CHECK_MSG(strstr(sum, "NO CASE: no case reproduces this class") != NULL,
	    "summary.txt: no NO CASE line");
	ATF_CHECK_MSG(strstr(sum, "pidfd_open__cloexec: expected_failure") != NULL,
	    "summary.txt: no verdict for pidfd_open__cloexec");
	ATF_CHECK_MSG(strstr(sum, "\n0 run problem(s)\n") != NULL,
	    "summary.txt: expected 0 run problems");
	free(sum);
}

/*
 * A run whose XML is malformed, or whose only XML is a cut child's (the
 * main process died), is a problem: named in the summary, exit status 2.
 */
ATF_TC(goclass__broken_runs_reported);
ATF_TC_HEAD(goclass__broken_runs_reported, tc)
{
	atf_tc_set_md_var(tc, "require.config", "source_root");
	atf_tc_set_md_var(tc, "descr", "kc-goclass: malformed XML and a missing main XML are "
	    "run problems (exit 2)");
}
ATF_TC_BODY(goclass__broken_runs_reported, tc)
{
	json_object *rep, *runs;
	char *sum;
	int st;

	st = kc_classify(tc, "broken");
	ATF_CHECK_EQ_MSG(2, st, "kc-goclass classify: expected exit 2, got %d", st);
	rep = kc_report();
	runs = st_jget(kc_version(rep, "3.24.0"), "runs");
	ATF_CHECK_MSG(strstr(st_jstr(kc_find(runs, "run", "goroutines.2", "runs"), "problem", "(null)"),
	    "4343.xml: line 39: mismatched tag") != NULL,
	    "goroutines.2: expected the parse error, got \"%s\"",
	    st_jstr(kc_find(runs, "run", "goroutines.2", "runs"), "problem", "(null)"));
	ATF_CHECK_MSG(strstr(st_jstr(kc_find(runs, "run", "goroutines.1", "runs"), "problem", "(null)"),
	    "0 finished XML files") != NULL,
	    "goroutines.1: expected a missing main XML, got \"%s\"",
	    st_jstr(kc_find(runs, "run", "goroutines.1", "runs"), "problem", "(null)"));
	json_object_put(rep);
	sum = kc_file_slurp("out/summary.txt");
	ATF_REQUIRE_MSG(sum != NULL, "out/summary.txt missing");
	ATF_CHECK_MSG(strstr(sum, "\n2 run problem(s)\n") != NULL, "summary.txt: expected 2 "
	    "run problems");
	free(sum);
}

/*
 * The verdict of a case under a version comes from the newest results.json
 * made under that version; other schemas are ignored; none: exit 1.
 */
ATF_TC(goclass__verdict_newest_results_of_version);
ATF_TC_HEAD(goclass__verdict_newest_results_of_version, tc)
{
	atf_tc_set_md_var(tc, "require.config", "source_root");
	atf_tc_set_md_var(tc, "descr", "kc-goclass verdict: the newest results.json of the "
	    "version, other schemas ignored");
}
ATF_TC_BODY(goclass__verdict_newest_results_of_version, tc)
{
	const char *root = st_root(tc), *src = atf_tc_get_config_var(tc, "srcdir");
	const char *id = "parity/pidfd_open_test:pidfd_open__cloexec";
	struct { const char *version, *want; int rc; } t[] = {
		{ "3.19.0", "expected_failure\t%s/selftest/clients/canned/results/b.json\t"
		    "reason of b\n", 0 },
		{ "3.24.0", "failed\t%s/selftest/clients/canned/results/c.json\treason of c\n", 0 },
		{ "3.27.1", "", 1 },
	};
	char want[1024], *got;
	size_t i;
	int st;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		st = st_sh("%s/../../matrix/clients/go/kc-goclass verdict --version %s --id %s "
		    "%s/selftest/clients/canned/results/*.json > verdict.out", src, t[i].version,
		    id, root);
		ATF_CHECK_EQ_MSG(t[i].rc, st, "%s: expected exit %d, got %d", t[i].version,
		    t[i].rc, st);
		snprintf(want, sizeof(want), t[i].want, root);
		got = kc_file_slurp("verdict.out");
		ATF_REQUIRE_MSG(got != NULL, "verdict.out missing");
		ATF_CHECK_STREQ_MSG(want, got, "%s: expected \"%s\", got \"%s\"", t[i].version,
		    want, got);
		free(got);
	}
	st = st_sh("%s/../../matrix/clients/go/kc-goclass verdict --version 3.19.0 --id "
	    "parity/pidfd_open_test:no_such_case %s/selftest/clients/canned/results/*.json "
	    "> verdict.out", src, root);
	ATF_CHECK_EQ_MSG(1, st, "unknown case: expected exit 1, got %d", st);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, goclass__xml_classes_counted_by_errorcounts);
	ATF_TP_ADD_TC(tp, goclass__child_xml_cut_at_exec_counted);
	ATF_TP_ADD_TC(tp, goclass__text_warnings_and_verdicts);
	ATF_TP_ADD_TC(tp, goclass__broken_runs_reported);
	ATF_TP_ADD_TC(tp, goclass__verdict_newest_results_of_version);

	return (atf_no_error());
}
