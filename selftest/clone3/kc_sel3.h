/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared by the selftest/clone3 programs: the case lists of registered programs. */
#ifndef SELFTEST_CLONE3_KC_SEL3_H
#define SELFTEST_CLONE3_KC_SEL3_H

#include <stddef.h>

#include <atf-c.h>

#define SEL3_MAX	512

/* One case of one built ATF program. */
struct sel3_case {
	char	prog[1400];	/* path of the program */
	char	dir[32];	/* "clone3" or "pidfd" */
	char	name[512];	/* case name */
};

/*
 * Append the cases of every program the build's registry (kc-programs.txt)
 * lists under cases/<dir> (each enumerated at run time: `prog -l`).  Returns
 * the new count.  ATF.
 */
size_t sel3_list(const atf_tc_t *tc, const char *dir, struct sel3_case *c, size_t n);

#endif /* SELFTEST_CLONE3_KC_SEL3_H */
