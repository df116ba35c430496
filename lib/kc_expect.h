/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ATF's expectation windows, as lib/ and the cases open and close them:
 * atf_tc_expect_fail and atf_tc_expect_pass, also told to a Valgrind lane
 * that keeps the case's deadline (lib/kc_batch.h), so that when the lane's
 * watchdog ends a case hung inside a window it writes what atf-c writes for
 * a failure there ("expected_failure: <reason>: watchdog: ..."), as the
 * in-process watchdog's atf_tc_fail does.  cases/ never calls the ATF forms
 * directly (selftest/lib/lint_test).
 */
#ifndef LIB_KC_EXPECT_H
#define LIB_KC_EXPECT_H

/* atf_tc_expect_fail with this reason (printf format). */
void kc_expect_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* atf_tc_expect_pass: the window is closed. */
void kc_expect_pass(void);

#endif /* LIB_KC_EXPECT_H */
