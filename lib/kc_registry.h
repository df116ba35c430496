/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The program registry the build writes ($(B)/kc-programs.txt, from the
 * module.mk files; see mk/registry.mk): one line per ATF program, its path
 * relative to the build root, then its kyua metadata as key=value words.
 * Selftests and runners take their program lists from here, never from a
 * copy.  Libc-like (-1 and errno); no ATF calls.
 */
#ifndef LIB_KC_REGISTRY_H
#define LIB_KC_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>

struct kc_program {
	char	path[256];	/* "cases/<dir>/<prog>" */
	char	meta[256];	/* "timeout=60 is_exclusive=true" */
	int	timeout;	/* seconds (every program has one) */
	bool	is_exclusive;
};

/*
 * The registered programs whose path starts with `prefix` ("cases/<dir>/";
 * "" for all), in registry order, into p (at most max).  build_root: the
 * directory holding kc-programs.txt.  Returns how many, or -1 with errno
 * (E2BIG: more than max).
 */
int kc_registry_load(const char *build_root, const char *prefix, struct kc_program *p,
    size_t max);

/*
 * The case names of an ATF program (`prog -l`), at most max.  Returns how
 * many, or -1 with errno.
 */
int kc_program_cases(const char *prog, char (*names)[128], size_t max);

#endif /* LIB_KC_REGISTRY_H */
