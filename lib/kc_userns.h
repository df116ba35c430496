/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Run a function in a forked child that holds capabilities only inside a
 * user namespace of its own (so unprivileged users can create pid and time
 * namespaces, and root can shed its capabilities over the parent's
 * namespaces).  Policy helper: it calls ATF in the parent.
 */
#ifndef LIB_KC_USERNS_H
#define LIB_KC_USERNS_H

/* How the child is set up before fn runs. */
enum kc_userns_mode {
	KC_USERNS_IF_UNPRIVILEGED,	/* unshare(CLONE_NEWUSER) unless euid 0 */
	KC_USERNS_ALWAYS,		/* unshare(CLONE_NEWUSER) */
	KC_USERNS_AS_NOBODY,		/* no namespace: drop to uid/gid 65534 (needs root) */
};

/*
 * Fork; in the child set up `mode`, then _exit(fn(arg)).  fn runs in a
 * single-threaded fork child and reports with KC_CHILD_REQUIRE or its
 * return value.  If unshare(CLONE_NEWUSER) fails, the case is skipped with
 * the cause ("unshare(CLONE_NEWUSER): EPERM": user namespaces are off
 * here); if root cannot drop to nobody, the case fails (a broken setup, not
 * an absence).  Returns fn's exit status (a death by signal or
 * KC_CHILD_FAILED fails the case).
 */
int kc_userns_run(enum kc_userns_mode mode, int (*fn)(void *), void *arg);

#endif /* LIB_KC_USERNS_H */
