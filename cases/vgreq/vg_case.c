/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared logic of the cases/vgreq ATF programs (see vg_case.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <atf-c.h>

#include "kc_arch.h"
#include "kc_assert.h"
#include "kc_vg.h"
#include "kc_vgfacts.h"
#include "kc_vgrun.h"
#include "vg_case.h"

void
vg_run_pair(const atf_tc_t *tc, const char *subject, const char *srcfiles,
    const struct kc_vgrun_opts *o, const char *const scenarios[], int code,
    struct vg_pair *p)
{
	static const struct kc_vgrun_opts none;
	char *argv[32], *norm[2], line[1200];
	int e, i, n, nenc;

	memset(p, 0, sizeof(*p));
	p->version = kc_vgrun_require(tc);
	kc_vgfacts_get(p->version, &p->facts);
	/* Without a raw sequence only the valgrind.h half runs (r[1] stays empty). */
	nenc = p->nenc = kc_vg_request_native ? 2 : 1;
	for (e = 0; e < nenc; e++) {
		n = 0;
		argv[n++] = (char *)kc_vgrun_subject(tc, subject);
		argv[0] = strdup(argv[0]);
		KC_REQUIRE_NE(NULL, argv[0]);
		argv[n++] = (char *)kc_vg_enc_name(e == 0 ? KC_VG_MACRO : KC_VG_RAW);
		for (i = 0; scenarios[i] != NULL && n < 31; i++)
			argv[n++] = (char *)scenarios[i];
		argv[n] = NULL;
		kc_vgrun(tc, o != NULL ? o : &none, argv, &p->r[e]);
		free(argv[0]);
		if (p->r[e].exited && (code < 0 || p->r[e].code == code))
			continue;
		if (kc_vgrun_aborted(&p->r[e], line, sizeof(line)) != NULL)
			atf_tc_fail("%s encoding: valgrind aborted: %s",
			    e == 0 ? "macro" : "raw", line);
		atf_tc_fail("%s encoding: expected valgrind exit %d, got %s %d; "
		    "text log: %.600s", e == 0 ? "macro" : "raw", code,
		    p->r[e].exited ? "exit" : "signal",
		    p->r[e].exited ? p->r[e].code : p->r[e].signo,
		    kc_vgrun_oneline(p->r[e].text, line, sizeof(line)));
	}
	if (nenc == 1) {
		fprintf(stderr, "raw encoding not compared: no lib/arch/<arch>/"
		    "vg_request.S for %s (valgrind.h half only)\n", KC_ARCH_TRIPLET);
		return;
	}
	/* One-line forms: a reason is one line. */
	ATF_REQUIRE_MSG(strcmp(p->r[0].out, p->r[1].out) == 0,
	    "subject stdout differs between the macro and raw encodings: '%s' vs '%s'",
	    kc_vgrun_oneline(p->r[0].out, line, sizeof(line) / 2),
	    kc_vgrun_oneline(p->r[1].out, line + sizeof(line) / 2, sizeof(line) / 2));
	if (!p->r[0].has_report || !p->r[1].has_report) {
		ATF_REQUIRE_MSG(p->r[0].has_report == p->r[1].has_report,
		    "XML report of the macro encoding: %s, of the raw encoding: %s",
		    p->r[0].has_report ? "yes" : "none", p->r[1].has_report ? "yes" : "none");
		return;
	}
	for (e = 0; e < 2; e++) {
		norm[e] = kc_vg_normalize(&p->r[e].report, srcfiles);
		KC_REQUIRE_NE(NULL, norm[e]);
	}
	if (strcmp(norm[0], norm[1]) != 0) {
		fprintf(stderr, "--- macro ---\n%s--- raw ---\n%s", norm[0], norm[1]);
		free(norm[0]);
		free(norm[1]);
		atf_tc_fail("normalized Valgrind reports differ between the macro "
		    "and raw encodings (both on stderr)");
	}
	free(norm[0]);
	free(norm[1]);
}

void
vg_pair_free(struct vg_pair *p)
{
	kc_vgrun_free(&p->r[0]);
	kc_vgrun_free(&p->r[1]);
}

void
vg_run_shared(const atf_tc_t *tc, const char *subject, const char *srcfiles,
    const struct kc_vgrun_opts *o, const char *const all[],
    const char *const mine[], int code, struct vg_pair *p)
{
	int e, i, n;

	vg_run_pair(tc, subject, srcfiles, o, all, -1, p);
	for (e = 0; e < 2 && p->r[e].has_report; e++) {
		int want = p->r[e].report.nerrors > 0 ? KC_VGRUN_ERREXIT : 0;

		ATF_REQUIRE_MSG(p->r[e].code == want, "%s encoding: %d errors, "
		    "expected valgrind exit %d, got %d", e == 0 ? "macro" : "raw",
		    p->r[e].report.nerrors, want, p->r[e].code);
	}
	if (code < 0)
		return;
	for (i = 0, n = 0; mine[i] != NULL; i++) {
		int k = vg_count(VG_REPORT(p), mine[i], NULL, NULL);

		ATF_REQUIRE_MSG(code != 0 || k == 0, "scenario %s: %d errors, "
		    "expected none", mine[i], k);
		n += k;
	}
	ATF_REQUIRE_MSG(code == 0 || n > 0, "scenarios %s...: no error, "
	    "expected some", mine[0]);
}

/* seq range [lo, hi) of scenario sc: between its marker and the next. */
static void
vg_range(const struct kc_vg_report *r, const char *sc, int *lo, int *hi)
{
	char marker[128];
	size_t n;
	int i;

	/* Valgrind indents the text after the message's own newline. */
	n = (size_t)snprintf(marker, sizeof(marker), "kc-scenario %s\n", sc);
	*lo = -1;
	*hi = r->nitems;
	for (i = 0; i < r->nmsgs; i++) {
		const char *t = r->msgs[i].text != NULL ? r->msgs[i].text : "";

		if (*lo < 0 && strncmp(t, marker, n) == 0 &&
		    strspn(t + n, " \t\n") == strlen(t + n))
			*lo = r->msgs[i].seq;
		else if (*lo >= 0 && strncmp(t, "kc-scenario ", 12) == 0) {
			*hi = r->msgs[i].seq;
			break;
		}
	}
	ATF_REQUIRE_MSG(*lo >= 0, "no client message marks scenario %s "
	    "(VALGRIND_PRINTF lost?)", sc);
}

static bool
vg_match(const struct kc_vg_error *e, const char *kind, const char *needle)
{
	if (kind != NULL && strcmp(e->kind, kind) != 0)
		return (false);
	return (needle == NULL || (e->what != NULL && strstr(e->what, needle)) ||
	    kc_vg_aux_has(e, needle));
}

int
vg_count(const struct kc_vg_report *r, const char *sc, const char *kind,
    const char *needle)
{
	int i, lo, hi, n = 0;

	vg_range(r, sc, &lo, &hi);
	for (i = 0; i < r->nerrors; i++)
		if (r->errors[i].seq > lo && r->errors[i].seq < hi &&
		    vg_match(&r->errors[i], kind, needle))
			n++;
	return (n);
}

static bool
vg_stack_has_fn(const struct kc_vg_stack *st, const char *fn)
{
	int i;

	for (i = 0; i < st->nframes; i++)
		if (st->frames[i].fn != NULL && strcmp(st->frames[i].fn, fn) == 0)
			return (true);
	return (false);
}

int
vg_leak_sum(const struct kc_vg_report *r, const char *sc, const char *kind,
    const char *fn, unsigned long *bytes, unsigned long *blocks)
{
	int i, lo, hi, check = -1, n = 0;

	vg_range(r, sc, &lo, &hi);
	*bytes = *blocks = 0;
	for (i = 0; i < r->nerrors; i++) {
		const struct kc_vg_error *e = &r->errors[i];

		if (e->seq <= lo || e->seq >= hi || !e->has_leak)
			continue;
		if (check < 0)
			check = e->leakcheck;
		if (e->leakcheck != check || strcmp(e->kind, kind) != 0 ||
		    (fn != NULL && !vg_stack_has_fn(&e->stack[0], fn)))
			continue;
		*bytes += e->leakedbytes;
		*blocks += e->leakedblocks;
		n++;
	}
	return (n);
}

const struct kc_vg_error *
vg_require(const struct kc_vg_report *r, const char *sc, const char *kind,
    const char *needle)
{
	int i, lo, hi;

	vg_range(r, sc, &lo, &hi);
	for (i = 0; i < r->nerrors; i++)
		if (r->errors[i].seq > lo && r->errors[i].seq < hi &&
		    vg_match(&r->errors[i], kind, needle))
			return (&r->errors[i]);
	atf_tc_fail("scenario %s: no %s error%s%s%s", sc,
	    kind != NULL ? kind : "", needle != NULL ? " with \"" : "",
	    needle != NULL ? needle : "", needle != NULL ? "\"" : "");
	return (NULL);
}

const char *
vg_string(const struct kc_vgrun_result *res, const char *sc, const char *key)
{
	static char val[256];
	char pfx[160], line[400];
	const char *p;
	size_t n;

	n = (size_t)snprintf(pfx, sizeof(pfx), "%s.%s=", sc, key);
	for (p = res->out; p != NULL && *p != '\0'; p = strchr(p, '\n'),
	    p = p != NULL ? p + 1 : NULL) {
		if (strncmp(p, pfx, n) == 0) {
			snprintf(val, sizeof(val), "%.*s",
			    (int)strcspn(p + n, "\n"), p + n);
			return (val);
		}
	}
	atf_tc_fail("scenario %s printed no %s (stdout: %.300s)", sc, key,
	    kc_vgrun_oneline(res->out, line, sizeof(line)));
	return (NULL);
}

unsigned long
vg_value(const struct kc_vgrun_result *res, const char *sc, const char *key)
{
	const char *v = vg_string(res, sc, key);
	char *end;
	unsigned long u = strtoul(v, &end, 0);

	ATF_REQUIRE_MSG(*v != '\0' && *end == '\0', "%s.%s=%s is not a number",
	    sc, key, v);
	return (u);
}

void
vg_require_frame(const struct kc_vg_error *e, int i, const char *srcfile,
    const char *fn)
{
	int j;

	ATF_REQUIRE_MSG(i < e->nstacks, "%s error has no stack %d", e->kind, i);
	for (j = 0; j < e->stack[i].nframes; j++) {
		const struct kc_vg_frame *f = &e->stack[i].frames[j];
		const char *b;

		if (f->file == NULL)
			continue;
		b = strrchr(f->file, '/');
		b = b != NULL ? b + 1 : f->file;
		if (strcmp(b, srcfile) != 0)
			continue;
		ATF_REQUIRE_MSG(f->fn != NULL && strcmp(f->fn, fn) == 0,
		    "%s error, stack %d: innermost frame in %s is %s, expected %s",
		    e->kind, i, srcfile, f->fn != NULL ? f->fn : "?", fn);
		return;
	}
	atf_tc_fail("%s error, stack %d: no frame in %s (expected %s)", e->kind,
	    i, srcfile, fn);
}

void
vg_skip_absent(const struct kc_vgrun_result *res, const char *sc)
{
	char pfx[160];
	const char *p;
	size_t n;

	n = (size_t)snprintf(pfx, sizeof(pfx), "%s.absent=", sc);
	for (p = res->out; p != NULL && *p != '\0'; p = strchr(p, '\n'),
	    p = p != NULL ? p + 1 : NULL) {
		if (strncmp(p, pfx, n) == 0)
			atf_tc_skip("scenario %s absent: %.*s", sc,
			    (int)strcspn(p + n, "\n"), p + n);
	}
}
