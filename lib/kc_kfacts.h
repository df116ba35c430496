/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel-facts table: behaviours that changed between kernel versions.
 * Availability of a syscall or flag is probed at run time (kc_probe.h); this
 * table says which *behaviour* a kernel of a given version has, so that a case
 * asserts exactly that behaviour for the running kernel.  One table, not
 * version checks scattered through cases.
 */
#ifndef LIB_KC_KFACTS_H
#define LIB_KC_KFACTS_H

#include <stdbool.h>

#include "kc_version.h"

enum kc_kfact {
	KC_KF_CLONE_PIDFD_THREAD,	/* CLONE_PIDFD|CLONE_THREAD: EINVAL -> thread pidfd */
	KC_KF_PIDFD_THREAD_FLAG,	/* pidfd_open(tid, PIDFD_THREAD): EINVAL -> fd */
	KC_KF_PIDFD_SIGNAL_FLAGS,	/* pidfd_send_signal PIDFD_SIGNAL_* scopes: EINVAL -> accepted */
	KC_KF_POLLHUP_AFTER_REAP,	/* poll after reap: POLLIN -> POLLIN|POLLHUP */
	KC_KF_GETFD_ESRCH_EXITING,	/* pidfd_getfd on an exiting task: ESRCH */
	KC_KF_PIDFD_OPEN_ENOENT,	/* pidfd_open(non-leader tid, 0): EINVAL -> ENOENT; reaped: EINVAL -> ESRCH */
	KC_KF_PIDFD_INFO_ENOTTY_SIZE,	/* PIDFD_GET_INFO with a wrong size: EINVAL -> ENOTTY */
	KC_KF_PIDFD_INFO_EREMOTE,	/* PIDFD_GET_INFO across sibling pidns: ESRCH -> EREMOTE */
	KC_KF_PIDFD_INFO_EXIT,		/* PIDFD_GET_INFO after reap with PIDFD_INFO_EXIT: ESRCH -> exit info */
	KC_KF_COUNT
};

struct kc_kfact_row {
	enum kc_kfact	 id;
	const char	*name;		/* stable identifier, used in messages */
	const char	*mainline;	/* first mainline release with the new behaviour */
	const char	*stable[4];	/* stable backports "X.Y.Z", NULL-terminated */
	const char	*before;	/* behaviour before */
	const char	*after;		/* behaviour from then on */
	const char	*source;	/* commit, pull or test that pins it */
};

/* The row for a fact. */
const struct kc_kfact_row *kc_kfact_row(enum kc_kfact id);

/* Does a kernel of version v have the new behaviour? */
bool kc_kfact_at(enum kc_kfact id, const struct kc_version *v);

/* Does the running kernel have the new behaviour? */
bool kc_kfact(enum kc_kfact id);

/* "CLONE_PIDFD_THREAD (6.9): thread pidfd" style text for messages. */
const char *kc_kfact_describe(enum kc_kfact id, char *buf, unsigned long len);

#endif /* LIB_KC_KFACTS_H */
