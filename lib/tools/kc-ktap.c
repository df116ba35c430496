/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kc-ktap: the strict KTAP v1 parser of kc-run's output, and its conversion
 * into kconform's normalized results.
 *
 *   kc-ktap --check FILE
 *   kc-ktap --json results.json --summary summary.txt [--libc L] [--emulator E]
 *           [--valgrind VERSION] [--started ISO] [--boot-broken REASON] FILE
 *
 * --boot-broken REASON adds the record kernel/boot:boot, broken, with that
 * reason (run-kernel.sh: a guest killed at its limit, whose console's KTAP
 * it cut after the last complete program; those programs' cases stay).
 *
 * The parser follows the KTAP v1 grammar (Documentation/dev-tools/ktap.rst):
 * a version line, a plan "1..N", then result lines "ok|not ok <n> <name>
 * [# <directive> <text>]" numbered from 1 at each level, diagnostic lines
 * "# text", nested subtests indented 2 spaces from their own version line to
 * the parent's result line, and unknown lines (console noise) anywhere, which
 * do not affect results.  On top of the grammar it checks kc-run's contract
 * (README, "The KTAP contract"): the "kconform: begin"/"kconform: end"
 * banners, the "# kconform <ver> uname= arch= runner=" header, a
 * "# program: <id>" line in each subtest, the "# <case>: <seconds> s" line
 * before each case, the directive set (ok: SKIP, XFAIL; not ok: XPASS, ERROR,
 * TIMEOUT), [a-z0-9_] names, program results consistent with their cases,
 * a "# Totals:" line equal to the counts, and, when there are
 * "kconform-result: <program>_<case> <word>" lines (--summary=lava), exactly
 * one per case, in order, with the word its result maps to (pass: ok and
 * XFAIL; skip: SKIP; fail: every not ok).  Every violation is printed as
 * FILE:LINE: message.
 *
 * Exit status: 0 valid and no case failed; 1 valid with failures; 2 usage or
 * I/O error; 3 the input is not valid KTAP or breaks the contract.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

enum kc_dir { KC_D_NONE, KC_D_SKIP, KC_D_XFAIL, KC_D_XPASS, KC_D_ERROR, KC_D_TIMEOUT,
	KC_D_TODO, KC_D_OTHER };

struct kc_result {
	int	ok;
	long	num;
	char	name[512];
	enum kc_dir dir;
	char	text[2048];		/* after the directive word */
};

struct kc_case {
	char	program[512];
	char	name[512];
	const char *verdict;
	char	reason[2048];
	double	seconds;
};

struct kc_parser {
	const char *file;
	char	**line;
	int	 n, pos, errors;
	struct kc_case *cases;
	int	 ncases;
	long	 totals[6];		/* pass fail xfail xpass skip error */
	char	 kernel[256], arch[64], runner[64], version[64];
	double	 uptime;		/* "# uptime <s> s" after the header, or -1 */
	char	 build[256];		/* "# uname -v: <text>" after the header, or "" */
};

static void __attribute__((format(printf, 3, 4)))
kc_err(struct kc_parser *p, int at, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d: ", p->file, at + 1);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	p->errors++;
}

static int
kc_indent(const char *s)
{
	int i = 0;

	while (s[i] == ' ')
		i++;
	return (i);
}

static int
kc_is_name(const char *s)
{
	if (*s == '\0')
		return (0);
	for (; *s != '\0'; s++) {
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return (0);
	}
	return (1);
}

/* Parse "ok|not ok <n> <name>[ # <directive> [text]]" (indent stripped). */
static int
kc_parse_result(const char *s, struct kc_result *r)
{
	static const struct { const char *w; enum kc_dir d; } dirs[] = {
		{ "SKIP", KC_D_SKIP }, { "XFAIL", KC_D_XFAIL }, { "XPASS", KC_D_XPASS },
		{ "ERROR", KC_D_ERROR }, { "TIMEOUT", KC_D_TIMEOUT }, { "TODO", KC_D_TODO },
	};
	const char *hash, *d;
	char *end;
	size_t len, i;

	memset(r, 0, sizeof(*r));
	if (strncmp(s, "ok ", 3) == 0) {
		r->ok = 1;
		s += 3;
	} else if (strncmp(s, "not ok ", 7) == 0) {
		s += 7;
	} else {
		return (-1);
	}
	if (*s < '0' || *s > '9')
		return (-1);
	r->num = strtol(s, &end, 10);
	s = end;
	if (*s == '\0')
		return (0);		/* no description: allowed by the grammar */
	if (*s != ' ')
		return (-1);
	s++;
	hash = strstr(s, " # ");
	len = hash != NULL ? (size_t)(hash - s) : strlen(s);
	if (len >= sizeof(r->name))
		len = sizeof(r->name) - 1;
	memcpy(r->name, s, len);
	r->name[len] = '\0';
	if (hash == NULL)
		return (0);
	d = hash + 3;
	r->dir = KC_D_OTHER;
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		size_t wl = strlen(dirs[i].w);

		if (strncmp(d, dirs[i].w, wl) == 0 && (d[wl] == '\0' || d[wl] == ' ')) {
			r->dir = dirs[i].d;
			d += wl;
			if (*d == ' ')
				d++;
			break;
		}
	}
	snprintf(r->text, sizeof(r->text), "%s", d);
	return (0);
}

static int
kc_is_version(const char *s)
{
	return (strcmp(s, "KTAP version 1") == 0);
}

static int
kc_parse_plan(const char *s, long *n)
{
	char *end;

	if (strncmp(s, "1..", 3) != 0 || s[3] < '0' || s[3] > '9')
		return (-1);
	*n = strtol(s + 3, &end, 10);
	/* "1..0 # SKIP reason" is a valid plan too. */
	return (*end == '\0' || strncmp(end, " # ", 3) == 0 ? 0 : -1);
}

/*
 * Step over KTAP "unknown lines" (console noise: neither a version, plan,
 * result nor diagnostic line at any indentation), which the grammar allows
 * anywhere, so that they may sit between a version line and its plan too.
 */
static void
kc_skip_unknown(struct kc_parser *p)
{
	while (p->pos < p->n) {
		const char *l = p->line[p->pos] + kc_indent(p->line[p->pos]);
		struct kc_result r;
		long n;

		if (*l == '#' || kc_is_version(l) || kc_parse_plan(l, &n) == 0 ||
		    kc_parse_result(l, &r) == 0 || strncmp(l, "kconform", 8) == 0)
			return;
		p->pos++;
	}
}

static struct kc_case *
kc_add_case(struct kc_parser *p)
{
	struct kc_case *c;

	p->cases = realloc(p->cases, sizeof(*p->cases) * (size_t)(p->ncases + 1));
	if (p->cases == NULL) {
		fprintf(stderr, "kc-ktap: out of memory\n");
		exit(2);
	}
	c = &p->cases[p->ncases++];
	memset(c, 0, sizeof(*c));
	return (c);
}

/*
 * One program's subtest, from its "  KTAP version 1" at p->pos.  Leaves
 * p->pos at the parent's result line.  Returns counts of not-ok and skipped
 * cases and the case count through the pointers.
 */
static void
kc_parse_program(struct kc_parser *p, char *prog, size_t plen, long *bad, long *skipped,
    long *ncases)
{
	long plan = -1, expect = 1;
	int start = p->pos;
	char prev[2048] = "";

	*bad = *skipped = *ncases = 0;
	*prog = '\0';
	p->pos++;
	kc_skip_unknown(p);
	if (p->pos >= p->n || kc_indent(p->line[p->pos]) != 2 ||
	    kc_parse_plan(p->line[p->pos] + 2, &plan) != 0) {
		kc_err(p, p->pos, "expected a plan \"  1..N\" after the subtest's version line");
		plan = -1;
	} else {
		p->pos++;
	}
	kc_skip_unknown(p);
	if (p->pos < p->n && strncmp(p->line[p->pos], "  # program: ", 13) == 0) {
		snprintf(prog, plen, "%s", p->line[p->pos] + 13);
		p->pos++;
	} else {
		kc_err(p, p->pos, "expected \"  # program: <id>\" after the subtest's plan");
	}
	for (; p->pos < p->n; p->pos++) {
		const char *l = p->line[p->pos];
		int ind = kc_indent(l);
		struct kc_result r;

		if (ind == 0 && kc_parse_result(l, &r) == 0)
			break;		/* the parent's result line ends the block */
		if (ind >= 4 && kc_is_version(l + ind)) {
			kc_err(p, p->pos, "a third nesting level is not part of the contract");
			continue;
		}
		/* Unknown lines (console noise) may fall anywhere, even between a
		 * case's "# <case>:" line and its result: they change nothing. */
		if (ind != 2)
			continue;
		l += 2;
		if (*l == '#') {
			snprintf(prev, sizeof(prev), "%s", l);
			continue;
		}
		if (kc_parse_result(l, &r) != 0)
			continue;	/* unknown line */
		if (r.num != expect) {
			kc_err(p, p->pos, "case result out of sequence: expected number %ld", expect);
		}
		expect = r.num + 1;
		if (!kc_is_name(r.name))
			kc_err(p, p->pos, "case name \"%s\" is not [a-z0-9_]+", r.name);

		struct kc_case *c = kc_add_case(p);
		char lead[600];
		const char *after;
		size_t ll;

		snprintf(c->program, sizeof(c->program), "%s", prog);
		snprintf(c->name, sizeof(c->name), "%s", r.name);
		/* The line before: "# <case>: <seconds> s[: <reason>]". */
		snprintf(lead, sizeof(lead), "# %s: ", r.name);
		ll = strlen(lead);
		after = NULL;
		if (strncmp(prev, lead, ll) == 0) {
			char *end;

			c->seconds = strtod(prev + ll, &end);
			if (end != prev + ll && strncmp(end, " s", 2) == 0 &&
			    (end[2] == '\0' || strncmp(end + 2, ": ", 2) == 0))
				after = end[2] != '\0' ? end + 4 : "";
		}
		if (after == NULL) {
			kc_err(p, p->pos, "case %s: no \"# <case>: <seconds> s\" line before it", r.name);
			after = "";
		}
		if (r.ok) {
			switch (r.dir) {
			case KC_D_NONE:
				c->verdict = "passed";
				/* The kernel-facts rows it asserted, if the runner said. */
				snprintf(c->reason, sizeof(c->reason), "%s", after);
				p->totals[0]++;
				break;
			case KC_D_SKIP:
				c->verdict = "skipped";
				snprintf(c->reason, sizeof(c->reason), "%s", r.text);
				p->totals[4]++;
				(*skipped)++;
				break;
			case KC_D_XFAIL:
				c->verdict = "expected_failure";
				snprintf(c->reason, sizeof(c->reason), "%s", r.text);
				p->totals[2]++;
				break;
			default:
				kc_err(p, p->pos, "case %s: \"ok\" with a directive other than SKIP "
				    "or XFAIL", r.name);
				c->verdict = "broken";
				p->totals[5]++;
				(*bad)++;
			}
		} else {
			(*bad)++;
			switch (r.dir) {
			case KC_D_NONE:
			case KC_D_TIMEOUT:
				c->verdict = "failed";
				snprintf(c->reason, sizeof(c->reason), "%s", after);
				if (*after == '\0')
					kc_err(p, p->pos, "case %s: not ok without a reason", r.name);
				p->totals[1]++;
				break;
			case KC_D_XPASS:
				c->verdict = "failed";
				snprintf(c->reason, sizeof(c->reason), "%s", r.text);
				p->totals[3]++;
				break;
			case KC_D_ERROR:
				c->verdict = "broken";
				snprintf(c->reason, sizeof(c->reason), "%s", r.text);
				p->totals[5]++;
				break;
			default:
				kc_err(p, p->pos, "case %s: \"not ok\" with a directive other than "
				    "XPASS, ERROR or TIMEOUT (never not ok # SKIP)", r.name);
				c->verdict = "failed";
				p->totals[1]++;
			}
		}
		(*ncases)++;
		*prev = '\0';
	}
	if (plan >= 0 && *ncases != plan) {
		kc_err(p, start, "subtest: %ld results for a plan of %ld", *ncases, plan);
	}
	if (p->pos >= p->n)
		kc_err(p, p->n - 1, "input ends inside a subtest (no parent result line)");
}

/* The --summary=lava word of a verdict (README, the contract). */
static const char *
kc_lava_word(const char *verdict)
{
	if (strcmp(verdict, "passed") == 0 || strcmp(verdict, "expected_failure") == 0)
		return ("pass");
	if (strcmp(verdict, "skipped") == 0)
		return ("skip");
	return ("fail");
}

/* The flat summary lines, one per case in KTAP order. */
static void
kc_check_lava(struct kc_parser *p, const int *at, int n)
{
	int i;

	if (n == 0)
		return;
	if (n != p->ncases)
		kc_err(p, at[0], "%d kconform-result lines for %d cases", n, p->ncases);
	for (i = 0; i < n && i < p->ncases; i++) {
		const struct kc_case *c = &p->cases[i];
		char want[1200], *s;

		snprintf(want, sizeof(want), "kconform-result: %s_%s %s", c->program, c->name,
		    kc_lava_word(c->verdict));
		for (s = want + 17; *s != '\0' && *s != ' '; s++) {
			if (*s == '/')
				*s = '_';
		}
		if (strcmp(p->line[at[i]], want) != 0)
			kc_err(p, at[i], "expected \"%s\"", want);
	}
}

static void
kc_parse(struct kc_parser *p)
{
	long plan = -1, expect = 1, nprog = 0;
	int begin = -1, end = -1, totals = -1, i;
	char pending[512] = "";
	long bad = 0, skipped = 0, ncases = 0, have_block = 0;
	int *lava = calloc((size_t)p->n + 1, sizeof(int)), nlava = 0;

	if (lava == NULL) {
		fprintf(stderr, "kc-ktap: out of memory\n");
		exit(2);
	}

	for (i = 0; i < p->n && !kc_is_version(p->line[i]); i++) {
		if (strcmp(p->line[i], "kconform: begin") == 0)
			begin = i;
	}
	if (i == p->n) {
		kc_err(p, 0, "no \"KTAP version 1\" line at column 0");
		return;
	}
	if (begin < 0)
		kc_err(p, i, "no \"kconform: begin\" line before the version line");
	p->pos = i + 1;
	kc_skip_unknown(p);
	if (p->pos >= p->n || kc_parse_plan(p->line[p->pos], &plan) != 0)
		kc_err(p, p->pos, "expected a plan \"1..N\" after the version line");
	else
		p->pos++;
	kc_skip_unknown(p);
	if (p->pos < p->n && sscanf(p->line[p->pos], "# kconform %63s uname=%255s arch=%63s "
	    "runner=%63s", p->version, p->kernel, p->arch, p->runner) == 4)
		p->pos++;
	else
		kc_err(p, p->pos, "expected \"# kconform <version> uname=... arch=... runner=...\"");
	p->uptime = -1;
	kc_skip_unknown(p);
	if (p->pos < p->n && strncmp(p->line[p->pos], "# uname -v: ", 12) == 0)
		snprintf(p->build, sizeof(p->build), "%s", p->line[p->pos++] + 12);
	kc_skip_unknown(p);
	if (p->pos < p->n && sscanf(p->line[p->pos], "# uptime %lf s", &p->uptime) == 1)
		p->pos++;

	for (; p->pos < p->n; p->pos++) {
		const char *l = p->line[p->pos];
		struct kc_result r;

		if (strcmp(l, "kconform: end") == 0) {
			end = p->pos;
			break;
		}
		if (kc_indent(l) == 2 && kc_is_version(l + 2)) {
			if (have_block)
				kc_err(p, p->pos, "two subtests without a result line between");
			kc_parse_program(p, pending, sizeof(pending), &bad, &skipped, &ncases);
			have_block = 1;
			if (p->pos >= p->n)
				break;
			l = p->line[p->pos];
		}
		if (strncmp(l, "# Totals: ", 10) == 0) {
			long t[6];

			totals = p->pos;
			if (sscanf(l, "# Totals: pass:%ld fail:%ld xfail:%ld xpass:%ld skip:%ld "
			    "error:%ld", &t[0], &t[1], &t[2], &t[3], &t[4], &t[5]) != 6)
				kc_err(p, p->pos, "malformed Totals line");
			else if (memcmp(t, p->totals, sizeof(t)) != 0)
				kc_err(p, p->pos, "Totals differ from the counted results");
			continue;
		}
		if (strncmp(l, "kconform-result: ", 17) == 0) {
			lava[nlava++] = p->pos;
			continue;
		}
		if (!have_block && strncmp(l, "# program: ", 11) == 0) {
			snprintf(pending, sizeof(pending), "%s", l + 11);
			continue;
		}
		if (kc_indent(l) != 0 || kc_parse_result(l, &r) != 0)
			continue;	/* diagnostic or unknown line */
		if (r.num != expect) {
			kc_err(p, p->pos, "program result out of sequence: expected number %ld", expect);
		}
		expect = r.num + 1;
		nprog++;
		if (!kc_is_name(r.name))
			kc_err(p, p->pos, "program name \"%s\" is not [a-z0-9_]+", r.name);
		if (!have_block) {
			/* A program without cases: it could not be listed (or is absent). */
			struct kc_case *c;

			if (!(r.ok == 0 && r.dir == KC_D_ERROR) && !(r.ok && r.dir == KC_D_SKIP))
				kc_err(p, p->pos, "program %s has no subtest: only \"not ok # ERROR\" "
				    "or \"ok # SKIP\" may stand alone", r.name);
			if (*pending == '\0')
				kc_err(p, p->pos, "program %s: no \"# program: <id>\" line before it",
				    r.name);
			c = kc_add_case(p);
			snprintf(c->program, sizeof(c->program), "%s", pending);
			*pending = '\0';
			snprintf(c->name, sizeof(c->name), "__test_cases_list__");
			c->verdict = r.ok ? "skipped" : "broken";
			snprintf(c->reason, sizeof(c->reason), "%s", r.text);
			p->totals[r.ok ? 4 : 5]++;
			/* kc-run counts a program it could not list as one error. */
			continue;
		}
		have_block = 0;
		{
			char underscored[512], *s;

			snprintf(underscored, sizeof(underscored), "%s", pending);
			for (s = underscored; *s != '\0'; s++) {
				if (*s == '/')
					*s = '_';
			}
			if (strcmp(underscored, r.name) != 0)
				kc_err(p, p->pos, "program result name differs from its "
				    "\"# program:\" line (%s)", pending);
		}
		if (bad > 0 && (r.ok || r.dir != KC_D_NONE))
			kc_err(p, p->pos, "program %s: a case failed, so the program is "
			    "\"not ok\" without a directive", r.name);
		if (bad == 0 && !r.ok)
			kc_err(p, p->pos, "program %s: no case failed, so the program is \"ok\"",
			    r.name);
		if (bad == 0 && r.ok && (skipped == ncases) != (r.dir == KC_D_SKIP))
			kc_err(p, p->pos, "program %s: \"# SKIP\" exactly when every case skipped",
			    r.name);
	}
	if (plan >= 0 && nprog != plan) {
		kc_err(p, i, "%ld program results for a plan of %ld", nprog, plan);
	}
	if (have_block)
		kc_err(p, p->n - 1, "a subtest has no result line");
	if (totals < 0)
		kc_err(p, p->n - 1, "no \"# Totals:\" line");
	if (end < 0)
		kc_err(p, p->n - 1, "no \"kconform: end\" line");
	kc_check_lava(p, lava, nlava);
	free(lava);
}

static int
kc_read(struct kc_parser *p)
{
	char *buf = NULL;
	size_t cap = 0;
	ssize_t len;
	FILE *f = fopen(p->file, "r");

	if (f == NULL) {
		fprintf(stderr, "kc-ktap: %s: %s\n", p->file, strerror(errno));
		return (-1);
	}
	while ((len = getline(&buf, &cap, f)) >= 0) {
		while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
			buf[--len] = '\0';
		p->line = realloc(p->line, sizeof(*p->line) * (size_t)(p->n + 1));
		if (p->line == NULL || (p->line[p->n] = strdup(buf)) == NULL) {
			fprintf(stderr, "kc-ktap: out of memory\n");
			exit(2);
		}
		p->n++;
	}
	free(buf);
	fclose(f);
	return (0);
}

static json_object *
kc_seconds(double s)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%.3f", s);
	return (json_object_new_double_s(s, buf));
}

static json_object *
kc_str_or_null(const char *s)
{
	return (s != NULL && *s != '\0' ? json_object_new_string(s) : NULL);
}

static int
kc_write(const struct kc_parser *p, const char *json, const char *summary, const char *libc,
    const char *emulator, const char *valgrind, const char *started, const char *boot_broken)
{
	static const char *const verdicts[] = {
		"passed", "failed", "skipped", "expected_failure", "broken",
	};
	json_object *root, *env, *cases;
	long count[5] = { 0 };
	double total = 0;
	FILE *f;
	int i, j;

	root = json_object_new_object();
	json_object_object_add(root, "schema", json_object_new_string("kconform-results/1"));
	env = json_object_new_object();
	json_object_object_add(env, "kernel", kc_str_or_null(p->kernel));
	json_object_object_add(env, "machine", kc_str_or_null(p->arch));
	json_object_object_add(env, "libc", kc_str_or_null(libc));
	json_object_object_add(env, "emulator", kc_str_or_null(emulator));
	json_object_object_add(env, "valgrind", kc_str_or_null(valgrind));
	json_object_object_add(env, "sandbox", NULL);
	/* uname -v: where a distribution's kernel says its real version. */
	json_object_object_add(env, "kernel_build", kc_str_or_null(p->build));
	json_object_object_add(root, "environment", env);
	json_object_object_add(root, "started", kc_str_or_null(started));
	cases = json_object_new_array();
	for (i = 0; i < p->ncases; i++) {
		const struct kc_case *c = &p->cases[i];
		json_object *rec = json_object_new_object();
		char id[1100];

		for (j = 0; j < 5; j++) {
			if (strcmp(c->verdict, verdicts[j]) == 0)
				count[j]++;
		}
		total += c->seconds;
		snprintf(id, sizeof(id), "%s:%s", c->program, c->name);
		json_object_object_add(rec, "id", json_object_new_string(id));
		json_object_object_add(rec, "program", json_object_new_string(c->program));
		json_object_object_add(rec, "case", json_object_new_string(c->name));
		json_object_object_add(rec, "verdict", json_object_new_string(c->verdict));
		json_object_object_add(rec, "reason", json_object_new_string(c->reason));
		json_object_object_add(rec, "duration_s", kc_seconds(c->seconds));
		json_object_array_add(cases, rec);
	}
	/* A guest cut off before its end (run-kernel.sh): the boot's own record. */
	if (boot_broken != NULL) {
		json_object *rec = json_object_new_object();

		json_object_object_add(rec, "id", json_object_new_string("kernel/boot:boot"));
		json_object_object_add(rec, "program", json_object_new_string("kernel/boot"));
		json_object_object_add(rec, "case", json_object_new_string("boot"));
		json_object_object_add(rec, "verdict", json_object_new_string("broken"));
		json_object_object_add(rec, "reason", json_object_new_string(boot_broken));
		json_object_object_add(rec, "duration_s", kc_seconds(0));
		json_object_array_add(cases, rec);
		count[4]++;
	}
	json_object_object_add(root, "duration_s", kc_seconds(total));
	/* Seconds from kernel start to the runner (a guest's boot time; make bench). */
	if (p->uptime >= 0)
		json_object_object_add(root, "boot_s", kc_seconds(p->uptime));
	json_object_object_add(root, "cases", cases);
	if (json_object_to_file_ext(json, root, JSON_C_TO_STRING_PRETTY |
	    JSON_C_TO_STRING_NOSLASHESCAPE) != 0) {
		fprintf(stderr, "kc-ktap: %s: %s\n", json, json_util_get_last_err());
		return (2);
	}
	json_object_put(root);

	f = fopen(summary, "w");
	if (f == NULL) {
		fprintf(stderr, "kc-ktap: %s: %s\n", summary, strerror(errno));
		return (2);
	}
	/* The same lines as kc-report's summary, so readers need not care. */
	fprintf(f, "cases: %d; passed %ld, expected_failure %ld, skipped %ld, failed %ld, "
	    "broken %ld; case time %.1f s\n", p->ncases + (boot_broken != NULL), count[0], count[3], count[2], count[1],
	    count[4], total);
	fprintf(f, "kernel %s, arch %s, runner %s, kconform %s\n", p->kernel, p->arch, p->runner,
	    p->version);
	fprintf(f, "%ld passed, %ld failed, %ld skipped\n", count[0] + count[3],
	    count[1] + count[4], count[2]);
	if (fclose(f) != 0)
		return (2);
	return (count[1] + count[4] > 0 ? 1 : 0);
}

int
main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "check", no_argument, NULL, 'c' },
		{ "json", required_argument, NULL, 'j' },
		{ "summary", required_argument, NULL, 's' },
		{ "libc", required_argument, NULL, 'L' },
		{ "emulator", required_argument, NULL, 'E' },
		{ "started", required_argument, NULL, 't' },
		{ "valgrind", required_argument, NULL, 'V' },
		{ "boot-broken", required_argument, NULL, 'B' },
		{ NULL, 0, NULL, 0 },
	};
	const char *json = NULL, *summary = NULL, *libc = NULL, *emulator = NULL, *started = NULL;
	const char *valgrind = NULL, *boot_broken = NULL;
	struct kc_parser p = { 0 };
	int check = 0, c;

	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'c': check = 1; break;
		case 'j': json = optarg; break;
		case 's': summary = optarg; break;
		case 'L': libc = optarg; break;
		case 'E': emulator = optarg; break;
		case 't': started = optarg; break;
		case 'V': valgrind = optarg; break;
		case 'B': boot_broken = optarg; break;
		default: goto usage;
		}
	}
	if (optind != argc - 1 || (!check && (json == NULL || summary == NULL)))
		goto usage;
	p.file = argv[optind];
	if (kc_read(&p) != 0)
		return (2);
	kc_parse(&p);
	if (p.errors > 0) {
		fprintf(stderr, "kc-ktap: %s: %d violation(s) of KTAP v1 or the kconform contract\n",
		    p.file, p.errors);
		return (3);
	}
	if (check) {
		printf("%s: valid KTAP v1 (kconform contract): %d cases, kernel %s, arch %s\n",
		    p.file, p.ncases, p.kernel, p.arch);
		return (p.totals[1] + p.totals[3] + p.totals[5] > 0 ? 1 : 0);
	}
	return (kc_write(&p, json, summary, libc, emulator, valgrind, started, boot_broken));
usage:
	fprintf(stderr, "usage: kc-ktap --check FILE\n"
	    "       kc-ktap --json F --summary F [--libc L] [--emulator E] [--valgrind VERSION]\n"
	    "               [--started ISO] [--boot-broken REASON] FILE\n");
	return (2);
}
