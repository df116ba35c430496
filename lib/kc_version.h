/* SPDX-License-Identifier: BSD-2-Clause */
/* Dotted version strings: parsing and ordering ("6.18.44-fc", "3.19.0"). */
#ifndef LIB_KC_VERSION_H
#define LIB_KC_VERSION_H

#define KC_VERSION_PARTS	3

struct kc_version {
	int	part[KC_VERSION_PARTS];	/* missing parts are 0 */
	int	nparts;			/* how many were given */
};

/* Parse the leading "A[.B[.C]]" of s; trailing text ("-fc-v769") is ignored.
 * Returns 0, or -1 if s does not start with a number. */
int kc_version_parse(const char *s, struct kc_version *v);

/* <0, 0, >0 as a is older than, equal to, newer than b (missing parts = 0). */
int kc_version_cmp(const struct kc_version *a, const struct kc_version *b);

/* Same, on strings; an unparsable string sorts before everything. */
int kc_version_strcmp(const char *a, const char *b);

/* Policy (ATF): parse a kernel release ("6.18.44-fc") into v; a release
 * without at least A.B fails the case. */
void kc_kernel_release_parse(const char *release, struct kc_version *v);

/*
 * Where a distribution names a kernel by its ABI and gives the upstream
 * version only in the build string (uname -v; results.json's
 * environment.kernel_build), the real patch level: Debian's "6.1.0-56-..."
 * with "... Debian 6.1.192-2 (...)" is 6.1.192.  Only the patch level of the
 * same A.B is taken, and only upwards.  Returns 1 if v changed.  Stable
 * backport rows of the kernel-facts table are judged on it.
 */
int kc_kernel_build_refine(struct kc_version *v, const char *build);

/* The running kernel's version (uname -r, refined by uname -v as above), parsed once.  Policy (ATF): an
 * unparsable release fails the case (kc_kernel_release_parse). */
const struct kc_version *kc_kernel_version(void);

#endif /* LIB_KC_VERSION_H */
