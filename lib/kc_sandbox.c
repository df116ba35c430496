/* SPDX-License-Identifier: BSD-2-Clause */
/* Sandbox profiles as libseccomp filters (see kc_sandbox.h). */
#include <sys/prctl.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <seccomp.h>

#include "kc_sandbox.h"
#include "kc_sys.h"

/* Docker/containerd/moby#42681: clone3 answers ENOSYS so glibc falls back. */
static const struct kc_sandbox_rule kc_clone3_enosys[] = {
	{ .syscall = "clone3", .err = ENOSYS },
};

/* The broken sandbox of moby#42680 / gVisor#14688: EPERM, no fallback. */
static const struct kc_sandbox_rule kc_clone3_eperm[] = {
	{ .syscall = "clone3", .err = EPERM },
};

/* A kernel without the pidfd API (< 5.3): every pidfd entry point ENOSYS. */
static const struct kc_sandbox_rule kc_pidfd_enosys[] = {
	{ .syscall = "pidfd_open", .err = ENOSYS },
	{ .syscall = "pidfd_send_signal", .err = ENOSYS },
	{ .syscall = "pidfd_getfd", .err = ENOSYS },
	{ .syscall = "waitid", .err = ENOSYS, .ncmp = 1,
	  .cmp = { { .arg = 0, .op = SCMP_CMP_EQ, .datum_a = P_PIDFD } } },
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
		if (rules[i].ncmp > KC_SANDBOX_MAXCMP) {
			r = -EINVAL;
			break;
		}
		r = seccomp_rule_add_array(ctx, SCMP_ACT_ERRNO(rules[i].err), nr,
		    rules[i].ncmp, rules[i].ncmp > 0 ? rules[i].cmp : NULL);
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

/* An errno by name ("EINVAL") or number; -1 if neither. */
static int
kc_parse_errno(const char *s)
{
	char *end;
	long v;
	int e;

	v = strtol(s, &end, 0);
	if (*s != '\0' && *end == '\0')
		return (v >= 0 && v < 4096 ? (int)v : -1);
	for (e = 1; e < 4096; e++) {
		const char *n = strerrorname_np(e);

		if (n != NULL && strcmp(n, s) == 0)
			return (e);
	}
	return (-1);
}

/* A C integer, a leading '-' giving the 64-bit two's complement. */
static int
kc_parse_datum(const char *s, scmp_datum_t *v)
{
	char *end;

	errno = 0;
	if (*s == '-') {
		long long n = strtoll(s, &end, 0);

		*v = (scmp_datum_t)n;
	} else {
		*v = (scmp_datum_t)strtoull(s, &end, 0);
	}
	return (*s != '\0' && *end == '\0' && errno == 0 ? 0 : -1);
}

/* One condition "argN<op>V" or "argN&M==V". */
static int
kc_parse_cond(char *c, struct scmp_arg_cmp *cmp)
{
	static const struct { const char *op; enum scmp_compare cmp; } ops[] = {
		{ "==", SCMP_CMP_EQ }, { "!=", SCMP_CMP_NE }, { "<=", SCMP_CMP_LE },
		{ ">=", SCMP_CMP_GE }, { "<", SCMP_CMP_LT }, { ">", SCMP_CMP_GT },
	};
	size_t i;
	char *p;

	if (strncmp(c, "arg", 3) != 0 || c[3] < '0' || c[3] > '5')
		return (-1);
	memset(cmp, 0, sizeof(*cmp));
	cmp->arg = (unsigned)(c[3] - '0');
	p = c + 4;
	if (*p == '&') {
		char *eq = strstr(p, "==");

		if (eq == NULL)
			return (-1);
		*eq = '\0';
		cmp->op = SCMP_CMP_MASKED_EQ;
		return (kc_parse_datum(p + 1, &cmp->datum_a) == 0 &&
		    kc_parse_datum(eq + 2, &cmp->datum_b) == 0 ? 0 : -1);
	}
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		size_t n = strlen(ops[i].op);

		if (strncmp(p, ops[i].op, n) == 0) {
			cmp->op = ops[i].cmp;
			return (kc_parse_datum(p + n, &cmp->datum_a));
		}
	}
	return (-1);
}

int
kc_sandbox_parse_rule(char *text, struct kc_sandbox_rule *r, char *why, size_t whylen)
{
	char *first, *last, *c, *save = NULL;

	memset(r, 0, sizeof(*r));
	first = strchr(text, ':');
	last = strrchr(text, ':');
	if (first == NULL || strncmp(last + 1, "errno=", 6) != 0) {
		snprintf(why, whylen, "'%s': not SYSCALL[:COND,...]:errno=ERRNO", text);
		goto bad;
	}
	*first = '\0';
	*last = '\0';
	r->syscall = text;
	if (seccomp_syscall_resolve_name(text) == __NR_SCMP_ERROR) {
		snprintf(why, whylen, "unknown system call '%s'", text);
		goto bad;
	}
	r->err = kc_parse_errno(last + 7);
	if (r->err < 0) {
		snprintf(why, whylen, "%s: unknown errno '%s'", text, last + 7);
		goto bad;
	}
	if (first == last)
		return (0);
	for (c = strtok_r(first + 1, ",", &save); c != NULL; c = strtok_r(NULL, ",", &save)) {
		if (r->ncmp == KC_SANDBOX_MAXCMP) {
			snprintf(why, whylen, "%s: more than %d conditions", text,
			    KC_SANDBOX_MAXCMP);
			goto bad;
		}
		if (kc_parse_cond(c, &r->cmp[r->ncmp]) == -1) {
			snprintf(why, whylen, "%s: condition '%s' is not argN<op>V or "
			    "argN&M==V (op: == != < <= > >=)", text, c);
			goto bad;
		}
		r->ncmp++;
	}
	return (0);
bad:
	errno = EINVAL;
	return (-1);
}
