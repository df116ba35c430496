/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Shared logic of the cases/vgreq ATF programs: run a subject's scenarios
 * under Valgrind in both encodings, require the two normalized reports to be
 * identical, and look up errors and printed values per scenario.
 */
#ifndef CASES_VGREQ_VG_CASE_H
#define CASES_VGREQ_VG_CASE_H

#include <atf-c.h>

#include "kc_vgfacts.h"
#include "kc_vgrun.h"

struct vg_pair {
	struct kc_vgrun_result	r[2];	/* [0] macro, [1] raw */
	int			nenc;	/* encodings run: 2, 1 without a raw sequence */
	const char		*version;
	struct kc_vgfacts	facts;
};

/*
 * Run `subject` (a program of this directory) with `scenarios` (NULL-ended)
 * once per encoding with options o (may be NULL), require Valgrind to exit
 * with `code` in both (-1: any exit status, but not a signal), and require identical normalized reports (frames of
 * `srcfiles`, see kc_vg_normalize) and identical stdout.  Where this arch
 * has no raw sequence (lib/arch/<arch>/vg_request.S) only the macro
 * encoding runs (nenc 1), r[1] stays empty and nothing is compared.  ATF.
 */
void vg_run_pair(const atf_tc_t *tc, const char *subject, const char *srcfiles,
    const struct kc_vgrun_opts *o, const char *const scenarios[], int code,
    struct vg_pair *p);
void vg_pair_free(struct vg_pair *p);

/*
 * vg_run_pair for a case that shares its launches: run all the scenarios
 * `all` of the subject in one launch per encoding (the same command line in
 * every case of the program that passes the same list, so one launch per
 * run, see kc_vgrun.h), and assert on the case's own scenarios `mine`:
 * code 0, no error in any of them; KC_VGRUN_ERREXIT, at least one; -1,
 * nothing.  The launch must exit with 0 or KC_VGRUN_ERREXIT, as its errors
 * say.  Scenarios are told apart by their "kc-scenario" client messages and
 * stack frames, so `all` lists only scenarios that are independent: none
 * changes an option, counts errors or leaks of the whole process, or is a
 * known Valgrind bug that could disturb the others, unless it comes first.
 */
void vg_run_shared(const atf_tc_t *tc, const char *subject, const char *srcfiles,
    const struct kc_vgrun_opts *o, const char *const all[],
    const char *const mine[], int code, struct vg_pair *p);

/* The report and stdout of the macro run (equal to the raw run's). */
#define VG_REPORT(p)	(&(p)->r[0].report)

/* Errors of `kind` (NULL: any) in scenario sc whose what/auxwhat contains
 * needle (NULL: any). */
int vg_count(const struct kc_vg_report *r, const char *sc, const char *kind,
    const char *needle);
/* The first such error; fails the case if there is none. */
const struct kc_vg_error *vg_require(const struct kc_vg_report *r,
    const char *sc, const char *kind, const char *needle);

/*
 * Sum of leakedbytes/leakedblocks of the `kind` leak errors of the first
 * leak check in scenario sc (later checks, e.g. at exit, are not counted)
 * whose allocation stack has a frame in function fn (NULL: any; this keeps
 * out leaks of earlier scenarios of the same run); returns the number of
 * loss records.
 */
int vg_leak_sum(const struct kc_vg_report *r, const char *sc, const char *kind,
    const char *fn, unsigned long *bytes, unsigned long *blocks);

/* Value printed by the subject as "<sc>.<key>=<value>"; fails if absent. */
unsigned long vg_value(const struct kc_vgrun_result *res, const char *sc,
    const char *key);
const char *vg_string(const struct kc_vgrun_result *res, const char *sc,
    const char *key);

/*
 * Skip the case when scenario sc printed "<sc>.absent=<reason>" (the arch
 * lacks a fact the scenario needs, e.g. KC_ARCH_DISCARD_RET1); the reason
 * names it.
 */
void vg_skip_absent(const struct kc_vgrun_result *res, const char *sc);

/* Require the innermost subject frame of stack i of e to be function fn. */
void vg_require_frame(const struct kc_vg_error *e, int i, const char *srcfile,
    const char *fn);

#endif /* CASES_VGREQ_VG_CASE_H */
