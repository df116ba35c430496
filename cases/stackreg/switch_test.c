/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Real stack switches (kc_stack_switch) under memcheck, with and without
 * STACK_REGISTER: the "client switching stacks?" warning of the text log
 * (FACTS-valgrind.md §1.3) and the XML report.
 */
#include <atf-c.h>

#include "kc_assert.h"
#include "kc_case.h"
#include "kc_stack.h"
#include "sr_case.h"

#define SUBJ	"h_switch"

/*
 * Switching to a registered stack is silent: three round trips give no
 * warning and no error.
 */
KC_CASE(stack_switch__registered_silent, "Three round trips to a registered stack: no "
    "warning, no error")
{
	struct sr_run r;

	kc_require_stack_switch();
	sr_run(tc, SUBJ, "macro", (const char *[]){ "registered", "3", NULL },
	    NULL, 0, &r);
	sr_require_no_errors(&r);
	ATF_CHECK_EQ_MSG(0, r.warnings, "%d switching warnings; text log: %.400s",
	    r.warnings, r.text.text);
	KC_CHECK_EQ(0, r.further);
	sr_run_free(&r);
}

/*
 * The same memory unregistered: each SP change larger than
 * --max-stackframe warns, so one round trip (there and back) warns twice,
 * with no error.
 */
KC_CASE(stack_switch__unregistered_warns, "One round trip to an unregistered stack: two "
    "warnings, no error")
{
	struct sr_run r;

	kc_require_stack_switch();
	sr_run(tc, SUBJ, "macro", (const char *[]){ "unregistered", "1", NULL },
	    NULL, 0, &r);
	sr_require_no_errors(&r);
	KC_CHECK_EQ(2, r.warnings);
	KC_CHECK_EQ(0, r.further);
	sr_run_free(&r);
}

/*
 * The warning is printed at most three times, the third followed by
 * "further instances of this message will not be shown".
 */
KC_CASE(stack_switch__unregistered_warns_at_most_3, "Three round trips unregistered: three "
    "warnings, then the 'further instances' line once")
{
	struct sr_run r;

	kc_require_stack_switch();
	sr_run(tc, SUBJ, "macro", (const char *[]){ "unregistered", "3", NULL },
	    NULL, 0, &r);
	sr_require_no_errors(&r);
	KC_CHECK_EQ(3, r.warnings);
	KC_CHECK_EQ(1, r.further);
	sr_run_free(&r);
}

/*
 * After DEREGISTER the memory is an unknown stack again: the round trip
 * after it warns twice, the one before it not at all.
 */
KC_CASE(stack_switch__deregistered_warns_again, "Registered then deregistered: the next round "
    "trip warns twice")
{
	struct sr_run r;

	kc_require_stack_switch();
	sr_run(tc, SUBJ, "macro", (const char *[]){ "deregistered", NULL },
	    NULL, 0, &r);
	sr_require_no_errors(&r);
	KC_CHECK_EQ(2, r.warnings);
	KC_CHECK_EQ(0, r.further);
	sr_run_free(&r);
}

/*
 * The warning is text only and needs verbosity: -q hides it, and with
 * --xml=yes it is printed nowhere, not even in the --log-file text log
 * (observed on 3.19: m_stacks.c does not print it in XML mode).  So a
 * tool that reads only the XML never learns about the switch.
 */
/* Deadline: 4 Valgrind launches of its own (module.mk). */
KC_CASE_MD(stack_switch__warning_text_only, "The switching warning: absent with -q, absent "
    "with --xml=yes, never in the XML report", .deadline_s = 30)
{
	char *const argv[] = { (char *)kc_vgrun_subject(tc, SUBJ), "macro",
	    "unregistered", "1", NULL };
	struct kc_vgrun_opts o = { .verbose = false, .no_xml = true };
	struct kc_vgrun_result res;
	struct sr_run r;

	kc_require_stack_switch();
	/* -q --xml=yes, and verbose without XML: the reference (2 warnings). */
	sr_run(tc, SUBJ, "macro", (const char *[]){ "unregistered", "1", NULL },
	    NULL, 0, &r);
	KC_REQUIRE_EQ(2, r.warnings);
	KC_CHECK_EQ(0, kc_vgrun_count_text(&r.xml, SR_WARNING));
	KC_CHECK_EQ(0, r.xml.report.nerrors);
	KC_CHECK_EQ(0, r.xml.report.nmsgs);
	sr_run_free(&r);

	/* -q, text only. */
	kc_vgrun(tc, &o, argv, &res);
	kc_vgrun_require_exit(&res, 0);
	KC_CHECK_EQ(0, kc_vgrun_count_text(&res, SR_WARNING));
	kc_vgrun_free(&res);

	/* Verbose with --xml=yes. */
	o.verbose = true;
	o.no_xml = false;
	kc_vgrun(tc, &o, argv, &res);
	kc_vgrun_require_exit(&res, 0);
	KC_CHECK_EQ(0, kc_vgrun_count_text(&res, SR_WARNING));
	KC_CHECK_EQ(0, res.report.nerrors);
	kc_vgrun_free(&res);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, stack_switch__registered_silent);
	ATF_TP_ADD_TC(tp, stack_switch__unregistered_warns);
	ATF_TP_ADD_TC(tp, stack_switch__unregistered_warns_at_most_3);
	ATF_TP_ADD_TC(tp, stack_switch__deregistered_warns_again);
	ATF_TP_ADD_TC(tp, stack_switch__warning_text_only);

	return (atf_no_error());
}
