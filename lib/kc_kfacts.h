/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel-facts table: behaviours that changed between kernel versions,
 * and the floor (first mainline release, stable backports) of every optional
 * kernel feature a case uses.  A behaviour row says which behaviour a kernel
 * of a given version has, so that a case asserts exactly that behaviour for
 * the running kernel.  A feature row also says which errno a kernel below
 * the floor answers, so that its probe (kc_require_kfeature) skips below the
 * floor and fails at or above it.  One table, not version checks scattered
 * through cases.
 */
#ifndef LIB_KC_KFACTS_H
#define LIB_KC_KFACTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kc_version.h"

enum kc_kfact {
	KC_KF_CLONE_PIDFD_THREAD,	/* CLONE_PIDFD|CLONE_THREAD: EINVAL -> thread pidfd */
	KC_KF_PIDFD_THREAD_FLAG,	/* pidfd_open(tid, PIDFD_THREAD): EINVAL -> fd */
	KC_KF_PIDFD_SIGNAL_FLAGS,	/* pidfd_send_signal PIDFD_SIGNAL_* scopes: EINVAL -> accepted */
	KC_KF_POLLHUP_AFTER_REAP,	/* poll after reap: POLLIN -> POLLIN|POLLHUP */
	KC_KF_GETFD_ESRCH_EXITING,	/* pidfd_getfd on an exiting task: ESRCH */
	KC_KF_PIDFD_OPEN_ENOENT,	/* pidfd_open(non-leader tid, 0): EINVAL -> ENOENT; reaped: EINVAL -> ESRCH */
	KC_KF_PIDFD_NS_IOCTLS,		/* pidfs ioctls (6.11): an unknown one ENOTTY -> EINVAL */
	KC_KF_PIDFD_INFO_ENOTTY_SIZE,	/* PIDFD_GET_INFO with a wrong size: EINVAL -> ENOTTY */
	KC_KF_PIDFD_INFO_EREMOTE,	/* PIDFD_GET_INFO across sibling pidns: ESRCH -> EREMOTE */
	KC_KF_PIDFD_INFO_EXIT,		/* PIDFD_GET_INFO after reap with PIDFD_INFO_EXIT: ESRCH -> exit info */
	KC_KF_CLONE_EXIT_SIGNAL_CHECKED, /* legacy clone, invalid exit signal: accepted -> EINVAL (7.1) */
	KC_KF_WAITID_NONBLOCK,		/* waitid on an O_NONBLOCK pidfd: blocks -> EAGAIN (5.10) */
	/* Feature floors (availability rows). */
	KC_KF_PIDFD_SEND_SIGNAL,	/* pidfd_send_signal(2), 5.1 */
	KC_KF_CLONE_PIDFD,		/* clone(2) CLONE_PIDFD, 5.2: slot untouched before */
	KC_KF_PIDFD_OPEN,		/* pidfd_open(2), 5.3 */
	KC_KF_CLONE3,			/* clone3(2), clone_args VER0 (64), 5.3 */
	KC_KF_WAITID_PIDFD,		/* waitid(P_PIDFD), 5.4: EINVAL before */
	KC_KF_CLONE3_SET_TID,		/* clone3 set_tid (VER1, 80), 5.5: E2BIG before */
	KC_KF_CLONE_CLEAR_SIGHAND,	/* clone3 CLONE_CLEAR_SIGHAND, 5.5: EINVAL before */
	KC_KF_PIDFD_GETFD,		/* pidfd_getfd(2), 5.6 */
	KC_KF_CLONE_NEWTIME,		/* clone3 CLONE_NEWTIME, 5.6: EINVAL before */
	KC_KF_CLONE_INTO_CGROUP,	/* clone3 CLONE_INTO_CGROUP (VER2, 88), 5.7: EINVAL before */
	KC_KF_PIDFD_NONBLOCK,		/* pidfd_open PIDFD_NONBLOCK, 5.10: EINVAL before */
	KC_KF_PIDFD_GET_INFO,		/* ioctl PIDFD_GET_INFO, 6.13: ENOTTY (< 6.11) / EINVAL (6.11, 6.12) */
	KC_KF_PIDFD_INFO_SUPPORTED_MASK, /* pidfd_info.supported_mask: 0 -> set, 7.1 */
	KC_KF_CLONE_AUTOREAP,		/* clone3 CLONE_AUTOREAP, 7.1: EINVAL before */
	KC_KF_CLONE_NNP,		/* clone3 CLONE_NNP, 7.1: EINVAL before */
	KC_KF_CLONE_PIDFD_AUTOKILL,	/* clone3 CLONE_PIDFD_AUTOKILL, 7.1: EINVAL before */
	KC_KF_CLONE_EMPTY_MNTNS,	/* clone3 CLONE_EMPTY_MNTNS, 7.1: EINVAL before */
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
	/* Feature rows only (kc_require_kfeature); zero in behaviour rows. */
	const char	*call;		/* the syscall, for "pidfd_open(2): ENOSYS" */
	int		 absent[2];	/* errnos meaning "absent" below the floor */
	bool		 enosys_fails;	/* ENOSYS is not absence (an ioctl: the call exists) */
};

/* PIDFD_THREAD availability is the behaviour row of pidfd_open(tid, PIDFD_THREAD). */
#define KC_KF_PIDFD_THREAD	KC_KF_PIDFD_THREAD_FLAG

/* The row for a fact. */
const struct kc_kfact_row *kc_kfact_row(enum kc_kfact id);

/* Does a kernel of version v have the new behaviour? */
bool kc_kfact_at(enum kc_kfact id, const struct kc_version *v);

/* Does the running kernel have the new behaviour?  The row is noted as
 * consulted by the running case (kc_kfacts_used). */
bool kc_kfact(enum kc_kfact id);

/*
 * The rows the running case consulted (kc_kfact, kc_kfact_describe, the
 * clone3 ABI _now forms), each with the side of its floor the running kernel
 * is on: "kernel-facts: clone_pidfd_thread >= 6.9, pidfd_get_info < 6.13";
 * "" if none.  The case macro reports it for a case that returns (see
 * kc_case.c), so a pass states which version-gated expectations it asserted.
 */
const char *kc_kfacts_used(char *buf, unsigned long len);

/* "CLONE_PIDFD_THREAD (6.9): thread pidfd" style text for messages. */
const char *kc_kfact_describe(enum kc_kfact id, char *buf, unsigned long len);

/* "6.9" or "6.9 (stable 6.18.14, 6.19.10)": the floor of a row. */
const char *kc_kfact_floor(enum kc_kfact id, char *buf, unsigned long len);

/*
 * Judging a feature probe.  A probe made the call that uses feature `id`
 * and saw r (return value) and e (errno):
 *   r != -1				-> KC_KFEATURE_PRESENT
 *   -1/ENOSYS (unless enosys_fails)	-> KC_KFEATURE_ABSENT "<call>: ENOSYS"
 *					   (the row's syscall, "clone3(2)")
 *   -1/absent errno, kernel < floor	-> KC_KFEATURE_ABSENT "<what>: EINVAL,
 *					   kernel 5.4.0 < 5.10 (<source>)"
 *   -1/absent errno, kernel >= floor	-> KC_KFEATURE_BROKEN "<what>: EINVAL
 *					   on kernel 6.18.44 >= 5.10: regression"
 *   anything else			-> KC_KFEATURE_BROKEN "<what>: unexpected ..."
 * `why` receives the reason.  No ATF calls (the selftest judges fake versions).
 */
enum kc_kfeature { KC_KFEATURE_PRESENT, KC_KFEATURE_ABSENT, KC_KFEATURE_BROKEN };
enum kc_kfeature kc_kfeature_judge(enum kc_kfact id, const struct kc_version *v,
    const char *what, long r, int e, char *why, unsigned long len);

/* Policy (ATF): judge on the running kernel; skip when absent, fail when
 * broken, return when present. */
void kc_require_kfeature(enum kc_kfact id, const char *what, long r, int e);

/*
 * The clone3 ABI per version, from the rows above: the newest clone_args
 * size a kernel of version v knows (64, 80, 88), and the clone3 flag bits it
 * knows (the 32 legacy bits, then CLONE_CLEAR_SIGHAND, CLONE_INTO_CGROUP and
 * the 7.1 flags, CLONE_EMPTY_MNTNS included, from their floors).  The _now forms use the running kernel.
 */
size_t kc_kf_clone_args_size_at(const struct kc_version *v);
size_t kc_kf_clone_args_size(void);
uint64_t kc_kf_clone3_flags_at(const struct kc_version *v);
uint64_t kc_kf_clone3_flags(void);

#endif /* LIB_KC_KFACTS_H */
