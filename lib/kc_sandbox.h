/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Sandbox profiles: seccomp filters (built with libseccomp) that make chosen
 * syscalls fail the way container runtimes, old kernels or broken sandboxes
 * do.  Used by matrix/kc-sandbox, kc_atf_run and the fault table
 * (selftest/faults).  Libc-like: -1 and errno; no ATF calls.
 */
#ifndef LIB_KC_SANDBOX_H
#define LIB_KC_SANDBOX_H

#include <stddef.h>

#include <seccomp.h>

#define KC_SANDBOX_MAXCMP	6	/* one comparison per syscall argument */

/*
 * One rule: `syscall` (by name) returns -1 with errno `err` (err 0: returns
 * 0 without running) when all ncmp comparisons hold (ANDed; none: always).
 * A comparison is libseccomp's: argument index, SCMP_CMP_EQ/NE/LT/LE/GT/GE
 * against datum_a, or SCMP_CMP_MASKED_EQ: (arg & datum_a) == datum_b.
 * Values are compared as unsigned 64-bit numbers.
 */
struct kc_sandbox_rule {
	const char		*syscall;
	int			 err;
	unsigned		 ncmp;
	struct scmp_arg_cmp	 cmp[KC_SANDBOX_MAXCMP];
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

/*
 * Parse the text form of a rule (kc-sandbox --rule, the fault table):
 *
 *	SYSCALL[:COND[,COND...]]:errno=ERRNO
 *
 * COND is argN==V, argN!=V, argN<V, argN<=V, argN>V, argN>=V or
 * argN&M==V (masked equality), N in 0..5, V and M C integers (0x.., a
 * leading '-' for a negative int as the kernel sees it in a 64-bit
 * register); ERRNO a name (EINVAL) or a number, 0 for "return 0 without
 * running".  Example: waitid:arg0==3,arg3&0x80000000==0x80000000:errno=0.
 * text is modified in place and r->syscall points into it.  -1/EINVAL on
 * a syntax error, with what is wrong in why.
 */
int kc_sandbox_parse_rule(char *text, struct kc_sandbox_rule *r, char *why, size_t whylen);

#endif /* LIB_KC_SANDBOX_H */
