/* SPDX-License-Identifier: BSD-2-Clause */
/* The version parser and the kernel-facts table, at the version boundaries. */
#include <errno.h>
#include <string.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_atfrun.h"
#include "kc_case.h"
#include "kc_kfacts.h"
#include "kc_macros.h"
#include "kc_sys.h"
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

/* Debian's ABI-named release takes its patch level from the build string
 * (uname -v), only for the same A.B and only upwards. */
ATF_TC(version__debian_build);
ATF_TC_HEAD(version__debian_build, tc)
{
	atf_tc_set_md_var(tc, "descr", "kc_kernel_build_refine: 6.1.0-56 + 'Debian 6.1.192-2' "
	    "is 6.1.192");
}
ATF_TC_BODY(version__debian_build, tc)
{
	struct kc_version v;

	v = kc_v("6.1.0-56-cloud-amd64");
	KC_CHECK_EQ(1, kc_kernel_build_refine(&v,
	    "#1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)"));
	KC_CHECK_EQ(192, v.part[2]);
	v = kc_v("5.10.0-46-cloud-amd64");
	KC_CHECK_EQ(1, kc_kernel_build_refine(&v, "#1 SMP Debian 5.10.262-1 (2026-07-31)"));
	KC_CHECK_EQ(262, v.part[2]);
	/* Another series, no Debian string, no build string: unchanged. */
	v = kc_v("6.12.117+deb13-cloud-amd64");
	KC_CHECK_EQ(0, kc_kernel_build_refine(&v, "#1 SMP Debian 6.1.192-2 (2026-11-16)"));
	KC_CHECK_EQ(117, v.part[2]);
	v = kc_v("6.18.44-fc-v669");
	KC_CHECK_EQ(0, kc_kernel_build_refine(&v, "#1 SMP PREEMPT_DYNAMIC @0"));
	KC_CHECK_EQ(0, kc_kernel_build_refine(&v, NULL));
	KC_CHECK_EQ(44, v.part[2]);
	/* And the facts follow: 6.1.192 has the 6.1.176 backport of getfd ESRCH. */
	v = kc_v("6.1.0-56-cloud-amd64");
	ATF_CHECK(!kc_kfact_at(KC_KF_GETFD_ESRCH_EXITING, &v));
	(void)kc_kernel_build_refine(&v, "#1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)");
	ATF_CHECK(kc_kfact_at(KC_KF_GETFD_ESRCH_EXITING, &v));
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

/* Judge one probe outcome at version vs; check the verdict and a reason part. */
static void
judge(enum kc_kfact id, const char *vs, long r, int e, enum kc_kfeature want,
    const char *part)
{
	struct kc_version v = kc_v(vs);
	char why[1024];
	enum kc_kfeature got;

	got = kc_kfeature_judge(id, &v, "probe()", r, e, why, sizeof(why));
	ATF_CHECK_MSG(got == want, "%s at %s, r %ld %s: expected verdict %d, seen %d (%s)",
	    kc_kfact_row(id)->name, vs, r, kc_errname(e), (int)want, (int)got, why);
	if (part != NULL)
		ATF_CHECK_MSG(strstr(why, part) != NULL, "reason \"%s\" lacks \"%s\"", why, part);
}

/*
 * A floor probe skips below the floor with the errno, the kernel and the
 * floor in its reason, fails with "regression" at or above it, skips on
 * ENOSYS (a sandbox removing a syscall), and fails on any other errno.
 */
KC_CASE(kfeature__judge_floor, "kc_kfeature_judge: absence errno skips below the floor, "
    "fails at and above it; ENOSYS skips; other errnos fail")
{
	judge(KC_KF_PIDFD_NONBLOCK, "5.4.0", -1, EINVAL, KC_KFEATURE_ABSENT,
	    "probe(): EINVAL, kernel 5.4.0 < 5.10 (");
	judge(KC_KF_PIDFD_NONBLOCK, "5.10.0", -1, EINVAL, KC_KFEATURE_BROKEN,
	    "probe(): EINVAL on kernel 5.10.0 >= 5.10: regression");
	judge(KC_KF_PIDFD_NONBLOCK, "6.18.44", -1, EINVAL, KC_KFEATURE_BROKEN, "regression");
	judge(KC_KF_PIDFD_NONBLOCK, "6.18.44", -1, ENOSYS, KC_KFEATURE_ABSENT, "pidfd_open(2): ENOSYS");
	judge(KC_KF_PIDFD_NONBLOCK, "5.4.0", -1, EPERM, KC_KFEATURE_BROKEN, "unexpected EPERM");
	judge(KC_KF_PIDFD_NONBLOCK, "5.4.0", 3, 0, KC_KFEATURE_PRESENT, NULL);
	judge(KC_KF_WAITID_PIDFD, "5.3.18", -1, EINVAL, KC_KFEATURE_ABSENT, "< 5.4");
	judge(KC_KF_WAITID_PIDFD, "5.4.0", -1, EINVAL, KC_KFEATURE_BROKEN, "regression");
	judge(KC_KF_PIDFD_OPEN, "5.2.0", -1, ENOSYS, KC_KFEATURE_ABSENT, "ENOSYS");
	judge(KC_KF_PIDFD_OPEN, "6.1.0", -1, EINVAL, KC_KFEATURE_BROKEN, "unexpected EINVAL");
	judge(KC_KF_CLONE_AUTOREAP, "7.0.13", -1, EINVAL, KC_KFEATURE_ABSENT, "< 7.1");
	judge(KC_KF_CLONE_AUTOREAP, "7.1.13", -1, EINVAL, KC_KFEATURE_BROKEN, "regression");
}

/*
 * PIDFD_GET_INFO: ENOTTY (5.10, 6.1) and EINVAL (6.12) mean absent below
 * 6.13 (FACTS-environments §9), either is a regression from 6.13, and
 * ENOSYS is never absence (the ioctl exists; qemu-user 7.2 answers it).
 */
KC_CASE(kfeature__judge_get_info, "PIDFD_GET_INFO: ENOTTY/EINVAL skip below 6.13, "
    "fail from 6.13; ENOSYS fails")
{
	judge(KC_KF_PIDFD_GET_INFO, "6.1.192", -1, ENOTTY, KC_KFEATURE_ABSENT, "< 6.13");
	judge(KC_KF_PIDFD_GET_INFO, "6.12.117", -1, EINVAL, KC_KFEATURE_ABSENT, "< 6.13");
	judge(KC_KF_PIDFD_GET_INFO, "6.13.0", -1, ENOTTY, KC_KFEATURE_BROKEN, "regression");
	judge(KC_KF_PIDFD_GET_INFO, "6.18.44", -1, EINVAL, KC_KFEATURE_BROKEN, "regression");
	judge(KC_KF_PIDFD_GET_INFO, "6.1.192", -1, ENOSYS, KC_KFEATURE_BROKEN, "unexpected ENOSYS");
}

/* The clone3 ABI per version: the newest clone_args size and the known flags. */
KC_CASE(kfeature__clone3_abi, "clone_args size 0/64/80/88 and the known clone3 flag "
    "bits per kernel version come from the floors")
{
	struct kc_version v;

	v = kc_v("5.2.21");
	KC_CHECK_EQ((size_t)0, kc_kf_clone_args_size_at(&v));
	KC_CHECK_EQ_HEX((uint64_t)0, kc_kf_clone3_flags_at(&v));
	v = kc_v("5.3.0");
	KC_CHECK_EQ((size_t)64, kc_kf_clone_args_size_at(&v));
	KC_CHECK_EQ_HEX((uint64_t)0xffffffffULL, kc_kf_clone3_flags_at(&v));
	v = kc_v("5.5.0");
	KC_CHECK_EQ((size_t)80, kc_kf_clone_args_size_at(&v));
	KC_CHECK_EQ_HEX((uint64_t)0xffffffffULL | CLONE_CLEAR_SIGHAND, kc_kf_clone3_flags_at(&v));
	v = kc_v("5.7.0");
	KC_CHECK_EQ((size_t)88, kc_kf_clone_args_size_at(&v));
	KC_CHECK_EQ_HEX((uint64_t)0xffffffffULL | CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP,
	    kc_kf_clone3_flags_at(&v));
	v = kc_v("7.0.13");
	KC_CHECK_NOBITS(kc_kf_clone3_flags_at(&v), CLONE_AUTOREAP | CLONE_NNP |
	    CLONE_PIDFD_AUTOKILL);
	v = kc_v("7.1.0");
	KC_CHECK_EQ((size_t)88, kc_kf_clone_args_size_at(&v));
	KC_CHECK_BITS(kc_kf_clone3_flags_at(&v), CLONE_AUTOREAP | CLONE_NNP |
	    CLONE_PIDFD_AUTOKILL);
}

/* Run fixture case `name` of fixture/h_probes; check verdict and reason. */
static void
probe_run(const atf_tc_t *tc, const char *name, enum kc_verdict want, const char *part)
{
	struct kc_atf_result r;
	char prog[4096];

	kc_build_path(atf_tc_get_config_var(tc, "srcdir"), "selftest/lib/fixture/h_probes",
	    prog, sizeof(prog));
	RL(kc_atf_run(prog, name, NULL, &r));
	ATF_CHECK_MSG(r.verdict == want, "%s: expected %s, seen %s: %s", name,
	    kc_verdict_name(want), kc_verdict_name(r.verdict), r.reason);
	if (part != NULL)
		ATF_CHECK_MSG(strstr(r.reason, part) != NULL, "%s: reason \"%s\" lacks \"%s\"",
		    name, r.reason, part);
}

/* The verdict a floor probe owes on this kernel when refused with the absence errno. */
static enum kc_verdict
owed(enum kc_kfact id)
{
	return (kc_kfact(id) ? KC_V_FAILED : KC_V_SKIPPED);
}

/*
 * The real probes on the real kernel, with the refusal injected by seccomp
 * on the argument that selects the feature: PIDFD_NONBLOCK refused on
 * pidfd_open arg1 == O_NONBLOCK, PIDFD_GET_INFO refused on ioctl arg1 ==
 * PIDFD_GET_INFO, waitid P_PIDFD on arg0 == 3.  Above the floor each fails.
 */
KC_CASE_MD(kfeature__probes_fail_above_floor, "injected EINVAL/ENOTTY make the "
    "probes fail on a kernel above their floor (skip below); ENOSYS skips; EPERM fails",
    .deadline_s = 40)
{
	probe_run(tc, "probe__none_passes", KC_V_PASSED, NULL);
	probe_run(tc, "probe__nonblock_einval", owed(KC_KF_PIDFD_NONBLOCK),
	    "pidfd_open(getpid(), PIDFD_NONBLOCK): EINVAL");
	probe_run(tc, "probe__get_info_enotty", owed(KC_KF_PIDFD_GET_INFO),
	    "PIDFD_GET_INFO): ENOTTY");
	probe_run(tc, "probe__get_info_einval", owed(KC_KF_PIDFD_GET_INFO),
	    "PIDFD_GET_INFO): EINVAL");
	probe_run(tc, "probe__get_info_enosys", KC_V_FAILED, "unexpected ENOSYS");
	probe_run(tc, "probe__waitid_pidfd_einval", owed(KC_KF_WAITID_PIDFD),
	    "waitid(P_PIDFD, /dev/null): EINVAL");
	probe_run(tc, "probe__pidfd_open_enosys", KC_V_SKIPPED, "pidfd_open(2): ENOSYS");
	probe_run(tc, "probe__clone3_enosys", KC_V_SKIPPED, "clone3(2): ENOSYS");
	probe_run(tc, "probe__clone3_eperm", KC_V_FAILED, "EPERM");
}

/* An unparsable uname -r fails the case instead of becoming 0.0.0. */
KC_CASE(kfeature__bad_release_fails, "a kernel release that is not A.B[.C] fails the case")
{
	probe_run(tc, "probe__bad_release", KC_V_FAILED,
	    "uname -r \"Linux\": not a kernel version");
}

/* Every feature row says which errno means absent, or none (ENOSYS only). */
KC_CASE(kfeature__rows_absence, "feature rows with an absence errno say so in 'before' "
    "and name their syscall")
{
	static const enum kc_kfact enosys_only[] = { KC_KF_PIDFD_OPEN, KC_KF_PIDFD_SEND_SIGNAL,
		KC_KF_PIDFD_GETFD, KC_KF_CLONE3 };
	int i;

	for (i = 0; i < (int)(sizeof(enosys_only) / sizeof(enosys_only[0])); i++)
		ATF_CHECK_MSG(kc_kfact_row(enosys_only[i])->call != NULL, "row %s: no syscall",
		    kc_kfact_row(enosys_only[i])->name);

	for (i = 0; i < KC_KF_COUNT; i++) {
		const struct kc_kfact_row *r = kc_kfact_row((enum kc_kfact)i);
		int k;

		ATF_CHECK_MSG(r->absent[0] == 0 || r->call != NULL, "row %s: an absence errno "
		    "but no syscall for the ENOSYS reason", r->name);
		for (k = 0; k < 2; k++) {
			if (r->absent[k] == 0)
				continue;
			ATF_CHECK_MSG(strstr(r->before, kc_errname(r->absent[k])) != NULL ||
			    r->absent[k] == ESRCH, "row %s: absence errno %s not named in "
			    "'before' (\"%s\")", r->name, kc_errname(r->absent[k]), r->before);
		}
	}
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, version__parse);
	ATF_TP_ADD_TC(tp, version__order);
	ATF_TP_ADD_TC(tp, version__debian_build);

	ATF_TP_ADD_TC(tp, kfacts__mainline_boundary);
	ATF_TP_ADD_TC(tp, kfacts__stable_backport);
	ATF_TP_ADD_TC(tp, kfacts__rows_complete);

	ATF_TP_ADD_TC(tp, kfeature__judge_floor);
	ATF_TP_ADD_TC(tp, kfeature__judge_get_info);
	ATF_TP_ADD_TC(tp, kfeature__clone3_abi);
	ATF_TP_ADD_TC(tp, kfeature__probes_fail_above_floor);
	ATF_TP_ADD_TC(tp, kfeature__rows_absence);
	ATF_TP_ADD_TC(tp, kfeature__bad_release_fails);

	return (atf_no_error());
}
