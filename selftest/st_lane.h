/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the selftests of a Valgrind lane's mechanism (lib/kc_batch.h) share:
 * running a fixture program's lane natively, and reading back one case of
 * it.  Linked into those programs through OBJS.<prog> in their module.mk;
 * the suite's cases never use it.
 */
#ifndef SELFTEST_ST_LANE_H
#define SELFTEST_ST_LANE_H

#include <stddef.h>

#include <atf-c.h>

/*
 * Run fixture's lane (the program at <build>/<fixture>, lib/kc_batch.h)
 * natively on `cases` (the lines of its case list) in directory "lane" of
 * the cwd (given to the lane as an absolute path), with the config variables vars ("name=value", NULL-ended, or
 * NULL), as a child subreaper; fails the case on anything left behind.  The
 * lane's exit status is returned.
 */
int st_lane_run(const atf_tc_t *tc, const char *fixture, const char *cases,
    const char *const *vars);

/* Case i's result (its first line) and its .done line's how and code. */
void st_lane_case(int i, char *res, size_t reslen, int *how, int *code);

#endif /* SELFTEST_ST_LANE_H */
