/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The fault table (faults.txt next to this program): every case of every
 * conformance program has a row, every row names a case that exists, and
 * every row's fault turns its case into "failed".  Writes
 * "proven able to fail: N of M cases (K n/a)" to proven.txt in the build
 * directory, where `make selftest` prints it.
 *
 * A row is one line, words separated by blanks:
 *
 *	<dir>/<prog>:<case>  <fault>...  failed
 *	<dir>/<prog>:<case>  n/a: <reason>
 *
 * A fault is one of
 *	rule=SYSCALL[:COND,...]:errno=E		a seccomp rule (kc_sandbox.h);
 *						several are all installed
 *	profile=NAME				a kc_sandbox profile
 *	var=NAME=VALUE				a config variable (-v); @B@ in
 *						VALUE is the build root
 *	env=NAME=VALUE				an environment variable of the
 *						run (h_vg_rules reads KC_VG_RULES)
 *	nobody					run as uid/gid 65534
 *	arch=SET				evaluate the row only where this
 *						build's arch (KC_ARCH_NAME) is in
 *						SET; several: all must hold
 *	@NAME					the words of a named fault
 *
 * Two directives, each defined before its first use:
 *
 *	@arch SET ARCH,ARCH,...  <reason>	an arch set: the arches where
 *						a row's constants hold, and why
 *	@fault NAME <fault>...			a named fault (no @NAME, no
 *						arch= inside)
 *
 * A row whose arch sets exclude this arch is not run: it is printed with
 * the set's reason and counted as "not evaluated on <arch>" (its faults
 * are not even parsed: a syscall it names may not exist here).  So is,
 * on a build without arch facts only (NOFACTS_SKIP), a row whose case
 * skips.
 * The valgrind config variable of this run is passed on to every row.
 * With the config variable faults_only=PREFIX only the rows whose id
 * starts with PREFIX run (the coverage checks still see every row), and
 * no count is written.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_arch.h"
#include "kc_atfrun.h"
#include "kc_sandbox.h"

#define MAXROWS		512
#define MAXCASES	512
#define MAXFAULTS	12
#define PARALLEL	2	/* rows run at once (the CI machines have 2 cores) */
#define MAXDEFS		32

/*
 * A build without a lib/arch/<arch>/ folder (lib/arch/generic: no arch
 * facts, every routine a fallback) skips each case that needs a fact or a
 * routine, naming what is missing: there such a skip under a row's fault
 * is "not evaluated" (reported with the skip's reason), not a defect of the
 * row.  On every port a skip under the fault is a defect.
 */
#ifdef KC_ARCH_GENERIC
#define NOFACTS_SKIP	1
#else
#define NOFACTS_SKIP	0
#endif

/* An @arch set or an @fault definition. */
struct def {
	char		 name[64];
	char		 arches[256];		/* @arch: ",x86_64,aarch64," */
	char		 text[512];		/* @arch: the reason; @fault: the words */
};

struct row {
	unsigned	 line;
	char		 id[192];
	int		 na;
	char		 text[1024];		/* the faults, or the n/a reason */
	char		 words[1024];		/* the faults, split in place */
	struct kc_sandbox_rule rules[MAXFAULTS];
	size_t		 nrules;
	const char	*profile;
	const char	*vars[MAXFAULTS + 2];
	char		 varbuf[MAXFAULTS][PATH_MAX];
	size_t		 nvars;
	int		 nobody;
	const char	*notarch;		/* the reason of the set excluding this arch */
	char		*env[MAXFAULTS];
	size_t		 nenv;
	int		 matched;		/* a case has this id */
};

struct tcase {
	char		 id[192];
	char		 prog[PATH_MAX];	/* path of the built program */
	int		 timeout_s;		/* its program's timeout */
	struct row	*row;
};

static struct row rows[MAXROWS];
static struct tcase cases[MAXCASES];
static size_t nrows, ncases;
static struct def archsets[MAXDEFS], faultdefs[MAXDEFS];
static size_t narchsets, nfaultdefs;
static char broot[PATH_MAX];

/* The build root, absolute, from this program's srcdir. */
static void
build_root(const atf_tc_t *tc)
{
	char rel[PATH_MAX];

	snprintf(rel, sizeof(rel), "%s/../..", atf_tc_get_config_var(tc, "srcdir"));
	ATF_REQUIRE_MSG(realpath(rel, broot) != NULL, "realpath(%s): %s", rel,
	    strerror(errno));
}

/* Parse the faults of a row (r->words); 0, or -1 with why. (No ATF calls.) */
static int
parse_faults(struct row *r, char *why, size_t whylen)
{
	char *w, *save = NULL;
	size_t nwords = 0;

	for (w = strtok_r(r->words, " \t", &save); w != NULL; w = strtok_r(NULL, " \t", &save)) {
		nwords++;
		if (strncmp(w, "arch=", 5) == 0) {
			continue;	/* pre_arch() */
		} else if (strncmp(w, "rule=", 5) == 0) {
			if (r->nrules == MAXFAULTS) {
				snprintf(why, whylen, "more than %d rules", MAXFAULTS);
				return (-1);
			}
			if (kc_sandbox_parse_rule(w + 5, &r->rules[r->nrules], why, whylen) == -1)
				return (-1);
			r->nrules++;
		} else if (strncmp(w, "profile=", 8) == 0) {
			r->profile = w + 8;
			if (kc_sandbox_profile(r->profile) == NULL) {
				snprintf(why, whylen, "unknown profile '%s'", r->profile);
				return (-1);
			}
		} else if (strncmp(w, "var=", 4) == 0 && strchr(w + 4, '=') != NULL) {
			char *at = strstr(w + 4, "@B@");

			if (r->nvars == MAXFAULTS) {
				snprintf(why, whylen, "more than %d vars", MAXFAULTS);
				return (-1);
			}
			if ((at != NULL ? snprintf(r->varbuf[r->nvars], PATH_MAX, "%.*s%s%s",
			    (int)(at - (w + 4)), w + 4, broot, at + 3) :
			    snprintf(r->varbuf[r->nvars], PATH_MAX, "%s", w + 4)) >= PATH_MAX) {
				snprintf(why, whylen, "var too long");
				return (-1);
			}
			r->nvars++;
		} else if (strncmp(w, "env=", 4) == 0 && strchr(w + 4, '=') != NULL) {
			if (r->nenv == MAXFAULTS) {
				snprintf(why, whylen, "more than %d env", MAXFAULTS);
				return (-1);
			}
			r->env[r->nenv++] = w + 4;
		} else if (strcmp(w, "nobody") == 0) {
			r->nobody = 1;
		} else {
			snprintf(why, whylen, "unknown fault '%s'", w);
			return (-1);
		}
	}
	if (nwords == 0) {
		snprintf(why, whylen, "no fault");
		return (-1);
	}
	return (0);
}

static const struct def *
find_def(const struct def *d, size_t n, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strlen(d[i].name) == len && strncmp(d[i].name, name, len) == 0)
			return (&d[i]);
	}
	return (NULL);
}

/*
 * An @arch or @fault line (p after the '@'); 0, or -1 with why.  "@arch
 * SET A,B,... reason", "@fault NAME words...".
 */
static int
directive(char *p, char *why, size_t whylen)
{
	char *kw = p, *name, *rest;
	size_t n;
	struct def *d;

	n = strcspn(kw, " \t");
	name = kw + n + strspn(kw + n, " \t");
	kw[n] = '\0';
	n = strcspn(name, " \t");
	rest = name + n + strspn(name + n, " \t");
	if (n == 0 || n >= sizeof(d->name) || *rest == '\0') {
		snprintf(why, whylen, "@%s: a name and its text", kw);
		return (-1);
	}
	name[n] = '\0';
	if (strcmp(kw, "arch") == 0) {
		if (find_def(archsets, narchsets, name, n) != NULL || narchsets == MAXDEFS) {
			snprintf(why, whylen, "@arch %s: defined twice or too many", name);
			return (-1);
		}
		d = &archsets[narchsets];
		n = strcspn(rest, " \t");
		if (rest[n] == '\0' || n + 3 > sizeof(d->arches)) {
			snprintf(why, whylen, "@arch %s: the arches, then the reason", name);
			return (-1);
		}
		snprintf(d->arches, sizeof(d->arches), ",%.*s,", (int)n, rest);
		rest += n + strspn(rest + n, " \t");
		narchsets++;
	} else if (strcmp(kw, "fault") == 0) {
		if (find_def(faultdefs, nfaultdefs, name, n) != NULL || nfaultdefs == MAXDEFS) {
			snprintf(why, whylen, "@fault %s: defined twice or too many", name);
			return (-1);
		}
		if (*rest == '@' || strstr(rest, " @") != NULL || strstr(rest, "\t@") != NULL ||
		    strstr(rest, "arch=") != NULL) {
			snprintf(why, whylen, "@fault %s: no @NAME or arch= inside", name);
			return (-1);
		}
		d = &faultdefs[nfaultdefs++];
	} else {
		snprintf(why, whylen, "unknown directive '@%s'", kw);
		return (-1);
	}
	snprintf(d->name, sizeof(d->name), "%s", name);
	snprintf(d->text, sizeof(d->text), "%s", rest);
	return (0);
}

/* The faults of a row with each @NAME replaced by its words, into out;
 * 0, or -1 with why. */
static int
expand(const char *in, char *out, size_t outlen, char *why, size_t whylen)
{
	const char *p = in;
	size_t used = 0;

	out[0] = '\0';
	while (*(p += strspn(p, " \t")) != '\0') {
		size_t n = strcspn(p, " \t");
		const struct def *d = NULL;
		int w;

		if (*p == '@' && (d = find_def(faultdefs, nfaultdefs, p + 1, n - 1)) == NULL) {
			snprintf(why, whylen, "no @fault %.*s (defined above its use?)",
			    (int)n - 1, p + 1);
			return (-1);
		}
		w = d != NULL ? snprintf(out + used, outlen - used, "%s%s", used > 0 ? " " : "",
		    d->text) : snprintf(out + used, outlen - used, "%s%.*s", used > 0 ? " " : "",
		    (int)n, p);
		if (w < 0 || used + (size_t)w >= outlen) {
			snprintf(why, whylen, "faults too long");
			return (-1);
		}
		used += (size_t)w;
		p += n;
	}
	return (0);
}

/* The arch= words of r->words: r->notarch is the reason of the first set
 * without this build's arch; 0, or -1 with why. */
static int
pre_arch(struct row *r, char *why, size_t whylen)
{
	const char *p = r->words;
	char me[80];

	snprintf(me, sizeof(me), ",%s,", KC_ARCH_NAME);
	while ((p = strstr(p, "arch=")) != NULL) {
		size_t n;
		const struct def *d;

		if (p != r->words && p[-1] != ' ' && p[-1] != '\t') {
			p += 5;
			continue;	/* inside another word */
		}
		p += 5;
		n = strcspn(p, " \t");
		d = find_def(archsets, narchsets, p, n);
		if (d == NULL) {
			snprintf(why, whylen, "no @arch %.*s (defined above its use?)", (int)n, p);
			return (-1);
		}
		if (r->notarch == NULL && strstr(d->arches, me) == NULL)
			r->notarch = d->text;
		p += n;
	}
	return (0);
}

/* Read faults.txt (ATF: a malformed row fails the case, naming its line). */
static void
read_table(const atf_tc_t *tc)
{
	char path[PATH_MAX], line[2048], why[512];
	unsigned lineno = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/faults.txt", atf_tc_get_config_var(tc, "srcdir"));
	f = fopen(path, "r");
	ATF_REQUIRE_MSG(f != NULL, "fopen(%s): %s", path, strerror(errno));
	nrows = narchsets = nfaultdefs = 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		char *p = line, *id, *rest, *last;
		struct row *r;
		size_t len;

		lineno++;
		line[strcspn(line, "\n")] = '\0';
		p += strspn(p, " \t");
		if (*p == '\0' || *p == '#')
			continue;
		if (*p == '@') {
			if (directive(p + 1, why, sizeof(why)) == -1)
				atf_tc_fail_nonfatal("faults.txt:%u: %s", lineno, why);
			continue;
		}
		ATF_REQUIRE_MSG(nrows < MAXROWS, "faults.txt: more than %d rows", MAXROWS);
		r = &rows[nrows];
		memset(r, 0, sizeof(*r));
		r->line = lineno;
		id = p;
		rest = id + strcspn(id, " \t");
		if (*rest != '\0')
			*rest++ = '\0';
		rest += strspn(rest, " \t");
		snprintf(r->id, sizeof(r->id), "%s", id);
		if (strncmp(rest, "n/a:", 4) == 0) {
			r->na = 1;
			snprintf(r->text, sizeof(r->text), "%s", rest + 4 + strspn(rest + 4, " "));
			if (r->text[0] == '\0') {
				atf_tc_fail_nonfatal("faults.txt:%u: %s: n/a without a reason",
				    lineno, r->id);
				continue;
			}
			nrows++;
			continue;
		}
		len = strlen(rest);
		while (len > 0 && (rest[len - 1] == ' ' || rest[len - 1] == '\t'))
			rest[--len] = '\0';
		for (last = rest + len; last > rest && last[-1] != ' ' && last[-1] != '\t'; last--)
			;
		last = last > rest ? last - 1 : NULL;
		if (last == NULL || strcmp(last + 1, "failed") != 0) {
			atf_tc_fail_nonfatal("faults.txt:%u: %s: a row ends with the expected "
			    "verdict 'failed' (or is 'n/a: <reason>')", lineno, r->id);
			continue;
		}
		*last = '\0';
		snprintf(r->text, sizeof(r->text), "%s", rest);
		if (expand(rest, r->words, sizeof(r->words), why, sizeof(why)) == -1 ||
		    pre_arch(r, why, sizeof(why)) == -1) {
			atf_tc_fail_nonfatal("faults.txt:%u: %s: %s", lineno, r->id, why);
			continue;
		}
		if (r->notarch != NULL) {
			nrows++;	/* not parsed: not evaluated here */
			continue;
		}
		if (parse_faults(r, why, sizeof(why)) == -1) {
			atf_tc_fail_nonfatal("faults.txt:%u: %s: %s", lineno, r->id, why);
			continue;
		}
		r->vars[r->nvars] = NULL;
		nrows++;
	}
	fclose(f);
}

/*
 * Every case of every conformance program: the programs are the cases/
 * lines of kc-programs.txt (path relative to the build root, then
 * key=value metadata), the cases what `prog -l` lists.  (ATF)
 */
static void
read_cases(void)
{
	char path[PATH_MAX + 32], line[1024];
	FILE *f;

	snprintf(path, sizeof(path), "%s/kc-programs.txt", broot);
	f = fopen(path, "r");
	ATF_REQUIRE_MSG(f != NULL, "fopen(%s): %s", path, strerror(errno));
	ncases = 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		char prog[PATH_MAX], cmd[PATH_MAX + 16], l2[512], *meta, *t;
		int timeout_s = 300;
		size_t before = ncases;
		FILE *p;

		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "cases/", 6) != 0)
			continue;
		meta = line + strcspn(line, " \t");
		if (*meta != '\0')
			*meta++ = '\0';
		if ((t = strstr(meta, "timeout=")) != NULL)
			timeout_s = atoi(t + 8);
		ATF_REQUIRE_MSG(snprintf(prog, sizeof(prog), "%s/%s", broot, line) <
		    (int)sizeof(prog), "%s/%s: path too long", broot, line);
		snprintf(cmd, sizeof(cmd), "'%s' -l", prog);
		p = popen(cmd, "r");
		ATF_REQUIRE_MSG(p != NULL, "%s: %s", cmd, strerror(errno));
		while (fgets(l2, sizeof(l2), p) != NULL) {
			struct tcase *c;

			if (strncmp(l2, "ident: ", 7) != 0)
				continue;
			l2[strcspn(l2, "\n")] = '\0';
			ATF_REQUIRE_MSG(ncases < MAXCASES, "more than %d cases", MAXCASES);
			c = &cases[ncases++];
			ATF_REQUIRE_MSG(snprintf(c->id, sizeof(c->id), "%s:%s", line + 6,
			    l2 + 7) < (int)sizeof(c->id), "%s:%s: id too long", line + 6, l2 + 7);
			snprintf(c->prog, sizeof(c->prog), "%s", prog);
			c->timeout_s = timeout_s > 0 ? timeout_s : 300;
			c->row = NULL;
		}
		ATF_REQUIRE_MSG(pclose(p) == 0 && ncases > before, "%s failed or listed no case",
		    cmd);
	}
	fclose(f);
	ATF_REQUIRE_MSG(ncases > 0, "%s names no cases/ program", path);
}

/* Pair cases and rows; report a case without a row and a row without a
 * case (ATF, non-fatal).  Returns the number of defects. */
static unsigned
match(void)
{
	unsigned defects = 0;
	size_t i, j;

	for (i = 0; i < ncases; i++) {
		for (j = 0; j < nrows; j++) {
			if (strcmp(cases[i].id, rows[j].id) != 0)
				continue;
			if (cases[i].row != NULL) {
				atf_tc_fail_nonfatal("faults.txt:%u: %s: a second row (first: "
				    "line %u)", rows[j].line, rows[j].id, cases[i].row->line);
				defects++;
				continue;
			}
			cases[i].row = &rows[j];
			rows[j].matched = 1;
		}
		if (cases[i].row == NULL) {
			atf_tc_fail_nonfatal("%s: no row in faults.txt", cases[i].id);
			defects++;
		}
	}
	for (j = 0; j < nrows; j++) {
		if (!rows[j].matched) {
			atf_tc_fail_nonfatal("faults.txt:%u: %s: no such case", rows[j].line,
			    rows[j].id);
			defects++;
		}
	}
	return (defects);
}

static void
load(const atf_tc_t *tc)
{
	build_root(tc);
	read_table(tc);
	read_cases();
}

/* Every case has a row, every row a case, every row parses. */
ATF_TC(faults__every_case_has_a_row);
ATF_TC_HEAD(faults__every_case_has_a_row, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "faults.txt has one row per conformance case and no row without a case");
}
ATF_TC_BODY(faults__every_case_has_a_row, tc)
{
	load(tc);
	(void)match();
}

/* The options of a row's run; the valgrind variable goes to every row. */
static void
row_opts(const atf_tc_t *tc, const struct tcase *c, struct kc_atf_opts *o,
    const char **vars, char *vgvar, size_t vglen)
{
	const struct row *r = c->row;
	size_t n = 0, i;

	memset(o, 0, sizeof(*o));
	if (atf_tc_has_config_var(tc, "valgrind")) {
		snprintf(vgvar, vglen, "valgrind=%s", atf_tc_get_config_var(tc, "valgrind"));
		vars[n++] = vgvar;
	}
	for (i = 0; i < r->nvars; i++)
		vars[n++] = r->varbuf[i];
	vars[n] = NULL;
	o->vars = vars;
	o->profile = r->profile;
	o->rules = r->nrules > 0 ? r->rules : NULL;
	o->nrules = r->nrules;
	o->as_nobody = r->nobody;

	o->timeout_ms = c->timeout_s * 1000;
}

/* Run one row in a child; its result goes back through fd. */
static void
row_child(const atf_tc_t *tc, const struct tcase *c, int fd)
{
	char vgvar[PATH_MAX + 16];
	const char *vars[MAXFAULTS + 2];
	struct kc_atf_opts o;
	struct kc_atf_result res;
	size_t i;

	row_opts(tc, c, &o, vars, vgvar, sizeof(vgvar));
	for (i = 0; i < c->row->nenv; i++) {
		char *eq = strchr(c->row->env[i], '=');

		*eq = '\0';
		(void)setenv(c->row->env[i], eq + 1, 1);
	}
	if (atf_tc_has_config_var(tc, "valgrind"))
		(void)setenv("KC_VG_REAL", atf_tc_get_config_var(tc, "valgrind"), 1);
	memset(&res, 0, sizeof(res));
	if (kc_atf_run(c->prog, strchr(c->id, ':') + 1, &o, &res) == -1) {
		res.verdict = KC_V_BROKEN;
		snprintf(res.reason, sizeof(res.reason), "kc_atf_run: %s", strerror(errno));
	}
	_exit(write(fd, &res, sizeof(res)) == (ssize_t)sizeof(res) ? 0 : 1);
}

/*
 * Every row's fault turns its case into "failed"; passed, skipped,
 * expected_failure and broken under the fault are defects.  Rows run
 * PARALLEL at a time, each in its own child (kc_atf_run is a subreaper).
 */
ATF_TC(faults__every_fault_fails_its_case);
ATF_TC_HEAD(faults__every_fault_fails_its_case, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "Each row of faults.txt turns its case into failed; writes the proven count");
	atf_tc_set_md_var(tc, "timeout", "1800");	/* module.mk */
}
ATF_TC_BODY(faults__every_fault_fails_its_case, tc)
{
	struct { pid_t pid; int fd; size_t c; } slot[PARALLEL];
	size_t next = 0, i, running = 0, proven = 0, na = 0, notarch = 0;
	const char *only = NULL;
	char path[PATH_MAX];
	FILE *out;

	if (atf_tc_has_config_var(tc, "faults_only"))
		only = atf_tc_get_config_var(tc, "faults_only");
	load(tc);
	(void)match();
	for (i = 0; i < PARALLEL; i++)
		slot[i].pid = 0;
	for (;;) {
		struct kc_atf_result res;
		siginfo_t si;
		ssize_t got;
		size_t s;

		while (running < PARALLEL && next < ncases) {
			struct tcase *c = &cases[next++];
			int p[2];

			if (c->row == NULL ||
			    (only != NULL && strncmp(c->id, only, strlen(only)) != 0))
				continue;
			if (c->row->na) {
				na++;
				continue;
			}
			if (c->row->notarch != NULL) {
				printf("faults.txt:%u: %s: not evaluated on %s: %s\n", c->row->line,
				    c->id, KC_ARCH_NAME, c->row->notarch);
				notarch++;
				continue;
			}
			for (s = 0; slot[s].pid != 0; s++)
				;
			ATF_REQUIRE_MSG(pipe2(p, O_CLOEXEC) == 0, "pipe2: %s", strerror(errno));
			fflush(stdout);
			fflush(stderr);
			slot[s].pid = fork();
			ATF_REQUIRE_MSG(slot[s].pid != -1, "fork: %s", strerror(errno));
			if (slot[s].pid == 0) {
				close(p[0]);
				row_child(tc, c, p[1]);
			}
			close(p[1]);
			slot[s].fd = p[0];
			slot[s].c = (size_t)(c - cases);
			running++;
		}
		if (running == 0)
			break;
		memset(&si, 0, sizeof(si));
		ATF_REQUIRE_MSG(waitid(P_ALL, 0, &si, WEXITED) == 0, "waitid: %s",
		    strerror(errno));
		for (s = 0; s < PARALLEL && slot[s].pid != si.si_pid; s++)
			;
		ATF_REQUIRE_MSG(s < PARALLEL, "reaped %d, not a row's child", (int)si.si_pid);
		memset(&res, 0, sizeof(res));
		got = read(slot[s].fd, &res, sizeof(res));
		close(slot[s].fd);
		slot[s].pid = 0;
		running--;
		{
			const struct tcase *c = &cases[slot[s].c];

			if (got != (ssize_t)sizeof(res)) {
				atf_tc_fail_nonfatal("faults.txt:%u: %s: the row's runner died "
				    "(status %d)", c->row->line, c->id, si.si_status);
				continue;
			}
			printf("faults.txt:%u: %s under %s: %s\n", c->row->line, c->id,
			    c->row->text, kc_verdict_name(res.verdict));
			if (res.verdict == KC_V_FAILED) {
				proven++;
			} else if (NOFACTS_SKIP && res.verdict == KC_V_SKIPPED) {
				printf("faults.txt:%u: %s: not evaluated on %s: the case skips "
				    "(%s)\n", c->row->line, c->id, KC_ARCH_NAME, res.reason);
				notarch++;
			} else
				atf_tc_fail_nonfatal("faults.txt:%u: %s under %s: %s, not failed: %s",
				    c->row->line, c->id, c->row->text,
				    kc_verdict_name(res.verdict), res.reason);
		}
	}
	if (only != NULL) {
		printf("faults_only=%s: %zu proven\n", only, proven);
		return;
	}
	snprintf(path, sizeof(path), "%s/proven.txt", atf_tc_get_config_var(tc, "srcdir"));
	out = fopen(path, "w");
	ATF_REQUIRE_MSG(out != NULL, "fopen(%s): %s", path, strerror(errno));
	{
		char line[160], extra[96] = "";

		if (notarch > 0)
			snprintf(extra, sizeof(extra), ", %zu not evaluated on %s", notarch,
			    KC_ARCH_NAME);
		snprintf(line, sizeof(line), "proven able to fail: %zu of %zu cases (%zu n/a%s)",
		    proven, ncases, na, extra);
		fprintf(out, "%s\n", line);
		ATF_REQUIRE_MSG(fclose(out) == 0, "writing %s: %s", path, strerror(errno));
		printf("%s\n", line);
	}
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, faults__every_case_has_a_row);
	ATF_TP_ADD_TC(tp, faults__every_fault_fails_its_case);

	return (atf_no_error());
}
