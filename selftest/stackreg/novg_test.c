/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The cases/stackreg cases skip only when no Valgrind is to be had: with
 * none on PATH and none configured they skip naming valgrind; a configured
 * path that is missing fails them.
 */
#include <atf-c.h>

#include "kc_atfrun.h"
#include "kc_stack.h"
#include "novg.h"

/* One case of every cases/stackreg program (novg_cases: the first of each
 * program the registry lists). */
#define NOVG_MAX	32
#define NOVG_PREFIX	"cases/stackreg/"

/*
 * With PATH naming only an empty directory and no `valgrind` config
 * variable, every program skips with "valgrind not found on PATH".  (Where
 * this arch has no kc_stack_switch the cases skip for that instead, so
 * this selftest skips too.)
 */
ATF_TC(novg__skipped_without_valgrind_on_path);
ATF_TC_HEAD(novg__skipped_without_valgrind_on_path, tc)
{
	atf_tc_set_md_var(tc, "descr", "cases/stackreg cases skip, naming "
	    "valgrind, when valgrind is neither on PATH nor configured");
}
ATF_TC_BODY(novg__skipped_without_valgrind_on_path, tc)
{
	static struct novg_case c[NOVG_MAX];
	struct kc_atf_result res;
	size_t i, n;

	kc_require_stack_switch();
	n = novg_cases(tc, NOVG_PREFIX, c, NOVG_MAX);
	for (i = 0; i < n; i++) {
		novg_run(tc, c[i].rel, c[i].name, NOVG_PATH_EMPTY,
		    NULL, &res);
		novg_require_skip(c[i].name, &res);
	}
}

/* A configured Valgrind that does not exist fails the case, never skips it. */
ATF_TC(novg__configured_missing_fails);
ATF_TC_HEAD(novg__configured_missing_fails, tc)
{
	atf_tc_set_md_var(tc, "descr", "cases/stackreg cases fail, not skip, "
	    "with valgrind=/nonexistent/valgrind");
}
ATF_TC_BODY(novg__configured_missing_fails, tc)
{
	const char *const vars[] = { "valgrind=/nonexistent/valgrind", NULL };
	static struct novg_case c[NOVG_MAX];
	struct kc_atf_result res;
	size_t i, n;

	kc_require_stack_switch();
	n = novg_cases(tc, NOVG_PREFIX, c, NOVG_MAX);
	for (i = 0; i < n; i++) {
		novg_run(tc, c[i].rel, c[i].name, NOVG_PATH_EMPTY,
		    vars, &res);
		novg_require_fail(c[i].name, &res, "/nonexistent/valgrind");
	}
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, novg__skipped_without_valgrind_on_path);
	ATF_TP_ADD_TC(tp, novg__configured_missing_fails);

	return (atf_no_error());
}
