/* SPDX-License-Identifier: BSD-2-Clause */
/* Sandbox profiles as libseccomp filters (see kc_sandbox.h). */
#include <sys/prctl.h>

#include <errno.h>
#include <string.h>

#include <seccomp.h>

#include "kc_sandbox.h"
#include "kc_sys.h"

/* Docker/containerd/moby#42681: clone3 answers ENOSYS so glibc falls back. */
static const struct kc_sandbox_rule kc_clone3_enosys[] = {
	{ "clone3", ENOSYS, 0, 0 },
};

/* The broken sandbox of moby#42680 / gVisor#14688: EPERM, no fallback. */
static const struct kc_sandbox_rule kc_clone3_eperm[] = {
	{ "clone3", EPERM, 0, 0 },
};

/* A kernel without the pidfd API (< 5.3): every pidfd entry point ENOSYS. */
static const struct kc_sandbox_rule kc_pidfd_enosys[] = {
	{ "pidfd_open", ENOSYS, 0, 0 },
	{ "pidfd_send_signal", ENOSYS, 0, 0 },
	{ "pidfd_getfd", ENOSYS, 0, 0 },
	{ "waitid", ENOSYS, 1, P_PIDFD },
};

#define KC_PROFILE(n, w, r) { n, w, r, sizeof(r) / sizeof((r)[0]) }

static const struct kc_sandbox_profile kc_profiles[] = {
	KC_PROFILE("clone3-enosys", "clone3 fails with ENOSYS (what Docker and containerd do)",
	    kc_clone3_enosys),
	KC_PROFILE("clone3-eperm", "clone3 fails with EPERM (the broken sandbox: glibc cannot fall back)",
	    kc_clone3_eperm),
	KC_PROFILE("pidfd-enosys", "pidfd_open, pidfd_send_signal, pidfd_getfd and waitid(P_PIDFD) "
	    "fail with ENOSYS (a kernel before the pidfd API)", kc_pidfd_enosys),
};

const struct kc_sandbox_profile *
kc_sandbox_profiles(size_t *n)
{
	*n = sizeof(kc_profiles) / sizeof(kc_profiles[0]);
	return (kc_profiles);
}

const struct kc_sandbox_profile *
kc_sandbox_profile(const char *name)
{
	size_t i, n;
	const struct kc_sandbox_profile *p = kc_sandbox_profiles(&n);

	for (i = 0; i < n; i++) {
		if (strcmp(p[i].name, name) == 0)
			return (&p[i]);
	}
	return (NULL);
}

int
kc_sandbox_apply_rules(const struct kc_sandbox_rule *rules, size_t n)
{
	scmp_filter_ctx ctx;
	size_t i;
	int r = 0;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		return (-1);
	ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (ctx == NULL) {
		errno = ENOMEM;
		return (-1);
	}
	for (i = 0; i < n && r == 0; i++) {
		int nr = seccomp_syscall_resolve_name(rules[i].syscall);

		if (nr == __NR_SCMP_ERROR) {
			r = -EINVAL;
			break;
		}
		if (rules[i].has_arg0)
			r = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(rules[i].err), nr, 1,
			    SCMP_A0(SCMP_CMP_EQ, rules[i].arg0));
		else
			r = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(rules[i].err), nr, 0);
	}
	if (r == 0)
		r = seccomp_load(ctx);
	seccomp_release(ctx);
	if (r < 0) {
		errno = -r;
		return (-1);
	}
	return (0);
}

int
kc_sandbox_apply(const char *name)
{
	const struct kc_sandbox_profile *p = kc_sandbox_profile(name);

	if (p == NULL) {
		errno = EINVAL;
		return (-1);
	}
	return (kc_sandbox_apply_rules(p->rules, p->nrules));
}
