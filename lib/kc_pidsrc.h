/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Where the pidfd of a child comes from: pidfd_open(2) on its pid, or
 * clone(CLONE_PIDFD) when it is created.  Valgrind < 3.21 has no
 * pidfd_open wrapper (ENOSYS) but handles CLONE_PIDFD (FACTS-peers.md §3),
 * so a case that only needs a pidfd of a child, not pidfd_open itself, runs
 * on the source that exists here and says on stderr which one it used.  An
 * absent source is recorded, never hidden: pidfd_open ENOSYS moves the case
 * to the clone source; pidfd_open present but failing fails the case.
 * Policy helpers: they call ATF.
 */
#ifndef LIB_KC_PIDSRC_H
#define LIB_KC_PIDSRC_H

#include <atf-c.h>

#include "kc_pidfd.h"

enum kc_pidfd_src {
	KC_PIDFD_FROM_CLONE = 1,	/* clone(CLONE_PIDFD|SIGCHLD), fork-like, raw call */
	KC_PIDFD_FROM_OPEN = 2,		/* fork(), then pidfd_open(child, 0) */
};

/*
 * The source a case uses, among `allowed` (a mask of the above): pidfd_open
 * where it answers pidfd_open(getpid(), 0); where it is ENOSYS, the clone
 * source if allowed (probed by kc_require_clone_pidfd_consistent: skips
 * where CLONE_PIDFD is absent below its floor, fails above).  Any other
 * pidfd_open outcome, or ENOSYS with only the open source allowed, is
 * judged by kc_require_pidfd_open (skip below the floor, fail above).
 * The kyua config variable pidfd_source=clone|open keeps only that source
 * (so each runs natively too; a case with no such source skips, saying
 * so).  Prints "pidfd source: ..." on stderr.  (ATF)
 */
enum kc_pidfd_src kc_pidfd_source(const atf_tc_t *tc, unsigned allowed);

/* "clone(CLONE_PIDFD)" or "pidfd_open". */
const char *kc_pidfd_src_name(enum kc_pidfd_src src);

/*
 * kc_held_spawn() whose child's pidfd (close-on-exec) comes from src: the
 * pidfd is returned; a failure of the source fails the case.  (ATF)
 */
int kc_held_spawn_pidfd(struct kc_held *h, int code, enum kc_pidfd_src src);

/* Whose pidfd kc_pidfd_call hands its function. */
enum kc_pidfd_whose {
	KC_PIDFD_OF_SELF,	/* of the process running the function */
	KC_PIDFD_OF_PARENT,	/* of that process's parent */
};

/*
 * Call fn(fd, out) in a process holding fd, a pidfd (close-on-exec) of
 * itself or of its parent (whose), from src; on return *out (outlen
 * bytes) is what fn left there, the pidfd is closed and every process
 * made is reaped.
 *   KC_PIDFD_FROM_OPEN: fn runs in the calling process, on
 *   pidfd_open(getpid() or getppid(), 0).
 *   KC_PIDFD_FROM_CLONE: only a process's creator gets a pidfd from clone,
 *   and nobody created the caller that way, so fn runs in a child C made
 *   with clone(CLONE_PIDFD|SIGCHLD): the caller hands C that pidfd over a
 *   socketpair (SCM_RIGHTS), since C does not inherit it (copy_process in
 *   kernel/fork.c installs the pidfd in the caller's fd table after copying
 *   the table for the child).  For SELF fn runs in C; for PARENT C makes a
 *   child G with clone(SIGCHLD), which inherits the pidfd of its parent C,
 *   and fn runs in G.  *out comes back over the socketpair.
 * fn runs in a raw clone child with the clone source, where glibc's thread
 * descriptor still describes the caller: it may make system calls (glibc
 * wrappers included) and fill *out, nothing else (no ATF, stdio, malloc,
 * pthreads).  A failing step of the route fails the case, naming it.
 * (ATF)
 */
void kc_pidfd_call(enum kc_pidfd_src src, enum kc_pidfd_whose whose,
    void (*fn)(int fd, void *out), void *out, size_t outlen);

/*
 * A child that runs argv (execv of argv[0]) at once, with the fds of keep
 * (nkeep of them) made inheritable across that exec; returns its pid.  For
 * a child whose body needs a fork(3)ed process (threads, id changes) while
 * the pidfd comes from clone(CLONE_PIDFD): the exec gives the raw clone
 * child a fresh libc, so the body runs in the exec'd program.  With pidfd
 * NULL the child is fork()ed and no pidfd made; else *pidfd is the child's
 * pidfd (close-on-exec) from src: clone(CLONE_PIDFD|SIGCHLD) (the child
 * makes only system calls before the exec), or fork() then
 * pidfd_open(child, 0).  A failed exec makes the child _exit
 * KC_CHILD_FAILED after a line on stderr.  (ATF)
 */
pid_t kc_spawn_exec_pidfd(enum kc_pidfd_src src, char *const argv[], const int *keep,
    size_t nkeep, int *pidfd);

#endif /* LIB_KC_PIDSRC_H */
