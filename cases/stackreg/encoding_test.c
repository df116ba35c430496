/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The stack requests give the same Valgrind report whether issued through
 * valgrind.h's macros or through our raw sequence (lib/arch vg_request.S).
 */
#include <stdlib.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_case.h"
#include "kc_stack.h"
#include "kc_vgrun.h"
#include "sr_case.h"

struct sr_scenario {
	const char	*subject;
	const char	*src;
	const char	*args[3];
	const char *const *vgopts;
	int		 exit;
};

/* The pool scenarios allocate: their leaks are part of the report. */
static const char *const leakcheck[] = { "--leak-check=full", NULL };

/*
 * Each macro run has the command line of the switch_test, request_test or
 * pool_test case of the same scenario, so that within a run it is one
 * shared launch (lib/kc_vgrun.h); only the raw runs are this case's own.
 */
static const struct sr_scenario scenarios[] = {
	{ "h_switch", "h_switch.c", { "registered", "3", NULL }, NULL, 0 },
	{ "h_switch", "h_switch.c", { "unregistered", "3", NULL }, NULL, 0 },
	{ "h_switch", "h_switch.c", { "deregistered", NULL }, NULL, 0 },
	{ "h_switch", "h_switch.c", { "ids", NULL }, NULL, 0 },
	{ "h_switch", "h_switch.c", { "reversed_register", NULL }, NULL, 0 },
	{ "h_switch", "h_switch.c", { "reversed_change", NULL }, NULL, 0 },
	{ "h_switch", "h_switch.c", { "register_after", NULL }, NULL, 0 },
	{ "h_pool", "h_pool.c", { "reuse", NULL }, leakcheck, 0 },
	{ "h_pool", "h_pool.c", { "grow", NULL }, leakcheck, 0 },
	{ "h_pool", "h_pool.c", { "grow_read_old", NULL }, leakcheck, KC_VGRUN_ERREXIT },
};

/*
 * For every stack scenario, the two encodings give identical normalized
 * XML reports (kinds, texts with addresses masked, subject frames),
 * identical switching-warning counts and identical subject output.
 */
/* Deadline: 40 Valgrind launches, 20 of them its own (module.mk). */
KC_CASE_MD(stackreg__encodings_identical, "Macro and raw encodings give identical normalized "
    "reports for every stack scenario", .deadline_s = 180)
{
	struct sr_run m, r;
	char *nm, *nr;
	size_t i;

	kc_require_stack_switch();
	for (i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++) {
		const struct sr_scenario *s = &scenarios[i];

		sr_run(tc, s->subject, "macro", s->args, s->vgopts, s->exit, &m);
		sr_run(tc, s->subject, "raw", s->args, s->vgopts, s->exit, &r);
		nm = kc_vg_normalize(&m.xml.report, s->src);
		nr = kc_vg_normalize(&r.xml.report, s->src);
		KC_REQUIRE_NE(NULL, nm);
		KC_REQUIRE_NE(NULL, nr);
		ATF_CHECK_STREQ_MSG(nm, nr, "%s %s: normalized reports differ",
		    s->subject, s->args[0]);
		ATF_CHECK_EQ_MSG(m.warnings, r.warnings, "%s %s: warnings %d vs %d",
		    s->subject, s->args[0], m.warnings, r.warnings);
		ATF_CHECK_EQ_MSG(m.further, r.further, "%s %s: 'further instances' "
		    "lines %d vs %d", s->subject, s->args[0], m.further, r.further);
		ATF_CHECK_STREQ_MSG(m.xml.out, r.xml.out, "%s %s: output",
		    s->subject, s->args[0]);
		free(nm);
		free(nr);
		sr_run_free(&m);
		sr_run_free(&r);
	}
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, stackreg__encodings_identical);

	return (atf_no_error());
}
