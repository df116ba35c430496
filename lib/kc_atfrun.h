/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Run one case of an ATF test program directly (`prog -r <fd> case`), under an
 * optional sandbox profile, extra seccomp rules or another user, and return
 * its verdict.  This is how the selftests prove that a conformance case can
 * fail: inject the wrong behaviour, run the case, expect "failed".
 * Libc-like (-1 and errno on setup failure); no ATF calls.
 */
#ifndef LIB_KC_ATFRUN_H
#define LIB_KC_ATFRUN_H

#include <signal.h>
#include <stddef.h>

#include "kc_sandbox.h"

enum kc_verdict {
	KC_V_PASSED,
	KC_V_FAILED,
	KC_V_SKIPPED,
	KC_V_XFAIL,	/* expected_failure */
	KC_V_BROKEN,	/* no result, bad result file, crash, timeout */
};

struct kc_atf_result {
	enum kc_verdict	verdict;
	char		reason[2048];	/* text after "<verdict>: " */
	int		exited;		/* the program exited (else: killed) */
	int		status;		/* its exit status, or the signal */
};

struct kc_atf_opts {
	const char			*profile;	/* kc_sandbox profile name, or NULL */
	const struct kc_sandbox_rule	*rules;		/* extra seccomp rules, or NULL */
	size_t				 nrules;
	const char *const		*vars;		/* "name=value" config vars, NULL-terminated, or NULL */
	int				 as_nobody;	/* drop to uid/gid 65534 first (needs root) */
	int				 timeout_ms;	/* 0: 60 s */
	const char *const		*wrapper;	/* argv prefix, e.g. a valgrind command
							 * line, NULL-terminated, or NULL */
};

int kc_atf_run(const char *prog, const char *tcname, const struct kc_atf_opts *o,
    struct kc_atf_result *res);

/*
 * The verdict of one run of a case (what kc_atf_run does once the case has
 * ended), for a runner that starts the case another way (lib/kc_vgbatch.c):
 * text is what the case wrote to its result file, errfd (or -1) a readable,
 * seekable fd of its stderr (ATF's failed checks are appended to the
 * reason), si how the case process ended (an exit 120..126 is a setup
 * failure of the runner's child).
 */
void kc_atf_verdict(const char *prog, const char *tcname, const char *text, int errfd,
    const siginfo_t *si, struct kc_atf_result *res);

/* "passed", "failed", "skipped", "expected_failure", "broken". */
const char *kc_verdict_name(enum kc_verdict v);

/*
 * Path of a built program, given relative to the build root
 * ("cases/pidfd/pidfd_open_test"), from a selftest's srcdir
 * (<build root>/selftest/<area>).  Returns buf.
 */
const char *kc_build_path(const char *srcdir, const char *rel, char *buf, size_t len);

#endif /* LIB_KC_ATFRUN_H */
