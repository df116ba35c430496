/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Shared by the stackreg cases: run a subject twice under Valgrind, once
 * for the XML report (-q --xml=yes) and once for the text log alone
 * (verbose, no XML), because "client switching stacks?" is a text-only
 * warning that -q hides and that Valgrind does not print at all with
 * --xml=yes (observed on 3.19).  Policy (ATF).
 */
#ifndef CASES_STACKREG_SR_CASE_H
#define CASES_STACKREG_SR_CASE_H

#include <atf-c.h>

#include "kc_vgrun.h"

#define SR_WARNING	"client switching stacks?"
#define SR_FURTHER	"further instances of this message will not be shown"

struct sr_run {
	struct kc_vgrun_result	xml;		/* -q --xml=yes */
	struct kc_vgrun_result	text;		/* verbose, text log only */
	int			warnings;	/* SR_WARNING lines in text.text */
	int			further;	/* SR_FURTHER lines in text.text */
};

/*
 * Run "<subject> <enc> <args...> [<stackreg_fault>]" (subject found by
 * kc_vgrun_subject; the config variable stackreg_fault, a selftest knob,
 * is appended when set), both ways, with the extra Valgrind options vgopts
 * (NULL-terminated, or NULL).  Requires the exit status xml_exit of the XML
 * run and a normal exit 0 of the text run.
 */
void sr_run(const atf_tc_t *tc, const char *subject, const char *enc,
    const char *const *args, const char *const *vgopts, int xml_exit,
    struct sr_run *r);
void sr_run_free(struct sr_run *r);

/* Require no error in the XML report; the message names the first one. */
void sr_require_no_errors(const struct sr_run *r);

/* Require the subject's stdout (XML run and text run) to be exactly out. */
void sr_require_out(const struct sr_run *r, const char *out);

#endif /* CASES_STACKREG_SR_CASE_H */
