/* SPDX-License-Identifier: BSD-2-Clause */
/* Where the pidfd of a child comes from (see kc_pidsrc.h). */
#include <sys/socket.h>
#include <sys/wait.h>

#include <sched.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_child.h"
#include "kc_macros.h"
#include "kc_pidsrc.h"
#include "kc_probe.h"
#include "kc_probe_pidfd.h"
#include "kc_sys.h"

const char *
kc_pidfd_src_name(enum kc_pidfd_src src)
{
	return (src == KC_PIDFD_FROM_CLONE ? "clone(CLONE_PIDFD)" : "pidfd_open");
}

enum kc_pidfd_src
kc_pidfd_source(const atf_tc_t *tc, unsigned allowed)
{
	const char *force = atf_tc_has_config_var(tc, "pidfd_source") ?
	    atf_tc_get_config_var(tc, "pidfd_source") : NULL;
	int fd, e;

	/* The kyua config variable pidfd_source (clone|open) narrows the
	 * choice, so that each source is run natively too. */
	if (force != NULL && strcmp(force, "clone") == 0)
		allowed &= KC_PIDFD_FROM_CLONE;
	else if (force != NULL && strcmp(force, "open") == 0)
		allowed &= KC_PIDFD_FROM_OPEN;
	else if (force != NULL)
		atf_tc_fail("pidfd_source '%s': expected clone or open", force);
	if (allowed == 0)
		atf_tc_skip("pidfd_source=%s: this case takes no pidfd from that source",
		    force);
	fd = kc_pidfd_open(getpid(), 0);
	e = errno;
	if (fd >= 0) {
		RL(close(fd));
		if (allowed & KC_PIDFD_FROM_OPEN) {
			fprintf(stderr, "pidfd source: pidfd_open\n");
			return (KC_PIDFD_FROM_OPEN);
		}
	} else if (e == ENOSYS && (allowed & KC_PIDFD_FROM_CLONE)) {
		kc_require_clone_pidfd_consistent(tc);
		fprintf(stderr, "pidfd source: clone(CLONE_PIDFD) (pidfd_open(2): ENOSYS)\n");
		return (KC_PIDFD_FROM_CLONE);
	} else {
		kc_require_pidfd_open();	/* skips or fails; returns if it works */
		atf_tc_fail("pidfd_open(getpid(), 0): %s, then the probe succeeded",
		    kc_errname(e));
	}
	/* pidfd_open works but only the clone source is allowed. */
	kc_require_clone_pidfd_consistent(tc);
	fprintf(stderr, "pidfd source: clone(CLONE_PIDFD)\n");
	return (KC_PIDFD_FROM_CLONE);
}

int
kc_held_spawn_pidfd(struct kc_held *h, int code, enum kc_pidfd_src src)
{
	int p[2], fd = -1;
	long pid;
	char c;

	if (src == KC_PIDFD_FROM_OPEN) {
		kc_held_spawn(h, code);
		fd = kc_pidfd_open(h->pid, 0);
		ATF_REQUIRE_MSG(fd >= 0, "pidfd_open(child %d, 0): %s", (int)h->pid,
		    kc_errname(errno));
		return (fd);
	}
	RL(pipe2(p, O_CLOEXEC));
	pid = kc_clone_raw(CLONE_PIDFD | SIGCHLD, NULL, &fd, NULL, 0);
	if (pid == 0) {
		close(p[1]);
		while (read(p[0], &c, 1) == -1 && errno == EINTR)
			;
		_exit(code);
	}
	ATF_REQUIRE_MSG(pid > 0, "clone(CLONE_PIDFD|SIGCHLD): %s", kc_errname(errno));
	RL(close(p[0]));
	h->pid = (pid_t)pid;
	h->release_fd = p[1];
	ATF_REQUIRE_MSG(fd >= 0, "clone(CLONE_PIDFD|SIGCHLD) left the pidfd slot at %d", fd);
	return (fd);
}

/* Exit codes of kc_pidfd_call's children (the caller names the step). */
#define RUN_OK		0
#define RUN_RECV	40	/* recvmsg: no pidfd arrived */
#define RUN_WRITE	41	/* writing *out back */
#define RUN_CLONE	42	/* clone(SIGCHLD) of the grandchild */
#define RUN_WAIT	43	/* wait4 on the grandchild */
#define RUN_GRAND	44	/* the grandchild did not exit 0 */

static const char *
run_step(int code)
{
	switch (code) {
	case RUN_RECV:	return ("recvmsg: no pidfd arrived (SCM_RIGHTS)");
	case RUN_WRITE:	return ("writing the result back");
	case RUN_CLONE:	return ("clone(SIGCHLD) of the grandchild");
	case RUN_WAIT:	return ("wait4 on the grandchild");
	case RUN_GRAND:	return ("the grandchild did not exit 0");
	default:	return ("unknown step");
	}
}

static int
write_all(int s, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len > 0) {
		n = write(s, p, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return (-1);
		p += n;
		len -= (size_t)n;
	}
	return (0);
}

/* The pidfd the caller sends (close-on-exec), or -1. */
static int
recv_fd(int s)
{
	union {
		char		buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr	align;
	} u;
	struct msghdr m;
	struct cmsghdr *cm;
	struct iovec iov;
	char c;
	int fd;

	memset(&m, 0, sizeof(m));
	iov.iov_base = &c;
	iov.iov_len = 1;
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = u.buf;
	m.msg_controllen = sizeof(u.buf);
	while (recvmsg(s, &m, MSG_CMSG_CLOEXEC) != 1)
		if (errno != EINTR)
			return (-1);
	cm = CMSG_FIRSTHDR(&m);
	if (cm == NULL || cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS ||
	    cm->cmsg_len != CMSG_LEN(sizeof(int)))
		return (-1);
	memcpy(&fd, CMSG_DATA(cm), sizeof(fd));
	return (fd);
}

/* The clone source's child C: system calls only (see kc_pidsrc.h). */
static int
run_child(int s, enum kc_pidfd_whose whose, void (*fn)(int, void *), void *out,
    size_t outlen)
{
	long g;
	int fd, st;

	if ((fd = recv_fd(s)) == -1)
		return (RUN_RECV);
	if (whose == KC_PIDFD_OF_PARENT) {
		g = kc_clone_raw(SIGCHLD, NULL, NULL, NULL, 0);
		if (g == 0) {
			fn(fd, out);	/* fd: inherited, a pidfd of our parent C */
			_exit(write_all(s, out, outlen) == 0 ? RUN_OK : RUN_WRITE);
		}
		(void)close(fd);
		if (g == -1)
			return (RUN_CLONE);
		while (waitpid((pid_t)g, &st, 0) == -1)
			if (errno != EINTR)
				return (RUN_WAIT);
		return (WIFEXITED(st) && WEXITSTATUS(st) == 0 ? RUN_OK : RUN_GRAND);
	}
	fn(fd, out);
	(void)close(fd);
	return (write_all(s, out, outlen) == 0 ? RUN_OK : RUN_WRITE);
}

void
kc_pidfd_call(enum kc_pidfd_src src, enum kc_pidfd_whose whose,
    void (*fn)(int fd, void *out), void *out, size_t outlen)
{
	union {
		char		buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr	align;
	} u;
	const char *who = whose == KC_PIDFD_OF_SELF ? "getpid()" : "getppid()";
	struct msghdr m;
	struct cmsghdr *cm;
	struct iovec iov;
	siginfo_t si;
	size_t got = 0;
	ssize_t n;
	int sp[2], pfd = -1, send_errno = 0, read_errno = 0;
	char c = 'p', buf[64];
	long pid;
	pid_t target;

	if (src == KC_PIDFD_FROM_OPEN) {
		target = whose == KC_PIDFD_OF_SELF ? getpid() : getppid();
		pfd = kc_pidfd_open(target, 0);
		ATF_REQUIRE_MSG(pfd >= 0, "pidfd_open(%s %d, 0): %s", who, (int)target,
		    kc_errname(errno));
		fn(pfd, out);
		RL(close(pfd));
		return;
	}
	RL(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp));
	pid = kc_clone_raw(CLONE_PIDFD | SIGCHLD, NULL, &pfd, NULL, 0);
	if (pid == 0) {
		(void)close(sp[0]);
		_exit(run_child(sp[1], whose, fn, out, outlen));
	}
	ATF_REQUIRE_MSG(pid > 0, "clone(CLONE_PIDFD|SIGCHLD): %s", kc_errname(errno));
	RL(close(sp[1]));
	ATF_REQUIRE_MSG(pfd >= 0, "clone(CLONE_PIDFD|SIGCHLD) left the pidfd slot at %d", pfd);
	memset(&m, 0, sizeof(m));
	iov.iov_base = &c;
	iov.iov_len = 1;
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = u.buf;
	m.msg_controllen = sizeof(u.buf);
	memset(u.buf, 0, sizeof(u.buf));	/* the padding after the fd is sent too */
	cm = CMSG_FIRSTHDR(&m);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &pfd, sizeof(pfd));
	if (sendmsg(sp[0], &m, MSG_NOSIGNAL) != 1)
		send_errno = errno;
	while (send_errno == 0 && got < outlen) {
		n = read(sp[0], (char *)out + got, outlen - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			read_errno = n == 0 ? 0 : errno;
			break;
		}
		got += (size_t)n;
	}
	/* Closing our end ends the child's recvmsg if nothing was sent. */
	RL(close(sp[0]));
	RL(close(pfd));
	kc_require_reaped((pid_t)pid, &si);
	ATF_REQUIRE_MSG(send_errno == 0, "sendmsg(SCM_RIGHTS of the child's pidfd): %s",
	    kc_errname(send_errno));
	ATF_REQUIRE_MSG(si.si_code == CLD_EXITED && si.si_status == RUN_OK,
	    "child %d (pidfd of %s from clone(CLONE_PIDFD), sent by SCM_RIGHTS): "
	    "%s; step: %s", (int)pid, whose == KC_PIDFD_OF_SELF ? "itself" : "its parent",
	    kc_describe_status(&si, buf, sizeof(buf)),
	    si.si_code == CLD_EXITED ? run_step(si.si_status) : "killed");
	ATF_REQUIRE_MSG(got == outlen, "the child sent %zu of %zu result bytes (%s)", got,
	    outlen, read_errno != 0 ? kc_errname(read_errno) : "EOF");
}

/* The child side of kc_spawn_exec_pidfd: system calls only. */
static void
exec_child(char *const argv[], const int *keep, size_t nkeep)
{
	static const char msg[] = "kc_spawn_exec_pidfd: the exec failed\n";
	size_t i;

	for (i = 0; i < nkeep; i++)
		if (fcntl(keep[i], F_SETFD, 0) == -1)
			_exit(KC_CHILD_FAILED);
	execv(argv[0], argv);
	(void)!write(2, msg, sizeof(msg) - 1);
	_exit(KC_CHILD_FAILED);
}

pid_t
kc_spawn_exec_pidfd(enum kc_pidfd_src src, char *const argv[], const int *keep,
    size_t nkeep, int *pidfd)
{
	long pid;
	int fd = -1;

	if (pidfd != NULL && src == KC_PIDFD_FROM_CLONE) {
		pid = kc_clone_raw(CLONE_PIDFD | SIGCHLD, NULL, &fd, NULL, 0);
		if (pid == 0)
			exec_child(argv, keep, nkeep);
		ATF_REQUIRE_MSG(pid > 0, "clone(CLONE_PIDFD|SIGCHLD): %s", kc_errname(errno));
		ATF_REQUIRE_MSG(fd >= 0, "clone(CLONE_PIDFD|SIGCHLD) left the pidfd slot at %d",
		    fd);
		*pidfd = fd;
		return ((pid_t)pid);
	}
	pid = kc_fork();
	if (pid == 0)
		exec_child(argv, keep, nkeep);
	if (pidfd != NULL) {
		fd = kc_pidfd_open((pid_t)pid, 0);
		ATF_REQUIRE_MSG(fd >= 0, "pidfd_open(child %d, 0): %s", (int)pid,
		    kc_errname(errno));
		*pidfd = fd;
	}
	return ((pid_t)pid);
}
