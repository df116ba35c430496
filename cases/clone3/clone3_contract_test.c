/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The degradation contract: where clone3(2) is unavailable (an old kernel, a
 * container's seccomp profile, an emulator) it must fail with ENOSYS, the
 * only errno on which glibc >= 2.34 falls back to clone(2).  EPERM breaks
 * every program that starts a thread (moby#42680, gVisor#14688).
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_case.h"
#include "kc_child.h"
#include "kc_macros.h"
#include "kc_sys.h"

#define CONTRACT	"degradation contract: clone3(2) must work or fail with ENOSYS, " \
			"the only errno glibc falls back to clone(2) on (moby#42680, gVisor#14688)"

/*
 * A plain fork-like clone3({.exit_signal = SIGCHLD}) either creates a child
 * or fails with ENOSYS; EPERM, or any other errno, is a failure naming the
 * contract.  Deliberately no skip: ENOSYS conforms, so this case passes.
 */
KC_CASE(clone3_contract__enosys_or_works,
    "clone3(2) works or fails with ENOSYS (never EPERM): the container degradation contract")
{
	struct kc_clone_args a;
	long pid;

	memset(&a, 0, sizeof(a));
	a.exit_signal = SIGCHLD;
	pid = kc_clone3(&a, CLONE_ARGS_SIZE_VER0);
	if (pid == 0)
		_exit(0);
	if (pid == -1) {
		if (errno != ENOSYS)
			atf_tc_fail("clone3({.exit_signal = SIGCHLD}): %s (%s); " CONTRACT,
			    kc_errname(errno), strerror(errno));
	} else {
		kc_require_exit((pid_t)pid, 0);
	}
}

static void *
thread_main(void *arg)
{
	return (arg);
}

/*
 * What the contract protects: pthread_create (glibc tries clone3 first)
 * works here, whether clone3 works or answers ENOSYS.  Under an EPERM
 * sandbox it fails: that is the breakage the contract case names.
 */
KC_CASE(clone3_contract__pthread_create_works,
    "pthread_create(3) works (glibc's clone3 -> clone fallback is not broken)")
{
	static int token;
	pthread_t t;
	void *ret = NULL;
	int r;

	r = pthread_create(&t, NULL, thread_main, &token);
	ATF_REQUIRE_MSG(r == 0, "pthread_create: expected 0, seen %s (%s); " CONTRACT, kc_errname(r),
	    strerror(r));
	RZ(pthread_join(t, &ret));
	KC_CHECK_EQ((void *)&token, ret);	/* the thread ran and returned its argument */
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, clone3_contract__enosys_or_works);
	ATF_TP_ADD_TC(tp, clone3_contract__pthread_create_works);

	return (atf_no_error());
}
