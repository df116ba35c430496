/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The namespace flags of clone3(2) and of legacy clone(2) need
 * CAP_SYS_ADMIN: without it each gives EPERM (LTP clone304, clone11).
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_case.h"
#include "kc_child.h"
#include "kc_clone3.h"
#include "kc_macros.h"
#include "kc_probe.h"
#include "kc_sys.h"
#include "kc_userns.h"

/* The namespace flags that need CAP_SYS_ADMIN over the caller's user namespace. */
static const struct {
	const char	*name;
	unsigned long	 flag;
} ns_flags[] = {
	{ "CLONE_NEWPID", CLONE_NEWPID },
	{ "CLONE_NEWCGROUP", CLONE_NEWCGROUP },
	{ "CLONE_NEWIPC", CLONE_NEWIPC },
	{ "CLONE_NEWNET", CLONE_NEWNET },
	{ "CLONE_NEWNS", CLONE_NEWNS },
	{ "CLONE_NEWUTS", CLONE_NEWUTS },
};
#define NFLAGS	(sizeof(ns_flags) / sizeof(ns_flags[0]))

/* What the unprivileged side saw: clone3, then legacy clone, per flag. */
struct ns_result {
	int	setup_err;		/* capset failed with this; else 0 */
	long	r3[NFLAGS];
	int	e3[NFLAGS];
	long	rl[NFLAGS];
	int	el[NFLAGS];
};

struct ns_arg {
	int	report;
	int	drop_caps;		/* capset() to nothing first */
};

/* Legacy fork-like clone(flag|SIGCHLD); a child that should not exist exits at once. */
static long
legacy_nochild(unsigned long flag)
{
	long r;
	int st;

	r = kc_clone_raw(flag | SIGCHLD, NULL, NULL, NULL, 0);
	if (r == 0)
		_exit(KC_CHILD_FAILED);
	if (r > 0)
		(void)waitpid((pid_t)r, &st, 0);
	return (r);
}

/* Try every flag both ways; write the results to a->report. */
static int
try_flags(void *arg)
{
	const struct ns_arg *a = arg;
	struct __user_cap_header_struct hdr;
	struct __user_cap_data_struct data[2];
	struct kc_clone_args ca;
	struct ns_result res;
	size_t i;

	memset(&res, 0, sizeof(res));
	if (a->drop_caps) {
		memset(&hdr, 0, sizeof(hdr));
		memset(data, 0, sizeof(data));
		hdr.version = _LINUX_CAPABILITY_VERSION_3;
		if (syscall(__NR_capset, &hdr, data) == -1)
			res.setup_err = errno;
	}
	for (i = 0; res.setup_err == 0 && i < NFLAGS; i++) {
		memset(&ca, 0, sizeof(ca));
		ca.flags = ns_flags[i].flag;
		ca.exit_signal = SIGCHLD;
		res.r3[i] = kc_clone3_nochild(&ca, CLONE_ARGS_SIZE_VER0);
		res.e3[i] = errno;
		res.rl[i] = legacy_nochild(ns_flags[i].flag);
		res.el[i] = errno;
	}
	KC_CHILD_REQUIRE(write(a->report, &res, sizeof(res)) == (ssize_t)sizeof(res));
	return (0);
}

/* Run try_flags in `mode` and check every flag gave EPERM both ways. */
static void
check_eperm(enum kc_userns_mode mode, int drop_caps)
{
	struct ns_result res;
	struct ns_arg a;
	int rep[2], r;
	ssize_t n;
	size_t i;

	kc_require_clone3();
	RL(pipe2(rep, O_CLOEXEC));
	a.report = rep[1];
	a.drop_caps = drop_caps;
	r = kc_userns_run(mode, try_flags, &a);
	RL(close(rep[1]));
	n = read(rep[0], &res, sizeof(res));
	RL(close(rep[0]));
	KC_REQUIRE_EQ(0, r);
	KC_REQUIRE_EQ((ssize_t)sizeof(res), n);
	ATF_REQUIRE_MSG(res.setup_err == 0, "capset(nothing) in the user namespace: %s",
	    kc_errname(res.setup_err));
	for (i = 0; i < NFLAGS; i++) {
		KC_CHECK_ERR_WHY(ns_flags[i].name, EPERM, res.r3[i], res.e3[i]);
		KC_CHECK_ERR_WHY(ns_flags[i].name, EPERM, res.rl[i], res.el[i]);
	}
}

/*
 * An unprivileged process (root dropped to nobody, no user namespace):
 * clone3 and legacy clone with CLONE_NEWPID, NEWCGROUP, NEWIPC, NEWNET,
 * NEWNS or NEWUTS fail with EPERM (kernel/nsproxy.c copy_namespaces and
 * kernel/pid_namespace.c: ns_capable(user_ns, CAP_SYS_ADMIN)).
 */
KC_CASE_MD(clone3_ns_eperm__nobody,
    "clone3(2) and clone(2) with each CLONE_NEW* flag but NEWUSER fail with EPERM as nobody",
    .user = "root")
{
	check_eperm(KC_USERNS_AS_NOBODY, 0);
}

/*
 * Inside a user namespace of its own, a process that has given up its
 * capabilities there (capset to nothing) is refused the same flags with
 * EPERM: the check is CAP_SYS_ADMIN in the caller's user namespace, not
 * the uid (LTP clone304).  Runs as any user.
 */
KC_CASE(clone3_ns_eperm__userns_caps_dropped,
    "clone3(2) and clone(2) CLONE_NEW* in a user namespace without CAP_SYS_ADMIN: EPERM")
{
	check_eperm(KC_USERNS_ALWAYS, 1);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, clone3_ns_eperm__nobody);
	ATF_TP_ADD_TC(tp, clone3_ns_eperm__userns_caps_dropped);

	return (atf_no_error());
}
