/* SPDX-License-Identifier: BSD-2-Clause */
/* Helpers for the cases/pidfd programs (see kc_pidfd.h). */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_child.h"
#include "kc_macros.h"
#include "kc_pidfd.h"
#include "kc_sys.h"

int
kc_fdinfo_pid(int fd, long *pid)
{
	char path[64], line[256];
	FILE *f;
	int found = 0;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = fopen(path, "re");
	if (f == NULL)
		return (-1);
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, "Pid:", 4) == 0) {
			*pid = strtol(line + 4, NULL, 10);
			found = 1;
			break;
		}
	}
	fclose(f);
	if (!found) {
		errno = ENOENT;
		return (-1);
	}
	return (0);
}

void
kc_held_spawn(struct kc_held *h, int code)
{
	int p[2];
	char c;

	RL(pipe2(p, O_CLOEXEC));
	h->pid = kc_fork();
	if (h->pid == 0) {
		close(p[1]);
		while (read(p[0], &c, 1) == -1 && errno == EINTR)
			;
		_exit(code);
	}
	RL(close(p[0]));
	h->release_fd = p[1];
}

void
kc_held_release(struct kc_held *h)
{
	if (h->release_fd != -1) {
		RL(close(h->release_fd));
		h->release_fd = -1;
	}
}

pid_t
kc_unused_pid(void)
{
	pid_t pid;

	pid = kc_fork();
	if (pid == 0)
		_exit(0);
	kc_require_exit(pid, 0);
	/* Pids are handed out in increasing order; reuse needs a wrap-around. */
	ATF_REQUIRE_MSG(kill(pid, 0) == -1 && errno == ESRCH,
	    "pid %d of a reaped child is in use again", (int)pid);
	return (pid);
}

void
kc_wait_zombie(pid_t pid)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	ATF_REQUIRE_MSG(waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT) == 0,
	    "waitid(P_PID %d, WEXITED|WNOWAIT): %s", (int)pid, strerror(errno));
	ATF_REQUIRE_MSG(si.si_pid == pid, "waitid(P_PID %d, WEXITED|WNOWAIT): si_pid %d",
	    (int)pid, (int)si.si_pid);
}

int
kc_poll1(int fd, short events, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = events };
	int r;

	do {
		r = poll(&p, 1, timeout_ms);
	} while (r == -1 && errno == EINTR);
	if (r == -1)
		return (-1);
	return (r == 0 ? 0 : p.revents);
}

const char *
kc_qemu_user_version(const atf_tc_t *tc)
{
	if (tc == NULL || !atf_tc_has_config_var(tc, "qemu_user_version"))
		return (NULL);
	return (atf_tc_get_config_var(tc, "qemu_user_version"));
}

const char *
kc_helper_path(const atf_tc_t *tc, const char *name, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s", atf_tc_get_config_var(tc, "srcdir"), name);
	return (buf);
}

int
kc_pidfd_open_or_fail(pid_t pid)
{
	int fd;

	fd = kc_pidfd_open(pid, 0);
	ATF_REQUIRE_MSG(fd >= 0, "pidfd_open(%d): %s", (int)pid, kc_errname(errno));
	return (fd);
}
