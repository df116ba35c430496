/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Shared by the selftest/pidfd programs: the cases/pidfd programs, their
 * case lists, and running them under an injected environment (ATF).
 */
#ifndef SELFTEST_PIDFD_KC_PIDFD_SELFTEST_H
#define SELFTEST_PIDFD_KC_PIDFD_SELFTEST_H

#include <stddef.h>

#include <atf-c.h>

#include "kc_atfrun.h"

/* The names of the cases/pidfd ATF programs, from the build's registry
 * (kc-programs.txt); NULL-terminated.  (ATF: fails when unreadable) */
const char *const *kc_pidfd_programs(const atf_tc_t *tc);

/* Absolute-ish path of a cases/pidfd program from this selftest's srcdir. */
const char *kc_pidfd_prog(const atf_tc_t *tc, const char *name, char *buf, size_t len);

/* The case names of a program (`prog -l`); at most max, returns how many. (ATF) */
size_t kc_pidfd_cases(const char *prog, char names[][128], size_t max);

/* Run prog:tcname with opts; fail the selftest on a runner error.  (ATF) */
void kc_pidfd_run(const char *prog, const char *tcname, const struct kc_atf_opts *o,
    struct kc_atf_result *res);

/* Run prog:tcname under opts and require verdict `want`, and `needle` in
 * the reason when not NULL.  (ATF, checks) */
void kc_pidfd_expect(const atf_tc_t *tc, const char *name, const char *tcname,
    const struct kc_atf_opts *o, enum kc_verdict want, const char *needle);

#endif /* SELFTEST_PIDFD_KC_PIDFD_SELFTEST_H */
