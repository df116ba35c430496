/* SPDX-License-Identifier: BSD-2-Clause */
/* clone3(2) set_tid / set_tid_size: choosing the child's pid per pid-namespace level. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_case.h"
#include "kc_child.h"
#include "kc_clone3.h"
#include "kc_kfacts.h"
#include "kc_macros.h"
#include "kc_probe.h"
#include "kc_sys.h"
#include "kc_userns.h"

#define MAX_PID_NS_LEVEL	32	/* include/linux/pid_namespace.h */
#define PID_INNER		42	/* pids requested inside the new namespace */
#define PID_NESTED		43

/* Our pid-namespace nesting level + 1: the number of NSpid fields. */
static int
ns_depth(void)
{
	char line[512];
	FILE *f;
	int n = 0;

	f = fopen("/proc/self/status", "re");
	ATF_REQUIRE_MSG(f != NULL, "/proc/self/status: %s", strerror(errno));
	while (fgets(line, sizeof(line), f) != NULL) {
		char *p = line, *end;

		if (strncmp(line, "NSpid:", 6) != 0)
			continue;
		for (p += 6; strtol(p, &end, 10), end != p; p = end)
			n++;
	}
	fclose(f);
	ATF_REQUIRE_MSG(n > 0, "/proc/self/status has no NSpid line");
	return (n);
}

/* clone3 a fork-like child with set_tid; child runs `body`; reaped here. */
static long
clone_tid(uint64_t flags, pid_t *tids, size_t n, int (*body)(void))
{
	struct kc_clone_args a;
	siginfo_t si;
	long pid;

	memset(&a, 0, sizeof(a));
	a.flags = flags;
	a.exit_signal = SIGCHLD;
	a.set_tid = kc_ptr(tids);
	a.set_tid_size = n;
	pid = kc_clone3(&a, sizeof(a));
	if (pid == 0)
		_exit(body());
	if (pid > 0) {
		KC_CHILD_REQUIRE(kc_wait_timeout((pid_t)pid, WEXITED, KC_REAP_TIMEOUT_MS,
		    &si) == 0);
		KC_CHILD_REQUIRE(si.si_code == CLD_EXITED && si.si_status == 0);
	}
	return (pid);
}

static int
body_is_inner(void)
{
	return (getpid() == PID_INNER ? 0 : 1);
}

static int
body_is_init(void)
{
	return (getpid() == 1 ? 0 : 1);
}

/* Pid 1 of a new pid namespace: checks the requested pids inside it. */
static int
init_requested(void)
{
	pid_t one[1] = { PID_INNER }, two[2] = { 1, PID_NESTED };

	KC_CHILD_REQUIRE(getpid() == 1);
	/* One level: the child gets PID_INNER here. */
	KC_CHILD_REQUIRE(clone_tid(0, one, 1, body_is_inner) == PID_INNER);
	/* Two levels: pid 1 in a nested namespace, PID_NESTED here. */
	KC_CHILD_REQUIRE(clone_tid(CLONE_NEWPID, two, 2, body_is_init) == PID_NESTED);
	return (0);
}

/* Pid 1 of a new pid namespace: a pid in use (its own, 1) is EEXIST. */
static int
init_eexist(void)
{
	pid_t one[1] = { 1 };

	KC_CHILD_REQUIRE(getpid() == 1);
	KC_CHILD_REQUIRE(clone_tid(0, one, 1, body_is_inner) == -1 && errno == EEXIST);
	return (0);
}

/* In the namespace-capable child: a new pid namespace whose init runs fn. */
static int
in_new_pidns(void *fn)
{
	pid_t one[1] = { 1 };
	long pid;

	pid = clone_tid(CLONE_NEWPID, one, 1, (int (*)(void))fn);
	if (pid == -1)
		return (100 + errno);
	return (0);
}

static void
run_in_pidns(int (*fn)(void))
{
	int r;

	r = kc_userns_run(KC_USERNS_IF_UNPRIVILEGED, in_new_pidns, (void *)fn);
	ATF_REQUIRE_MSG(r == 0, "clone3(CLONE_NEWPID, set_tid {1})%s: expected a child, "
	    "seen %s%s", geteuid() != 0 ? " in a user namespace" : "",
	    r >= 100 ? "-1 " : "exit status ", r >= 100 ? kc_errname(r - 100) : "non-zero");
}

/*
 * The floor of set_tid (KC_KF_CLONE3_SET_TID, 5.5): set_tid NULL with
 * set_tid_size 1 at size 80 is EINVAL where the fields exist; a kernel that
 * knows only VER0 (64 bytes) sees non-zero bytes past its struct: E2BIG.
 * E2BIG skips below 5.5 and fails from 5.5 on.
 */
static void
require_set_tid(void)
{
	struct kc_clone_args a;
	long r;

	memset(&a, 0, sizeof(a));
	a.exit_signal = SIGCHLD;
	a.set_tid_size = 1;
	r = kc_clone3_nochild(&a, CLONE_ARGS_SIZE_VER1);
	if (r == -1 && errno == E2BIG)
		kc_require_kfeature(KC_KF_CLONE3_SET_TID, "clone3(2) set_tid", r, errno);
}

/*
 * With set_tid the child gets exactly the pids it asks for, one per level
 * from the innermost: {1} makes the init of a new pid namespace, {42} in
 * that namespace gives pid 42, {1, 43} gives pid 1 in a nested namespace
 * and 43 one level up.  Unprivileged users own the namespaces through a
 * user namespace (CAP_SYS_ADMIN there).
 */
KC_CASE(clone3_set_tid__new_pidns_requested_pid,
    "clone3(2) set_tid: the child gets the requested pid at each pid-namespace level")
{
	kc_require_clone3();
	require_set_tid();
	run_in_pidns(init_requested);
}

/* Asking for a pid that is in use is EEXIST, not another pid. */
KC_CASE(clone3_set_tid__pid_in_use_eexist, "clone3(2) set_tid with a pid in use fails with EEXIST")
{
	kc_require_clone3();
	require_set_tid();
	run_in_pidns(init_eexist);
}

/* set_tid_size may not exceed the nesting level (+1 for our own level),
 * nor MAX_PID_NS_LEVEL (32).  Both are checked before any privilege. */
KC_CASE(clone3_set_tid__size_over_level_einval,
    "clone3(2) set_tid_size above the pid-namespace depth or above 32 fails with EINVAL")
{
	struct kc_clone_args a;
	pid_t tids[MAX_PID_NS_LEVEL + 1];
	char what[64];
	int depth, i;

	kc_require_clone3();
	require_set_tid();
	depth = ns_depth();
	for (i = 0; i <= MAX_PID_NS_LEVEL; i++)
		tids[i] = 1000 + i;
	memset(&a, 0, sizeof(a));
	a.exit_signal = SIGCHLD;
	a.set_tid = kc_ptr(tids);
	if (depth + 1 <= MAX_PID_NS_LEVEL) {
		a.set_tid_size = (uint64_t)depth + 1;
		snprintf(what, sizeof(what), "set_tid_size %d at depth %d", depth + 1, depth);
		KC_CLONE3_CHECK_ERRNO(EINVAL, &a, sizeof(a), what);
	}
	a.set_tid_size = MAX_PID_NS_LEVEL + 1;
	KC_CLONE3_CHECK_ERRNO(EINVAL, &a, sizeof(a), "set_tid_size 33");
	a.flags = CLONE_NEWPID;		/* a new level does not lift the 32 cap */
	KC_CLONE3_CHECK_ERRNO(EINVAL, &a, sizeof(a), "CLONE_NEWPID, set_tid_size 33");
}

/* set_tid and set_tid_size go together: NULL with a size, or an array with
 * size 0, is EINVAL. */
KC_CASE(clone3_set_tid__pointer_size_mismatch_einval,
    "clone3(2) set_tid NULL with a size, or a set_tid with size 0, fails with EINVAL")
{
	struct kc_clone_args a;
	pid_t tids[1] = { 1000 };

	kc_require_clone3();
	require_set_tid();
	memset(&a, 0, sizeof(a));
	a.exit_signal = SIGCHLD;
	a.set_tid_size = 1;
	KC_CLONE3_CHECK_ERRNO(EINVAL, &a, sizeof(a), "set_tid NULL, size 1");
	a.set_tid = kc_ptr(tids);
	a.set_tid_size = 0;
	KC_CLONE3_CHECK_ERRNO(EINVAL, &a, sizeof(a), "set_tid set, size 0");
}

/* Without CAP_SYS_ADMIN or CAP_CHECKPOINT_RESTORE over the pid namespace:
 * EPERM, checked before the pid is looked up (our own pid: EPERM, not
 * EEXIST).  Returns 0, or 100 + the errno seen. */
static int
set_own_pid(void *arg)
{
	struct kc_clone_args a;
	pid_t tids[1];
	long pid;

	(void)arg;
	tids[0] = getpid();
	memset(&a, 0, sizeof(a));
	a.exit_signal = SIGCHLD;
	a.set_tid = kc_ptr(tids);
	a.set_tid_size = 1;
	pid = kc_clone3_nochild(&a, sizeof(a));
	if (pid == -1 && errno == EPERM)
		return (0);
	return (pid == -1 ? 100 + errno : 99);
}

KC_CASE(clone3_set_tid__no_cap_eperm,
    "clone3(2) set_tid without CAP_SYS_ADMIN/CAP_CHECKPOINT_RESTORE over the pid "
    "namespace fails with EPERM")
{
	int r;

	kc_require_clone3();
	require_set_tid();
	/* Capabilities only in a user namespace that does not own our pidns. */
	r = kc_userns_run(KC_USERNS_ALWAYS, set_own_pid, NULL);
	ATF_CHECK_MSG(r == 0, "in a new user namespace: expected EPERM, got %s",
	    r >= 100 ? kc_errname(r - 100) : "a child");
	/* No capabilities at all. */
	if (geteuid() == 0) {
		r = kc_userns_run(KC_USERNS_AS_NOBODY, set_own_pid, NULL);
		ATF_CHECK_MSG(r == 0, "as nobody: expected EPERM, got %s",
		    r >= 100 ? kc_errname(r - 100) : "a child");
	} else {
		r = set_own_pid(NULL);
		ATF_CHECK_MSG(r == 0, "as uid %d: expected EPERM, got %s", (int)geteuid(),
		    r >= 100 ? kc_errname(r - 100) : "a child");
	}
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, clone3_set_tid__new_pidns_requested_pid);
	ATF_TP_ADD_TC(tp, clone3_set_tid__pid_in_use_eexist);
	ATF_TP_ADD_TC(tp, clone3_set_tid__size_over_level_einval);
	ATF_TP_ADD_TC(tp, clone3_set_tid__pointer_size_mismatch_einval);
	ATF_TP_ADD_TC(tp, clone3_set_tid__no_cap_eperm);

	return (atf_no_error());
}
