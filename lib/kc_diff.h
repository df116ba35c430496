/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * How one case changed between two runs: the classification `make compare`
 * (kc-compare) prints and the matrix page's diff view shows.
 */
#ifndef LIB_KC_DIFF_H
#define LIB_KC_DIFF_H

enum kc_diff {
	KC_DIFF_NONE,		/* same verdict, same reason */
	KC_DIFF_REGRESSION,	/* to failed or broken (or new and failed/broken) */
	KC_DIFF_FIX,		/* from failed or broken to anything else */
	KC_DIFF_CHANGED,	/* another verdict change, e.g. skipped -> passed */
	KC_DIFF_REASON,		/* same verdict, other reason */
	KC_DIFF_NEW,		/* only in the run */
	KC_DIFF_MISSING,	/* only in the base */
	KC_DIFF_NGROUPS
};

/* A verdict that counts as bad: failed or broken. */
int kc_diff_is_bad(const char *verdict);

/* Classify base -> run.  A NULL verdict means the case is absent from that
 * side; a NULL reason is the empty reason. */
enum kc_diff kc_diff_classify(const char *base_verdict, const char *base_reason,
    const char *run_verdict, const char *run_reason);

/* "regression", "fix", "changed", "reason", "new", "missing" ("" for NONE). */
const char *kc_diff_name(enum kc_diff d);

#endif /* LIB_KC_DIFF_H */
