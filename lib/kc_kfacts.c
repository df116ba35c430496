/* SPDX-License-Identifier: BSD-2-Clause */
/* The kernel-facts table (see kc_kfacts.h); sources in FACTS-kernel.md §2. */
#include <stdio.h>

#include "kc_kfacts.h"

static const struct kc_kfact_row kc_kfacts[KC_KF_COUNT] = {
	[KC_KF_CLONE_PIDFD_THREAD] = {
		KC_KF_CLONE_PIDFD_THREAD, "clone_pidfd_thread", "6.9", { NULL },
		"EINVAL", "a PIDFD_THREAD pidfd",
		"vfs for-6.9 pidfd: 83b290c9e3b5 (kernel/fork.c copy_process)" },
	[KC_KF_PIDFD_THREAD_FLAG] = {
		KC_KF_PIDFD_THREAD_FLAG, "pidfd_open_pidfd_thread", "6.9", { NULL },
		"EINVAL", "a pidfd for the thread",
		"vfs for-6.9 pidfd: 64bef697d33b (include/uapi/linux/pidfd.h PIDFD_THREAD)" },
	[KC_KF_PIDFD_SIGNAL_FLAGS] = {
		KC_KF_PIDFD_SIGNAL_FLAGS, "pidfd_send_signal_scope_flags", "6.9", { NULL },
		"EINVAL for any non-zero flags", "PIDFD_SIGNAL_THREAD/THREAD_GROUP/PROCESS_GROUP",
		"vfs for-6.9 pidfd (kernel/signal.c pidfd_send_signal)" },
	[KC_KF_POLLHUP_AFTER_REAP] = {
		KC_KF_POLLHUP_AFTER_REAP, "pidfd_poll_pollhup_after_reap", "6.9", { NULL },
		"POLLIN", "POLLIN|POLLHUP",
		"43f0df54c96f (pidfd: add pidfs, poll reports POLLHUP once reaped)" },
	[KC_KF_GETFD_ESRCH_EXITING] = {
		KC_KF_GETFD_ESRCH_EXITING, "pidfd_getfd_esrch_exiting", "6.9", { NULL },
		"the fd (or EBADF)", "ESRCH",
		"0c9bd6bc4bb2 (pidfd_getfd: ESRCH for an exiting task)" },
	[KC_KF_PIDFD_OPEN_ENOENT] = {
		KC_KF_PIDFD_OPEN_ENOENT, "pidfd_open_enoent_esrch", "6.16", { NULL },
		"EINVAL", "ENOENT (non-leader tid) / ESRCH (reaped)",
		"pidfd: improve uapi when task isn't found (vfs-6.16-rc1.coredump; systemd PR 36982)" },
	[KC_KF_PIDFD_INFO_ENOTTY_SIZE] = {
		KC_KF_PIDFD_INFO_ENOTTY_SIZE, "pidfd_get_info_enotty_size", "6.18", { NULL },
		"EINVAL", "ENOTTY",
		"LTP ioctl_pidfd05 (6.18-rc1)" },
	[KC_KF_PIDFD_INFO_EREMOTE] = {
		KC_KF_PIDFD_INFO_EREMOTE, "pidfd_get_info_eremote", "7.0", { "6.18.14", "6.19.10", NULL },
		"ESRCH", "EREMOTE",
		"ab89060fbc92e; LTP ioctl_pidfd06" },
	[KC_KF_PIDFD_INFO_EXIT] = {
		KC_KF_PIDFD_INFO_EXIT, "pidfd_get_info_exit", "6.15", { NULL },
		"ESRCH once reaped", "PIDFD_INFO_EXIT with the wait status once reaped",
		"vfs-6.15.pidfs (include/uapi/linux/pidfd.h PIDFD_INFO_EXIT); LTP ioctl_pidfd02-04" },
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

bool
kc_kfact(enum kc_kfact id)
{
	return (kc_kfact_at(id, kc_kernel_version()));
}

const char *
kc_kfact_describe(enum kc_kfact id, char *buf, unsigned long len)
{
	const struct kc_kfact_row *r = kc_kfact_row(id);
	const struct kc_version *k = kc_kernel_version();
	bool now = kc_kfact(id);

	snprintf(buf, len, "%s: kernel %d.%d.%d %s %s, so %s (%s)", r->name,
	    k->part[0], k->part[1], k->part[2], now ? ">=" : "<", r->mainline,
	    now ? r->after : r->before, r->source);
	return (buf);
}
