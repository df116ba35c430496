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

#endif /* LIB_KC_PIDSRC_H */
