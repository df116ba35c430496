/* SPDX-License-Identifier: BSD-2-Clause */
/* Two-run helper of the stackreg cases (see sr_case.h). */
#include <string.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_vgrun.h"
#include "sr_case.h"

#define SR_MAXARGS	8

static void
sr_opts(struct kc_vgrun_opts *o, const char *const *vgopts)
{
	int i;

	for (i = 0; vgopts != NULL && vgopts[i] != NULL; i++) {
		KC_REQUIRE_LT(i, KC_VGRUN_MAXOPTS - 1);
		o->opts[i] = vgopts[i];
	}
	o->opts[i] = NULL;
}

void
sr_run(const atf_tc_t *tc, const char *subject, const char *enc,
    const char *const *args, const char *const *vgopts, int xml_exit,
    struct sr_run *r)
{
	struct kc_vgrun_opts ox, ot;
	char *argv[SR_MAXARGS + 4];
	int n = 0, i;

	kc_vgrun_require(tc);
	memset(r, 0, sizeof(*r));
	argv[n++] = (char *)kc_vgrun_subject(tc, subject);
	argv[n++] = (char *)enc;
	for (i = 0; args != NULL && args[i] != NULL; i++) {
		KC_REQUIRE_LT(i, SR_MAXARGS);
		argv[n++] = (char *)args[i];
	}
	if (atf_tc_has_config_var(tc, "stackreg_fault"))
		argv[n++] = (char *)atf_tc_get_config_var(tc, "stackreg_fault");
	argv[n] = NULL;

	memset(&ox, 0, sizeof(ox));
	sr_opts(&ox, vgopts);
	kc_vgrun(tc, &ox, argv, &r->xml);
	kc_vgrun_require_exit(&r->xml, xml_exit);

	memset(&ot, 0, sizeof(ot));
	ot.verbose = true;
	ot.no_xml = true;
	sr_opts(&ot, vgopts);
	kc_vgrun(tc, &ot, argv, &r->text);
	r->warnings = kc_vgrun_count_text(&r->text, SR_WARNING);
	r->further = kc_vgrun_count_text(&r->text, SR_FURTHER);
	/* --error-exitcode applies without --xml too: the same status. */
	kc_vgrun_require_exit(&r->text, xml_exit);
}

void
sr_run_free(struct sr_run *r)
{
	kc_vgrun_free(&r->xml);
	kc_vgrun_free(&r->text);
}

void
sr_require_no_errors(const struct sr_run *r)
{
	const struct kc_vg_report *rep = &r->xml.report;

	ATF_REQUIRE_MSG(rep->nerrors == 0, "%d Valgrind errors; first: %s: %s%s%s",
	    rep->nerrors, rep->nerrors > 0 ? rep->errors[0].kind : "",
	    rep->nerrors > 0 ? rep->errors[0].what : "",
	    rep->nerrors > 0 && rep->errors[0].nauxwhat > 0 ? " / " : "",
	    rep->nerrors > 0 && rep->errors[0].nauxwhat > 0 ?
	    rep->errors[0].auxwhat[0] : "");
}

void
sr_require_out(const struct sr_run *r, const char *out)
{
	char want[512], got[512];

	/* One-line forms of both, so the reason stays one line. */
	ATF_REQUIRE_MSG(strcmp(out, r->xml.out) == 0, "subject stdout (XML run): "
	    "expected '%s', got '%s'", kc_vgrun_oneline(out, want, sizeof(want)),
	    kc_vgrun_oneline(r->xml.out, got, sizeof(got)));
	ATF_REQUIRE_MSG(strcmp(out, r->text.out) == 0, "subject stdout (text run): "
	    "expected '%s', got '%s'", kc_vgrun_oneline(out, want, sizeof(want)),
	    kc_vgrun_oneline(r->text.out, got, sizeof(got)));
}
