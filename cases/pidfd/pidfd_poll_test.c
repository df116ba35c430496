/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * poll(2) and epoll on a pidfd: readable once the whole thread group has
 * exited, not before; POLLHUP once reaped (6.9).
 */
#include <sys/epoll.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_case.h"
#include "kc_child.h"
#include "kc_kfacts.h"
#include "kc_macros.h"
#include "kc_pidfd.h"
#include "kc_pidsrc.h"
#include "kc_probe.h"
#include "kc_sys.h"

#define POLL_WAIT_MS	10000	/* bound on an event that must come */

/* Not readable while the child lives; POLLIN once it has exited. */
KC_CASE(pidfd_poll__pollin_on_exit,
    "poll(2) on a pidfd reports nothing while the child lives and POLLIN once it exits")
{
	struct kc_held c;
	int fd, ev;

	fd = kc_held_spawn_pidfd(&c, 0,
	    kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE));
	RL(ev = kc_poll1(fd, POLLIN, 0));
	KC_CHECK_EQ_HEX(0, ev);
	kc_held_release(&c);
	RL(ev = kc_poll1(fd, POLLIN, POLL_WAIT_MS));
	KC_CHECK_BITS(ev, POLLIN);
	kc_require_exit(c.pid, 0);
	RL(close(fd));
}

/* The same through epoll. */
KC_CASE(pidfd_poll__epoll_pollin,
    "epoll on a pidfd reports nothing while the child lives and EPOLLIN once it exits")
{
	struct kc_held c;
	struct epoll_event ev, out;
	int fd, ep, n;

	fd = kc_held_spawn_pidfd(&c, 0,
	    kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE));
	RL(ep = epoll_create1(EPOLL_CLOEXEC));
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN;
	ev.data.fd = fd;
	RL(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev));
	RL(n = epoll_wait(ep, &out, 1, 0));
	ATF_CHECK_EQ_MSG(0, n, "live child: %d events (%#x)", n, n > 0 ? out.events : 0);
	kc_held_release(&c);
	RL(n = epoll_wait(ep, &out, 1, POLL_WAIT_MS));
	ATF_CHECK_MSG(n == 1 && (out.events & EPOLLIN) && out.data.fd == fd,
	    "exited child: %d events (%#x)", n, n > 0 ? out.events : 0);
	kc_require_exit(c.pid, 0);
	RL(close(ep));
	RL(close(fd));
}

/* State letter of process pid from /proc/<pid>/stat (the leader's); '?' if unreadable. */
static char
leader_state(pid_t pid)
{
	char path[64], buf[512], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		return ('?');
	n = read(fd, buf, sizeof(buf) - 1);
	(void)close(fd);
	if (n <= 0)
		return ('?');
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return (p != NULL && p[1] == ' ' && p[2] != '\0' ? p[2] : '?');
}

/*
 * While a non-leader thread lives, the pidfd is not readable, even after the
 * leader thread has exited; it becomes readable when the last thread exits.
 * The clear-tid wake-up (mm_release, early in do_exit) only says the leader
 * is exiting; the poll happens once /proc shows the leader a zombie
 * (exit_notify done), so a kernel that made the pidfd readable at the
 * leader's exit_notify is caught.  The wait yields between reads; the case
 * watchdog bounds it.  The child is pidfd_body_helper leader_exit, exec'd
 * by a child whose pidfd comes from pidfd_open or, where pidfd_open is
 * ENOSYS, from clone(CLONE_PIDFD) (kc_spawn_exec_pidfd; stderr says which).
 */
KC_CASE(pidfd_poll__no_wakeup_threads_live,
    "A pidfd (pidfd_open or clone(CLONE_PIDFD)) is not readable after the leader exits "
    "while another thread lives")
{
	char path[512], gw[16], qr[16];
	int gone[2], quit[2], keep[2], fd, ev;
	char *argv[5];
	enum kc_pidfd_src src;
	pid_t pid;
	char b, st;

	src = kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE);
	kc_helper_path(tc, "pidfd_body_helper", path, sizeof(path));
	RL(pipe2(gone, O_CLOEXEC));
	RL(pipe2(quit, O_CLOEXEC));
	snprintf(gw, sizeof(gw), "%d", gone[1]);
	snprintf(qr, sizeof(qr), "%d", quit[0]);
	argv[0] = path;
	argv[1] = "leader_exit";
	argv[2] = gw;
	argv[3] = qr;
	argv[4] = NULL;
	keep[0] = gone[1];
	keep[1] = quit[0];
	pid = kc_spawn_exec_pidfd(src, argv, keep, 2, &fd);
	RL(close(gone[1]));
	RL(close(quit[0]));
	ATF_REQUIRE_MSG(read(gone[0], &b, 1) == 1, "the child's thread did not report the "
	    "leader's exit");
	while ((st = leader_state(pid)) != 'Z') {
		ATF_REQUIRE_MSG(st != '?' && st != 'X', "/proc/%d/stat: state %c before the "
		    "leader became a zombie", (int)pid, st);
		sched_yield();
	}
	RL(ev = kc_poll1(fd, POLLIN, 0));
	KC_CHECK_EQ_HEX(0, ev);
	RL(close(quit[1]));
	RL(ev = kc_poll1(fd, POLLIN, POLL_WAIT_MS));
	KC_CHECK_BITS(ev, POLLIN);
	kc_require_exit(pid, 7);
	RL(close(gone[0]));
	RL(close(fd));
}

/*
 * After the reap: POLLIN only before 6.9, POLLIN|POLLHUP from 6.9
 * (kernel-facts row pidfd_poll_pollhup_after_reap).
 */
KC_CASE(pidfd_poll__pollhup_after_reap,
    "poll(2) on the pidfd of a reaped child reports what the kernel-facts table says")
{
	struct kc_held c;
	int fd, ev;

	fd = kc_held_spawn_pidfd(&c, 0,
	    kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE));
	kc_held_release(&c);
	kc_require_exit(c.pid, 0);
	RL(ev = kc_poll1(fd, POLLIN, 0));
	KC_CHECK_BITS(ev, POLLIN);
	if (kc_kfact(KC_KF_POLLHUP_AFTER_REAP))
		KC_CHECK_BITS_KF(KC_KF_POLLHUP_AFTER_REAP, ev, POLLHUP);
	else
		KC_CHECK_EQ_HEX_KF(KC_KF_POLLHUP_AFTER_REAP, 0, ev & POLLHUP);
	RL(close(fd));
}

/* The ATF config variable "iterations" (-v iterations=N), else dflt; fails on garbage. */
static long
iterations(const atf_tc_t *tc, long dflt)
{
	const char *v;
	char *end;
	long n;

	if (!atf_tc_has_config_var(tc, "iterations"))
		return (dflt);
	v = atf_tc_get_config_var(tc, "iterations");
	errno = 0;
	n = strtol(v, &end, 10);
	ATF_REQUIRE_MSG(errno == 0 && end != v && *end == '\0' && n > 0,
	    "-v iterations=%s: not a positive number", v);
	return (n);
}

/*
 * Every kill is seen: a child killed with SIGKILL makes its pidfd
 * readable, iteration after iteration (kselftest pidfd_poll_test runs
 * 10,000; here `-v iterations=N`, default 100, for soak runs).  Each
 * iteration's poll is bounded; the first miss fails the case naming it.
 */
KC_CASE_MD(pidfd_poll__kill_poll_iterations,
    "poll(2) on a pidfd reports POLLIN after each SIGKILL, over -v iterations=N rounds",
    .deadline_s = 120)
{
	struct kc_held c;
	enum kc_pidfd_src src;
	long i, n;
	int fd, ev;

	src = kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE);
	n = iterations(tc, 100);
	for (i = 0; i < n; i++) {
		fd = kc_held_spawn_pidfd(&c, 0, src);
		RL(kill(c.pid, SIGKILL));
		RL(ev = kc_poll1(fd, POLLIN, POLL_WAIT_MS));
		kc_require_killed(c.pid, SIGKILL);
		kc_held_release(&c);
		RL(close(fd));
		if ((ev & POLLIN) == 0)
			atf_tc_fail("iteration %ld of %ld: poll revents %#x lacks POLLIN (%#x) "
			    "after SIGKILL", i + 1, n, ev, POLLIN);
	}
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, pidfd_poll__pollin_on_exit);
	ATF_TP_ADD_TC(tp, pidfd_poll__epoll_pollin);
	ATF_TP_ADD_TC(tp, pidfd_poll__no_wakeup_threads_live);
	ATF_TP_ADD_TC(tp, pidfd_poll__kill_poll_iterations);
	ATF_TP_ADD_TC(tp, pidfd_poll__pollhup_after_reap);

	return (atf_no_error());
}
