/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fault injection through the sandbox profiles: run every case of the built
 * cases/clone3 and cases/pidfd programs (enumerated at run time) under each
 * profile, and as nobody, and assert the outcome.  This proves that the
 * skips are earned (they happen exactly when the syscall is gone, with the
 * ENOSYS reason) and that the degradation-contract case can fail.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_atfrun.h"
#include "kc_sel3.h"

/* cases/clone3 cases that do not need clone3 (they pass under clone3-enosys). */
static const char *const no_clone3[] = {
	"clone3_contract__enosys_or_works",	/* ENOSYS conforms */
	"clone3_contract__pthread_create_works",	/* glibc falls back to clone */
	"clone3_newtime__legacy_clone_bit_is_csignal",	/* legacy clone only */
	NULL,
};

static int
needs_clone3(const struct sel3_case *c)
{
	int i;

	if (strcmp(c->dir, "clone3") != 0)
		return (0);
	/* The subject clone_legacy is clone(2), which the profile leaves alone. */
	if (strncmp(c->name, "clone_legacy__", strlen("clone_legacy__")) == 0)
		return (0);
	for (i = 0; no_clone3[i] != NULL; i++) {
		if (strcmp(c->name, no_clone3[i]) == 0)
			return (0);
	}
	return (1);
}

static struct sel3_case cases[SEL3_MAX];

static size_t
list_all(const atf_tc_t *tc)
{
	size_t n;

	n = sel3_list(tc, "clone3", cases, 0);
	ATF_REQUIRE_MSG(n > 0, "no case found in the built cases/clone3 programs");
	return (sel3_list(tc, "pidfd", cases, n));
}

static void
run(const struct sel3_case *c, const struct kc_atf_opts *o, struct kc_atf_result *r)
{
	ATF_REQUIRE_MSG(kc_atf_run(c->prog, c->name, o, r) == 0, "running %s:%s failed",
	    c->prog, c->name);
}

/* No case failed or broke; returns how many skipped with "ENOSYS". */
static int
check_no_failure(const char *env, const struct sel3_case *c, const struct kc_atf_result *r)
{
	ATF_CHECK_MSG(r->verdict != KC_V_FAILED && r->verdict != KC_V_BROKEN,
	    "%s: %s/%s %s: %s", env, c->dir, c->name, kc_verdict_name(r->verdict), r->reason);
	return (r->verdict == KC_V_SKIPPED && strstr(r->reason, "ENOSYS") != NULL);
}

/*
 * Under clone3-enosys (Docker, containerd): nothing fails; every case that
 * needs clone3 skips with the ENOSYS reason; the contract case passes.
 */
ATF_TC(profiles__clone3_enosys_skips_earned);
ATF_TC_HEAD(profiles__clone3_enosys_skips_earned, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "under clone3-enosys no case fails and the clone3 cases skip with ENOSYS");
	atf_tc_set_md_var(tc, "timeout", "600");
}
ATF_TC_BODY(profiles__clone3_enosys_skips_earned, tc)
{
	struct kc_atf_opts o = { .profile = "clone3-enosys" };
	struct kc_atf_result r;
	size_t i, n = list_all(tc);

	for (i = 0; i < n; i++) {
		run(&cases[i], &o, &r);
		check_no_failure("clone3-enosys", &cases[i], &r);
		if (needs_clone3(&cases[i]))
			ATF_CHECK_MSG(r.verdict == KC_V_SKIPPED && strstr(r.reason, "ENOSYS"),
			    "clone3-enosys: %s %s (%s), expected a skip naming ENOSYS",
			    cases[i].name, kc_verdict_name(r.verdict), r.reason);
		if (strcmp(cases[i].name, "clone3_contract__enosys_or_works") == 0)
			ATF_CHECK_MSG(r.verdict == KC_V_PASSED,
			    "clone3-enosys: the contract case %s (%s), ENOSYS conforms",
			    kc_verdict_name(r.verdict), r.reason);
	}
}

/*
 * Under pidfd-enosys (a kernel before the pidfd API): nothing fails, and
 * the cases that need pidfd_open/waitid(P_PIDFD) skip with ENOSYS (at least
 * one per directory that uses them).
 */
ATF_TC(profiles__pidfd_enosys_skips_earned);
ATF_TC_HEAD(profiles__pidfd_enosys_skips_earned, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "under pidfd-enosys no case fails and the pidfd-dependent cases skip with ENOSYS");
	atf_tc_set_md_var(tc, "timeout", "600");
}
ATF_TC_BODY(profiles__pidfd_enosys_skips_earned, tc)
{
	struct kc_atf_opts o = { .profile = "pidfd-enosys" };
	struct kc_atf_result r;
	size_t i, n = list_all(tc);
	int skipped_pidfd = 0, npidfd = 0, waitid_case = 0;

	for (i = 0; i < n; i++) {
		run(&cases[i], &o, &r);
		if (check_no_failure("pidfd-enosys", &cases[i], &r) &&
		    strcmp(cases[i].dir, "pidfd") == 0)
			skipped_pidfd++;
		if (strcmp(cases[i].dir, "pidfd") == 0)
			npidfd++;
		if (strcmp(cases[i].name, "clone3_vfork__exec_status_through_pidfd") == 0) {
			waitid_case = 1;
			ATF_CHECK_MSG(r.verdict == KC_V_SKIPPED && strstr(r.reason, "ENOSYS"),
			    "pidfd-enosys: %s %s (%s), expected a skip naming ENOSYS",
			    cases[i].name, kc_verdict_name(r.verdict), r.reason);
		}
	}
	ATF_CHECK_MSG(waitid_case, "clone3_vfork__exec_status_through_pidfd not found");
	ATF_CHECK_MSG(npidfd == 0 || skipped_pidfd > 0,
	    "pidfd-enosys: none of the %d cases/pidfd cases skipped with ENOSYS: "
	    "is the profile applied?", npidfd);
}

/*
 * Under clone3-eperm (moby#42680, gVisor#14688): the contract case fails
 * and names EPERM.  This is what proves the contract case can fail.
 */
ATF_TC(profiles__clone3_eperm_contract_fails);
ATF_TC_HEAD(profiles__clone3_eperm_contract_fails, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "under clone3-eperm the degradation-contract case fails naming EPERM");
	atf_tc_set_md_var(tc, "timeout", "300");
}
ATF_TC_BODY(profiles__clone3_eperm_contract_fails, tc)
{
	struct kc_atf_opts o = { .profile = "clone3-eperm" };
	struct kc_atf_result r;
	size_t i, n = sel3_list(tc, "clone3", cases, 0);
	int found = 0;

	for (i = 0; i < n; i++) {
		if (strcmp(cases[i].name, "clone3_contract__enosys_or_works") != 0)
			continue;
		found = 1;
		run(&cases[i], &o, &r);
		ATF_CHECK_MSG(r.verdict == KC_V_FAILED && strstr(r.reason, "EPERM") != NULL &&
		    strstr(r.reason, "contract") != NULL,
		    "clone3-eperm: contract case %s (%s), expected a failure naming EPERM and "
		    "the contract", kc_verdict_name(r.verdict), r.reason);
	}
	ATF_REQUIRE_MSG(found, "clone3_contract__enosys_or_works not found");
}

/*
 * As nobody, privileged cases skip with their cause and nothing fails (the
 * namespace cases go through a user namespace).
 */
ATF_TC(profiles__clone3_as_nobody_no_failure);
ATF_TC_HEAD(profiles__clone3_as_nobody_no_failure, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "as nobody no cases/clone3 case fails, and every skip gives a reason");
	atf_tc_set_md_var(tc, "require.user", "root");
	atf_tc_set_md_var(tc, "timeout", "300");
}
ATF_TC_BODY(profiles__clone3_as_nobody_no_failure, tc)
{
	struct kc_atf_opts o = { .as_nobody = 1 };
	struct kc_atf_result r;
	size_t i, n = sel3_list(tc, "clone3", cases, 0);

	for (i = 0; i < n; i++) {
		run(&cases[i], &o, &r);
		check_no_failure("nobody", &cases[i], &r);
		if (r.verdict == KC_V_SKIPPED)
			ATF_CHECK_MSG(strlen(r.reason) > 0, "nobody: %s skipped without a reason",
			    cases[i].name);
	}
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, profiles__clone3_enosys_skips_earned);
	ATF_TP_ADD_TC(tp, profiles__pidfd_enosys_skips_earned);
	ATF_TP_ADD_TC(tp, profiles__clone3_eperm_contract_fails);
	ATF_TP_ADD_TC(tp, profiles__clone3_as_nobody_no_failure);

	return (atf_no_error());
}
