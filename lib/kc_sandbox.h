/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Sandbox profiles: seccomp filters (built with libseccomp) that make chosen
 * syscalls fail the way container runtimes, old kernels or broken sandboxes
 * do.  Used by matrix/kc-sandbox and by the fault-injection selftests.
 * Libc-like: -1 and errno; no ATF calls.
 */
#ifndef LIB_KC_SANDBOX_H
#define LIB_KC_SANDBOX_H

#include <stddef.h>

/* One rule: `syscall` (by name) returns -1 with errno `err` (err 0: returns 0
 * without running).  With has_arg0, only when arg0 == arg0 (e.g. waitid
 * idtype P_PIDFD). */
struct kc_sandbox_rule {
	const char	*syscall;
	int		 err;
	int		 has_arg0;
	unsigned long	 arg0;
};

struct kc_sandbox_profile {
	const char			*name;
	const char			*what;	/* one line for --list and the README */
	const struct kc_sandbox_rule	*rules;
	size_t				 nrules;
};

/* The profile called `name`, or NULL. */
const struct kc_sandbox_profile *kc_sandbox_profile(const char *name);

/* All profiles (for --list). */
const struct kc_sandbox_profile *kc_sandbox_profiles(size_t *n);

/* Install rules (everything else allowed) in this process, setting
 * no_new_privs first.  Irreversible; inherited across fork and execve. */
int kc_sandbox_apply_rules(const struct kc_sandbox_rule *rules, size_t n);

/* Install a named profile; -1/EINVAL for an unknown name. */
int kc_sandbox_apply(const char *name);

#endif /* LIB_KC_SANDBOX_H */
