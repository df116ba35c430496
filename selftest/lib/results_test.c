/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The results pipeline end to end: run-suite.sh on a fixture suite with one
 * case per verdict, then check results.json, summary.txt, junit.xml and that
 * no result file carries the environment.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>
#include <json-c/json.h>

#include "kc_macros.h"
#include "../st_tool.h"

#define KC_CANARY	"kc-canary-5f3a9d"

static char kc_out[2048];

static const char *
kc_build(const atf_tc_t *tc, char *buf, size_t len)
{
	snprintf(buf, len, "%s/../..", atf_tc_get_config_var(tc, "srcdir"));
	return (buf);
}

/* Runs the fixture suite into ./res with the canary in the environment. */
static int
kc_run_fixture(const atf_tc_t *tc)
{
	char build[4096], cwd[1024];
	const char *root = st_root(tc);

	ATF_REQUIRE(getcwd(cwd, sizeof(cwd)) != NULL);
	snprintf(kc_out, sizeof(kc_out), "%s/res", cwd);
	return (st_sh("cd %s && KC_CANARY_SECRET=" KC_CANARY " lib/tools/run-suite.sh "
	    "--build-root %s --kyuafile selftest/lib/fixture/Kyuafile --results %s "
	    "--name fixture --strip-prefix \"\" >%s.log 2>&1",
	    root, kc_build(tc, build, sizeof(build)), kc_out, kc_out));
}

/* results.json follows schema kconform-results/1, one record per case with
 * kyua's verdict and the reason; the summary's last line counts expected
 * failures as passed and broken as failed; the run exits non-zero. */
ATF_TC(results__json_and_summary);
ATF_TC_HEAD(results__json_and_summary, tc)
{
	atf_tc_set_md_var(tc, "require.config", "source_root");
	atf_tc_set_md_var(tc, "descr", "run-suite.sh writes results.json and summary.txt correctly");
	atf_tc_set_md_var(tc, "timeout", "120");
}
ATF_TC_BODY(results__json_and_summary, tc)
{
	static const struct { const char *c, *v, *reason; } want[] = {
		{ "verdict__passed", "passed", NULL },
		{ "verdict__failed", "failed", "fixture failure" },
		{ "verdict__skipped", "skipped", "fixture(2): ENOSYS" },
		{ "verdict__xfail", "expected_failure", "fixture-tracker#1: known" },
		{ "verdict__broken", "broken", NULL },
	};
	char path[4096], line[512], last[512] = "", above[512] = "";
	json_object *root, *cases, *env;
	size_t i, j, n;
	FILE *f;

	ATF_CHECK_EQ_MSG(1, kc_run_fixture(tc), "run-suite.sh must fail when a case fails");
	/* verdict__leaves_child leaves a process: kc-leftovers must say so. */
	ATF_CHECK_EQ_MSG(0, st_sh("grep -q 'leftover: process' %s/latest/leftovers.txt", kc_out),
	    "leftovers.txt does not report the process the fixture leaked");
	snprintf(path, sizeof(path), "%s/latest/results.json", kc_out);
	root = json_object_from_file(path);
	ATF_REQUIRE_MSG(root != NULL, "%s: %s", path, json_util_get_last_err());
	ATF_CHECK_STREQ("kconform-results/1", st_jstr(root, "schema", NULL));
	ATF_REQUIRE(json_object_object_get_ex(root, "environment", &env));
	ATF_CHECK(st_jstr(env, "kernel", NULL) != NULL && st_jstr(env, "machine", NULL) != NULL);
	ATF_CHECK(st_jstr(env, "libc", NULL) != NULL && strncmp(st_jstr(env, "libc", NULL), "glibc ", 6) == 0);
	ATF_CHECK(st_jstr(env, "sandbox", NULL) == NULL && st_jstr(env, "emulator", NULL) == NULL);
	ATF_REQUIRE(json_object_object_get_ex(root, "cases", &cases));
	n = json_object_array_length(cases);
	ATF_CHECK_EQ(7, (long)n);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		int found = 0;

		for (j = 0; j < n; j++) {
			json_object *c = json_object_array_get_idx(cases, j);

			if (strcmp(st_jstr(c, "case", NULL), want[i].c) != 0)
				continue;
			found = 1;
			ATF_CHECK_STREQ(want[i].v, st_jstr(c, "verdict", NULL));
			ATF_CHECK_STREQ("h_verdicts", st_jstr(c, "program", NULL));
			snprintf(line, sizeof(line), "h_verdicts:%s", want[i].c);
			ATF_CHECK_STREQ(line, st_jstr(c, "id", NULL));
			if (want[i].reason != NULL)
				ATF_CHECK_MSG(strstr(st_jstr(c, "reason", NULL), want[i].reason) != NULL,
				    "%s reason '%s'", want[i].c, st_jstr(c, "reason", NULL));
		}
		ATF_CHECK_MSG(found, "case %s missing from results.json", want[i].c);
	}
	json_object_put(root);

	snprintf(path, sizeof(path), "%s/latest/summary.txt", kc_out);
	f = fopen(path, "r");
	ATF_REQUIRE_MSG(f != NULL, "%s: %s", path, strerror(errno));
	while (fgets(line, sizeof(line), f) != NULL) {
		snprintf(above, sizeof(above), "%s", last);
		snprintf(last, sizeof(last), "%s", line);
	}
	fclose(f);
	/* 2 failed cases, and the leaked process: a run failure, counted too,
	 * with its cause on the line above. */
	ATF_CHECK_STREQ("4 passed, 3 failed, 1 skipped\n", last);
	ATF_CHECK_MSG(strncmp(above, "run failure: LEFTOVERS", 22) == 0,
	    "the line above the count is '%s', expected the run failure", above);
}

/* No file of the run (database, JSON, JUnit, HTML, logs) holds a variable of
 * the caller's environment, even one the cases could print. */
ATF_TC(results__no_environment);
ATF_TC_HEAD(results__no_environment, tc)
{
	atf_tc_set_md_var(tc, "require.config", "source_root");
	atf_tc_set_md_var(tc, "descr", "no result file carries the process environment");
	atf_tc_set_md_var(tc, "timeout", "120");
}
ATF_TC_BODY(results__no_environment, tc)
{
	(void)kc_run_fixture(tc);
	ATF_CHECK_EQ_MSG(1, st_sh("grep -r -a -q '" KC_CANARY "' %s/latest/", kc_out),
	    "the canary variable reached a result file");
	ATF_CHECK_EQ_MSG(1, st_sh("grep -q 'name=\"env\\.' %s/latest/junit.xml", kc_out),
	    "junit.xml has environment properties");
	ATF_CHECK_EQ_MSG(0, st_sh("test -s %s/latest/junit.xml && test -f %s/latest/html/index.html",
	    kc_out, kc_out), "junit.xml or html/index.html missing");
	ATF_CHECK_EQ_MSG(0, st_sh("test \"$(sqlite3 %s/latest/results.db 'select count(*) from env_vars')\" = 0",
	    kc_out), "results.db still has env_vars rows");
}

static void
kc_write(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ATF_REQUIRE_MSG(f != NULL, "%s: %s", path, strerror(errno));
	fputs(text, f);
	ATF_REQUIRE(fclose(f) == 0);
}

#define KC_JSON_HEAD "{\"schema\":\"kconform-results/1\",\"environment\":{\"kernel\":\"%s\"},\"cases\":["
#define KC_JSON_CASE(id, v) "{\"id\":\"" id "\",\"verdict\":\"" v "\",\"reason\":\"\"}"

/* kc-compare exits 1 on a regression (pass -> fail/broken), 0 on fixes and
 * changed skips, and names each changed case. */
ATF_TC(compare__regressions_gate);
ATF_TC_HEAD(compare__regressions_gate, tc)
{
	atf_tc_set_md_var(tc, "descr", "kc-compare exits 1 exactly when a case regressed");
}
ATF_TC_BODY(compare__regressions_gate, tc)
{
	char b[4096], base[8192], run[8192];
	const char *tool;

	kc_build(tc, b, sizeof(b));
	strcat(b, "/lib/tools/kc-compare");
	tool = b;
	snprintf(base, sizeof(base), KC_JSON_HEAD "%s,%s,%s,%s]}", "6.1.0",
	    KC_JSON_CASE("a:x", "passed"), KC_JSON_CASE("a:y", "failed"),
	    KC_JSON_CASE("a:z", "skipped"), KC_JSON_CASE("a:gone", "passed"));
	kc_write("base.json", base);

	/* y fixed, z now passes, a new case: no regression. */
	snprintf(run, sizeof(run), KC_JSON_HEAD "%s,%s,%s,%s,%s]}", "6.18.0",
	    KC_JSON_CASE("a:x", "passed"), KC_JSON_CASE("a:y", "passed"),
	    KC_JSON_CASE("a:z", "passed"), KC_JSON_CASE("a:gone", "passed"),
	    KC_JSON_CASE("a:new", "skipped"));
	kc_write("run1.json", run);
	ATF_CHECK_EQ(0, st_sh("%s base.json run1.json > out1.txt", tool));
	ATF_CHECK_EQ(0, st_sh("grep -q '^fix  *a:y: failed -> passed' out1.txt"));
	ATF_CHECK_EQ(0, st_sh("grep -q '^changed  *a:z: skipped -> passed' out1.txt"));
	ATF_CHECK_EQ(0, st_sh("grep -q '^new  *a:new' out1.txt"));
	ATF_CHECK_EQ(0, st_sh("grep -q '^environment kernel: 6.1.0 -> 6.18.0' out1.txt"));

	/* x regressed to broken, a case vanished. */
	snprintf(run, sizeof(run), KC_JSON_HEAD "%s,%s,%s]}", "6.18.0",
	    KC_JSON_CASE("a:x", "broken"), KC_JSON_CASE("a:y", "failed"),
	    KC_JSON_CASE("a:z", "skipped"));
	kc_write("run2.json", run);
	ATF_CHECK_EQ(1, st_sh("%s base.json run2.json > out2.txt", tool));
	ATF_CHECK_EQ(0, st_sh("grep -q '^regression a:x: passed -> broken' out2.txt"));
	ATF_CHECK_EQ(0, st_sh("grep -q '^missing  *a:gone' out2.txt"));
	ATF_CHECK_EQ(0, st_sh("grep -q '^1 regressions' out2.txt"));

	/* Not a results file: usage error. */
	kc_write("bad.json", "{\"schema\":\"other\"}");
	ATF_CHECK_EQ(2, st_sh("%s base.json bad.json > /dev/null 2>&1", tool));
}

/* kc-leftovers reports a process, a /tmp file, and (as root) a cgroup and a
 * mount a command leaves behind (and cleans the process up), and is silent
 * for a clean command.  Each run has its own private directory (--tmp), as
 * in run-suite.sh, so cases running at the same time are not seen. */
ATF_TC(leftovers__detects_and_reaps);
ATF_TC_HEAD(leftovers__detects_and_reaps, tc)
{
	atf_tc_set_md_var(tc, "descr", "kc-leftovers catches orphans, /tmp files, cgroups and mounts");
}
ATF_TC_BODY(leftovers__detects_and_reaps, tc)
{
	char b[4096], tool[4200], tmpf[64];

	kc_build(tc, b, sizeof(b));
	snprintf(tool, sizeof(tool), "%s/lib/tools/kc-leftovers", b);
	snprintf(tmpf, sizeof(tmpf), "/tmp/kc-leftover-probe.%d", (int)getpid());
	RL(mkdir("d", 0755));

	ATF_CHECK_EQ(0, st_sh("%s --report clean.txt --tmp d -- true", tool));
	ATF_CHECK_EQ(0, st_sh("test ! -s clean.txt"));

	/* An orphan blocked on a pipe nobody writes (killed by kc-leftovers). */
	ATF_CHECK_EQ(3, st_sh("%s --report orphan.txt --tmp d -- sh -c "
	    "'cat < /dev/zero > /dev/null & exit 0'", tool));
	ATF_CHECK_EQ(0, st_sh("grep -q 'leftover: process .* still running' orphan.txt"));

	ATF_CHECK_EQ(3, st_sh("%s --report file.txt --tmp d -- touch %s", tool, tmpf));
	ATF_CHECK_EQ(0, st_sh("grep -q 'leftover: file in /tmp: kc-leftover-probe' file.txt"));
	unlink(tmpf);
	RL(system("rm -rf d/tmp/* d/shm/*"));

	if (getuid() == 0) {
		/* A cgroup in the run's own cgroup; a tmpfs mounted in the run. */
		ATF_CHECK_EQ(3, st_sh("%s --report cg.txt --tmp d -- sh -c 'mkdir \"$(awk "
		    "\"/ - cgroup2 /{print \\$5; exit}\" /proc/self/mountinfo)$(sed -n "
		    "s/^0:://p /proc/self/cgroup)/kconform.leak\"'", tool));
		ATF_CHECK_EQ(0, st_sh("grep -q 'leftover: cgroup .*/kconform.run.[0-9]*/kconform.leak$' cg.txt"));
		ATF_CHECK_EQ(3, st_sh("%s --report mnt.txt --tmp d -- sh -c "
		    "'mkdir /tmp/m && mount -t tmpfs kc-leak /tmp/m'", tool));
		ATF_CHECK_EQ(0, st_sh("grep -q 'leftover: mount /tmp/m ' mnt.txt"));
		RL(system("rm -rf d/tmp/* d/shm/*"));
	}

	/* The command's own failure wins over leftovers. */
	ATF_CHECK_EQ(7, st_sh("%s --report fail.txt --tmp d -- sh -c 'exit 7'", tool));
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, results__json_and_summary);
	ATF_TP_ADD_TC(tp, results__no_environment);
	ATF_TP_ADD_TC(tp, compare__regressions_gate);
	ATF_TP_ADD_TC(tp, leftovers__detects_and_reaps);

	return (atf_no_error());
}
