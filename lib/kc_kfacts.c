/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel-facts table (see kc_kfacts.h); sources in FACTS-kernel.md §2.1
 * and §6, FACTS-environments.md §9 (a kernel ladder 5.10 -> 7.3 measured).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <atf-c.h>

#include "kc_kfacts.h"
#include "kc_macros.h"
#include "kc_sys.h"

#define ROW(id_, name_, ml_, ...)	[id_] = { .id = id_, .name = name_, .mainline = ml_, __VA_ARGS__ }

static const struct kc_kfact_row kc_kfacts[KC_KF_COUNT] = {
	/* --- behaviours --- */
	ROW(KC_KF_CLONE_PIDFD_THREAD, "clone_pidfd_thread", "6.9",
	    .before = "EINVAL", .after = "a PIDFD_THREAD pidfd",
	    .source = "vfs for-6.9 pidfd: 83b290c9e3b5 (kernel/fork.c copy_process)"),
	ROW(KC_KF_PIDFD_THREAD_FLAG, "pidfd_open_pidfd_thread", "6.9",
	    .call = "pidfd_open(2)",
	    .before = "EINVAL", .after = "a pidfd for the thread",
	    .source = "vfs for-6.9 pidfd: 64bef697d33b (include/uapi/linux/pidfd.h PIDFD_THREAD)",
	    .absent = { EINVAL }),
	ROW(KC_KF_PIDFD_SIGNAL_FLAGS, "pidfd_send_signal_scope_flags", "6.9",
	    .call = "pidfd_send_signal(2)",
	    .before = "EINVAL for any non-zero flags",
	    .after = "PIDFD_SIGNAL_THREAD/THREAD_GROUP/PROCESS_GROUP",
	    .source = "vfs for-6.9 pidfd (kernel/signal.c pidfd_send_signal)",
	    .absent = { EINVAL }),
	ROW(KC_KF_POLLHUP_AFTER_REAP, "pidfd_poll_pollhup_after_reap", "6.9",
	    .before = "POLLIN", .after = "POLLIN|POLLHUP",
	    .source = "43f0df54c96f (pidfd: add pidfs, poll reports POLLHUP once reaped)"),
	/*
	 * A target that has exited (its files gone, not reaped): EBADF from
	 * fget_task() before, ESRCH from 0c9bd6bc4bb2 (6.9, not backported).
	 * The series below 6.9 got ESRCH for it from the stable backports of
	 * 62c4d31d7829 ("pidfd: refuse access to tasks that have started
	 * exiting harder", 7.1-rc, May 2026: ESRCH once PF_EXITING is set):
	 * 5.10.259 and 6.1.176 (Debian's changelogs of 5.10.262 and 6.1.192,
	 * measured ESRCH there), 6.6.143 (its stable review).  5.15.y is not
	 * pinned.
	 */
	ROW(KC_KF_GETFD_ESRCH_EXITING, "pidfd_getfd_esrch_exiting", "6.9",
	    .stable = { "5.10.259", "6.1.176", "6.6.143", NULL },
	    .before = "EBADF (the task's files are gone)", .after = "ESRCH",
	    .source = "0c9bd6bc4bb2 (pidfd: getfd should always report ESRCH if a task is "
	    "exiting, 6.9); stable: 62c4d31d7829 (pidfd: refuse access to tasks that have "
	    "started exiting harder)"),
	ROW(KC_KF_PIDFD_OPEN_ENOENT, "pidfd_open_enoent_esrch", "6.16",
	    .before = "EINVAL", .after = "ENOENT (non-leader tid) / ESRCH (reaped)",
	    .source = "pidfd: improve uapi when task isn't found (vfs-6.16-rc1.coredump; "
	    "systemd PR 36982)"),
	/*
	 * 6.11 gave pidfds an ioctl handler (PIDFD_GET_{CGROUP,IPC,MNT,NET,
	 * PID,...}_NAMESPACE, PIDFS_IOCTL_MAGIC 0xFF nr 1-10).  Before it every
	 * ioctl on a pidfd is ENOTTY; from it an ioctl the kernel does not know
	 * (PIDFD_GET_INFO on 6.11 and 6.12) is EINVAL: 6.1.192 ENOTTY, 6.12.117
	 * EINVAL (FACTS-environments §9).
	 */
	ROW(KC_KF_PIDFD_NS_IOCTLS, "pidfd_ns_ioctls", "6.11",
	    .before = "ENOTTY for every ioctl on a pidfd",
	    .after = "the pidfs namespace ioctls; an unknown pidfs ioctl is EINVAL",
	    .source = "include/uapi/linux/pidfd.h PIDFD_GET_*_NAMESPACE (6.11); "
	    "FACTS-environments §9 (6.1.192 ENOTTY, 6.12.117 EINVAL)"),
	/*
	 * pidfs_ioctl_valid() checks PIDFD_GET_INFO with extensible_ioctl_valid()
	 * (a size below PIDFD_INFO_SIZE_VER0 is not the ioctl: ENOTTY) since
	 * 3c17001b21b9 (6.18-rc1), backported to 6.17.4 (stable review
	 * "[PATCH 6.17 370/371]"); the AUTOSEL for 6.16 did not land: 6.16.12
	 * answers EINVAL (FACTS-environments §9).
	 */
	ROW(KC_KF_PIDFD_INFO_ENOTTY_SIZE, "pidfd_get_info_enotty_size", "6.18",
	    .stable = { "6.17.4", NULL },
	    .before = "EINVAL", .after = "ENOTTY",
	    .source = "3c17001b21b9 (pidfs: validate extensible ioctls); LTP ioctl_pidfd05"),
	ROW(KC_KF_PIDFD_INFO_EREMOTE, "pidfd_get_info_eremote", "7.0",
	    .stable = { "6.18.14", "6.19.10", NULL },
	    .before = "ESRCH", .after = "EREMOTE",
	    .source = "ab89060fbc92e; LTP ioctl_pidfd06"),
	ROW(KC_KF_PIDFD_INFO_EXIT, "pidfd_get_info_exit", "6.15",
	    .call = "ioctl(2) PIDFD_GET_INFO",
	    .before = "ESRCH once reaped",
	    .after = "PIDFD_INFO_EXIT with the wait status once reaped",
	    .source = "vfs-6.15.pidfs (include/uapi/linux/pidfd.h PIDFD_INFO_EXIT); "
	    "LTP ioctl_pidfd02-04",
	    .absent = { ESRCH }, .enosys_fails = true),
	/*
	 * Legacy clone(2) takes its exit signal from flags & CSIGNAL; before
	 * 7.1 nothing checked it (0x91, CLONE_NEWTIME|SIGCHLD, forked a child
	 * with exit signal 145).  "kernel/fork: validate exit_signal in
	 * kernel_clone()" (mm-hotfixes, 7.1-rc) makes it EINVAL.  It was
	 * queued for the 5.10-7.0 stable trees (stable-queue, 2026-06-05) but
	 * is in none of the ladder's kernels: not in Debian 5.10.262's or
	 * 6.1.192's changelog, and 6.12.117 ... 7.0.13 accept 0x91 (measured).
	 */
	ROW(KC_KF_CLONE_EXIT_SIGNAL_CHECKED, "clone_exit_signal_checked", "7.1",
	    .before = "any CSIGNAL value is the exit signal (0x91: a child with exit signal 145)",
	    .after = "EINVAL for an exit signal that is not a valid signal",
	    .source = "kernel/fork.c kernel_clone(): valid_signal(args->exit_signal) "
	    "(kernel/fork: validate exit_signal in kernel_clone(), 7.1-rc); measured 7.0.13 "
	    "accepts, 7.1.13 rejects"),
	ROW(KC_KF_WAITID_NONBLOCK, "waitid_pidfd_nonblock", "5.10",
	    .call = "waitid(2) P_PIDFD",
	    .before = "waitid blocks (the pidfd's O_NONBLOCK ignored)",
	    .after = "EAGAIN while the child has nothing to report",
	    .source = "pidfd_open.2 (PIDFD_NONBLOCK, 5.10); kernel/exit.c kernel_waitid "
	    "(f_flags & O_NONBLOCK); LTP pidfd_open04"),

	/* --- feature floors --- */
	ROW(KC_KF_PIDFD_SEND_SIGNAL, "pidfd_send_signal", "5.1",
	    .call = "pidfd_send_signal(2)",
	    .before = "ENOSYS", .after = "pidfd_send_signal(2)",
	    .source = "man-pages pidfd_send_signal.2 VERSIONS"),
	ROW(KC_KF_CLONE_PIDFD, "clone_pidfd", "5.2",
	    .call = "clone(2)",
	    .before = "the bit ignored, slot untouched", .after = "a pidfd in parent_tid",
	    .source = "clone.2; b3e583825266"),
	ROW(KC_KF_PIDFD_OPEN, "pidfd_open", "5.3",
	    .call = "pidfd_open(2)",
	    .before = "ENOSYS", .after = "pidfd_open(2)", .source = "pidfd_open.2"),
	ROW(KC_KF_CLONE3, "clone3", "5.3",
	    .call = "clone3(2)",
	    .before = "ENOSYS", .after = "clone3(2), clone_args VER0 (64 bytes)",
	    .source = "clone3-v5.3 pull (8f3220a80654)"),
	ROW(KC_KF_WAITID_PIDFD, "waitid_p_pidfd", "5.4",
	    .call = "waitid(2) P_PIDFD",
	    .before = "EINVAL (unknown idtype)", .after = "waitid(P_PIDFD)",
	    .source = "kernel/exit.c (default: return -EINVAL); Go os/pidfd_linux.go",
	    .absent = { EINVAL }),
	ROW(KC_KF_CLONE3_SET_TID, "clone3_set_tid", "5.5",
	    .call = "clone3(2)",
	    .before = "E2BIG (size 80 with set_tid)", .after = "set_tid, clone_args VER1 (80 bytes)",
	    .source = "clone.2 (since Linux 5.5)",
	    .absent = { E2BIG }),
	ROW(KC_KF_CLONE_CLEAR_SIGHAND, "clone3_clear_sighand", "5.5",
	    .call = "clone3(2)",
	    .before = "EINVAL", .after = "CLONE_CLEAR_SIGHAND",
	    .source = "clone.2 (since Linux 5.5)",
	    .absent = { EINVAL }),
	ROW(KC_KF_PIDFD_GETFD, "pidfd_getfd", "5.6",
	    .call = "pidfd_getfd(2)",
	    .before = "ENOSYS", .after = "pidfd_getfd(2)", .source = "pidfd_getfd.2"),
	ROW(KC_KF_CLONE_NEWTIME, "clone3_newtime", "5.6",
	    .call = "clone3(2)",
	    .before = "EINVAL (inside CSIGNAL)", .after = "CLONE_NEWTIME",
	    .source = "clone3_args_valid() excludes CLONE_NEWTIME from CSIGNAL",
	    .absent = { EINVAL }),
	ROW(KC_KF_CLONE_INTO_CGROUP, "clone3_into_cgroup", "5.7",
	    .call = "clone3(2)",
	    .before = "EINVAL (unknown flag) / E2BIG (size 88)",
	    .after = "CLONE_INTO_CGROUP, clone_args VER2 (88 bytes)",
	    .source = "clone.2; LTP clone303",
	    .absent = { EINVAL, E2BIG }),
	ROW(KC_KF_PIDFD_NONBLOCK, "pidfd_nonblock", "5.10",
	    .call = "pidfd_open(2)",
	    .before = "EINVAL", .after = "PIDFD_NONBLOCK (O_NONBLOCK on the pidfd)",
	    .source = "pidfd_open.2; LTP pidfd_open04",
	    .absent = { EINVAL }),
	/* 5.10/6.1 answer ENOTTY, 6.12 EINVAL (FACTS-environments §9). */
	ROW(KC_KF_PIDFD_GET_INFO, "pidfd_get_info", "6.13",
	    .call = "ioctl(2) PIDFD_GET_INFO",
	    .before = "ENOTTY (< 6.11) or EINVAL (6.11, 6.12)", .after = "PIDFD_GET_INFO",
	    .source = "LTP ioctl_pidfd.h; FACTS-environments §9 (6.12.117: EINVAL)",
	    .absent = { ENOTTY, EINVAL }, .enosys_fails = true),
	ROW(KC_KF_PIDFD_INFO_SUPPORTED_MASK, "pidfd_info_supported_mask", "7.1",
	    .before = "supported_mask 0", .after = "supported_mask set (0xff)",
	    .source = "FACTS-kernel §6 (0 on 6.16-7.0, 0xff from 7.1)"),
	ROW(KC_KF_CLONE_AUTOREAP, "clone3_autoreap", "7.1",
	    .call = "clone3(2)",
	    .before = "EINVAL", .after = "CLONE_AUTOREAP: the kernel reaps the child",
	    .source = "include/uapi/linux/sched.h; vfs-7.1.pidfs merge (FACTS-kernel §6)",
	    .absent = { EINVAL }),
	ROW(KC_KF_CLONE_NNP, "clone3_nnp", "7.1",
	    .call = "clone3(2)",
	    .before = "EINVAL", .after = "CLONE_NNP: no_new_privs in the child only",
	    .source = "include/uapi/linux/sched.h; vfs-7.1.pidfs merge (FACTS-kernel §6)",
	    .absent = { EINVAL }),
	ROW(KC_KF_CLONE_PIDFD_AUTOKILL, "clone3_pidfd_autokill", "7.1",
	    .call = "clone3(2)",
	    .before = "EINVAL",
	    .after = "CLONE_PIDFD_AUTOKILL: closing the clone pidfd kills the child",
	    .source = "include/uapi/linux/sched.h; vfs-7.1.pidfs merge (FACTS-kernel §6)",
	    .absent = { EINVAL }),
	/* 7.0.13 rejects 1<<37 as unknown, 7.1.13 accepts it (measured). */
	ROW(KC_KF_CLONE_EMPTY_MNTNS, "clone3_empty_mntns", "7.1",
	    .call = "clone3(2)",
	    .before = "EINVAL",
	    .after = "CLONE_EMPTY_MNTNS: the child in a new, empty mount namespace",
	    .source = "include/uapi/linux/sched.h CLONE_EMPTY_MNTNS (1ULL << 37; sid "
	    "linux-libc-dev 7.2.13); kernel_clone() implies CLONE_NEWNS; "
	    "tools/testing/selftests/filesystems/empty_mntns",
	    .absent = { EINVAL }),
};

const struct kc_kfact_row *
kc_kfact_row(enum kc_kfact id)
{
	if ((unsigned)id >= KC_KF_COUNT)
		return (NULL);
	return (&kc_kfacts[id]);
}

bool
kc_kfact_at(enum kc_kfact id, const struct kc_version *v)
{
	const struct kc_kfact_row *r = kc_kfact_row(id);
	struct kc_version m;
	int i;

	if (r == NULL || kc_version_parse(r->mainline, &m) != 0)
		return (false);
	if (kc_version_cmp(v, &m) >= 0)
		return (true);
	/* A stable backport covers its own series from its patch level on. */
	for (i = 0; i < 4 && r->stable[i] != NULL; i++) {
		struct kc_version s;

		if (kc_version_parse(r->stable[i], &s) != 0)
			continue;
		if (v->part[0] == s.part[0] && v->part[1] == s.part[1] &&
		    v->part[2] >= s.part[2])
			return (true);
	}
	return (false);
}

/* The rows the running case consulted for the running kernel (kc_kfact,
 * kc_kfact_describe, the clone3 ABI _now forms): a bit per row. */
static uint64_t kc_kf_used;
_Static_assert(KC_KF_COUNT <= 64, "kc_kf_used has a bit per row");

static void
kc_kfact_note(enum kc_kfact id)
{
	if ((unsigned)id < KC_KF_COUNT)
		kc_kf_used |= 1ULL << id;
}

bool
kc_kfact(enum kc_kfact id)
{
	kc_kfact_note(id);
	return (kc_kfact_at(id, kc_kernel_version()));
}

const char *
kc_kfacts_used(char *buf, unsigned long len)
{
	char floor[128];
	size_t used;
	int id, n = 0;

	buf[0] = '\0';
	for (id = 0; id < KC_KF_COUNT; id++) {
		if (!(kc_kf_used & (1ULL << id)))
			continue;
		used = strlen(buf);
		snprintf(buf + used, len - used, "%s%s %s %s", n++ == 0 ? "kernel-facts: " : ", ",
		    kc_kfacts[id].name, kc_kfact_at((enum kc_kfact)id, kc_kernel_version()) ?
		    ">=" : "<", kc_kfact_floor((enum kc_kfact)id, floor, sizeof(floor)));
	}
	return (buf);
}

const char *
kc_kfact_floor(enum kc_kfact id, char *buf, unsigned long len)
{
	const struct kc_kfact_row *r = kc_kfact_row(id);
	size_t used;
	int i;

	snprintf(buf, len, "%s", r->mainline);
	for (i = 0; i < 4 && r->stable[i] != NULL; i++) {
		used = strlen(buf);
		snprintf(buf + used, len - used, "%s%s", i == 0 ? " (stable " : ", ",
		    r->stable[i]);
	}
	if (i > 0) {
		used = strlen(buf);
		snprintf(buf + used, len - used, ")");
	}
	return (buf);
}

const char *
kc_kfact_describe(enum kc_kfact id, char *buf, unsigned long len)
{
	const struct kc_kfact_row *r = kc_kfact_row(id);
	const struct kc_version *k = kc_kernel_version();
	bool now = kc_kfact(id);
	char floor[128];

	snprintf(buf, len, "%s: kernel %d.%d.%d %s %s, so %s (%s)", r->name,
	    k->part[0], k->part[1], k->part[2], now ? ">=" : "<",
	    kc_kfact_floor(id, floor, sizeof(floor)), now ? r->after : r->before, r->source);
	return (buf);
}

static bool
kc_is_absent_errno(const struct kc_kfact_row *r, int e)
{
	return (e != 0 && (r->absent[0] == e || r->absent[1] == e));
}

enum kc_kfeature
kc_kfeature_judge(enum kc_kfact id, const struct kc_version *v, const char *what, long r,
    int e, char *why, unsigned long len)
{
	const struct kc_kfact_row *row = kc_kfact_row(id);
	char floor[128];
	bool at;

	why[0] = '\0';
	if (r != -1)
		return (KC_KFEATURE_PRESENT);
	kc_kfact_floor(id, floor, sizeof(floor));
	at = kc_kfact_at(id, v);
	if (e == ENOSYS && !row->enosys_fails) {
		snprintf(why, len, "%s: ENOSYS", row->call != NULL ? row->call : what);
		return (KC_KFEATURE_ABSENT);
	}
	if (kc_is_absent_errno(row, e)) {
		if (!at) {
			snprintf(why, len, "%s: %s, kernel %d.%d.%d < %s (%s: %s)", what,
			    kc_errname(e), v->part[0], v->part[1], v->part[2], floor,
			    row->name, row->source);
			return (KC_KFEATURE_ABSENT);
		}
		snprintf(why, len, "%s: %s on kernel %d.%d.%d >= %s: regression (%s: %s has "
		    "%s; %s)", what, kc_errname(e), v->part[0], v->part[1], v->part[2], floor,
		    row->name, floor, row->after, row->source);
		return (KC_KFEATURE_BROKEN);
	}
	snprintf(why, len, "%s: unexpected %s on kernel %d.%d.%d (%s %s: %s below, %s from "
	    "then on)", what, kc_errname(e), v->part[0], v->part[1], v->part[2], row->name,
	    floor, row->before, row->after);
	return (KC_KFEATURE_BROKEN);
}

void
kc_require_kfeature(enum kc_kfact id, const char *what, long r, int e)
{
	char why[1024];

	switch (kc_kfeature_judge(id, kc_kernel_version(), what, r, e, why, sizeof(why))) {
	case KC_KFEATURE_PRESENT:
		return;
	case KC_KFEATURE_ABSENT:
		atf_tc_skip("%s", why);
		break;
	case KC_KFEATURE_BROKEN:
		atf_tc_fail("%s", why);
		break;
	}
}

size_t
kc_kf_clone_args_size_at(const struct kc_version *v)
{
	if (kc_kfact_at(KC_KF_CLONE_INTO_CGROUP, v))
		return (CLONE_ARGS_SIZE_VER2);
	if (kc_kfact_at(KC_KF_CLONE3_SET_TID, v))
		return (CLONE_ARGS_SIZE_VER1);
	if (kc_kfact_at(KC_KF_CLONE3, v))
		return (CLONE_ARGS_SIZE_VER0);
	return (0);
}

size_t
kc_kf_clone_args_size(void)
{
	kc_kfact_note(KC_KF_CLONE_INTO_CGROUP);
	kc_kfact_note(KC_KF_CLONE3_SET_TID);
	return (kc_kf_clone_args_size_at(kc_kernel_version()));
}

uint64_t
kc_kf_clone3_flags_at(const struct kc_version *v)
{
	uint64_t m = 0;

	if (!kc_kfact_at(KC_KF_CLONE3, v))
		return (0);
	m = 0xffffffffULL;	/* CLONE_LEGACY_FLAGS (kernel/fork.c) */
	if (kc_kfact_at(KC_KF_CLONE_CLEAR_SIGHAND, v))
		m |= CLONE_CLEAR_SIGHAND;
	if (kc_kfact_at(KC_KF_CLONE_INTO_CGROUP, v))
		m |= CLONE_INTO_CGROUP;
	if (kc_kfact_at(KC_KF_CLONE_AUTOREAP, v))
		m |= CLONE_AUTOREAP;
	if (kc_kfact_at(KC_KF_CLONE_NNP, v))
		m |= CLONE_NNP;
	if (kc_kfact_at(KC_KF_CLONE_PIDFD_AUTOKILL, v))
		m |= CLONE_PIDFD_AUTOKILL;
	if (kc_kfact_at(KC_KF_CLONE_EMPTY_MNTNS, v))
		m |= CLONE_EMPTY_MNTNS;
	return (m);
}

uint64_t
kc_kf_clone3_flags(void)
{
	static const enum kc_kfact rows[] = { KC_KF_CLONE_CLEAR_SIGHAND, KC_KF_CLONE_INTO_CGROUP,
	    KC_KF_CLONE_AUTOREAP, KC_KF_CLONE_NNP, KC_KF_CLONE_PIDFD_AUTOKILL,
	    KC_KF_CLONE_EMPTY_MNTNS };
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		kc_kfact_note(rows[i]);
	return (kc_kf_clone3_flags_at(kc_kernel_version()));
}
