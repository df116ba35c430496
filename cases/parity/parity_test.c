/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Valgrind parity of one kernel program (KC_PARITY_PROG, compiled in by
 * cases/parity/module.mk): one parity case per case of that program, named
 * like it.  Each runs the kernel case natively and under this environment's
 * Valgrind, each run followed by the case's ATF cleanup, and the verdicts
 * must match, with no Valgrind error report.  Each difference and each
 * report must be declared in the parity table (parity_table.c): a Valgrind
 * bug (known-issues row, scoped by version) makes the case an expected
 * failure, a deliberately provoked report is accepted, anything else fails
 * naming the difference.  A case that skips natively tests nothing here and
 * skips.
 */
#ifndef KC_PARITY_PROG
#error "KC_PARITY_PROG (\"<dir>/<prog>\") and KC_PARITY_TIMEOUT come from cases/parity/module.mk"
#endif

#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_atfrun.h"
#include "kc_case.h"
#include "kc_expect.h"
#include "kc_hash.h"
#include "kc_known.h"
#include "kc_macros.h"
#include "parity_report.h"
#include "parity_table.h"
#include "kc_sandbox.h"
#include "kc_vgbatch.h"
#include "kc_vgrun.h"
#include "kc_vgxml.h"

#define PAR_MAXCASES	128
#define PAR_MAXRULES	8
#define PAR_QUOTE	320	/* bytes of Valgrind's log quoted per case */
/*
 * The watchdog deadline of a parity case (s): the kernel case natively and
 * its cleanup, each bounded by the kernel program's timeout T; then under
 * Valgrind, where the case may have to start a lane (lib/kc_vgbatch.h)
 * that takes new cases for T / 4 and then finishes the last one, its body
 * and cleanup each bounded by T: 2 T + T / 4 + 2 T, rounded up to 5 T, plus
 * 20 s.  The case's kyua timeout is this + KC_CASE_MARGIN_S, the program's
 * TEST_METADATA timeout in module.mk (5 x it + 30).
 */
#define PAR_DEADLINE_S	(5 * KC_PARITY_TIMEOUT + 20)
/*
 * T in ms, times the run's time scale (kc_case_scale(), KC_DEADLINE_SCALE:
 * a Valgrind guest or emulator), as the watchdog deadline above is scaled:
 * the kernel case's timeouts on both sides and its lane's budget, so that
 * in a slow environment a lane still takes the program's other cases
 * instead of one case per Valgrind launch.
 */
#define PAR_TIMEOUT_MS	(KC_PARITY_TIMEOUT * 1000 * (int)kc_case_scale())

/* What one kernel case did on both sides. */
struct par_case {
	const char		*name;
	char			id[192];	/* "<dir>/<prog>:<case>" */
	struct kc_atf_result	nat, vg;
};

/* The kernel program's cases, from `prog -l` (par_list), and the ATF test
 * cases registered for them. */
static struct par_kcase {
	char	name[128];
	bool	cleanup;	/* has.cleanup: true */
	unsigned deadline_s;	/* its watchdog deadline: timeout less the margin */
} par_kcases[PAR_MAXCASES];
static atf_tc_t par_tcs[PAR_MAXCASES];
/* Their case metadata (kc_case_add), each with its own descr. */
static struct kc_case_md par_mds[PAR_MAXCASES];
static char par_descrs[PAR_MAXCASES][320];

/* The failure (or expected failure) text, grown as differences are found. */
struct par_report {
	char	*unexplained;
	size_t	 ulen;
	int	 nunexplained;
	char	*explained;
	size_t	 elen;
	int	 nexplained;
	const char *issues[16];		/* known-issues ids that explained something */
	int	 nissues;
};

static void
par_append(char **buf, size_t *len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
par_append(char **buf, size_t *len, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	ATF_REQUIRE_MSG(n >= 0, "out of memory");
	*buf = realloc(*buf, *len + (size_t)n + 3);
	ATF_REQUIRE_MSG(*buf != NULL, "out of memory");
	if (*len > 0) {
		memcpy(*buf + *len, "; ", 2);
		*len += 2;
	}
	memcpy(*buf + *len, s, (size_t)n + 1);
	*len += (size_t)n;
	free(s);
}

static void
par_issue(struct par_report *rep, const char *id)
{
	int i;

	for (i = 0; i < rep->nissues; i++) {
		if (strcmp(rep->issues[i], id) == 0)
			return;
	}
	if (rep->nissues < (int)(sizeof(rep->issues) / sizeof(rep->issues[0])))
		rep->issues[rep->nissues++] = id;
}

/*
 * The seccomp rules of a selftest knob: `parity_vg_seccomp` for the
 * Valgrind run only, `parity_native_seccomp` for the native run only
 * ("clone:EPERM,waitid:ENOSYS"; the case's cleanup runs without them).  A
 * fault on one side must make the parity case fail.  The rules point into
 * spec.
 */
static size_t
par_rules(const atf_tc_t *tc, const char *var, char *spec, size_t speclen,
    struct kc_sandbox_rule *r, size_t max)
{
	static const struct { const char *name; int err; } errs[] = {
		{ "EPERM", EPERM }, { "ENOSYS", ENOSYS }, { "EINVAL", EINVAL },
		{ "EFAULT", EFAULT }, { "EACCES", EACCES },
	};
	char *tok, *save, *colon;
	size_t n = 0, i;

	if (!atf_tc_has_config_var(tc, var))
		return (0);
	snprintf(spec, speclen, "%s", atf_tc_get_config_var(tc, var));
	for (tok = strtok_r(spec, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
		colon = strchr(tok, ':');
		ATF_REQUIRE_MSG(colon != NULL && n < max,
		    "%s: '%s' is not <syscall>:<errno>", var, tok);
		*colon++ = '\0';
		memset(&r[n], 0, sizeof(r[n]));
		r[n].syscall = tok;
		r[n].err = -1;
		for (i = 0; i < sizeof(errs) / sizeof(errs[0]); i++) {
			if (strcmp(colon, errs[i].name) == 0)
				r[n].err = errs[i].err;
		}
		ATF_REQUIRE_MSG(r[n].err != -1, "%s: unknown errno '%s'", var, colon);
		n++;
	}
	return (n);
}

/*
 * The rules of n (from par_rules) in kc_sandbox_parse_rule's text form,
 * ';'-separated ("clone:errno=1;waitid:errno=38"), into out; NULL for none.
 */
static const char *
par_rules_text(const struct kc_sandbox_rule *r, size_t n, char *out, size_t outlen)
{
	size_t i, used = 0;

	if (n == 0)
		return (NULL);
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		int w = snprintf(out + used, outlen - used, "%s%s:errno=%d", i > 0 ? ";" : "",
		    r[i].syscall, r[i].err);

		ATF_REQUIRE_MSG(w > 0 && used + (size_t)w < outlen, "seccomp rules too long");
		used += (size_t)w;
	}
	return (out);
}

/*
 * The relevant lines of Valgrind's text log: its "==pid== " / "--pid-- "
 * prefixes stripped, without stack frames, blank lines and the boilerplate
 * after "unhandled syscall", joined with " | " into out.
 */
static void
par_quote_log(const char *log, char *out, size_t outlen)
{
	static const char *const skip[] = {
		"at 0x", "by 0x", "You may be able", "Read the file",
		"Nevertheless we consider", "it at http",
	};
	const char *p = log, *l, *e;
	size_t used = 0, i;

	out[0] = '\0';
	while (p != NULL && *p != '\0' && used + 8 < outlen) {
		e = p + strcspn(p, "\n");
		l = p;
		if ((*l == '=' || *l == '-') && l[1] == l[0]) {
			const char *q = strchr(l + 2, l[0]);

			if (q != NULL && q < e && q[1] == l[0])
				l = q + 2;
		}
		while (l < e && *l == ' ')
			l++;
		for (i = 0; i < sizeof(skip) / sizeof(skip[0]) && l < e; i++) {
			if (strncmp(l, skip[i], strlen(skip[i])) == 0)
				l = e;
		}
		if (l < e) {
			int w = snprintf(out + used, outlen - used, "%s%.*s",
			    used > 0 ? " | " : "", (int)(e - l), l);

			used = w > 0 && used + (size_t)w < outlen ? used + (size_t)w : outlen - 1;
		}
		p = *e == '\n' ? e + 1 : e;
	}
}

/*
 * The Valgrind errors of one run, from its XML report `raw` (the case's
 * part of its lane's report, lib/kc_vgbatch.h), each explained by a
 * VGERROR row or recorded as unexplained.  The case's forked children run
 * under Valgrind too and share the report: each appends its errors and, at
 * its exit, a <status> and a </valgrindoutput> of its own; only the last
 * closing tag is kept.  (A per-process file name, %p, is no way out:
 * Valgrind 3.19 leaves the child's re-opened file at the lowest free fd,
 * where the client sees it.)  A report that does not parse even so is
 * read only for an error that is not a leak record (parity_report.h: two
 * processes of one Valgrind interleave their exit output).  Returns the
 * number of errors; modifies raw.
 */
static int
par_vg_errors(char *raw, const struct par_case *c, const char *version,
    bool *row_used, struct par_report *rep, const char *quote)
{
	unsigned nrows;
	const struct parity_row *t = parity_table(&nrows);
	static const char close_tag[] = "</valgrindoutput>";
	struct kc_vg_report r;
	char err[256], *p, *last = NULL;
	int nerr = 0, i;
	size_t len;

	if (raw[0] == '\0')
		return (0);	/* Valgrind did not start (the run is broken) */
	for (p = strstr(raw, close_tag); p != NULL; p = strstr(p + 1, close_tag))
		last = p;
	for (p = strstr(raw, close_tag); p != NULL && p != last; p = strstr(p, close_tag))
		memset(p, ' ', sizeof(close_tag) - 1);
	len = strlen(raw);
	if (kc_vgxml_parse(raw, len, &r, err, sizeof(err)) != 0) {
		if (parity_garbled_has_error(raw)) {
			nerr++;
			rep->nunexplained++;
			par_append(&rep->unexplained, &rep->ulen, "valgrind's report has "
			    "an error but does not parse (%s)%s", err, quote);
		}
		return (nerr);
	}
	for (i = 0; i < r.nerrors; i++) {
		const struct kc_vg_error *e = &r.errors[i];
		const struct kc_vg_frame *f = kc_vg_top_frame(e, 0);
		const struct parity_row *row;

		if (strncmp(e->kind, "Leak_", 5) == 0)
			continue;	/* see --errors-for-leak-kinds in parity_run */
		nerr++;
		row = parity_explain_error(c->id, c->nat.verdict, e->kind, e->what,
		    version);
		if (row != NULL) {
			row_used[row - t] = true;
			if (row->known == NULL)
				continue;	/* declared, deliberate */
			par_issue(rep, row->known);
			rep->nexplained++;
			par_append(&rep->explained, &rep->elen, "valgrind %s: %s (%s)",
			    e->kind, e->what != NULL ? e->what : "", row->known);
			continue;
		}
		rep->nunexplained++;
		par_append(&rep->unexplained, &rep->ulen,
		    "valgrind reported %s: %s at %s (%s:%d)%s", e->kind, e->what != NULL ? e->what : "",
		    f != NULL && f->fn != NULL ? f->fn : "?",
		    f != NULL && f->file != NULL ? f->file : "?", f != NULL ? f->line : 0,
		    quote);
	}
	kc_vgxml_free(&r);
	return (nerr);
}


/* The kernel program, from this parity program's srcdir. */
static void
par_kernel_path(const char *srcdir, char *buf, size_t len)
{
	snprintf(buf, len, "%s/../%s", srcdir, KC_PARITY_PROG);
}

/*
 * Run kernel case `name` with o into res, then its ATF cleanup (if it has
 * one) the way kyua would: natively, with the same config, no result file.
 */
static void
par_launch(const char *path, const struct par_kcase *k, const struct kc_atf_opts *o,
    const char *side, struct kc_atf_result *res)
{
	struct kc_atf_result cr;
	struct kc_atf_opts co;
	char cname[160];

	ATF_REQUIRE_MSG(kc_atf_run(path, k->name, o, res) == 0,
	    "running %s:%s %s: %s", KC_PARITY_PROG, k->name, side, strerror(errno));
	if (!k->cleanup)
		return;
	memset(&co, 0, sizeof(co));
	co.vars = o->vars;
	co.timeout_ms = o->timeout_ms;
	snprintf(cname, sizeof(cname), "%s:cleanup", k->name);
	ATF_REQUIRE_MSG(kc_atf_run(path, cname, &co, &cr) == 0,
	    "running the cleanup of %s:%s after the %s run: %s", KC_PARITY_PROG,
	    k->name, side, strerror(errno));
	/* A cleanup writes no result: it ends "broken: no result"; what counts
	 * is that it exited 0, as kyua requires. */
	ATF_REQUIRE_MSG(cr.exited && cr.status == 0, "the cleanup of %s:%s after the "
	    "%s run %s %d", KC_PARITY_PROG, k->name, side,
	    cr.exited ? "exited" : "was killed by signal", cr.status);
}

/* The kernel case a parity case stands for. */
static const struct par_kcase *
par_kcase_of(const atf_tc_t *tc)
{
	const char *ident = atf_tc_get_ident(tc);
	size_t i;

	for (i = 0; i < PAR_MAXCASES && par_kcases[i].name[0] != '\0'; i++) {
		if (strcmp(par_kcases[i].name, ident) == 0)
			return (&par_kcases[i]);
	}
	atf_tc_fail("%s lists no case %s", KC_PARITY_PROG, ident);
}

/* The parity check of one kernel case (ATF): see the file comment. */
static void
par_body(const atf_tc_t *tc)
{
	const struct par_kcase *k = par_kcase_of(tc);
	struct kc_sandbox_rule rules[PAR_MAXRULES], nrules_nat[PAR_MAXRULES];
	struct kc_atf_opts no;
	struct kc_vgbatch_opts bo;
	struct kc_vgbatch_result vr;
	static struct kc_vgbatch_case bcases[PAR_MAXCASES];
	struct par_case c;
	struct par_report rep;
	const struct parity_row *t, *row = NULL;
	const char *version, *vars[3], *vgopts[12];
	char path[PATH_MAX], srcvar[PATH_MAX + 8], qvar[128];
	char text[PAR_QUOTE], quote[PAR_QUOTE + 16], vspec[512], nspec[512], rtext[512];
	bool *row_used, *row_seen, differ;
	unsigned nrows, j;
	size_t nrules, nnat;
	int nv = 0, nerr;

	version = kc_vgrun_require(tc);
	par_kernel_path(atf_tc_get_config_var(tc, "srcdir"), path, sizeof(path));
	memset(&c, 0, sizeof(c));
	c.name = k->name;
	snprintf(c.id, sizeof(c.id), "%s:%s", KC_PARITY_PROG, k->name);
	nrules = par_rules(tc, "parity_vg_seccomp", vspec, sizeof(vspec), rules, PAR_MAXRULES);
	nnat = par_rules(tc, "parity_native_seccomp", nspec, sizeof(nspec), nrules_nat,
	    PAR_MAXRULES);
	t = parity_table(&nrows);
	row_used = calloc(nrows, sizeof(bool));
	row_seen = calloc(nrows, sizeof(bool));
	KC_REQUIRE_NE(NULL, row_used);
	KC_REQUIRE_NE(NULL, row_seen);
	memset(&rep, 0, sizeof(rep));

	/* The kernel case gets the config a kyua run would give it. */
	snprintf(srcvar, sizeof(srcvar), "srcdir=%s", path);
	*strrchr(srcvar, '/') = '\0';
	vars[nv++] = srcvar;
	if (atf_tc_has_config_var(tc, "qemu_user_version")) {
		snprintf(qvar, sizeof(qvar), "qemu_user_version=%s",
		    atf_tc_get_config_var(tc, "qemu_user_version"));
		vars[nv++] = qvar;
	}
	vars[nv] = NULL;

	memset(&no, 0, sizeof(no));
	no.vars = vars;
	no.timeout_ms = PAR_TIMEOUT_MS;
	no.rules = nnat > 0 ? nrules_nat : NULL;
	no.nrules = nnat;
	par_launch(path, k, &no, "natively", &c.nat);
	/* Skipped natively: the feature is absent here (e.g. under a sandbox
	 * profile), so there is nothing to compare. */
	if (c.nat.verdict == KC_V_SKIPPED)
		atf_tc_skip("%s skips natively: %s", c.id, c.nat.reason);
	/* Broken natively: the case could not run here (no result, a crash of
	 * the setup), so there is no verdict to compare; the same break under
	 * Valgrind is no parity (a guest without /dev/fd broke both sides). */
	if (c.nat.verdict == KC_V_BROKEN)
		atf_tc_fail("%s broke natively, nothing to compare: %s", c.id, c.nat.reason);

	/* The Valgrind side: one run of the kernel case in a lane shared with
	 * the other parity cases of this program (lib/kc_vgbatch.h), then its
	 * cleanup, natively as kyua would run it.  kc_vgrun's launch options
	 * (lib/kc_vgrun.c): no vgdb FIFOs, and no inlined-function names (a
	 * launch costs about 25 % less CPU): no verdict here depends on a
	 * frame's name, which only the message of an unexplained report
	 * quotes.  TMPDIR is the case's work directory, as kyua would set it. */
	j = 0;
	vgopts[j++] = "-q";
	vgopts[j++] = "--vgdb=no";
	vgopts[j++] = "--read-inline-info=no";
	vgopts[j++] = "--error-exitcode=99";
	/* Leaks are no syscall-wrapper matter.  With --xml=yes a forked child
	 * that _exit()s with threads alive still reports "possibly lost" blocks
	 * (3.24, 3.27.1; even with --leak-check=no) and, as errors, would exit
	 * 99 instead of with its code: leak kinds are not errors here, and
	 * par_vg_errors ignores them. */
	vgopts[j++] = "--leak-check=no";
	vgopts[j++] = "--errors-for-leak-kinds=none";
	/* Nor is the memory libc keeps until exit: __libc_freeres frees it for
	 * the leak check alone, and in a lane every case's child would run it
	 * at its exit, under Valgrind, as new code (about 180 blocks). */
	vgopts[j++] = "--run-libc-freeres=no";
	vgopts[j++] = "--xml=yes";
	vgopts[j] = NULL;
	for (j = 0; j < PAR_MAXCASES && par_kcases[j].name[0] != '\0'; j++) {
		bcases[j].name = par_kcases[j].name;
		bcases[j].cleanup = par_kcases[j].cleanup;
		/* The lane keeps the kernel case's deadline: its child then has
		 * no watchdog thread (lib/kc_batch.h). */
		bcases[j].deadline_s = par_kcases[j].deadline_s;
	}
	memset(&bo, 0, sizeof(bo));
	bo.vgopts = vgopts;
	bo.vars = vars;
	bo.rules = par_rules_text(rules, nrules, rtext, sizeof(rtext));
	bo.timeout_ms = PAR_TIMEOUT_MS;
	kc_vgbatch_run(tc, path, bcases, (int)j, (int)(k - par_kcases), &bo, &vr);
	c.vg = vr.res;
	/* A cleanup writes no result; what counts is that it exited 0. */
	ATF_REQUIRE_MSG(!vr.cleanup_ran || (vr.cleanup_exited && vr.cleanup_status == 0),
	    "the cleanup of %s:%s after the run under valgrind %s %d", KC_PARITY_PROG,
	    k->name, vr.cleanup_exited ? "exited" : "was killed or timed out, status",
	    vr.cleanup_status);
	par_quote_log(vr.log, text, sizeof(text));
	snprintf(quote, sizeof(quote), "%s%s%s", text[0] != '\0' ? " [valgrind: " : "",
	    text, text[0] != '\0' ? "]" : "");

	differ = c.nat.verdict != c.vg.verdict;
	if (differ) {
		row = parity_explain_verdict(c.id, c.nat.verdict, c.vg.verdict,
		    c.vg.reason, version);
		if (row != NULL) {
			row_used[row - t] = true;
			par_issue(&rep, row->known);
			rep.nexplained++;
			par_append(&rep.explained, &rep.elen, "valgrind %s: %s (%s)",
			    kc_verdict_name(c.vg.verdict), c.vg.reason, row->known);
		} else {
			rep.nunexplained++;
			par_append(&rep.unexplained, &rep.ulen,
			    "native %s%s%s, valgrind %s: %s%s",
			    kc_verdict_name(c.nat.verdict), c.nat.reason[0] != '\0' ? ": " : "",
			    c.nat.reason, kc_verdict_name(c.vg.verdict), c.vg.reason, quote);
		}
	}
	/* Rows this case exercised: it had the row's native verdict and no
	 * other row explained it away. */
	for (j = 0; j < nrows; j++) {
		if (!parity_row_covers(&t[j], c.id) || t[j].native != c.nat.verdict)
			continue;
		if (t[j].what == PARITY_VERDICT ? (row == NULL || row == &t[j]) : !differ)
			row_seen[j] = true;
	}

	/* Valgrind's error reports, from every process of the case. */
	nerr = par_vg_errors(vr.xml, &c, version, row_used, &rep, quote);
	kc_vgbatch_free(&vr);
	if (nerr == 0 && c.vg.exited && c.vg.status == KC_VGRUN_ERREXIT) {
		rep.nunexplained++;
		par_append(&rep.unexplained, &rep.ulen, "valgrind exited %d but its XML "
		    "reports hold no error%s", KC_VGRUN_ERREXIT, quote);
	}

	/* An applicable row that explained nothing although this case ran as it
	 * expects: the difference did not occur (fixed?  update the range). */
	for (j = 0; j < nrows; j++) {
		if (!row_seen[j] || row_used[j] || !parity_row_applies(&t[j], version))
			continue;
		rep.nunexplained++;
		if (t[j].what == PARITY_VERDICT)
			par_append(&rep.unexplained, &rep.ulen, "expected difference did "
			    "not occur: valgrind %s '%s' (%s applies to valgrind %s; "
			    "row %s)", kc_verdict_name(t[j].vg), t[j].text, t[j].known,
			    version, t[j].cases);
		else
			par_append(&rep.unexplained, &rep.ulen, "expected valgrind report "
			    "did not occur: %s '%s' (%s; row %s)", t[j].vgkind, t[j].text,
			    t[j].known != NULL ? t[j].known : "deliberate", t[j].cases);
	}
	free(row_used);
	free(row_seen);

	if (rep.nunexplained > 0)
		atf_tc_fail("valgrind %s: %d unexplained difference(s): %s%s%s", version,
		    rep.nunexplained, rep.unexplained,
		    rep.nexplained > 0 ? "; explained: " : "",
		    rep.nexplained > 0 ? rep.explained : "");
	if (rep.nexplained > 0) {
		char *why = NULL;
		size_t wlen = 0;
		int i;

		for (i = 0; i < rep.nissues; i++) {
			const struct kc_known_row *kr = kc_known(rep.issues[i]);

			ATF_REQUIRE_MSG(kr != NULL, "known-issues table has no row '%s'",
			    rep.issues[i]);
			par_append(&why, &wlen, "%s: %s", kr->tracker, kr->what);
		}
		if (rep.nissues == 1)
			kc_known_expect_fail(rep.issues[0], version);
		else
			kc_expect_fail("%s; valgrind %s", why, version);
		free(why);
		/* The expected-failure reason above names the version. */
		atf_tc_fail("%d difference(s) under valgrind, each a known issue: %s",
		    rep.nexplained, rep.explained);
	}
	free(rep.unexplained);
	free(rep.explained);
}

/* The kernel case's cleanup once more, natively: it ran after each run, but
 * a body that kyua killed on its timeout did not get there. */
static void
par_cleanup(const atf_tc_t *tc)
{
	const struct par_kcase *k = par_kcase_of(tc);
	char path[PATH_MAX], srcvar[PATH_MAX + 8], cname[160];
	const char *vars[2];
	struct kc_atf_opts o;
	struct kc_atf_result r;

	par_kernel_path(atf_tc_get_config_var(tc, "srcdir"), path, sizeof(path));
	snprintf(srcvar, sizeof(srcvar), "srcdir=%s", path);
	*strrchr(srcvar, '/') = '\0';
	vars[0] = srcvar;
	vars[1] = NULL;
	memset(&o, 0, sizeof(o));
	o.vars = vars;
	o.timeout_ms = PAR_TIMEOUT_MS;
	snprintf(cname, sizeof(cname), "%s:cleanup", k->name);
	(void)kc_atf_run(path, cname, &o, &r);
}

/*
 * The kernel program's cases (`prog -l`: "ident: <name>" starts a case,
 * "has.cleanup: true" marks one with a cleanup, "timeout: <s>" gives its
 * deadline) into par_kcases.  Returns how many, or -1 with errno.
 */
static int
par_list_run(const char *prog)
{
	char cmd[PATH_MAX + 16], line[512];
	int n = 0, st;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "'%s' -l", prog);
	f = popen(cmd, "r");
	if (f == NULL)
		return (-1);
	while (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "ident: ", 7) == 0) {
			if (n >= PAR_MAXCASES || strlen(line + 7) >= sizeof(par_kcases[0].name)) {
				(void)pclose(f);
				errno = E2BIG;
				return (-1);
			}
			memcpy(par_kcases[n].name, line + 7, strlen(line + 7) + 1);
			n++;
		} else if (n > 0 && strcmp(line, "has.cleanup: true") == 0) {
			par_kcases[n - 1].cleanup = true;
		} else if (n > 0 && strncmp(line, "timeout: ", 9) == 0 &&
		    strtoul(line + 9, NULL, 10) > KC_CASE_MARGIN_S) {
			par_kcases[n - 1].deadline_s =
			    (unsigned)strtoul(line + 9, NULL, 10) - KC_CASE_MARGIN_S;
		}
	}
	st = pclose(f);
	if (st != 0 || n == 0) {
		errno = st != 0 ? ECHILD : ENOENT;
		return (-1);
	}
	return (n);
}

/*
 * The listing cache (with the config variable vgrun_cache, one directory
 * per run): the kernel program's listing is the same for every parity case
 * of the program in a run, so the first to list it (kyua's listing of this
 * program, which gets the run's config too) stores par_kcases in
 * <vgrun_cache>/parlist-<hash>, and the parity cases read it instead of
 * running `prog -l` each.  The listing depends on the kernel program (path
 * and file: a rebuilt one is another entry) and on KC_DEADLINE_SCALE (its
 * timeouts, kc_case_head); it gets no config variable.  That is the
 * entry's identity, hashed into its name and stored in its second line:
 *
 *	kconform parity listing 1
 *	id <identity>
 *	case <cleanup 0|1> <deadline_s> <name>	(one per case, in order)
 *	end <number of cases>
 *
 * written to a temporary name and renamed, so a reader sees a whole entry
 * or none.  An entry that cannot be read or does not parse as exactly this
 * is not trusted: the case says so on stderr, naming the file, lists the
 * program itself and replaces the entry.  A listing that fails is not
 * cached: each case then fails to list, as without the cache.
 */
#define PAR_CACHE_MAGIC	"kconform parity listing 1"

/* The entry's identity into id and its path into path; -1 if prog is not
 * a file (then there is no entry: the listing itself will say why). */
static int
par_cache_entry(const char *cache, const char *prog, char *id, size_t idlen,
    char *path, size_t pathlen)
{
	const char *scale = getenv("KC_DEADLINE_SCALE");
	struct stat st;
	int w;

	if (stat(prog, &st) != 0)
		return (-1);
	w = snprintf(id, idlen, "prog=%s scale=%s file=%llu:%llu:%lld:%lld.%09ld", prog,
	    scale != NULL ? scale : "-", (unsigned long long)st.st_dev,
	    (unsigned long long)st.st_ino, (long long)st.st_size,
	    (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	if (w < 0 || (size_t)w >= idlen || strchr(id, '\n') != NULL)
		return (-1);
	w = snprintf(path, pathlen, "%s/parlist-%016llx", cache, kc_hash_str(KC_HASH_INIT, id));
	return (w < 0 || (size_t)w >= pathlen ? -1 : 0);
}

/* s, all decimal digits (at most 9), into *v. */
static bool
par_cache_uint(const char *s, unsigned *v)
{
	size_t w = strspn(s, "0123456789");

	if (w == 0 || w > 9 || s[w] != '\0')
		return (false);
	*v = (unsigned)strtoul(s, NULL, 10);
	return (true);
}

/* An entry's "case <cleanup 0|1> <deadline_s> <name>" line into k. */
static bool
par_cache_case(const char *line, struct par_kcase *k)
{
	char num[16];
	const char *d, *name;
	size_t w;

	if (strncmp(line, "case ", 5) != 0 || (line[5] != '0' && line[5] != '1') ||
	    line[6] != ' ')
		return (false);
	d = line + 7;
	w = strspn(d, "0123456789");
	if (w == 0 || w >= sizeof(num) || d[w] != ' ')
		return (false);
	memcpy(num, d, w);
	num[w] = '\0';
	name = d + w + 1;
	if (!par_cache_uint(num, &k->deadline_s) || name[0] == '\0' ||
	    strlen(name) >= sizeof(k->name) ||
	    strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") !=
	    strlen(name))
		return (false);
	memcpy(k->name, name, strlen(name) + 1);
	k->cleanup = line[5] == '1';
	return (true);
}

/*
 * Entry path into par_kcases: the number of cases; 0 when there is none
 * yet; -1 when it is unreadable or malformed, with the reason in why.
 */
static int
par_cache_read(const char *path, const char *id, char *why, size_t whylen)
{
	char line[PATH_MAX + 256];
	unsigned end = UINT_MAX;
	int n = 0, ln = 0;
	FILE *f;

	f = fopen(path, "r");
	if (f == NULL && errno == ENOENT)
		return (0);
	if (f == NULL) {
		snprintf(why, whylen, "%s", strerror(errno));
		return (-1);
	}
	why[0] = '\0';
	while (why[0] == '\0' && fgets(line, sizeof(line), f) != NULL) {
		size_t len = strlen(line);

		ln++;
		if (len == 0 || line[len - 1] != '\n') {
			snprintf(why, whylen, "line %d is cut short", ln);
			break;
		}
		line[len - 1] = '\0';
		if (end != UINT_MAX)
			snprintf(why, whylen, "line %d follows the end line", ln);
		else if (ln == 1) {
			if (strcmp(line, PAR_CACHE_MAGIC) != 0)
				snprintf(why, whylen, "line 1 is not '%s'", PAR_CACHE_MAGIC);
		} else if (ln == 2) {
			if (strncmp(line, "id ", 3) != 0 || strcmp(line + 3, id) != 0)
				snprintf(why, whylen, "line 2 is not this entry's id");
		} else if (strncmp(line, "case ", 5) == 0) {
			if (n >= PAR_MAXCASES)
				snprintf(why, whylen, "more than %d cases", PAR_MAXCASES);
			else if (!par_cache_case(line, &par_kcases[n]))
				snprintf(why, whylen, "line %d does not parse: '%.80s'", ln, line);
			else
				n++;
		} else if (strncmp(line, "end ", 4) == 0 && par_cache_uint(line + 4, &end)) {
			if (end != (unsigned)n || n == 0)
				snprintf(why, whylen, "end line says %u cases, %d listed", end, n);
		} else {
			snprintf(why, whylen, "line %d does not parse: '%.80s'", ln, line);
		}
	}
	if (why[0] == '\0' && ferror(f))
		snprintf(why, whylen, "%s", strerror(errno));
	else if (why[0] == '\0' && end == UINT_MAX)
		snprintf(why, whylen, "no end line (%d lines)", ln);
	(void)fclose(f);
	if (why[0] != '\0') {
		memset(par_kcases, 0, sizeof(par_kcases));
		return (-1);
	}
	return (n);
}

/* The n cases of par_kcases into entry path (temporary name, rename); 0,
 * or -1 with errno. */
static int
par_cache_write(const char *path, const char *id, int n)
{
	char tmp[PATH_MAX + 16];
	int fd, i, e;
	FILE *f;

	if (snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path) >= (int)sizeof(tmp)) {
		errno = ENAMETOOLONG;
		return (-1);
	}
	fd = mkstemp(tmp);
	if (fd < 0)
		return (-1);
	f = fdopen(fd, "w");
	if (f == NULL) {
		e = errno;
		(void)close(fd);
		(void)unlink(tmp);
		errno = e;
		return (-1);
	}
	fprintf(f, "%s\nid %s\n", PAR_CACHE_MAGIC, id);
	for (i = 0; i < n; i++)
		fprintf(f, "case %d %u %s\n", par_kcases[i].cleanup ? 1 : 0,
		    par_kcases[i].deadline_s, par_kcases[i].name);
	fprintf(f, "end %d\n", n);
	if (ferror(f)) {
		e = errno;
		(void)fclose(f);
		(void)unlink(tmp);
		errno = e;
		return (-1);
	}
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		e = errno;
		(void)unlink(tmp);
		errno = e;
		return (-1);
	}
	return (0);
}

/*
 * The kernel program's cases into par_kcases, from the listing cache of
 * directory cache (NULL: none) or `prog -l`.  Returns how many, or -1 with
 * errno and what failed in failed.
 */
static int
par_list(const char *prog, const char *cache, char *failed, size_t failedlen)
{
	char id[PATH_MAX + 128], path[PATH_MAX + 32], why[256];
	int n;

	snprintf(failed, failedlen, "listing the cases of %s", prog);
	if (cache == NULL || par_cache_entry(cache, prog, id, sizeof(id), path,
	    sizeof(path)) != 0)
		return (par_list_run(prog));
	n = par_cache_read(path, id, why, sizeof(why));
	if (n > 0)
		return (n);
	if (n < 0)
		fprintf(stderr, "%s: listing cache %s not used: %s; listing %s\n",
		    KC_PARITY_PROG, path, why, prog);
	n = par_list_run(prog);
	if (n < 0)
		return (-1);
	if (par_cache_write(path, id, n) != 0) {
		snprintf(failed, failedlen, "writing the listing cache %s (vgrun_cache)",
		    path);
		return (-1);
	}
	return (n);
}

/*
 * One parity case per case of the kernel program, registered at run time
 * with the case macro's machinery (kc_case_add: head with descr and timeout,
 * hygiene, a watchdog of PAR_DEADLINE_S) under the kernel case's name.
 * This runs at every start of the program (kyua's listing, then each case
 * and cleanup): the kernel program's cases come from par_list, with
 * vgrun_cache from the run's listing cache (one `prog -l` per kernel
 * program and run), else from `prog -l`.  A kernel program that cannot be
 * listed makes this program fail to list, so kyua reports it broken (and a
 * case of it run anyway ends broken, never skipped).
 */
ATF_TP_ADD_TCS(tp)
{
	char **config = atf_tp_get_config(tp), path[PATH_MAX], failed[PATH_MAX + 128];
	const char *srcdir = NULL, *cache = NULL;
	atf_error_t err = atf_no_error();
	int n, i;

	if (config == NULL)
		return (atf_no_memory_error());
	for (i = 0; config[i] != NULL && config[i + 1] != NULL; i += 2) {
		if (strcmp(config[i], "srcdir") == 0)
			srcdir = config[i + 1];
		else if (strcmp(config[i], "vgrun_cache") == 0)
			cache = config[i + 1];
	}
	if (srcdir == NULL) {
		atf_utils_free_charpp(config);
		return (atf_libc_error(ENOENT, "no srcdir in the configuration"));
	}
	par_kernel_path(srcdir, path, sizeof(path));
	n = par_list(path, cache, failed, sizeof(failed));
	if (n < 0) {
		err = atf_libc_error(errno, "%s", failed);
		atf_utils_free_charpp(config);
		return (err);
	}
	for (i = 0; i < n && !atf_is_error(err); i++) {
		int w = snprintf(par_descrs[i], sizeof(par_descrs[i]), "cases/%s:%s gives "
		    "the same verdict under Valgrind as natively, and Valgrind reports no "
		    "error it does not declare", KC_PARITY_PROG, par_kcases[i].name);

		if (w < 0 || (size_t)w >= sizeof(par_descrs[i])) {
			err = atf_libc_error(ENAMETOOLONG, "descr of %s too long",
			    par_kcases[i].name);
			break;
		}
		par_mds[i].descr = par_descrs[i];
		par_mds[i].deadline_s = PAR_DEADLINE_S;
		err = kc_case_add(tp, &par_tcs[i], par_kcases[i].name, &par_mds[i], par_body,
		    par_kcases[i].cleanup ? par_cleanup : NULL, (const char *const *)config);
	}
	atf_utils_free_charpp(config);
	return (err);
}
