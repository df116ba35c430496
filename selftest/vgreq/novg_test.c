/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The cases/vgreq cases skip only when no Valgrind is to be had: with none
 * on PATH and none configured they skip naming valgrind; a configured path
 * that is missing, or a `valgrind` on PATH that is not Valgrind, fails them;
 * a Valgrind that aborts fails them with a one-line reason.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_atfrun.h"
#include "kc_macros.h"
#include "kc_vgrun.h"
#include "novg.h"

/* One case of every cases/vgreq program (novg_cases: the first of each
 * program the registry lists). */
#define NOVG_MAX	32
#define NOVG_PREFIX	"cases/vgreq/"

/*
 * With PATH naming only an empty directory and no `valgrind` config
 * variable, every program skips with "valgrind not found on PATH".  Works
 * with or without a Valgrind installed.
 */
ATF_TC(novg__skipped_without_valgrind_on_path);
ATF_TC_HEAD(novg__skipped_without_valgrind_on_path, tc)
{
	atf_tc_set_md_var(tc, "descr", "cases/vgreq cases skip, naming "
	    "valgrind, when valgrind is neither on PATH nor configured");
}
ATF_TC_BODY(novg__skipped_without_valgrind_on_path, tc)
{
	static struct novg_case c[NOVG_MAX];
	struct kc_atf_result res;
	size_t i, n = novg_cases(tc, NOVG_PREFIX, c, NOVG_MAX);

	for (i = 0; i < n; i++) {
		novg_run(tc, c[i].rel, c[i].name, NOVG_PATH_EMPTY,
		    NULL, &res);
		novg_require_skip(c[i].name, &res);
	}
}

/*
 * Where the runner says why this environment has no Valgrind
 * (KC_VALGRIND_ABSENT, as matrix/run-qemu-user.sh does), the skip reason
 * is "valgrind not found on PATH: " and that text, exactly.
 */
ATF_TC(novg__skip_says_why);
ATF_TC_HEAD(novg__skip_says_why, tc)
{
	atf_tc_set_md_var(tc, "descr", "a cases/vgreq case skipped for want "
	    "of valgrind names the cause KC_VALGRIND_ABSENT gives");
}
ATF_TC_BODY(novg__skip_says_why, tc)
{
	static const char why[] = "selftest: this environment has none";
	static struct novg_case c[NOVG_MAX];
	struct kc_atf_result res;
	char want[128];

	(void)novg_cases(tc, NOVG_PREFIX, c, NOVG_MAX);
	RL(setenv("KC_VALGRIND_ABSENT", why, 1));
	novg_run(tc, c[0].rel, c[0].name, NOVG_PATH_EMPTY, NULL, &res);
	RL(unsetenv("KC_VALGRIND_ABSENT"));
	snprintf(want, sizeof(want), "valgrind not found on PATH: %s", why);
	ATF_CHECK_MSG(res.verdict == KC_V_SKIPPED && strcmp(res.reason, want) == 0,
	    "%s: expected skipped: %s; got %s: %s", c[0].name, want,
	    kc_verdict_name(res.verdict), res.reason);
}

/*
 * A configured Valgrind that does not exist is an error of the setup, not
 * an absent feature: the case fails (or breaks), never skips, whatever
 * PATH holds.
 */
ATF_TC(novg__configured_missing_fails);
ATF_TC_HEAD(novg__configured_missing_fails, tc)
{
	atf_tc_set_md_var(tc, "descr", "cases/vgreq cases fail, not skip, "
	    "with valgrind=/nonexistent/valgrind");
}
ATF_TC_BODY(novg__configured_missing_fails, tc)
{
	const char *const vars[] = { "valgrind=/nonexistent/valgrind", NULL };
	static struct novg_case c[NOVG_MAX];
	struct kc_atf_result res;
	size_t i, n = novg_cases(tc, NOVG_PREFIX, c, NOVG_MAX);

	for (i = 0; i < n; i++) {
		novg_run(tc, c[i].rel, c[i].name, NOVG_PATH_EMPTY,
		    vars, &res);
		novg_require_fail(c[i].name, &res, "/nonexistent/valgrind");
	}
}

/*
 * A `valgrind` found on PATH that prints no "valgrind-X.Y.Z" is not a
 * working Valgrind: the case fails saying so, never skips.
 */
ATF_TC(novg__fake_on_path_fails);
ATF_TC_HEAD(novg__fake_on_path_fails, tc)
{
	atf_tc_set_md_var(tc, "descr", "a cases/vgreq case fails, not skips, "
	    "when the valgrind on PATH is not Valgrind");
}
ATF_TC_BODY(novg__fake_on_path_fails, tc)
{
	static struct novg_case c[NOVG_MAX];
	struct kc_atf_result res;

	(void)novg_cases(tc, NOVG_PREFIX, c, NOVG_MAX);
	novg_run(tc, c[0].rel, c[0].name, NOVG_PATH_FAKE, NULL, &res);
	novg_require_fail(c[0].name, &res, "not a working Valgrind");
}

/*
 * The control: the same empty PATH with the `valgrind` config variable set
 * to this environment's Valgrind runs the case, and it passes; so the skip
 * above comes from PATH alone.
 */
ATF_TC(novg__configured_beats_path);
ATF_TC_HEAD(novg__configured_beats_path, tc)
{
	atf_tc_set_md_var(tc, "descr", "a cases/vgreq case passes with an "
	    "empty PATH when the valgrind config variable names a Valgrind");
}
ATF_TC_BODY(novg__configured_beats_path, tc)
{
	char var[PATH_MAX + 16];
	const char *vars[] = { var, NULL };
	static struct novg_case c[NOVG_MAX];
	struct kc_atf_result res;

	(void)kc_vgrun_require(tc);
	(void)novg_cases(tc, NOVG_PREFIX, c, NOVG_MAX);
	snprintf(var, sizeof(var), "valgrind=%s", kc_vgrun_valgrind());
	novg_run(tc, c[0].rel, c[0].name, NOVG_PATH_EMPTY, vars, &res);
	ATF_CHECK_MSG(res.verdict == KC_V_PASSED, "%s: expected passed, got "
	    "%s: %s", c[0].name, kc_verdict_name(res.verdict), res.reason);
}

/*
 * A Valgrind that dies ("the 'impossible' happened") fails the case with
 * one line, "valgrind aborted: <the message>", not with a multi-line reason
 * (which kyua reports as "broken: Test result contains multiple lines").
 * The fake writes Valgrind's panic text, as 3.19 does, to its --log-file.
 */
ATF_TC(novg__aborting_valgrind_one_line);
ATF_TC_HEAD(novg__aborting_valgrind_one_line, tc)
{
	atf_tc_set_md_var(tc, "descr", "a cases/vgreq case fails with 'valgrind "
	    "aborted: <message>', one line, when Valgrind panics");
}
ATF_TC_BODY(novg__aborting_valgrind_one_line, tc)
{
	static const char want[] = "valgrind aborted: Memcheck: the 'impossible' "
	    "happened: create_MC_Chunk: shadow area is accessible";
	char cwd[PATH_MAX], var[PATH_MAX + 32];
	const char *vars[] = { var, NULL };
	struct kc_atf_result res;
	FILE *f;

	ATF_REQUIRE(getcwd(cwd, sizeof(cwd)) != NULL);
	f = fopen("vg-abort", "w");
	ATF_REQUIRE_MSG(f != NULL, "vg-abort: %s", strerror(errno));
	/* \047 is the quote: printf(1) prints "the 'impossible' happened". */
	fputs("#!/bin/sh\n"
	    "for a; do case \"$a\" in --version) echo valgrind-3.19.0; exit 0 ;;\n"
	    "--log-file=*) log=${a#--log-file=} ;; esac; done\n"
	    "printf '\\nMemcheck: the \\047impossible\\047 happened:\\n"
	    "   create_MC_Chunk: shadow area is accessible\\n\\nhost stacktrace:\\n"
	    "==1==    at 0x58041F3A: ???\\n' > \"$log\"\n"
	    "exit 1\n", f);
	ATF_REQUIRE(fclose(f) == 0);
	RL(chmod("vg-abort", 0755));
	snprintf(var, sizeof(var), "valgrind=%s/vg-abort", cwd);
	novg_run(tc, "cases/vgreq/mem_test", "vbits__get_set", NOVG_PATH_EMPTY,
	    vars, &res);
	ATF_CHECK_MSG(res.verdict == KC_V_FAILED && strcmp(want, res.reason) == 0,
	    "expected failed: %s; got %s: %s", want, kc_verdict_name(res.verdict),
	    res.reason);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, novg__skipped_without_valgrind_on_path);
	ATF_TP_ADD_TC(tp, novg__skip_says_why);
	ATF_TP_ADD_TC(tp, novg__configured_missing_fails);
	ATF_TP_ADD_TC(tp, novg__fake_on_path_fails);
	ATF_TP_ADD_TC(tp, novg__configured_beats_path);
	ATF_TP_ADD_TC(tp, novg__aborting_valgrind_one_line);

	return (atf_no_error());
}
