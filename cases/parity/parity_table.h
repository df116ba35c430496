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
#ifndef CASES_PARITY_PARITY_TABLE_H
#define CASES_PARITY_PARITY_TABLE_H

#include <stdbool.h>

#include "kc_atfrun.h"

enum parity_what {
	PARITY_VERDICT,	/* the Valgrind side's verdict (or skip reason) differs */
	PARITY_VGERROR,	/* Valgrind reports an error while the case runs */
};

struct parity_row {
	const char		*cases;		/* fnmatch(3) globs over "<dir>/<program>:<case>",
						 * space-separated; "!glob" excludes the cases
						 * it matches */
	enum parity_what	 what;
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
const struct parity_row *parity_table(unsigned *n);

/* Does row r apply under Valgrind `version`?  A row with a known-issues id
 * applies where that issue does; a deliberate-report row always applies. */
bool parity_row_applies(const struct parity_row *r, const char *version);

/* Does r cover case id "<dir>/<program>:<case>": a glob of r matches it and
 * no "!glob" does? */
bool parity_row_covers(const struct parity_row *r, const char *id);

/* Does the i-th "!glob" of r match id?  False when r has no such glob;
 * *more tells whether it has (the selftest checks each excludes a case). */
bool parity_row_excludes(const struct parity_row *r, unsigned i, const char *id,
    bool *more);

/*
 * The applicable row that explains a verdict difference of case `id`
 * (native verdict `native`; Valgrind side `vg` with `vg_reason`), or NULL:
 * the difference is unexplained.
 */
const struct parity_row *parity_explain_verdict(const char *id,
    enum kc_verdict native, enum kc_verdict vg, const char *vg_reason,
    const char *version);

/*
 * The applicable row that declares a Valgrind error of `kind` whose <what>
 * is `what`, reported while case `id` (native verdict `native`) ran, or NULL.
 */
const struct parity_row *parity_explain_error(const char *id,
    enum kc_verdict native, const char *kind, const char *what,
    const char *version);

#endif /* CASES_PARITY_PARITY_TABLE_H */
