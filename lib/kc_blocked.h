/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What a process is blocked in, read from /proc: for each thread the system
 * call (/proc/<pid>/task/<tid>/syscall, named through libseccomp), the
 * kernel wait channel (wchan) and the state (stat), and the same for every
 * descendant process.  For failure messages of the watchdog and of reaps
 * that time out.  No ATF calls.
 */
#ifndef LIB_KC_BLOCKED_H
#define LIB_KC_BLOCKED_H

#include <stddef.h>
#include <sys/types.h>

/*
 * Append to buf one clause per thread of this process except `skip_tid`
 * ("main thread in waitid (wchan do_wait)", "thread 1235 in read (wchan
 * pipe_read)") and one per descendant process ("child 1234
 * (pidfd_exec_helper) state S in wait4 (wchan do_wait)"), "; "-separated.
 * Returns buf.
 */
char *kc_blocked_self(pid_t skip_tid, char *buf, size_t len);

/*
 * What kc_blocked_self(0, ...) would say inside process pid ("main thread
 * in ...", "thread <tid> in ...", then its descendants): for a watchdog
 * outside the process (a lane's, lib/kc_batch.h).  Returns buf.
 */
char *kc_blocked_case(pid_t pid, char *buf, size_t len);

/*
 * The watchdog's reason (without ATF's "failed: "), the one text of the
 * in-process watchdog (lib/kc_case.c: pid 0, this process but its thread
 * skip_tid) and of a lane's (lib/kc_batch.c: the case's process pid):
 * "watchdog: blocked <deadline_s> s: " and what the threads and descendants
 * are blocked in.  Returns buf.
 */
char *kc_blocked_watchdog(unsigned deadline_s, pid_t pid, pid_t skip_tid, char *buf,
    size_t len);

/* The same for process `pid` and its descendants ("child 1234 (comm) state S
 * in read (wchan pipe_read)").  Returns buf. */
char *kc_blocked_pid(pid_t pid, char *buf, size_t len);

/*
 * Collect the descendants of process `pid` (children of any of its threads,
 * recursively) into pids[], at most max; returns how many.
 */
int kc_descendants(pid_t pid, pid_t *pids, int max);

#endif /* LIB_KC_BLOCKED_H */
