/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Shared by the "no Valgrind" selftests (selftest/vgreq/novg_test,
 * selftest/stackreg/novg_test): run one built case with PATH replaced by a
 * directory of our making (empty, or holding a fake `valgrind`) and
 * require its verdict.  ATF.
 */
#ifndef SELFTEST_VGREQ_NOVG_H
#define SELFTEST_VGREQ_NOVG_H

#include <stddef.h>

#include <atf-c.h>

#include "kc_atfrun.h"

/* What goes in the PATH directory. */
enum novg_path {
	NOVG_PATH_EMPTY,	/* nothing: valgrind is not on PATH */
	NOVG_PATH_FAKE,		/* an executable `valgrind` that is not Valgrind */
};

/*
 * Run case `tcname` of the program `rel` (relative to the build root, e.g.
 * "cases/vgreq/block_test") with PATH set to a fresh directory of kind
 * `what` in the work directory, and config vars `vars` (NULL-ended; NULL:
 * none).  PATH is restored and the directory removed before returning.
 */
void novg_run(const atf_tc_t *tc, const char *rel, const char *tcname,
    enum novg_path what, const char *const vars[], struct kc_atf_result *res);

/* One case of a registered program: "cases/<dir>/<prog>" and a case name. */
struct novg_case {
	char	rel[256];
	char	name[128];
};

/*
 * The first case (`prog -l`) of every program the build's registry
 * (kc-programs.txt) lists under `prefix` ("cases/vgreq/"), at most max.
 * Returns how many.  ATF: fails when there is none.
 */
size_t novg_cases(const atf_tc_t *tc, const char *prefix, struct novg_case *c,
    size_t max);

/* Require a skip whose reason is exactly "valgrind not found on PATH". */
void novg_require_skip(const char *tcname, const struct kc_atf_result *res);

/* Require failed or broken (never skipped, never passed), with the reason
 * containing `needle` when it failed. */
void novg_require_fail(const char *tcname, const struct kc_atf_result *res,
    const char *needle);

#endif /* SELFTEST_VGREQ_NOVG_H */
