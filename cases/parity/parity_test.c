/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Valgrind parity: every case of every kernel program (cases/pidfd,
 * cases/clone3) runs natively and under this environment's Valgrind, and the
 * verdicts must match, with no Valgrind error report.  Each difference and
 * each report must be declared in the parity table (lib/kc_parity.c): a
 * Valgrind bug (known-issues row, scoped by version) makes the case an
 * expected failure, a deliberately provoked report is accepted, anything
 * else fails naming the case.
 */
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

#include "kc_atfrun.h"
#include "kc_known.h"
#include "kc_file.h"
#include "kc_macros.h"
#include "kc_parity.h"
#include "kc_sandbox.h"
#include "kc_vgrun.h"
#include "kc_vgxml.h"

#define PAR_MAXCASES	64
#define PAR_MAXRULES	8
#define PAR_BUDGET_S	540	/* below the Kyuafile timeout (600) */
#define PAR_QUOTE	320	/* bytes of Valgrind's log quoted per case */

/* What one kernel case did on both sides. */
struct par_case {
	char			name[128];
	char			id[192];	/* "<dir>/<prog>:<case>" */
	struct kc_atf_result	nat, vg;
};

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

/* The case names of prog (`prog -l`, lines "ident: <name>"). */
static size_t
par_list(const char *prog, struct par_case *c, size_t max)
{
	char cmd[PATH_MAX + 16], line[512];
	size_t n = 0;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "'%s' -l", prog);
	f = popen(cmd, "r");
	ATF_REQUIRE_MSG(f != NULL, "%s: %s", cmd, strerror(errno));
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, "ident: ", 7) != 0)
			continue;
		line[strcspn(line, "\n")] = '\0';
		ATF_REQUIRE_MSG(n < max, "%s has more than %zu cases", prog, max);
		ATF_REQUIRE_MSG(strlen(line + 7) < sizeof(c[n].name),
		    "%s: case name too long: %s", prog, line + 7);
		memcpy(c[n].name, line + 7, strlen(line + 7) + 1);
		n++;
	}
	ATF_REQUIRE_MSG(pclose(f) == 0, "%s failed", cmd);
	return (n);
}

/*
 * The Valgrind-side seccomp rules of the selftest knob `parity_vg_seccomp`
 * ("clone:EPERM,waitid:ENOSYS"): a fault injected into the Valgrind run
 * only, which must make the parity case fail.
 */
static size_t
par_vg_rules(const atf_tc_t *tc, struct kc_sandbox_rule *r, size_t max)
{
	static const struct { const char *name; int err; } errs[] = {
		{ "EPERM", EPERM }, { "ENOSYS", ENOSYS }, { "EINVAL", EINVAL },
		{ "EFAULT", EFAULT }, { "EACCES", EACCES },
	};
	static char spec[512];
	char *tok, *save, *colon;
	size_t n = 0, i;

	if (!atf_tc_has_config_var(tc, "parity_vg_seccomp"))
		return (0);
	snprintf(spec, sizeof(spec), "%s", atf_tc_get_config_var(tc, "parity_vg_seccomp"));
	for (tok = strtok_r(spec, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
		colon = strchr(tok, ':');
		ATF_REQUIRE_MSG(colon != NULL && n < max,
		    "parity_vg_seccomp: '%s' is not <syscall>:<errno>", tok);
		*colon++ = '\0';
		memset(&r[n], 0, sizeof(r[n]));
		r[n].syscall = tok;
		r[n].err = -1;
		for (i = 0; i < sizeof(errs) / sizeof(errs[0]); i++) {
			if (strcmp(colon, errs[i].name) == 0)
				r[n].err = errs[i].err;
		}
		ATF_REQUIRE_MSG(r[n].err != -1, "parity_vg_seccomp: unknown errno '%s'", colon);
		n++;
	}
	return (n);
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
 * The Valgrind errors of one run, from its XML report `xmlname`, each
 * explained by a VGERROR row or recorded as unexplained.  The case's forked
 * children run under Valgrind too and share the report: each appends its
 * errors and, at its exit, a <status> and a </valgrindoutput> of its own;
 * only the last closing tag is kept.  (A per-process file name, %p, is no
 * way out: Valgrind 3.19 leaves the child's re-opened file at the lowest
 * free fd, where the client sees it.)  A report that does not parse even
 * so is read only for "<error>".  Returns the number of errors; removes
 * the file.
 */
static int
par_vg_errors(const char *xmlname, const struct par_case *c, const char *version,
    bool *row_used, struct par_report *rep, const char *quote)
{
	unsigned nrows;
	const struct kc_parity_row *t = kc_parity_table(&nrows);
	static const char close_tag[] = "</valgrindoutput>";
	struct kc_vg_report r;
	char err[256], *raw, *p, *last = NULL;
	int nerr = 0, i;
	size_t len;

	raw = kc_file_slurp(xmlname);
	if (raw == NULL)
		return (0);	/* Valgrind did not start (the run is broken) */
	RL(unlink(xmlname));
	for (p = strstr(raw, close_tag); p != NULL; p = strstr(p + 1, close_tag))
		last = p;
	for (p = strstr(raw, close_tag); p != NULL && p != last; p = strstr(p, close_tag))
		memset(p, ' ', sizeof(close_tag) - 1);
	len = strlen(raw);
	if (kc_vgxml_parse(raw, len, &r, err, sizeof(err)) != 0) {
		if (strstr(raw, "<error>") != NULL) {
			nerr++;
			rep->nunexplained++;
			par_append(&rep->unexplained, &rep->ulen, "%s: valgrind's report "
			    "has an error but does not parse (%s)%s",
			    c->name, err, quote);
		}
		free(raw);
		return (nerr);
	}
	free(raw);
	for (i = 0; i < r.nerrors; i++) {
		const struct kc_vg_error *e = &r.errors[i];
		const struct kc_vg_frame *f = kc_vg_top_frame(e, 0);
		const struct kc_parity_row *row;

		if (strncmp(e->kind, "Leak_", 5) == 0)
			continue;	/* see --errors-for-leak-kinds in parity_run */
		nerr++;
		row = kc_parity_explain_error(c->id, c->nat.verdict, e->kind, e->what,
		    version);
		if (row != NULL) {
			row_used[row - t] = true;
			if (row->known == NULL)
				continue;	/* declared, deliberate */
			par_issue(rep, row->known);
			rep->nexplained++;
			par_append(&rep->explained, &rep->elen, "%s: valgrind %s: %s (%s)",
			    c->name, e->kind, e->what != NULL ? e->what : "", row->known);
			continue;
		}
		rep->nunexplained++;
		par_append(&rep->unexplained, &rep->ulen,
		    "%s: valgrind reported %s: %s at %s (%s:%d)%s",
		    c->name, e->kind, e->what != NULL ? e->what : "",
		    f != NULL && f->fn != NULL ? f->fn : "?",
		    f != NULL && f->file != NULL ? f->file : "?", f != NULL ? f->line : 0,
		    quote);
	}
	kc_vgxml_free(&r);
	return (nerr);
}

static long
par_elapsed_s(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return ((long)(t1.tv_sec - t0->tv_sec));
}

/*
 * The parity check of one kernel program (ATF): see the file comment.
 * timeout_s is the program's Kyuafile timeout, used per launch.
 */
static void
parity_run(const atf_tc_t *tc, const char *dir, const char *prog, int timeout_s)
{
	struct kc_sandbox_rule rules[PAR_MAXRULES];
	struct par_case *c;
	struct par_report rep;
	struct timespec t0;
	const struct kc_parity_row *t;
	const char *version, *vars[3], *wrapper[12];
	char path[PATH_MAX], progid[128], srcvar[PATH_MAX + 8], qvar[128];
	char xmlarg[64], logarg[64], logname[32], xmlname[32], text[PAR_QUOTE];
	char quote[PAR_QUOTE + 16];
	bool *row_used, *row_seen;
	unsigned nrows, k;
	size_t n, i, nrules;
	int nv = 0;

	version = kc_vgrun_require(tc);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	snprintf(progid, sizeof(progid), "%s/%s", dir, prog);
	snprintf(path, sizeof(path), "%s/../%s/%s",
	    atf_tc_get_config_var(tc, "srcdir"), dir, prog);
	ATF_REQUIRE_MSG(access(path, X_OK) == 0, "kernel program %s: %s", path,
	    strerror(errno));
	c = calloc(PAR_MAXCASES, sizeof(*c));
	ATF_REQUIRE(c != NULL);
	n = par_list(path, c, PAR_MAXCASES);
	ATF_REQUIRE_MSG(n > 0, "%s lists no cases", path);
	nrules = par_vg_rules(tc, rules, PAR_MAXRULES);
	t = kc_parity_table(&nrows);
	row_used = calloc(nrows, sizeof(bool));
	row_seen = calloc(nrows, sizeof(bool));
	ATF_REQUIRE(row_used != NULL && row_seen != NULL);
	memset(&rep, 0, sizeof(rep));

	/* The kernel cases get the config a kyua run would give them. */
	snprintf(srcvar, sizeof(srcvar), "srcdir=%s/../%s",
	    atf_tc_get_config_var(tc, "srcdir"), dir);
	vars[nv++] = srcvar;
	if (atf_tc_has_config_var(tc, "qemu_user_version")) {
		snprintf(qvar, sizeof(qvar), "qemu_user_version=%s",
		    atf_tc_get_config_var(tc, "qemu_user_version"));
		vars[nv++] = qvar;
	}
	vars[nv] = NULL;

	for (i = 0; i < n; i++) {
		struct kc_atf_opts no, vo;
		const struct kc_parity_row *row = NULL;
		long left = PAR_BUDGET_S - par_elapsed_s(&t0);
		char *log;
		bool differ;
		int nerr;

		snprintf(c[i].id, sizeof(c[i].id), "%s:%s", progid, c[i].name);
		if (left < 2 * 5) {
			rep.nunexplained++;
			par_append(&rep.unexplained, &rep.ulen, "time budget of %d s "
			    "exhausted before %s", PAR_BUDGET_S, c[i].name);
			break;
		}
		memset(&no, 0, sizeof(no));
		no.vars = vars;
		no.timeout_ms = (int)(timeout_s < left / 2 ? timeout_s : left / 2) * 1000;
		ATF_REQUIRE_MSG(kc_atf_run(path, c[i].name, &no, &c[i].nat) == 0,
		    "running %s natively: %s", c[i].id, strerror(errno));

		snprintf(logname, sizeof(logname), "parity.%zu.log", i);
		snprintf(xmlname, sizeof(xmlname), "parity.%zu.xml", i);
		snprintf(logarg, sizeof(logarg), "--log-file=%s", logname);
		snprintf(xmlarg, sizeof(xmlarg), "--xml-file=%s", xmlname);
		k = 0;
		wrapper[k++] = kc_vgrun_valgrind();
		wrapper[k++] = "-q";
		wrapper[k++] = "--vgdb=no";
		wrapper[k++] = "--error-exitcode=99";
		/* Leaks are no syscall-wrapper matter.  With --xml=yes a forked
		 * child that _exit()s with threads alive still reports "possibly
		 * lost" blocks (3.24, 3.27.1; even with --leak-check=no) and, as
		 * errors, would exit 99 instead of with its code: leak kinds are
		 * not errors here, and par_vg_errors ignores them. */
		wrapper[k++] = "--leak-check=no";
		wrapper[k++] = "--errors-for-leak-kinds=none";
		wrapper[k++] = "--xml=yes";
		wrapper[k++] = xmlarg;
		wrapper[k++] = logarg;
		wrapper[k] = NULL;
		vo = no;
		vo.wrapper = wrapper;
		vo.rules = nrules > 0 ? rules : NULL;
		vo.nrules = nrules;
		ATF_REQUIRE_MSG(kc_atf_run(path, c[i].name, &vo, &c[i].vg) == 0,
		    "running %s under valgrind: %s", c[i].id, strerror(errno));
		log = kc_file_slurp(logname);
		par_quote_log(log != NULL ? log : "", text, sizeof(text));
		snprintf(quote, sizeof(quote), "%s%s%s", text[0] != '\0' ?
		    " [valgrind: " : "", text, text[0] != '\0' ? "]" : "");
		free(log);
		if (access(logname, F_OK) == 0)
			RL(unlink(logname));

		/*
		 * Verdicts.  A case skipped natively tested nothing here (the
		 * feature is absent in this environment, e.g. under a sandbox
		 * profile), so a Valgrind-side skip, whatever probe it stopped
		 * at first, is no difference.
		 */
		differ = c[i].nat.verdict != c[i].vg.verdict;
		if (differ) {
			row = kc_parity_explain_verdict(c[i].id, c[i].nat.verdict,
			    c[i].vg.verdict, c[i].vg.reason, version);
			if (row != NULL) {
				row_used[row - t] = true;
				par_issue(&rep, row->known);
				rep.nexplained++;
				par_append(&rep.explained, &rep.elen, "%s: valgrind %s: %s (%s)",
				    c[i].name, kc_verdict_name(c[i].vg.verdict),
				    c[i].vg.reason, row->known);
			} else {
				rep.nunexplained++;
				par_append(&rep.unexplained, &rep.ulen,
				    "%s: native %s%s%s, valgrind %s: %s%s",
				    c[i].name, kc_verdict_name(c[i].nat.verdict),
				    c[i].nat.reason[0] != '\0' ? ": " : "", c[i].nat.reason,
				    kc_verdict_name(c[i].vg.verdict), c[i].vg.reason, quote);
			}
		}
		/* Rows this case exercised: it had the row's native verdict and
		 * no other row explained it away. */
		for (k = 0; k < nrows; k++) {
			if (!kc_parity_row_covers(&t[k], c[i].id) ||
			    t[k].native != c[i].nat.verdict)
				continue;
			if (t[k].what == KC_PARITY_VERDICT ? (row == NULL || row == &t[k]) :
			    !differ)
				row_seen[k] = true;
		}

		/* Valgrind's error reports, from every process of the case. */
		nerr = par_vg_errors(xmlname, &c[i], version, row_used, &rep, quote);
		if (nerr == 0 && c[i].vg.exited && c[i].vg.status == KC_VGRUN_ERREXIT) {
			rep.nunexplained++;
			par_append(&rep.unexplained, &rep.ulen, "%s: valgrind exited %d "
			    "but its XML reports hold no error%s",
			    c[i].name, KC_VGRUN_ERREXIT, quote);
		}
	}

	/* An applicable row that explained nothing although its cases ran:
	 * the expected difference did not occur (fixed?  update the range). */
	for (k = 0; k < nrows; k++) {
		if (!kc_parity_row_covers_program(&t[k], progid) ||
		    !kc_parity_row_applies(&t[k], version) || !row_seen[k] || row_used[k])
			continue;
		rep.nunexplained++;
		if (t[k].what == KC_PARITY_VERDICT)
			par_append(&rep.unexplained, &rep.ulen, "expected difference did "
			    "not occur: %s valgrind %s '%s' (%s applies to valgrind %s)",
			    t[k].cases, kc_verdict_name(t[k].vg), t[k].text,
			    t[k].known, version);
		else
			par_append(&rep.unexplained, &rep.ulen, "expected valgrind report "
			    "did not occur: %s %s '%s' (%s)", t[k].cases, t[k].vgkind,
			    t[k].text, t[k].known != NULL ? t[k].known : "deliberate");
	}
	free(row_used);
	free(row_seen);
	free(c);

	if (rep.nunexplained > 0)
		atf_tc_fail("valgrind %s: %d unexplained difference(s): %s%s%s", version,
		    rep.nunexplained, rep.unexplained,
		    rep.nexplained > 0 ? "; explained: " : "",
		    rep.nexplained > 0 ? rep.explained : "");
	if (rep.nexplained > 0) {
		char *why = NULL;
		size_t wlen = 0;
		int j;

		for (j = 0; j < rep.nissues; j++) {
			const struct kc_known_row *kr = kc_known(rep.issues[j]);

			ATF_REQUIRE_MSG(kr != NULL, "known-issues table has no row '%s'",
			    rep.issues[j]);
			par_append(&why, &wlen, "%s: %s", kr->tracker, kr->what);
		}
		if (rep.nissues == 1)
			kc_known_expect_fail(rep.issues[0], version);
		else
			atf_tc_expect_fail("%s", why);
		free(why);
		atf_tc_fail("valgrind %s: %d difference(s), each a known issue: %s",
		    version, rep.nexplained, rep.explained);
	}
	free(rep.unexplained);
	free(rep.explained);
}

/*
 * One case per kernel program; each states which Valgrind wrappers it
 * validates.  selftest/parity fails when a built program has no case here.
 */
#define PARITY_CASE(dir, prog, tmo, what)					\
ATF_TC(parity__##prog);								\
ATF_TC_HEAD(parity__##prog, tc)							\
{										\
	atf_tc_set_md_var(tc, "descr", "cases/" dir "/" #prog			\
	    " gives the same verdicts under Valgrind as natively (" what ")");	\
}										\
ATF_TC_BODY(parity__##prog, tc)							\
{										\
	parity_run(tc, dir, #prog, tmo);					\
}

/* Legacy clone(2) with CLONE_PIDFD: Valgrind's clone wrapper writes the slot. */
PARITY_CASE("pidfd", clone_pidfd_test, 60, "clone with CLONE_PIDFD")
/* Go's pidfd probe sequence sees what it would natively. */
PARITY_CASE("pidfd", go_probe_test, 30, "Go's pidfd probe")
/* pidfd_getfd(2) behaves as natively. */
PARITY_CASE("pidfd", pidfd_getfd_test, 60, "pidfd_getfd")
/* PIDFD_GET_INFO ioctls pass through Valgrind's ioctl handling. */
PARITY_CASE("pidfd", pidfd_info_test, 30, "pidfd ioctls")
/* pidfd_open(2) behaves as natively. */
PARITY_CASE("pidfd", pidfd_open_test, 30, "pidfd_open")
/* poll/epoll on a pidfd behave as natively. */
PARITY_CASE("pidfd", pidfd_poll_test, 60, "poll and epoll on pidfds")
/* pidfd_send_signal(2) behaves as natively. */
PARITY_CASE("pidfd", pidfd_send_signal_test, 60, "pidfd_send_signal")
/* A vfork-style clone shares memory and suspends the parent as natively. */
PARITY_CASE("pidfd", vfork_pidfd_test, 60, "vfork-style clone")
/* waitid(P_PIDFD) behaves as natively. */
PARITY_CASE("pidfd", waitid_pidfd_test, 60, "waitid P_PIDFD")
/* clone3 CLONE_INTO_CGROUP behaves as natively. */
PARITY_CASE("clone3", clone3_cgroup_test, 60, "clone3 CLONE_INTO_CGROUP")
/* clone3 CLONE_CLEAR_SIGHAND behaves as natively. */
PARITY_CASE("clone3", clone3_clear_sighand_test, 60, "clone3 CLONE_CLEAR_SIGHAND")
/* The clone3 degradation contract (works or ENOSYS) holds under Valgrind. */
PARITY_CASE("clone3", clone3_contract_test, 60, "the clone3 ENOSYS contract")
/* clone3 flag validation behaves as natively. */
PARITY_CASE("clone3", clone3_flags_test, 60, "clone3 flag checks")
/* CLONE_NEWTIME via clone3, and legacy clone's exit-signal bits. */
PARITY_CASE("clone3", clone3_newtime_test, 60, "CLONE_NEWTIME and legacy clone")
/* clone3 CLONE_PIDFD behaves as natively. */
PARITY_CASE("clone3", clone3_pidfd_test, 60, "clone3 CLONE_PIDFD")
/* clone3 set_tid behaves as natively. */
PARITY_CASE("clone3", clone3_set_tid_test, 60, "clone3 set_tid")
/* clone3's struct size handling behaves as natively. */
PARITY_CASE("clone3", clone3_size_test, 60, "clone3 argument size")
/* clone3's stack arguments behave as natively. */
PARITY_CASE("clone3", clone3_stack_test, 60, "clone3 stack")
/* The clone3 flags of Linux 7.1 behave as natively. */
PARITY_CASE("clone3", clone3_v71_flags_test, 60, "clone3 7.1 flags")
/* A vfork-style clone3 behaves as natively. */
PARITY_CASE("clone3", clone3_vfork_test, 60, "vfork-style clone3")

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, parity__clone_pidfd_test);
	ATF_TP_ADD_TC(tp, parity__go_probe_test);
	ATF_TP_ADD_TC(tp, parity__pidfd_getfd_test);
	ATF_TP_ADD_TC(tp, parity__pidfd_info_test);
	ATF_TP_ADD_TC(tp, parity__pidfd_open_test);
	ATF_TP_ADD_TC(tp, parity__pidfd_poll_test);
	ATF_TP_ADD_TC(tp, parity__pidfd_send_signal_test);
	ATF_TP_ADD_TC(tp, parity__vfork_pidfd_test);
	ATF_TP_ADD_TC(tp, parity__waitid_pidfd_test);

	ATF_TP_ADD_TC(tp, parity__clone3_cgroup_test);
	ATF_TP_ADD_TC(tp, parity__clone3_clear_sighand_test);
	ATF_TP_ADD_TC(tp, parity__clone3_contract_test);
	ATF_TP_ADD_TC(tp, parity__clone3_flags_test);
	ATF_TP_ADD_TC(tp, parity__clone3_newtime_test);
	ATF_TP_ADD_TC(tp, parity__clone3_pidfd_test);
	ATF_TP_ADD_TC(tp, parity__clone3_set_tid_test);
	ATF_TP_ADD_TC(tp, parity__clone3_size_test);
	ATF_TP_ADD_TC(tp, parity__clone3_stack_test);
	ATF_TP_ADD_TC(tp, parity__clone3_v71_flags_test);
	ATF_TP_ADD_TC(tp, parity__clone3_vfork_test);

	return (atf_no_error());
}
