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

/* One case of every cases/stackreg program. */
static const char *const novg_cases[][2] = {
	{ "cases/stackreg/switch_test", "stack_switch__registered_silent" },
	{ "cases/stackreg/request_test", "stack_register__ids_distinct_from_1" },
	{ "cases/stackreg/pool_test", "stackpool__reuse_no_overlap" },
	{ "cases/stackreg/encoding_test", "stackreg__encodings_identical" },
};
#define NOVG_NCASES	(sizeof(novg_cases) / sizeof(novg_cases[0]))

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
	struct kc_atf_result res;
	size_t i;

	kc_require_stack_switch();
	for (i = 0; i < NOVG_NCASES; i++) {
		novg_run(tc, novg_cases[i][0], novg_cases[i][1], NOVG_PATH_EMPTY,
		    NULL, &res);
		novg_require_skip(novg_cases[i][1], &res);
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
	struct kc_atf_result res;
	size_t i;

	kc_require_stack_switch();
	for (i = 0; i < NOVG_NCASES; i++) {
		novg_run(tc, novg_cases[i][0], novg_cases[i][1], NOVG_PATH_EMPTY,
		    vars, &res);
		novg_require_fail(novg_cases[i][1], &res, "/nonexistent/valgrind");
	}
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, novg__skipped_without_valgrind_on_path);
	ATF_TP_ADD_TC(tp, novg__configured_missing_fails);

	return (atf_no_error());
}
