/* SPDX-License-Identifier: BSD-2-Clause */
/* Child-process helpers: child-safe assertions, reaping with a timeout, hygiene. */
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_blocked.h"
#include "kc_child.h"
#include "kc_macros.h"
#include "kc_sys.h"

static void
kc_write_str(const char *s)
{
	size_t n = strlen(s);

	while (n > 0) {
		ssize_t w = write(2, s, n);
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

void
kc_child_fail(const char *file, int line, const char *msg)
{
	char num[16];
	int i = (int)sizeof(num) - 1;
	unsigned u = (unsigned)line;

	num[i] = '\0';
	do {
		num[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0 && i > 0);
	kc_write_str(file);
	kc_write_str(":");
	kc_write_str(&num[i]);
	kc_write_str(": ");
	kc_write_str(msg);
	kc_write_str("\n");
	_exit(KC_CHILD_FAILED);
}

static long
kc_ms_left(const struct timespec *deadline)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return ((deadline->tv_sec - now.tv_sec) * 1000 +
	    (deadline->tv_nsec - now.tv_nsec) / 1000000);
}

/* Wait through a pidfd poll: works for any exit signal. */
static int
kc_wait_pidfd(pid_t pid, int pfd, int options, const struct timespec *dl, siginfo_t *si)
{
	for (;;) {
		struct pollfd p = { .fd = pfd, .events = POLLIN };
		long left;
		int r;

		memset(si, 0, sizeof(*si));
		r = kc_waitid(P_PID, pid, si, options | WNOHANG, NULL);
		if (r == -1)
			return (-1);
		if (si->si_pid == pid)
			return (0);
		left = kc_ms_left(dl);
		if (left <= 0) {
			errno = ETIMEDOUT;
			return (-1);
		}
		/* POLLIN only reports exit; for stop/continue re-check often. */
		r = poll(&p, 1, (options & (WSTOPPED | WCONTINUED)) ? 10 : (int)left);
		if (r == -1 && errno != EINTR)
			return (-1);
	}
}

/* Wait through SIGCHLD, blocked for the duration: no pidfd needed. */
static int
kc_wait_sigchld(pid_t pid, int options, const struct timespec *dl, siginfo_t *si)
{
	sigset_t set, old;
	int r, saved;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	if (sigprocmask(SIG_BLOCK, &set, &old) == -1)
		return (-1);
	for (;;) {
		struct timespec ts;
		long left;

		memset(si, 0, sizeof(*si));
		r = kc_waitid(P_PID, pid, si, options | WNOHANG, NULL);
		if (r == -1 || si->si_pid == pid)
			break;
		left = kc_ms_left(dl);
		if (left <= 0) {
			errno = ETIMEDOUT;
			r = -1;
			break;
		}
		ts.tv_sec = left / 1000;
		ts.tv_nsec = (left % 1000) * 1000000;
		if (sigtimedwait(&set, NULL, &ts) == -1 && errno != EAGAIN &&
		    errno != EINTR) {
			r = -1;
			break;
		}
	}
	saved = errno;
	sigprocmask(SIG_SETMASK, &old, NULL);
	errno = saved;
	return (r == -1 ? -1 : 0);
}

/* kc_wait_timeout without the kill: -1/ETIMEDOUT leaves the child running. */
static int
kc_wait_until(pid_t pid, int options, int timeout_ms, siginfo_t *si)
{
	struct timespec dl;
	int pfd, r, saved;

	clock_gettime(CLOCK_MONOTONIC, &dl);
	dl.tv_sec += timeout_ms / 1000;
	dl.tv_nsec += (long)(timeout_ms % 1000) * 1000000;
	if (dl.tv_nsec >= 1000000000) {
		dl.tv_sec++;
		dl.tv_nsec -= 1000000000;
	}
	pfd = kc_pidfd_open(pid, 0);
	if (pfd >= 0) {
		r = kc_wait_pidfd(pid, pfd, options, &dl, si);
		saved = errno;
		close(pfd);
		errno = saved;
	} else {
		r = kc_wait_sigchld(pid, options, &dl, si);
	}
	return (r);
}

int
kc_wait_timeout(pid_t pid, int options, int timeout_ms, siginfo_t *si)
{
	int r;

	r = kc_wait_until(pid, options, timeout_ms, si);
	if (r == -1 && errno == ETIMEDOUT) {
		siginfo_t dummy;

		kill(pid, SIGKILL);
		kc_waitid(P_PID, pid, &dummy, WEXITED | (options & __WCLONE), NULL);
		errno = ETIMEDOUT;
	}
	return (r);
}

/* "SIGKILL", or "signal 77" for a number without a name. */
static const char *
kc_signame(int sig, char *buf, size_t len)
{
	const char *n = sigabbrev_np(sig);

	if (n != NULL)
		snprintf(buf, len, "SIG%s", n);
	else
		snprintf(buf, len, "signal %d", sig);
	return (buf);
}

const char *
kc_describe_status(const siginfo_t *si, char *buf, size_t len)
{
	char sn[32];

	switch (si->si_code) {
	case CLD_EXITED:
		snprintf(buf, len, "exited %d", si->si_status);
		break;
	case CLD_KILLED:
	case CLD_DUMPED:
		snprintf(buf, len, "killed by %s%s", kc_signame(si->si_status, sn, sizeof(sn)),
		    si->si_code == CLD_DUMPED ? " (core)" : "");
		break;
	case CLD_STOPPED:
		snprintf(buf, len, "stopped by %s", kc_signame(si->si_status, sn, sizeof(sn)));
		break;
	case CLD_CONTINUED:
		snprintf(buf, len, "continued");
		break;
	default:
		snprintf(buf, len, "si_code %d status %d", si->si_code, si->si_status);
	}
	return (buf);
}

void
kc_require_reaped(pid_t pid, siginfo_t *si)
{
	static char where[4096];
	siginfo_t dummy;

	if (kc_wait_until(pid, WEXITED, KC_REAP_TIMEOUT_MS, si) == 0)
		return;
	if (errno != ETIMEDOUT)
		atf_tc_fail("reaping child %d: %s", (int)pid, strerror(errno));
	kc_blocked_pid(pid, where, sizeof(where));
	(void)kill(pid, SIGKILL);
	(void)kc_waitid(P_PID, pid, &dummy, WEXITED, NULL);
	atf_tc_fail("child %d did not exit within %d s: %s; killed it", (int)pid,
	    KC_REAP_TIMEOUT_MS / 1000, where);
}

void
kc_require_exit(pid_t pid, int code)
{
	siginfo_t si;
	char buf[64];

	kc_require_reaped(pid, &si);
	if (si.si_code == CLD_EXITED && si.si_status == KC_CHILD_FAILED && code != KC_CHILD_FAILED)
		atf_tc_fail("child %d: a KC_CHILD_REQUIRE failed (see stderr)", (int)pid);
	ATF_REQUIRE_MSG(si.si_code == CLD_EXITED && si.si_status == code,
	    "child %d: expected exit %d, got %s", (int)pid, code,
	    kc_describe_status(&si, buf, sizeof(buf)));
}

void
kc_require_killed(pid_t pid, int sig)
{
	siginfo_t si;
	char buf[64], sn[32];

	kc_require_reaped(pid, &si);
	ATF_REQUIRE_MSG((si.si_code == CLD_KILLED || si.si_code == CLD_DUMPED) &&
	    si.si_status == sig, "child %d: expected death by %s, got %s", (int)pid,
	    kc_signame(sig, sn, sizeof(sn)), kc_describe_status(&si, buf, sizeof(buf)));
}

pid_t
kc_fork(void)
{
	pid_t pid;

	pid = fork();
	ATF_REQUIRE_MSG(pid != -1, "fork: %s", strerror(errno));
	return (pid);
}

static void
kc_fd_snapshot(unsigned char *bits)
{
	DIR *d;
	struct dirent *de;
	int self;

	memset(bits, 0, 1024 / 8);
	d = opendir("/proc/self/fd");
	ATF_REQUIRE_MSG(d != NULL, "opendir /proc/self/fd: %s", strerror(errno));
	self = dirfd(d);
	while ((de = readdir(d)) != NULL) {
		int fd;

		if (de->d_name[0] == '.')
			continue;
		fd = atoi(de->d_name);
		if (fd == self || fd < 0 || fd >= 1024)
			continue;
		bits[fd / 8] |= (unsigned char)(1u << (fd % 8));
	}
	closedir(d);
}

void
kc_hygiene_begin(struct kc_hygiene *h)
{
	kc_fd_snapshot(h->fds);
}

void
kc_hygiene_end(const struct kc_hygiene *h)
{
	unsigned char now[1024 / 8];
	siginfo_t si;
	int fd, r;

	kc_fd_snapshot(now);
	for (fd = 0; fd < 1024; fd++) {
		int was = h->fds[fd / 8] & (1u << (fd % 8));
		int is = now[fd / 8] & (1u << (fd % 8));

		ATF_CHECK_MSG(!(is && !was), "hygiene: fd %d opened by the case and not closed", fd);
	}
	/* No child of ours may be left, reaped or not (any exit signal). */
	memset(&si, 0, sizeof(si));
	r = kc_waitid(P_ALL, 0, &si, WEXITED | WSTOPPED | WNOHANG | WNOWAIT | __WALL, NULL);
	ATF_CHECK_MSG(r == -1 && errno == ECHILD,
	    "hygiene: the case left a child behind (pid %d%s)", (int)si.si_pid,
	    si.si_pid == 0 ? ": still running" : "");
}

static void
kc_comm(pid_t pid, char *buf, size_t len)
{
	char path[64];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	buf[0] = '\0';
	f = fopen(path, "r");
	if (f == NULL)
		return;
	if (fgets(buf, (int)len, f) != NULL)
		buf[strcspn(buf, "\n")] = '\0';
	fclose(f);
}

int
kc_reap_children(FILE *report)
{
	char path[64], line[4096], comm[64];
	int found = 0;

	for (;;) {
		siginfo_t si;
		FILE *f;

		memset(&si, 0, sizeof(si));
		if (kc_waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT | __WALL, NULL) == -1)
			return (found);		/* ECHILD: none left */
		if (si.si_pid != 0) {
			if (report != NULL) {
				kc_comm(si.si_pid, comm, sizeof(comm));
				fprintf(report, "leftover: process %d (%s) exited but was not "
				    "reaped by its parent\n", (int)si.si_pid, comm);
			}
			(void)kc_waitid(P_PID, si.si_pid, &si, WEXITED | __WALL, NULL);
			found++;
			continue;
		}
		/* Alive: kill each child listed for this process, then reap. */
		snprintf(path, sizeof(path), "/proc/self/task/%d/children", (int)getpid());
		f = fopen(path, "r");
		if (f != NULL) {
			if (fgets(line, sizeof(line), f) != NULL) {
				char *tok, *save = NULL;

				for (tok = strtok_r(line, " \n", &save); tok != NULL;
				    tok = strtok_r(NULL, " \n", &save)) {
					pid_t p = (pid_t)atoi(tok);

					if (report != NULL) {
						kc_comm(p, comm, sizeof(comm));
						fprintf(report, "leftover: process %d (%s) "
						    "still running\n", (int)p, comm);
					}
					(void)kill(p, SIGKILL);
					found++;
				}
			}
			fclose(f);
		}
		(void)kc_waitid(P_ALL, 0, &si, WEXITED | __WALL, NULL);
	}
}
