/* SPDX-License-Identifier: BSD-2-Clause */
/* How one case changed between two runs (kc_diff.h). */
#include <stddef.h>
#include <string.h>

#include "kc_diff.h"

static const char *const kc_diff_names[KC_DIFF_NGROUPS] = {
	"", "regression", "fix", "changed", "reason", "new", "missing",
};

int
kc_diff_is_bad(const char *verdict)
{
	return (verdict != NULL &&
	    (strcmp(verdict, "failed") == 0 || strcmp(verdict, "broken") == 0));
}

enum kc_diff
kc_diff_classify(const char *bv, const char *br, const char *rv, const char *rr)
{
	if (bv == NULL && rv == NULL)
		return (KC_DIFF_NONE);
	if (bv == NULL)
		return (kc_diff_is_bad(rv) ? KC_DIFF_REGRESSION : KC_DIFF_NEW);
	if (rv == NULL)
		return (KC_DIFF_MISSING);
	/* A failure whose reason changed is still a failure: only a new way
	 * of failing (another verdict) counts as a regression. */
	if (strcmp(bv, rv) == 0)
		return (strcmp(br ? br : "", rr ? rr : "") == 0 ? KC_DIFF_NONE : KC_DIFF_REASON);
	if (kc_diff_is_bad(rv))
		return (KC_DIFF_REGRESSION);
	if (kc_diff_is_bad(bv))
		return (KC_DIFF_FIX);
	return (KC_DIFF_CHANGED);
}

const char *
kc_diff_name(enum kc_diff d)
{
	return ((unsigned)d < KC_DIFF_NGROUPS ? kc_diff_names[d] : "");
}
