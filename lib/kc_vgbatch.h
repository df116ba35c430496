/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Shared Valgrind lanes (policy, ATF): run one case of a case program under
 * Valgrind the way kc_atf_run would run it with a Valgrind command line as
 * wrapper (then its cleanup natively), but through the program's batch
 * entry (lib/kc_batch.h), so that the cases of one program share launches.
 *
 * With the kyua config variable `vgrun_cache` (run-suite.sh gives every run
 * one), the cases of one program with the same Valgrind, options, config
 * variables, seccomp rules, case list and environment (variables whose
 * value is the case's work directory aside) form one batch, a directory
 * <vgrun_cache>/vgbatch-<hash>.  The first case asked for that no lane has
 * claimed starts a lane: one Valgrind launch of the batch entry, which runs
 * that case and then, one after the other, every case no other lane has
 * claimed yet, until none is left (or the lane's budget, a quarter of the
 * timeout, is spent).  A case already claimed by a lane is waited for
 * through the flock its lane holds until the case is done; a case done is
 * read back.  So as many lanes run as cases ask for one at the same time
 * (kyua's parallelism), each case waits only for itself, and one launch
 * serves many cases.  Without `vgrun_cache` the batch holds only the case
 * asked for, in a directory of the case's cwd, removed afterwards: the
 * same path, one case per launch.
 *
 * The case's Valgrind report is its own: the lane's XML preamble, then the
 * bytes the case (its processes, from fork to the last one reaped) added to
 * the lane's report, then a closing tag; likewise its text log.
 */
#ifndef LIB_KC_VGBATCH_H
#define LIB_KC_VGBATCH_H

#include <stdbool.h>

#include <atf-c.h>

#include "kc_atfrun.h"

struct kc_vgbatch_case {
	const char	*name;
	bool		 cleanup;	/* has an ATF cleanup */
	unsigned	 deadline_s;	/* its watchdog deadline, which the lane
					 * then keeps (lib/kc_batch.h), or 0 */
};

struct kc_vgbatch_opts {
	const char *const	*vgopts;	/* Valgrind's options (not --xml-file,
						 * --log-file), NULL-ended */
	const char *const	*vars;		/* "name=value", NULL-ended, or NULL */
	const char		*rules;		/* kc_sandbox_parse_rule rules,
						 * ';'-separated, for the case's
						 * body only, or NULL */
	int			 timeout_ms;	/* of the body, and of the cleanup */
};

struct kc_vgbatch_result {
	struct kc_atf_result	 res;		/* as kc_atf_run's */
	bool			 cleanup_ran;
	bool			 cleanup_exited;	/* else killed or timed out */
	int			 cleanup_status;	/* exit code, or signal */
	char			*xml;		/* the case's XML report, NUL-ended */
	char			*log;		/* its text log, NUL-ended */
	int			 lane;
	bool			 launched;	/* this call made the lane's launch */
};

/*
 * Run case idx of cases (ncases of them, the program's whole list, in
 * order) of program prog under Valgrind (the one kc_vgrun_require
 * resolved; call it first) into r (ATF: a broken lane fails the case,
 * naming it).  kc_vgbatch_free releases r.
 */
void kc_vgbatch_run(const atf_tc_t *tc, const char *prog, const struct kc_vgbatch_case *cases,
    int ncases, int idx, const struct kc_vgbatch_opts *o, struct kc_vgbatch_result *r);

void kc_vgbatch_free(struct kc_vgbatch_result *r);

#endif /* LIB_KC_VGBATCH_H */
