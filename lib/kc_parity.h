/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The Valgrind parity table: every way a kernel case may legitimately behave
 * differently under Valgrind than natively, declared once.  A row names the
 * cases (a glob), what differs (the Valgrind side's verdict and reason, or a
 * Valgrind error report of a given kind), and why: a known-issues row
 * (kc_known.h, scoped by Valgrind version) for a Valgrind bug, or nothing for
 * a report the case provokes on purpose (a deliberately bad pointer).
 * cases/parity compares verdicts and explains each difference only through
 * this table, never from what happened to be observed.  No ATF calls.
 */
#ifndef LIB_KC_PARITY_H
#define LIB_KC_PARITY_H

#include <stdbool.h>

#include "kc_atfrun.h"

enum kc_parity_what {
	KC_PARITY_VERDICT,	/* the Valgrind side's verdict (or skip reason) differs */
	KC_PARITY_VGERROR,	/* Valgrind reports an error while the case runs */
};

struct kc_parity_row {
	const char		*cases;		/* fnmatch(3) glob over "<dir>/<program>:<case>" */
	enum kc_parity_what	 what;
	enum kc_verdict		 native;	/* the native verdict this row is about */
	enum kc_verdict		 vg;		/* VERDICT: the Valgrind side's verdict */
	const char		*vgkind;	/* VGERROR: the error's XML <kind> */
	const char		*text;		/* VERDICT: substring of the Valgrind side's
						 * reason; VGERROR: substring of <what> */
	const char		*known;		/* known-issues id: a Valgrind bug, scoped by
						 * version; NULL: a deliberate, expected report
						 * (VGERROR rows only) */
};

/* The table, for the parity program and the selftests. */
const struct kc_parity_row *kc_parity_table(unsigned *n);

/* Does row r apply under Valgrind `version`?  A row with a known-issues id
 * applies where that issue does; a deliberate-report row always applies. */
bool kc_parity_row_applies(const struct kc_parity_row *r, const char *version);

/* Does r's glob match case id "<dir>/<program>:<case>"? */
bool kc_parity_row_covers(const struct kc_parity_row *r, const char *id);

/* Can r's glob match any case of program "<dir>/<program>"? */
bool kc_parity_row_covers_program(const struct kc_parity_row *r, const char *prog);

/*
 * The applicable row that explains a verdict difference of case `id`
 * (native verdict `native`; Valgrind side `vg` with `vg_reason`), or NULL:
 * the difference is unexplained.
 */
const struct kc_parity_row *kc_parity_explain_verdict(const char *id,
    enum kc_verdict native, enum kc_verdict vg, const char *vg_reason,
    const char *version);

/*
 * The applicable row that declares a Valgrind error of `kind` whose <what>
 * is `what`, reported while case `id` (native verdict `native`) ran, or NULL.
 */
const struct kc_parity_row *kc_parity_explain_error(const char *id,
    enum kc_verdict native, const char *kind, const char *what,
    const char *version);

#endif /* LIB_KC_PARITY_H */
