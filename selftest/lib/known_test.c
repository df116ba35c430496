/* SPDX-License-Identifier: BSD-2-Clause */
/* The known-issues table: version scoping and row hygiene. */
#include <ctype.h>
#include <string.h>

#include <atf-c.h>

#include "kc_known.h"
#include "kc_version.h"

/* An issue applies from its first affected version up to, not including, the
 * first fixed one, and never when the component is absent. */
ATF_TC(known__version_scope);
ATF_TC_HEAD(known__version_scope, tc)
{
	atf_tc_set_md_var(tc, "descr", "kc_known_applies honours [from, until) and a NULL version");
}
ATF_TC_BODY(known__version_scope, tc)
{
	ATF_CHECK(kc_known_applies("vg_pidfd_open_unwrapped", "3.19.0"));
	ATF_CHECK(kc_known_applies("vg_pidfd_open_unwrapped", "3.20.9"));
	ATF_CHECK(!kc_known_applies("vg_pidfd_open_unwrapped", "3.21.0"));
	ATF_CHECK(!kc_known_applies("vg_pidfd_open_unwrapped", "3.27.1"));
	ATF_CHECK(!kc_known_applies("vg_pidfd_open_unwrapped", NULL));
	ATF_CHECK(!kc_known_applies("vg_clone3_enosys", "3.17.0"));
	ATF_CHECK(kc_known_applies("vg_clone3_enosys", "3.18.0"));
	ATF_CHECK(kc_known_applies("vg_clone3_enosys", "3.27.1"));
	ATF_CHECK(!kc_known_applies("no_such_issue", "3.19.0"));
}

/* Every row has an identifier in [a-z0-9_], a tracker, a description, and a
 * range that is not empty. */
ATF_TC(known__rows_complete);
ATF_TC_HEAD(known__rows_complete, tc)
{
	atf_tc_set_md_var(tc, "descr", "every known-issues row is named, referenced and scoped");
}
ATF_TC_BODY(known__rows_complete, tc)
{
	const struct kc_known_row *t;
	unsigned i, j, n;

	t = kc_known_table(&n);
	ATF_REQUIRE(n > 0);
	for (i = 0; i < n; i++) {
		const char *p;

		for (p = t[i].id; *p; p++)
			ATF_CHECK_MSG(islower((unsigned char)*p) || isdigit((unsigned char)*p) ||
			    *p == '_', "row %s: bad id character", t[i].id);
		ATF_CHECK_MSG(t[i].tracker && strlen(t[i].tracker) > 8, "row %s: no tracker", t[i].id);
		ATF_CHECK_MSG(t[i].what && *t[i].what, "row %s: no description", t[i].id);
		ATF_CHECK_MSG(t[i].until == NULL || kc_version_strcmp(t[i].from, t[i].until) < 0,
		    "row %s: empty range", t[i].id);
		for (j = 0; j < i; j++)
			ATF_CHECK_MSG(strcmp(t[i].id, t[j].id) != 0, "duplicate row %s", t[i].id);
	}
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, known__version_scope);
	ATF_TP_ADD_TC(tp, known__rows_complete);

	return (atf_no_error());
}
