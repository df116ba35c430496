/* SPDX-License-Identifier: BSD-2-Clause */
/* clone3(2): flag and exit_signal validation (every rejection is EINVAL, no child). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_case.h"
#include "kc_child.h"
#include "kc_clone3.h"
#include "kc_kfacts.h"
#include "kc_macros.h"
#include "kc_probe.h"
#include "kc_sys.h"

static void
args_init(struct kc_clone_args *a, uint64_t flags, uint64_t exit_signal)
{
	memset(a, 0, sizeof(*a));
	a->flags = flags;
	a->exit_signal = exit_signal;
}

/* Flag bits this kernel does not know are rejected, not ignored: a kernel
 * that ignored them would make new flags undetectable.  The known flags of
 * the running kernel come from the kernel-facts table (kc_kf_clone3_flags:
 * the 32 legacy bits, CLEAR_SIGHAND from 5.5, INTO_CGROUP from 5.7, the 7.1
 * flags AUTOREAP, NNP, PIDFD_AUTOKILL and EMPTY_MNTNS from 7.1), so on 6.18
 * bits 34-63 are unknown, on 7.1 bits 38-63. */
KC_CASE(clone3__flags_unknown_bits_einval,
    "clone3(2) rejects each flag bit the kernel-facts table says this kernel does not know "
    "with EINVAL")
{
	const uint64_t known = kc_kf_clone3_flags();
	struct kc_clone_args a;
	char what[48], why[1200], rows[1024];
	int bit, n = 0;

	kc_require_clone3();
	snprintf(why, sizeof(why), "known clone3 flags on this kernel: %#llx (kc_kf_clone3_flags; "
	    "%s)", (unsigned long long)known, kc_kfacts_used(rows, sizeof(rows)));
	for (bit = 0; bit < 64; bit++) {
		if (known & (1ULL << bit))
			continue;
		args_init(&a, 1ULL << bit, SIGCHLD);
		snprintf(what, sizeof(what), "flags 1<<%d", bit);
		KC_CLONE3_CHECK_ERR_WHY(why, EINVAL, &a, sizeof(a), what);
		n++;
	}
	/* The table leaves at least the 26 bits no kernel has given a meaning
	 * (38-63: 7.1's CLONE_EMPTY_MNTNS is bit 37). */
	KC_CHECK_GE(n, 26);
}

/* clone3 takes the exit signal in its own field; the legacy habit of
 * or-ing SIGCHLD into the flags is EINVAL, not a second way to say it. */
KC_CASE(clone3__flags_sigchld_einval,
    "clone3(2) rejects SIGCHLD placed in flags (instead of exit_signal) with EINVAL")
{
	struct kc_clone_args a;

	kc_require_clone3();
	args_init(&a, SIGCHLD, 0);
	KC_CLONE3_CHECK_ERRNO(EINVAL, &a, sizeof(a), "flags SIGCHLD, exit_signal 0");
	args_init(&a, SIGCHLD, SIGCHLD);
	KC_CLONE3_CHECK_ERRNO(EINVAL, &a, sizeof(a), "flags SIGCHLD, exit_signal SIGCHLD");
}

/* Inside CSIGNAL (0xff) only 0x80 (CLONE_NEWTIME) is a flag for clone3;
 * each other bit is EINVAL.  CLONE_DETACHED is EINVAL too. */
KC_CASE(clone3__flags_csignal_bits_einval,
    "clone3(2) rejects each CSIGNAL bit other than CLONE_NEWTIME, and "
    "CLONE_DETACHED, with EINVAL")
{
	struct kc_clone_args a;
	char what[48];
	int bit;

	kc_require_clone3();
	for (bit = 0; bit < 8; bit++) {
		if ((1ULL << bit) == CLONE_NEWTIME)
			continue;
		args_init(&a, 1ULL << bit, SIGCHLD);
		snprintf(what, sizeof(what), "flags %#llx", 1ULL << bit);
		KC_CLONE3_CHECK_ERRNO(EINVAL, &a, sizeof(a), what);
	}
	args_init(&a, CLONE_DETACHED, SIGCHLD);
	KC_CLONE3_CHECK_ERRNO(EINVAL, &a, sizeof(a), "CLONE_DETACHED");
}

/* exit_signal must be a valid signal number that fits in 8 bits. */
KC_CASE(clone3__exit_signal_invalid_einval,
    "clone3(2) rejects an exit_signal above 0xff or not a valid signal with EINVAL")
{
	static const uint64_t bad[] = {
		0x100, 0x100 | SIGCHLD, 0x80000000ULL, 0xbadc0ded00000000ULL, ~0ULL,
		0xf0, _NSIG + 1,
	};
	struct kc_clone_args a;
	char what[48];
	size_t i;

	kc_require_clone3();
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		args_init(&a, 0, bad[i]);
		snprintf(what, sizeof(what), "exit_signal %#llx", (unsigned long long)bad[i]);
		KC_CLONE3_CHECK_ERRNO(EINVAL, &a, sizeof(a), what);
	}
}

/* Sharing the handler table and resetting it are contradictory. */
KC_CASE(clone3__sighand_clear_sighand_einval,
    "clone3(2) rejects CLONE_SIGHAND|CLONE_CLEAR_SIGHAND with EINVAL")
{
	struct kc_clone_args a;

	kc_require_clone3();
	args_init(&a, CLONE_VM | CLONE_SIGHAND | CLONE_CLEAR_SIGHAND, SIGCHLD);
	KC_CLONE3_CHECK_ERRNO(EINVAL, &a, sizeof(a), "VM|SIGHAND|CLEAR_SIGHAND");
}

/*
 * A thread, or a child given our parent, signals nobody at exit: a non-zero
 * exit_signal with CLONE_THREAD or CLONE_PARENT is EINVAL (clone3 only;
 * legacy clone ignores it).  If the kernel wrongly accepts the thread, its
 * child code runs on our stack: the case then fails or breaks, never passes.
 */
KC_CASE(clone3__thread_parent_exit_signal_einval,
    "clone3(2) rejects CLONE_THREAD or CLONE_PARENT with a non-zero exit_signal with EINVAL")
{
	struct kc_clone_args a;

	kc_require_clone3();
	args_init(&a, CLONE_PARENT, SIGCHLD);
	KC_CLONE3_CHECK_ERRNO(EINVAL, &a, sizeof(a), "PARENT, exit_signal SIGCHLD");
	args_init(&a, CLONE_THREAD | CLONE_SIGHAND | CLONE_VM, SIGCHLD);
	KC_CLONE3_CHECK_ERRNO(EINVAL, &a, sizeof(a), "THREAD|SIGHAND|VM, exit_signal SIGCHLD");
}

/* A thread shares the signal handlers of its group: THREAD without SIGHAND. */
KC_CASE(clone3__thread_without_sighand_einval,
    "clone3(2) rejects CLONE_THREAD without CLONE_SIGHAND with EINVAL")
{
	struct kc_clone_args a;

	kc_require_clone3();
	args_init(&a, CLONE_THREAD, 0);
	KC_CLONE3_CHECK_ERRNO(EINVAL, &a, sizeof(a), "THREAD");
	args_init(&a, CLONE_THREAD | CLONE_VM, 0);
	KC_CLONE3_CHECK_ERRNO(EINVAL, &a, sizeof(a), "THREAD|VM");
}

/* Shared handlers point into a shared address space: SIGHAND without VM. */
KC_CASE(clone3__sighand_without_vm_einval,
    "clone3(2) rejects CLONE_SIGHAND without CLONE_VM with EINVAL")
{
	struct kc_clone_args a;

	kc_require_clone3();
	args_init(&a, CLONE_SIGHAND, SIGCHLD);
	KC_CLONE3_CHECK_ERRNO(EINVAL, &a, sizeof(a), "SIGHAND");
}

/* A new mount namespace cannot share the fs struct (root, cwd) with its
 * creator: NEWNS|FS is EINVAL, checked before any privilege check, so it
 * holds for an unprivileged caller too. */
KC_CASE(clone3__newns_fs_einval,
    "clone3(2) rejects CLONE_NEWNS|CLONE_FS with EINVAL (also unprivileged)")
{
	struct kc_clone_args a;

	kc_require_clone3();
	args_init(&a, CLONE_NEWNS | CLONE_FS, SIGCHLD);
	KC_CLONE3_CHECK_ERRNO(EINVAL, &a, sizeof(a), "NEWNS|FS");
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, clone3__flags_unknown_bits_einval);
	ATF_TP_ADD_TC(tp, clone3__flags_sigchld_einval);
	ATF_TP_ADD_TC(tp, clone3__flags_csignal_bits_einval);
	ATF_TP_ADD_TC(tp, clone3__exit_signal_invalid_einval);

	ATF_TP_ADD_TC(tp, clone3__sighand_clear_sighand_einval);
	ATF_TP_ADD_TC(tp, clone3__thread_parent_exit_signal_einval);
	ATF_TP_ADD_TC(tp, clone3__thread_without_sighand_einval);
	ATF_TP_ADD_TC(tp, clone3__sighand_without_vm_einval);
	ATF_TP_ADD_TC(tp, clone3__newns_fs_einval);

	return (atf_no_error());
}
