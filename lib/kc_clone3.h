/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * clone3 helpers for the cases that expect a failure or probe a flag.
 * Raw helpers are libc-like (-1 and errno) and make no ATF calls; the
 * KC_CLONE3_*_ERRNO macros are the ATF side.
 */
#ifndef LIB_KC_CLONE3_H
#define LIB_KC_CLONE3_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <atf-c.h>

#include "kc_macros.h"
#include "kc_sys.h"

/*
 * clone3(args, size) where no child is due.  If the kernel creates one
 * anyway, the child calls exit(2) at once with KC_CHILD_FAILED (exit, not
 * exit_group: a wrong CLONE_THREAD success ends only that thread), the
 * parent reaps it (any exit signal) and the call returns its pid, so the
 * case fails with "created a child".  No ATF calls.
 */
long kc_clone3_nochild(struct kc_clone_args *args, size_t size);

/* Require / check that clone3(args, size) fails with errno e and creates
 * no child; `what` names the scenario in the message. */
#define KC_CLONE3_REQUIRE_ERRNO(e, args, size, what) do {		\
	long kc_c3r_ = kc_clone3_nochild((args), (size));		\
	int kc_c3e_ = errno;						\
	ATF_REQUIRE_MSG(kc_c3r_ == -1 && kc_c3e_ == (e),		\
	    "clone3(%s, size %zu): expected %s, got %s%s", (what),	\
	    (size_t)(size), kc_errname(e),				\
	    kc_c3r_ == -1 ? kc_errname(kc_c3e_) : "a child",		\
	    kc_c3r_ == -1 ? "" : " (the kernel accepted it)");		\
} while (0)

#define KC_CLONE3_CHECK_ERRNO(e, args, size, what) do {			\
	long kc_c3r_ = kc_clone3_nochild((args), (size));		\
	int kc_c3e_ = errno;						\
	ATF_CHECK_MSG(kc_c3r_ == -1 && kc_c3e_ == (e),			\
	    "clone3(%s, size %zu): expected %s, got %s%s", (what),	\
	    (size_t)(size), kc_errname(e),				\
	    kc_c3r_ == -1 ? kc_errname(kc_c3e_) : "a child",		\
	    kc_c3r_ == -1 ? "" : " (the kernel accepted it)");		\
} while (0)

/*
 * Check that clone3(args, size) fails with errno `want` and creates no
 * child, printing what was expected and seen ("clone3(what, size 88):
 * expected EINVAL, seen -1 E2BIG") and the kernel fact that chose the
 * expectation (_KF, lib/kc_kfacts.h) or a reason (_WHY).
 */
void kc_clone3_check_err(const char *file, int line, int want, struct kc_clone_args *args,
    size_t size, const char *what, int kf, const char *why);
#define KC_CLONE3_CHECK_ERR_KF(kf, want, args, size, what)			\
	kc_clone3_check_err(__FILE__, __LINE__, (want), (args), (size), (what), (int)(kf), NULL)
#define KC_CLONE3_CHECK_ERR_WHY(why, want, args, size, what)		\
	kc_clone3_check_err(__FILE__, __LINE__, (want), (args), (size), (what), -1, (why))

/* Exit code of the children kc_clone3_require_child creates. */
#define KC_CLONE3_CHILD_EXIT	7

/*
 * Policy helper (ATF): clone3(args, size) must create a fork-like child
 * (args->exit_signal SIGCHLD, no CLONE_VM); the child _exits at once with
 * KC_CLONE3_CHILD_EXIT and the parent reaps it and requires that status.
 * Returns the child's pid (already reaped).
 */
pid_t kc_clone3_require_child(struct kc_clone_args *args, size_t size, const char *what);

/*
 * Does this kernel know the clone3 flags `flags` (e.g. the 7.1 flags)?
 * Probes clone3 with flags|CLONE_PIDFD, the given exit signal and a pidfd
 * pointer into a PROT_NONE page: a kernel that knows every flag gets past
 * validation and fails the pidfd store with EFAULT, creating no child; one
 * that does not rejects the unknown bit with EINVAL.  `flags` must carry
 * the companions the flag needs to be valid.  Returns 1 (known), 0
 * (EINVAL: unknown), or -1 with errno for any other outcome.  No ATF calls.
 */
int kc_clone3_flags_known(uint64_t flags, uint64_t exit_signal);

/* A page mapped PROT_NONE, for EFAULT pointers (never unmapped). */
void *kc_fault_page(void);

#endif /* LIB_KC_CLONE3_H */
