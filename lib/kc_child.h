/* SPDX-License-Identifier: BSD-2-Clause */
/* Child-process helpers: child-safe assertions, reaping with a timeout. */
#ifndef LIB_KC_CHILD_H
#define LIB_KC_CHILD_H

#include <sys/types.h>
#include <sys/wait.h>

#include <signal.h>
#include <stdio.h>

/* Exit status of a child whose KC_CHILD_REQUIRE failed. */
#define KC_CHILD_FAILED	32

/*
 * For code running in a fork/clone child, where ATF macros must not be used:
 * write "file:line: exp not met" to fd 2 with write(2) only
 * (async-signal-safe, no stdio) and _exit(KC_CHILD_FAILED).  The parent
 * asserts the status (kc_require_exit).
 */
#define KC_CHILD_REQUIRE(exp) do {					\
	if (!(exp))							\
		kc_child_fail(__FILE__, __LINE__, #exp " not met");	\
} while (0)

__attribute__((noreturn)) void kc_child_fail(const char *file, int line, const char *msg);

/*
 * Wait for a state change of child `pid` (waitid(P_PID) with `options`, e.g.
 * WEXITED, WSTOPPED, WEXITED|__WCLONE) for at most timeout_ms.  On timeout
 * the child is killed with SIGKILL and reaped, and -1/ETIMEDOUT returned.
 * Uses sigtimedwait on a temporarily blocked SIGCHLD, so it needs no pidfd
 * (it works under the pidfd-enosys sandbox) and no sleep.  For a child whose
 * exit signal is not SIGCHLD, pass __WCLONE; it then waits for the timeout
 * only through a pidfd poll when one can be opened.  No ATF calls.
 */
int kc_wait_timeout(pid_t pid, int options, int timeout_ms, siginfo_t *si);

/*
 * Policy helpers (ATF): reap `pid` within the default timeout and require a
 * normal exit with `code` / death by signal `sig`.  Another status fails the
 * case with the child's status described; a child that does not exit in
 * time is described first (what it and its descendants are blocked in,
 * lib/kc_blocked.h), then killed and reaped, and the case fails.
 */
#define KC_REAP_TIMEOUT_MS	10000
void kc_require_exit(pid_t pid, int code);
/* The same without a verdict on the status: reap pid into *si or fail. */
void kc_require_reaped(pid_t pid, siginfo_t *si);
void kc_require_killed(pid_t pid, int sig);

/*
 * Kill and reap every child of this process (any exit signal), e.g. the
 * orphans a child subreaper inherited.  With `report`, write one line per
 * child: "leftover: process <pid> (<comm>) still running" or "... exited but
 * was not reaped by its parent".  Returns how many there were.  No ATF calls.
 */
int kc_reap_children(FILE *report);

/* fork(2) that fails the case (not the child) if fork fails. */
pid_t kc_fork(void);

/* Describe a siginfo from waitid (e.g. "exited 3", "killed SIGKILL"). */
const char *kc_describe_status(const siginfo_t *si, char *buf, size_t len);

/*
 * Hygiene: snapshot the open fds at the start of a case and check at the end
 * that the case closed every fd it opened and left no unreaped child.  Case
 * bodies call kc_hygiene_begin first and kc_hygiene_end last.
 */
struct kc_hygiene {
	unsigned char	fds[1024 / 8];	/* bitmap of open fds < 1024 */
};
void kc_hygiene_begin(struct kc_hygiene *h);
void kc_hygiene_end(const struct kc_hygiene *h);

#endif /* LIB_KC_CHILD_H */
