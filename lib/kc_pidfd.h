/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Helpers for the cases/pidfd programs: fdinfo parsing, children that wait
 * for a release, unused pids, single-fd poll.  Functions marked (ATF) fail
 * the case on setup errors; the others are libc-like and make no ATF calls.
 */
#ifndef LIB_KC_PIDFD_H
#define LIB_KC_PIDFD_H

#include <sys/types.h>

#include <atf-c.h>

/* The "Pid:" field of /proc/self/fdinfo/<fd> (-1 for a reaped process).
 * Returns 0, or -1 and errno (ENOENT: no such field). */
int kc_fdinfo_pid(int fd, long *pid);

/*
 * A forked child that blocks until released: it reads its end of a pipe
 * and _exit()s with `code` on EOF.  kc_held_release() closes the parent's
 * end (the parent keeps only that end, close-on-exec).  (ATF)
 */
struct kc_held {
	pid_t	pid;
	int	release_fd;	/* -1 once released */
};
void kc_held_spawn(struct kc_held *h, int code);
void kc_held_release(struct kc_held *h);

/* A pid that no process uses now: the pid of a forked and reaped child,
 * checked with kill(pid, 0) == ESRCH.  (ATF) */
pid_t kc_unused_pid(void);

/* Wait until `pid` (our child) is a zombie, without reaping it.  (ATF) */
void kc_wait_zombie(pid_t pid);

/* pidfd_open(pid, 0) that must succeed: fails the case otherwise.  (ATF) */
int kc_pidfd_open_or_fail(pid_t pid);

/* poll(2) one fd; returns revents (0 on timeout) or -1 and errno. */
int kc_poll1(int fd, short events, int timeout_ms);

/* The kyua config variable "qemu_user_version", or NULL when not set (or tc
 * is NULL). */
const char *kc_qemu_user_version(const atf_tc_t *tc);

/* Path of a helper program next to the case binary (srcdir).  Returns buf. */
const char *kc_helper_path(const atf_tc_t *tc, const char *name, char *buf, size_t len);

#endif /* LIB_KC_PIDFD_H */
