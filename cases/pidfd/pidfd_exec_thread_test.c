/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A non-leader thread that execs takes over the thread group: that is no
 * exit, so neither a pidfd nor waitid reports one until the new image
 * exits (kselftest pidfd_test #1, #2).
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_case.h"
#include "kc_child.h"
#include "kc_macros.h"
#include "kc_pidfd.h"
#include "kc_pidsrc.h"
#include "kc_probe.h"
#include "kc_sys.h"

#define POLL_WAIT_MS	10000	/* bound on an event that must come */
#define HELPER_EXIT	7	/* exit code of the exec'd image */

/*
 * Start a child (pidfd_body_helper exec_thread) whose second thread execs
 * pidfd_exec_helper, which then blocks on the hold pipe; with pidfd, the
 * child's pidfd from src (kc_spawn_exec_pidfd).  Returns when the exec is
 * done: the child's only copy of the close-on-exec `ready` pipe's write end
 * closes at the thread's exec, so our read sees EOF.  (A child that died
 * instead also gives EOF; the checks after catch that.)  *hold_w releases
 * the helper.
 */
static pid_t
spawn_exec_in_thread(const atf_tc_t *tc, enum kc_pidfd_src src, int *pidfd, int *hold_w)
{
	char body[512], exec_path[512], rw[16], code[16], hr[16], *argv[7], b;
	int ready[2], hold[2], keep[2];
	pid_t pid;

	kc_helper_path(tc, "pidfd_body_helper", body, sizeof(body));
	kc_helper_path(tc, "pidfd_exec_helper", exec_path, sizeof(exec_path));
	RL(pipe2(ready, O_CLOEXEC));
	RL(pipe2(hold, O_CLOEXEC));
	snprintf(rw, sizeof(rw), "%d", ready[1]);
	snprintf(code, sizeof(code), "%d", HELPER_EXIT);
	snprintf(hr, sizeof(hr), "%d", hold[0]);
	argv[0] = body;
	argv[1] = "exec_thread";
	argv[2] = rw;
	argv[3] = exec_path;
	argv[4] = code;
	argv[5] = hr;
	argv[6] = NULL;
	keep[0] = ready[1];	/* made close-on-exec again by the child */
	keep[1] = hold[0];	/* survives both execs */
	pid = kc_spawn_exec_pidfd(src, argv, keep, 2, pidfd);
	RL(close(ready[1]));
	RL(close(hold[0]));
	ATF_REQUIRE_MSG(read(ready[0], &b, 1) == 0, "the child wrote to the ready pipe");
	RL(close(ready[0]));
	*hold_w = hold[1];
	return (pid);
}

/*
 * After a non-leader thread's exec the process lives on as the new image
 * under the same pid: its pidfd is not readable (no early notification);
 * it becomes readable once the new image exits, and waitid then reports
 * the image's exit status for that pid.
 */
KC_CASE(pidfd_exec_thread__no_early_poll,
    "poll(2) on a pidfd (pidfd_open or clone(CLONE_PIDFD)) does not fire when a non-leader "
    "thread execs, only when the image exits")
{
	int hold_w, fd, ev_exec, ev_exit;
	pid_t pid;

	pid = spawn_exec_in_thread(tc,
	    kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE), &fd, &hold_w);
	RL(ev_exec = kc_poll1(fd, POLLIN, 0));
	RL(close(hold_w));
	RL(ev_exit = kc_poll1(fd, POLLIN, POLL_WAIT_MS));
	kc_require_exit(pid, HELPER_EXIT);
	RL(close(fd));
	KC_CHECK_EQ_HEX(0, ev_exec);
	KC_CHECK_BITS(ev_exit, POLLIN);
}

/*
 * The same through waitid: WNOHANG after the exec finds nothing to report
 * (0, si_pid 0), and the blocking wait returns only the new image's exit.
 */
KC_CASE(pidfd_exec_thread__no_early_waitid,
    "waitid(2) does not return when a non-leader thread execs, only when the image exits")
{
	siginfo_t si_exec, si_exit;
	int hold_w, r_exec, e_exec, r, e;
	pid_t pid;

	pid = spawn_exec_in_thread(tc, KC_PIDFD_FROM_OPEN, NULL, &hold_w);
	memset(&si_exec, 0xa5, sizeof(si_exec));
	r_exec = kc_waitid(P_PID, pid, &si_exec, WEXITED | WNOHANG, NULL);
	e_exec = errno;
	RL(close(hold_w));
	memset(&si_exit, 0, sizeof(si_exit));
	r = kc_waitid(P_PID, pid, &si_exit, WEXITED, NULL);
	e = errno;
	if (r == -1 || (r_exec == 0 && si_exec.si_pid == pid))
		kc_reap_children(NULL);
	KC_CHECK_OK(r_exec, e_exec);
	KC_CHECK_EQ(0, si_exec.si_pid);
	KC_REQUIRE_OK(r, e);
	KC_CHECK_EQ(pid, si_exit.si_pid);
	KC_CHECK_EQ(CLD_EXITED, si_exit.si_code);
	KC_CHECK_EQ(HELPER_EXIT, si_exit.si_status);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, pidfd_exec_thread__no_early_poll);
	ATF_TP_ADD_TC(tp, pidfd_exec_thread__no_early_waitid);

	return (atf_no_error());
}
