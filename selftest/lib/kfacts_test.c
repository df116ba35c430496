/* SPDX-License-Identifier: BSD-2-Clause */
/* The version parser and the kernel-facts table, at the version boundaries. */
#include <string.h>

#include <atf-c.h>

#include "kc_kfacts.h"
#include "kc_version.h"

static struct kc_version
kc_v(const char *s)
{
	struct kc_version v;

	ATF_REQUIRE_EQ_MSG(0, kc_version_parse(s, &v), "parse %s", s);
	return (v);
}

/* uname-style and Valgrind-style strings parse to their numeric parts. */
ATF_TC(version__parse);
ATF_TC_HEAD(version__parse, tc)
{
	atf_tc_set_md_var(tc, "descr", "kc_version_parse reads A.B.C and ignores suffixes");
}
ATF_TC_BODY(version__parse, tc)
{
	struct kc_version v;

	v = kc_v("6.18.44-fc-v769");
	ATF_CHECK(v.part[0] == 6 && v.part[1] == 18 && v.part[2] == 44 && v.nparts == 3);
	v = kc_v("7.0-rc1");
	ATF_CHECK(v.part[0] == 7 && v.part[1] == 0 && v.part[2] == 0 && v.nparts == 2);
	v = kc_v("3.19.0");
	ATF_CHECK(v.part[0] == 3 && v.part[1] == 19 && v.part[2] == 0);
	v = kc_v("5.10.0-46-cloud-amd64");
	ATF_CHECK(v.part[0] == 5 && v.part[1] == 10 && v.part[2] == 0);
	ATF_CHECK_EQ(-1, kc_version_parse("valgrind-3.19.0", &v));
	ATF_CHECK_EQ(-1, kc_version_parse("", &v));
}

/* Ordering is numeric, not lexical, and missing parts are zero. */
ATF_TC(version__order);
ATF_TC_HEAD(version__order, tc)
{
	atf_tc_set_md_var(tc, "descr", "kc_version_strcmp orders numerically");
}
ATF_TC_BODY(version__order, tc)
{
	ATF_CHECK(kc_version_strcmp("6.9", "6.18") < 0);
	ATF_CHECK(kc_version_strcmp("3.27.1", "3.9.0") > 0);
	ATF_CHECK(kc_version_strcmp("6.9", "6.9.0") == 0);
	ATF_CHECK(kc_version_strcmp("5.10.262", "6.1") < 0);
	ATF_CHECK(kc_version_strcmp("junk", "0") < 0);
}

/* A mainline-only fact switches exactly at its release. */
ATF_TC(kfacts__mainline_boundary);
ATF_TC_HEAD(kfacts__mainline_boundary, tc)
{
	atf_tc_set_md_var(tc, "descr", "6.9 facts are false on 6.8.x and true from 6.9.0");
}
ATF_TC_BODY(kfacts__mainline_boundary, tc)
{
	struct kc_version v;

	v = kc_v("6.8.12");
	ATF_CHECK(!kc_kfact_at(KC_KF_CLONE_PIDFD_THREAD, &v));
	ATF_CHECK(!kc_kfact_at(KC_KF_POLLHUP_AFTER_REAP, &v));
	v = kc_v("6.9");
	ATF_CHECK(kc_kfact_at(KC_KF_CLONE_PIDFD_THREAD, &v));
	ATF_CHECK(kc_kfact_at(KC_KF_PIDFD_THREAD_FLAG, &v));
	v = kc_v("6.15.11");
	ATF_CHECK(!kc_kfact_at(KC_KF_PIDFD_OPEN_ENOENT, &v));
	v = kc_v("6.16.0");
	ATF_CHECK(kc_kfact_at(KC_KF_PIDFD_OPEN_ENOENT, &v));
	v = kc_v("5.10.262");
	ATF_CHECK(!kc_kfact_at(KC_KF_PIDFD_SIGNAL_FLAGS, &v));
}

/* A fact with stable backports holds from the backport's patch level within
 * its own series only. */
ATF_TC(kfacts__stable_backport);
ATF_TC_HEAD(kfacts__stable_backport, tc)
{
	atf_tc_set_md_var(tc, "descr", "EREMOTE: 7.0, 6.18.14+, 6.19.10+ and nothing else");
}
ATF_TC_BODY(kfacts__stable_backport, tc)
{
	static const struct { const char *v; bool want; } t[] = {
		{ "6.18.13", false }, { "6.18.14", true }, { "6.18.44", true },
		{ "6.19.9", false }, { "6.19.10", true }, { "6.17.99", false },
		{ "6.12.117", false }, { "7.0", true }, { "7.1.3", true },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct kc_version v = kc_v(t[i].v);

		ATF_CHECK_MSG(kc_kfact_at(KC_KF_PIDFD_INFO_EREMOTE, &v) == t[i].want,
		    "EREMOTE at %s: expected %d", t[i].v, t[i].want);
	}
}

/* Every row is complete: name, versions, both behaviours and a source. */
ATF_TC(kfacts__rows_complete);
ATF_TC_HEAD(kfacts__rows_complete, tc)
{
	atf_tc_set_md_var(tc, "descr", "every kernel-facts row has a name, version, behaviours and source");
}
ATF_TC_BODY(kfacts__rows_complete, tc)
{
	int i;

	for (i = 0; i < KC_KF_COUNT; i++) {
		const struct kc_kfact_row *r = kc_kfact_row((enum kc_kfact)i);
		struct kc_version v;

		ATF_REQUIRE_MSG(r != NULL && r->name != NULL, "row %d missing", i);
		ATF_CHECK_MSG((int)r->id == i, "row %s: id %d at index %d", r->name, (int)r->id, i);
		ATF_CHECK_MSG(kc_version_parse(r->mainline, &v) == 0, "row %s: bad version", r->name);
		ATF_CHECK_MSG(r->before && *r->before && r->after && *r->after && r->source &&
		    *r->source, "row %s: incomplete", r->name);
	}
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, version__parse);
	ATF_TP_ADD_TC(tp, version__order);

	ATF_TP_ADD_TC(tp, kfacts__mainline_boundary);
	ATF_TP_ADD_TC(tp, kfacts__stable_backport);
	ATF_TP_ADD_TC(tp, kfacts__rows_complete);

	return (atf_no_error());
}
