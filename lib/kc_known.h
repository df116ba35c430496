/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The known-issues table: known bugs of a component under test (a Valgrind
 * version, an emulator), each scoped by component and version range, with its
 * tracker reference.  A case calls kc_known_expect_fail() just before the
 * assertion the bug breaks; the scope is the component's *version*, never the
 * observed value.  When a new version fixes the bug, the case reports
 * "expected failure did not occur": update the row's range.
 */
#ifndef LIB_KC_KNOWN_H
#define LIB_KC_KNOWN_H

#include <stdbool.h>

enum kc_component {
	KC_COMP_VALGRIND,	/* version: "3.19.0" (valgrind --version) */
	KC_COMP_QEMU_USER,	/* version: "7.2.22" (kyua config qemu_user_version) */
};

struct kc_known_row {
	const char		*id;		/* stable identifier, [a-z0-9_] */
	enum kc_component	 comp;
	const char		*from;		/* first affected version (inclusive) */
	const char		*until;		/* first fixed version (exclusive); NULL: not fixed */
	const char		*tracker;	/* bug URL, commit or report */
	const char		*what;		/* one line */
};

/* The row with this id; NULL if none (a typo fails loudly in the helpers). */
const struct kc_known_row *kc_known(const char *id);

/* Does issue `id` apply to a component of version `version`?  NULL version:
 * the component is not part of this environment, so no.  An arch-scoped row
 * also needs its arch fact (kc_known_arch_holds). */
bool kc_known_applies(const char *id, const char *version);

/* Does the arch fact row `id` needs hold on this target (true for a row
 * without one)?  The arch-scoped rows are listed in kc_known.c. */
bool kc_known_arch_holds(const char *id);

/* atf_tc_expect_fail("<tracker>: <what>; <component> <version>") when the
 * issue applies (ATF): the reason names the version it was scoped by.  Fails
 * the case if `id` is not in the table. */
void kc_known_expect_fail(const char *id, const char *version);

/* Table iteration, for selftests and reports. */
const struct kc_known_row *kc_known_table(unsigned *n);

#endif /* LIB_KC_KNOWN_H */
