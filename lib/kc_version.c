/* SPDX-License-Identifier: BSD-2-Clause */
/* Dotted version strings: parsing and ordering. */
#include <sys/utsname.h>

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <atf-c.h>

#include "kc_version.h"

int
kc_version_parse(const char *s, struct kc_version *v)
{
	memset(v, 0, sizeof(*v));
	if (s == NULL || !isdigit((unsigned char)*s))
		return (-1);
	while (v->nparts < KC_VERSION_PARTS && isdigit((unsigned char)*s)) {
		char *end;

		v->part[v->nparts++] = (int)strtol(s, &end, 10);
		s = end;
		if (*s != '.' || !isdigit((unsigned char)s[1]))
			break;
		s++;
	}
	return (0);
}

int
kc_version_cmp(const struct kc_version *a, const struct kc_version *b)
{
	int i;

	for (i = 0; i < KC_VERSION_PARTS; i++) {
		if (a->part[i] != b->part[i])
			return (a->part[i] < b->part[i] ? -1 : 1);
	}
	return (0);
}

int
kc_version_strcmp(const char *a, const char *b)
{
	struct kc_version va, vb;
	int ea, eb;

	ea = kc_version_parse(a, &va);
	eb = kc_version_parse(b, &vb);
	if (ea != 0 || eb != 0)
		return (ea != 0 ? (eb != 0 ? 0 : -1) : 1);
	return (kc_version_cmp(&va, &vb));
}

void
kc_kernel_release_parse(const char *release, struct kc_version *v)
{
	/* Every kernel fact would take its "before" branch on 0.0.0. */
	if (kc_version_parse(release, v) != 0 || v->nparts < 2)
		atf_tc_fail("uname -r \"%s\": not a kernel version (A.B[.C])", release);
}

int
kc_kernel_build_refine(struct kc_version *v, const char *build)
{
	const char *p;
	struct kc_version b;

	/*
	 * Debian names a stable series by its ABI ("6.1.0-56-cloud-amd64") and
	 * states the upstream version in the build string:
	 * "#1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)".
	 */
	if (build == NULL || (p = strstr(build, "Debian ")) == NULL)
		return (0);
	if (kc_version_parse(p + strlen("Debian "), &b) != 0 || b.nparts < 3)
		return (0);
	if (b.part[0] != v->part[0] || b.part[1] != v->part[1] || b.part[2] <= v->part[2])
		return (0);
	v->part[2] = b.part[2];
	v->nparts = 3;
	return (1);
}

const struct kc_version *
kc_kernel_version(void)
{
	static struct kc_version v;
	static int done;
	struct utsname u;

	if (!done) {
		if (uname(&u) != 0)
			atf_tc_fail("uname: %s", strerror(errno));
		kc_kernel_release_parse(u.release, &v);
		(void)kc_kernel_build_refine(&v, u.version);
		done = 1;
	}
	return (&v);
}
