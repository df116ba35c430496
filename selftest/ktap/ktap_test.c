/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The KTAP contract (README, "The KTAP contract"): kc-run's output on a
 * fixture with one case per outcome, on real programs and on a real guest
 * console passes the strict parser kc-ktap, which rejects canned malformed
 * inputs, each for its own rule; kc-run's exit codes, --list and
 * --summary=lava.
 */
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>
#include <json-c/json.h>

#include "kc_kfacts.h"
#include "../st_tool.h"

/* Does file `path` contain line `want` exactly? */
static int
kc_has_line(const char *path, const char *want)
{
	char line[4096];
	int found = 0;
	FILE *f = fopen(path, "r");

	ATF_REQUIRE_MSG(f != NULL, "%s: %s", path, strerror(errno));
	while (!found && fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		found = strcmp(line, want) == 0;
	}
	fclose(f);
	return (found);
}

/* The record of case `cs` in results.json `path` (json_object_put the root). */
static json_object *
kc_case(json_object *root, const char *cs)
{
	json_object *cases;
	size_t i;

	ATF_REQUIRE(json_object_object_get_ex(root, "cases", &cases));
	for (i = 0; i < json_object_array_length(cases); i++) {
		json_object *c = json_object_array_get_idx(cases, i);

		if (strcmp(st_jstr(c, "case", ""), cs) == 0)
			return (c);
	}
	atf_tc_fail("results.json has no case %s", cs);
}

/* Run kc-run on the fixture program into ./out.ktap; return its exit status. */
static int
kc_run_fixture(const atf_tc_t *tc, const char *extra)
{
	const char *b = st_build(tc);

	ATF_REQUIRE(st_sh("echo selftest/ktap/fixture/h_ktap > programs.txt") == 0);
	return (st_sh("%s/matrix/kernel/kc-run --build-root %s --programs programs.txt "
	    "-v pidfile=$(pwd)/child.pid %s > out.ktap 2> out.err", b, b, extra));
}

/* Each ATF outcome becomes its KTAP line and its results.json verdict. */
ATF_TC(ktap__fixture_outcomes);
ATF_TC_HEAD(ktap__fixture_outcomes, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "kc-run maps pass/fail/skip/xfail/xpass/broken/timeout to KTAP and kc-ktap back");
	atf_tc_set_md_var(tc, "timeout", "60");
}
ATF_TC_BODY(ktap__fixture_outcomes, tc)
{
	static const char *const lines[] = {
		"  ok 1 outcome__pass",
		"  not ok 2 outcome__fail",
		"  ok 3 outcome__skip # SKIP fixture(2): ENOSYS",
		"  ok 4 outcome__xfail # XFAIL tracker-123: fixture bug: 1 checks failed as expected; "
		    "see output for more details",
		"  not ok 5 outcome__xpass # XPASS Test case was expecting a failure but none were raised",
		"  not ok 6 outcome__broken # ERROR premature exit: received signal 6 (Aborted)",
		"  not ok 7 outcome__timeout # TIMEOUT 2 seconds",
		"  ok 8 outcome__leaves_child",
		"not ok 1 selftest_ktap_fixture_h_ktap",
		"# Totals: pass:2 fail:2 xfail:1 xpass:1 skip:1 error:1",
		"kconform-result: selftest_ktap_fixture_h_ktap_outcome__xfail pass",
		"kconform-result: selftest_ktap_fixture_h_ktap_outcome__timeout fail",
		"kconform: end",
	};
	static const struct { const char *cs, *verdict, *reason; } want[] = {
		{ "outcome__pass", "passed", "" },
		{ "outcome__fail", "failed", "fixture failure: expected 1, got 2" },
		{ "outcome__skip", "skipped", "fixture(2): ENOSYS" },
		{ "outcome__xfail", "expected_failure", "tracker-123: fixture bug" },
		{ "outcome__xpass", "failed", "was expecting a failure" },
		{ "outcome__broken", "broken", "premature exit: received signal 6" },
		{ "outcome__timeout", "failed", "timed out after 2 s; blocked: pid " },
		{ "outcome__timeout", "failed", "pipe_read" },
		{ "outcome__leaves_child", "passed", "" },
	};
	json_object *root;
	size_t i;
	FILE *f;
	int rc, pid = 0;

	rc = kc_run_fixture(tc, "--summary=lava");
	ATF_CHECK_EQ_MSG(1, rc, "kc-run exit status: expected 1 (a case failed), got %d", rc);
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		ATF_CHECK_MSG(kc_has_line("out.ktap", lines[i]), "out.ktap lacks the line '%s'",
		    lines[i]);
	/* Every process the run made is gone, the fixture's leftover child too. */
	f = fopen("child.pid", "r");
	ATF_REQUIRE_MSG(f != NULL, "child.pid: %s", strerror(errno));
	ATF_REQUIRE(fscanf(f, "%d", &pid) == 1);
	fclose(f);
	ATF_CHECK_MSG(kill(pid, 0) == -1 && errno == ESRCH,
	    "the fixture's child %d still exists after kc-run returned", pid);

	rc = st_sh("%s/lib/tools/kc-ktap --json r.json --summary s.txt out.ktap 2> parse.err",
	    st_build(tc));
	ATF_REQUIRE_EQ_MSG(1, rc, "kc-ktap on kc-run's output: expected 1 (valid, with "
	    "failures), got %d; see parse.err", rc);
	root = json_object_from_file("r.json");
	ATF_REQUIRE_MSG(root != NULL, "r.json: %s", json_util_get_last_err());
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		json_object *c = kc_case(root, want[i].cs);

		ATF_CHECK_MSG(strcmp(st_jstr(c, "verdict", ""), want[i].verdict) == 0,
		    "%s: expected verdict %s, got %s", want[i].cs, want[i].verdict,
		    st_jstr(c, "verdict", ""));
		ATF_CHECK_MSG(strstr(st_jstr(c, "reason", ""), want[i].reason) != NULL,
		    "%s: expected a reason containing '%s', got '%s'", want[i].cs, want[i].reason,
		    st_jstr(c, "reason", ""));
		ATF_CHECK_MSG(strcmp(st_jstr(c, "program", ""), "selftest/ktap/fixture/h_ktap") == 0,
		    "%s: expected program selftest/ktap/fixture/h_ktap, got %s", want[i].cs,
		    st_jstr(c, "program", ""));
	}
	json_object_put(root);
}

/* --list prints <program>:<case>; all-skipped runs exit 4, all-passed 0. */
ATF_TC(ktap__list_and_exit_codes);
ATF_TC_HEAD(ktap__list_and_exit_codes, tc)
{
	atf_tc_set_md_var(tc, "descr", "kc-run --list names every case; exit 0/1/4 as kselftest");
	atf_tc_set_md_var(tc, "timeout", "60");
}
ATF_TC_BODY(ktap__list_and_exit_codes, tc)
{
	const char *b = st_build(tc);
	int rc;

	rc = kc_run_fixture(tc, "--list");
	ATF_CHECK_EQ_MSG(0, rc, "kc-run --list: expected exit 0, got %d", rc);
	ATF_CHECK(kc_has_line("out.ktap", "selftest_ktap_fixture_h_ktap:outcome__pass"));
	ATF_CHECK(kc_has_line("out.ktap", "selftest_ktap_fixture_h_ktap:outcome__leaves_child"));
	ATF_CHECK_EQ_MSG(8, st_sh("exit $(wc -l < out.ktap)"), "--list: expected 8 lines");

	/* --skip: the named cases are not run and read "# SKIP skip list: <pattern>". */
	rc = kc_run_fixture(tc, "--skip '*:outcome__fail' --skip '*:outcome__t*' --summary=lava");
	ATF_CHECK_EQ_MSG(1, rc, "kc-run --skip (xpass, broken remain): expected exit 1, got %d", rc);
	ATF_CHECK(kc_has_line("out.ktap", "  ok 2 outcome__fail # SKIP skip list: *:outcome__fail"));
	ATF_CHECK(kc_has_line("out.ktap", "  ok 7 outcome__timeout # SKIP skip list: *:outcome__t*"));
	ATF_CHECK(kc_has_line("out.ktap", "# Totals: pass:2 fail:0 xfail:1 xpass:1 skip:3 error:1"));
	rc = st_sh("%s/lib/tools/kc-ktap --check out.ktap > skipcheck.out 2>&1", b);
	ATF_CHECK_EQ_MSG(1, rc, "kc-ktap --check on the --skip run: expected 1, got %d", rc);

	ATF_REQUIRE(st_sh("echo selftest/ktap/fixture/h_ktap_skip > programs.txt") == 0);
	rc = st_sh("%s/matrix/kernel/kc-run --build-root %s --programs programs.txt > skip.ktap",
	    b, b);
	ATF_CHECK_EQ_MSG(4, rc, "kc-run, every case skipped: expected exit 4, got %d", rc);
	ATF_CHECK(kc_has_line("skip.ktap", "ok 1 selftest_ktap_fixture_h_ktap_skip # SKIP all 2 cases skipped"));

	ATF_REQUIRE(st_sh("echo cases/pidfd/pidfd_open_test > programs.txt") == 0);
	rc = st_sh("%s/matrix/kernel/kc-run --build-root %s --programs programs.txt > pass.ktap",
	    b, b);
	ATF_CHECK_EQ_MSG(0, rc, "kc-run on pidfd_open_test: expected exit 0, got %d", rc);
}

/* A real host run and a real qemu-system guest console pass the strict parser. */
ATF_TC(ktap__real_runs_strict);
ATF_TC_HEAD(ktap__real_runs_strict, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "kc-ktap --check accepts a host run of real programs and a real x86_64 guest console");
	atf_tc_set_md_var(tc, "timeout", "120");
}
ATF_TC_BODY(ktap__real_runs_strict, tc)
{
	const char *b = st_build(tc);
	json_object *root, *env;
	int rc;

	ATF_REQUIRE(st_sh("printf 'cases/pidfd/pidfd_open_test timeout=30\\n"
	    "cases/clone3/clone3_flags_test timeout=60\\ncases/pidfd/pidfd_poll_test\\n' "
	    "> programs.txt") == 0);
	rc = st_sh("%s/matrix/kernel/kc-run --build-root %s --programs programs.txt --summary=lava "
	    "> host.ktap",
	    b, b);
	ATF_CHECK_MSG(rc == 0 || rc == 1, "kc-run on the host: exit %d", rc);
	rc = st_sh("%s/lib/tools/kc-ktap --check host.ktap > check.out 2>&1", b);
	ATF_CHECK_MSG(rc == 0 || rc == 1, "kc-ktap --check host.ktap: expected valid (0 or 1), "
	    "got %d: see check.out", rc);

	rc = st_sh("%s/lib/tools/kc-ktap --json g.json --summary g.txt "
	    "%s/selftest/ktap/canned/guest-x86_64-6.1.console 2> guest.err", b, st_root(tc));
	ATF_CHECK_MSG(rc == 0 || rc == 1, "kc-ktap on the guest console: expected valid "
	    "(0 or 1), got %d", rc);
	root = json_object_from_file("g.json");
	ATF_REQUIRE_MSG(root != NULL, "g.json: %s", json_util_get_last_err());
	ATF_REQUIRE(json_object_object_get_ex(root, "environment", &env));
	ATF_CHECK_MSG(strcmp(st_jstr(env, "kernel", ""), "6.1.0-56-cloud-amd64") == 0,
	    "guest kernel: expected 6.1.0-56-cloud-amd64, got %s", st_jstr(env, "kernel", ""));
	ATF_CHECK_MSG(strstr(st_jstr(env, "kernel_build", ""), "Debian 6.1.") != NULL,
	    "guest kernel_build: expected Debian 6.1.*, got '%s'", st_jstr(env, "kernel_build", ""));
	ATF_CHECK_MSG(strcmp(st_jstr(env, "machine", ""), "x86_64") == 0,
	    "guest machine: expected x86_64, got %s", st_jstr(env, "machine", ""));
	json_object_put(root);
}

/* Each canned malformed input is rejected (exit 3) for its own rule. */
ATF_TC(ktap__malformed_rejected);
ATF_TC_HEAD(ktap__malformed_rejected, tc)
{
	atf_tc_set_md_var(tc, "descr", "kc-ktap --check rejects each canned malformed KTAP");
	atf_tc_set_md_var(tc, "timeout", "60");
}
ATF_TC_BODY(ktap__malformed_rejected, tc)
{
	static const struct { const char *file, *msg; } bad[] = {
		{ "no-plan", "expected a plan \"1..N\" after the version line" },
		{ "number-gap", "case result out of sequence: expected number 3" },
		{ "notok-skip", "never not ok # SKIP" },
		{ "bad-indent", "2 results for a plan of 3" },
		{ "totals-mismatch", "Totals differ from the counted results" },
		{ "no-end", "no \"kconform: end\" line" },
		{ "parent-inconsistent", "a case failed, so the program is" },
		{ "bad-name", "case name \"A-pass\" is not [a-z0-9_]+" },
		{ "no-duration", "no \"# <case>: <seconds> s\" line before it" },
		{ "no-header", "expected \"# kconform <version>" },
		{ "plan-count", "3 results for a plan of 4" },
		{ "lava-mismatch", "expected \"kconform-result: clone3_b_test_b__timeout fail\"" },
		{ "lava-missing", "4 kconform-result lines for 5 cases" },
	};
	const char *b = st_build(tc), *r = st_root(tc);
	char grep[512];
	size_t i;
	int rc;

	rc = st_sh("%s/lib/tools/kc-ktap --check %s/selftest/ktap/canned/valid.ktap >/dev/null",
	    b, r);
	ATF_REQUIRE_EQ_MSG(1, rc, "valid.ktap (one failure): expected exit 1, got %d", rc);
	/* Unknown lines (console noise) may sit anywhere, after a version line too. */
	rc = st_sh("%s/lib/tools/kc-ktap --check %s/selftest/ktap/canned/noise.ktap >/dev/null",
	    b, r);
	ATF_CHECK_EQ_MSG(1, rc, "noise.ktap (valid.ktap plus noise after the plan and after a "
	    "subtest's version line): expected exit 1, got %d", rc);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		rc = st_sh("%s/lib/tools/kc-ktap --check %s/selftest/ktap/canned/%s.ktap "
		    "> %s.err 2>&1", b, r, bad[i].file, bad[i].file);
		ATF_CHECK_EQ_MSG(3, rc, "%s.ktap: expected exit 3 (malformed), got %d",
		    bad[i].file, rc);
		snprintf(grep, sizeof(grep), "%s.err", bad[i].file);
		rc = st_sh("grep -qF -- '%s' %s", bad[i].msg, grep);
		ATF_CHECK_MSG(rc == 0, "%s.ktap: expected the message '%s'", bad[i].file,
		    bad[i].msg);
	}
}

/* Write a qemu-system results.json with kernel `k` and two cases. */
static void
kc_write_run(const char *path, const char *k, const char *v1, const char *r1, const char *v2)
{
	FILE *f = fopen(path, "w");

	ATF_REQUIRE_MSG(f != NULL, "%s: %s", path, strerror(errno));
	fprintf(f, "{\"schema\": \"kconform-results/1\", \"environment\": {\"kernel\": \"%s\", "
	    "\"machine\": \"x86_64\", \"emulator\": \"qemu-system-x86_64 7.2.22\"}, \"cases\": ["
	    "{\"id\": \"p/a_test:a__gated\", \"verdict\": \"%s\", \"reason\": \"%s\"},"
	    "{\"id\": \"p/a_test:a__other\", \"verdict\": \"%s\", \"reason\": \"\"}]}\n",
	    k, v1, r1, v2);
	fclose(f);
}

/*
 * make compare between two kernels: the table's rows between them are
 * listed, a change whose reason names such a row is explained, and a change
 * no row explains fails the comparison.
 */
ATF_TC(kernel_compare__rows_explain_changes);
ATF_TC_HEAD(kernel_compare__rows_explain_changes, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "kc-compare between two qemu-system kernels: rows listed, changes explained or failing");
}
ATF_TC_BODY(kernel_compare__rows_explain_changes, tc)
{
	const struct kc_kfact_row *row = kc_kfact_row(KC_KF_CLONE_PIDFD_THREAD);
	const char *b = st_build(tc);
	char reason[512], line[600];
	int rc;

	ATF_REQUIRE(row != NULL);
	snprintf(reason, sizeof(reason), "%s: kernel 1.0.0 < %s, so %s", row->name, row->mainline,
	    row->before);
	/* Explained: skipped on the old kernel with the row named, passed on the new. */
	kc_write_run("old.json", "1.0.0-test", "skipped", reason, "passed");
	kc_write_run("new.json", "99.0.0-test", "passed", "", "passed");
	rc = st_sh("%s/lib/tools/kc-compare old.json new.json > explained.out", b);
	ATF_CHECK_EQ_MSG(0, rc, "explained change: expected exit 0, got %d", rc);
	snprintf(line, sizeof(line), "row        %s (%s): %s -> %s", row->name, row->mainline,
	    row->before, row->after);
	ATF_CHECK_MSG(kc_has_line("explained.out", line), "explained.out lacks '%s'", line);
	snprintf(line, sizeof(line), "           explained by row %s (%s)", row->name,
	    row->mainline);
	ATF_CHECK_MSG(kc_has_line("explained.out", line), "explained.out lacks '%s'", line);

	/* Unexplained: a second case changes with no row named. */
	kc_write_run("new2.json", "99.0.0-test", "passed", "", "skipped");
	rc = st_sh("%s/lib/tools/kc-compare old.json new2.json > unexplained.out", b);
	ATF_CHECK_EQ_MSG(1, rc, "unexplained change: expected exit 1, got %d", rc);
	ATF_CHECK(kc_has_line("unexplained.out", "unexplained p/a_test:a__other: no kernel-facts "
	    "row between the two kernels names this change"));

	/* Both passed, the pass's reason naming the row's side: listed and
	 * explained, and the row-cases line counts one case on each side. */
	snprintf(reason, sizeof(reason), "kernel-facts: %s < %s", row->name, row->mainline);
	kc_write_run("pass_old.json", "1.0.0-test", "passed", reason, "passed");
	snprintf(reason, sizeof(reason), "kernel-facts: %s >= %s", row->name, row->mainline);
	kc_write_run("pass_new.json", "99.0.0-test", "passed", reason, "passed");
	rc = st_sh("%s/lib/tools/kc-compare pass_old.json pass_new.json > pass.out", b);
	ATF_CHECK_EQ_MSG(0, rc, "pass -> pass naming the row: expected exit 0, got %d", rc);
	snprintf(line, sizeof(line), "row-cases  %s: 1.0.0 before (1 cases), 99.0.0 after "
	    "(1 cases): p/a_test:a__gated", row->name);
	ATF_CHECK_MSG(kc_has_line("pass.out", line), "pass.out lacks '%s'", line);
	/* A reason that differs only by the kernel it quotes is no change;
	 * a longer row name containing another is not that row. */
	kc_write_run("q_old.json", "1.0.0-test", "skipped", "x: EINVAL, kernel 1.0.0 < 0.1 "
	    "(clone_pidfd_thread_not_a_row: y)", "passed");
	kc_write_run("q_new.json", "99.0.0-test", "skipped", "x: EINVAL, kernel 99.0.0 < 0.1 "
	    "(clone_pidfd_thread_not_a_row: y)", "passed");
	rc = st_sh("%s/lib/tools/kc-compare q_old.json q_new.json > q.out", b);
	ATF_CHECK_EQ_MSG(0, rc, "only the quoted kernel differs: expected exit 0, got %d", rc);
	ATF_CHECK(kc_has_line("q.out", "0 regressions, 0 fixes, 0 changed, 0 reasons changed, "
	    "0 new, 0 missing"));
	kc_write_run("w_new.json", "99.0.0-test", "skipped", "x: EINVAL (clone_pidfd_thread_x)",
	    "passed");
	rc = st_sh("%s/lib/tools/kc-compare q_old.json w_new.json > w.out", b);
	ATF_CHECK_EQ_MSG(1, rc, "a reason naming clone_pidfd_thread_x only: expected exit 1 "
	    "(unexplained), got %d", rc);

	/* The same kernels: no row between, so the named row explains nothing. */
	kc_write_run("same.json", "1.0.0-test", "passed", "", "passed");
	rc = st_sh("%s/lib/tools/kc-compare --kernel old.json same.json > same.out", b);
	ATF_CHECK_EQ_MSG(1, rc, "a change between equal versions: expected exit 1, got %d", rc);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, ktap__fixture_outcomes);
	ATF_TP_ADD_TC(tp, ktap__list_and_exit_codes);
	ATF_TP_ADD_TC(tp, ktap__real_runs_strict);
	ATF_TP_ADD_TC(tp, ktap__malformed_rejected);
	ATF_TP_ADD_TC(tp, kernel_compare__rows_explain_changes);

	return (atf_no_error());
}
