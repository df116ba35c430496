/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kc-matrix: merge several runs (one per environment) into the matrix.
 *
 *   kc-matrix --json matrix.json [--html matrix.html --page kc-matrix.html]
 *             [--view NAME=native|valgrind|both ...] NAME=results.json ...
 *
 * Every run becomes one column, or two.  A parity case
 * parity/<prog>:<case> stands for the kernel case <dir>/<prog>:<case> run
 * under the run's Valgrind, so a run that carries parity cases has two views
 * of its kernel cases: "native" (the case's own verdict) and "valgrind" (the
 * parity verdict).  --view picks the columns of a run: native, valgrind, or
 * both (the default for a run with a Valgrind and parity cases; native
 * otherwise: without a Valgrind, parity has nothing to show).  Every
 * cell keeps the other view's verdict, so nothing is hidden.  A parity case
 * that stands for no kernel case (one case per program, as older runs have)
 * stays a row of its own, and the run's valgrind view then falls back to the
 * native verdicts, which the column says.
 *
 * matrix.json (schema kconform-matrix/2; results/README.md): the columns
 * ("environments": name, run, kernel_cases, environment, summary counts,
 * failure causes), the rows ("cases": id, program, case, differs, one cell
 * per column) and, for every ordered pair of columns, the case changes as
 * `make compare` classifies them (lib/kc_diff.c).  matrix.html is the page
 * template --page with that JSON in it: static, inline CSS and JS, no
 * network.  Exit 0, or 2 on bad input.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "kc_diff.h"

#define KC_MAXRUN	32
#define KC_MAXCOL	(2 * KC_MAXRUN)
#define KC_CAUSE_LEN	240
#define KC_PAGE_SLOT	"\"@KC_MATRIX_DATA@\""

enum kc_view { KC_VIEW_AUTO, KC_VIEW_NATIVE, KC_VIEW_VALGRIND, KC_VIEW_BOTH };

struct kc_run {
	const char	*name, *file;
	enum kc_view	 view;
	json_object	*root, *env;
	json_object	*native;	/* id -> case: every case that is not a mapped parity case */
	json_object	*parity;	/* kernel case id -> its parity case */
	int		 nparity;	/* how many parity cases map to a kernel case */
};

struct kc_col {
	char		 name[160];
	struct kc_run	*run;
	int		 valgrind;	/* kernel cases from parity */
	json_object	*cells;		/* id -> cell */
};

/* Verdicts in the order of the counts (and of severity, worst last). */
static const char *const kc_verdicts[] = {
	"passed", "expected_failure", "skipped", "failed", "broken", "absent",
};
#define KC_NVERDICTS (sizeof(kc_verdicts) / sizeof(kc_verdicts[0]))

static void
kc_usage(void)
{
	fprintf(stderr, "usage: kc-matrix --json F [--html F --page TEMPLATE] "
	    "[--view NAME=native|valgrind|both] NAME=results.json ...\n");
	exit(2);
}

static const char *
kc_str(json_object *o, const char *k)
{
	json_object *v;

	if (o == NULL || !json_object_object_get_ex(o, k, &v) ||
	    json_object_is_type(v, json_type_null))
		return (NULL);
	return (json_object_get_string(v));
}

static const char *
kc_field(json_object *o, const char *k)
{
	const char *s = kc_str(o, k);

	return (s ? s : "");
}

static json_object *
kc_get(json_object *o, const char *k)
{
	json_object *v;

	return (o != NULL && json_object_object_get_ex(o, k, &v) ? v : NULL);
}

/* "pidfd/pidfd_open_test" -> "pidfd_open_test". */
static const char *
kc_basename(const char *prog)
{
	const char *s = strrchr(prog, '/');

	return (s ? s + 1 : prog);
}

static int
kc_is_parity(const char *prog)
{
	return (strncmp(prog, "parity/", 7) == 0);
}

static void
kc_load(struct kc_run *r)
{
	json_object *cases;

	r->root = json_object_from_file(r->file);
	if (r->root == NULL || strcmp(kc_field(r->root, "schema"), "kconform-results/1") != 0 ||
	    !json_object_object_get_ex(r->root, "cases", &cases) ||
	    !json_object_is_type(cases, json_type_array)) {
		fprintf(stderr, "kc-matrix: %s: not a kconform-results/1 file\n", r->file);
		exit(2);
	}
	r->env = kc_get(r->root, "environment");
	r->native = json_object_new_object();
	r->parity = json_object_new_object();
}

/*
 * Sort the cases of each run into its native and parity maps.  progs maps a
 * program's basename to its path, over the non-parity cases of every run.
 */
static void
kc_split(struct kc_run *r, json_object *progs)
{
	json_object *cases = kc_get(r->root, "cases");
	size_t i, n = json_object_array_length(cases);

	for (i = 0; i < n; i++) {
		json_object *c = json_object_array_get_idx(cases, i), *kprog;
		const char *id = kc_field(c, "id"), *colon = strchr(id, ':');
		char kid[1024], prog[512];

		/* The id is the contract: parity/<prog>:<case>. */
		snprintf(prog, sizeof(prog), "%.*s", colon ? (int)(colon - id) : 0, id);
		if (colon != NULL && kc_is_parity(prog) &&
		    json_object_object_get_ex(progs, kc_basename(prog), &kprog)) {
			snprintf(kid, sizeof(kid), "%s:%s", json_object_get_string(kprog), colon + 1);
			json_object_object_add(r->parity, kid, json_object_get(c));
			r->nparity++;
		} else {
			json_object_object_add(r->native, kc_field(c, "id"), json_object_get(c));
		}
	}
}

static json_object *
kc_cell(json_object *c, const char *under)
{
	json_object *cell = json_object_new_object(), *d;

	json_object_object_add(cell, "verdict", json_object_new_string(kc_field(c, "verdict")));
	json_object_object_add(cell, "reason", json_object_new_string(kc_field(c, "reason")));
	if ((d = kc_get(c, "duration_s")) != NULL)
		json_object_object_add(cell, "duration_s", json_object_get(d));
	if (under != NULL)
		json_object_object_add(cell, "under", json_object_new_string(under));
	return (cell);
}

/* The column's cells: the native cases, with the parity verdicts in place
 * of the kernel cases' when the column is the valgrind view. */
static void
kc_fill(struct kc_col *col, const char *vglabel)
{
	struct kc_run *r = col->run;

	col->cells = json_object_new_object();
	json_object_object_foreach(r->native, id, c) {
		json_object *p = kc_get(r->parity, id), *cell;

		if (col->valgrind && p != NULL) {
			cell = kc_cell(p, vglabel);
			json_object_object_add(cell, "other", kc_cell(c, "native"));
		} else {
			cell = kc_cell(c, NULL);
			if (p != NULL)
				json_object_object_add(cell, "other", kc_cell(p, vglabel));
		}
		json_object_object_add(col->cells, id, cell);
	}
	/* A parity verdict whose native case this run does not have. */
	json_object_object_foreach(r->parity, kid, pc) {
		if (col->valgrind && kc_get(col->cells, kid) == NULL)
			json_object_object_add(col->cells, kid, kc_cell(pc, vglabel));
	}
}

/* The first ": " in [p, end) outside parentheses, or NULL. */
static const char *
kc_colon(const char *p, const char *end)
{
	int depth = 0;

	for (; p + 1 < end; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && depth > 0)
			depth--;
		else if (depth == 0 && p[0] == ':' && p[1] == ' ')
			return (p);
	}
	return (NULL);
}

/*
 * The first cause of a reason, normalised so that many cases failing for one
 * reason share it: the first part that is not kyua's "N checks failed"
 * preamble, without its "file.c:LINE: " location, up to the first "; ";
 * for an expected failure, the tracker and its description (up to the
 * second ": ") as they are; otherwise with the arguments of a call
 * ("clone3({...})"), quoted paths and long numbers (pids, addresses) masked.
 */
static void
kc_cause(const char *verdict, const char *reason, char *out, size_t len)
{
	const char *p = reason, *bar, *end, *colon;
	size_t o = 0;
	int depth = 0;

	if (*p == '\0') {
		snprintf(out, len, "(no reason given)");
		return;
	}
	while ((bar = strstr(p, " | ")) != NULL && isdigit((unsigned char)*p) &&
	    strstr(p, " checks failed") != NULL && strstr(p, " checks failed") < bar)
		p = bar + 3;
	/* "cases/x/y.c:120: " */
	colon = strstr(p, ": ");
	if (colon != NULL && colon > p + 2 && isdigit((unsigned char)colon[-1])) {
		const char *q = colon - 1, *sp;

		while (q > p && isdigit((unsigned char)*q))
			q--;
		sp = memchr(p, ' ', (size_t)(colon - p));
		if (*q == ':' && q > p && (q[-1] == 'c' || q[-1] == 'h' || q[-1] == 'S') &&
		    sp == NULL)
			p = colon + 2;
	}
	end = strstr(p, "; ");
	if (end == NULL)
		end = p + strlen(p);
	if (strcmp(verdict, "expected_failure") == 0) {
		/* the tracker and its description, kept as they are */
		const char *c1 = kc_colon(p, end), *c2 = c1 ? kc_colon(c1 + 2, end) : NULL;

		if (c2 != NULL)
			end = c2;
		snprintf(out, len, "%.*s", (int)(end - p), p);
		return;
	}
	for (; p < end && o + 6 < len; p++) {
		const char *q;

		if (depth == 0 && *p == '\'' && (o == 0 || !isalnum((unsigned char)out[o - 1])) &&
		    (q = memchr(p + 1, '\'', (size_t)(end - p - 1))) != NULL) {
			/* a quoted path or value */
			p = q;
			memcpy(out + o, "'...'", 5);
			o += 5;
			continue;
		}
		if (*p == '(' && (depth > 0 || (o > 0 && (isalnum((unsigned char)out[o - 1]) ||
		    out[o - 1] == '_')))) {
			/* the arguments of a call; "(2)" is a manual section and stays */
			if (depth == 0 && isdigit((unsigned char)p[1]) && p[2] == ')') {
				memcpy(out + o, p, 3);
				o += 3;
				p += 2;
				continue;
			}
			if (depth++ == 0)
				out[o++] = '(';
			continue;
		}
		if (*p == ')' && depth > 0) {
			if (--depth == 0) {
				memcpy(out + o, "...)", 4);
				o += 4;
			}
			continue;
		}
		if (depth > 0)
			continue;
		if (isdigit((unsigned char)*p) && o > 0 && (out[o - 1] == '#' || out[o - 1] == '=')) {
			/* a tracker number stays ("moby#42680", "id=439590") */
			while (p + 1 < end && isdigit((unsigned char)p[1]) && o + 6 < len)
				out[o++] = *p++;
			out[o++] = *p;
			continue;
		}
		if (isdigit((unsigned char)*p)) {
			size_t n = strspn(p, "0123456789abcdefx");

			if (n > (size_t)(end - p))
				n = (size_t)(end - p);
			if (n >= 4 && strspn(p, "0123456789") >= 3) {
				out[o++] = 'N';
				p += n - 1;
				continue;
			}
		}
		out[o++] = *p;
	}
	out[o] = '\0';
}

static int
kc_rank(const char *verdict)
{
	size_t i;

	for (i = 0; i < KC_NVERDICTS; i++)
		if (strcmp(kc_verdicts[i], verdict) == 0)
			return ((int)i);
	return (0);
}

/* Causes sort: worst verdict first, then most cases first. */
static int
kc_cmp_cause(const void *a, const void *b)
{
	json_object *x = *(json_object *const *)a, *y = *(json_object *const *)b;
	int rx = kc_rank(kc_field(x, "verdict")), ry = kc_rank(kc_field(y, "verdict"));
	int nx = json_object_get_int(kc_get(x, "count")), ny = json_object_get_int(kc_get(y, "count"));

	if (rx != ry)
		return (ry - rx);
	if (nx != ny)
		return (ny - nx);
	return (strcmp(kc_field(x, "cause"), kc_field(y, "cause")));
}

/* The column's counts and its non-passing cells grouped by first cause. */
static json_object *
kc_summarise(const struct kc_col *col, const char *const *ids, size_t nids,
    json_object **causes_out)
{
	json_object *sum = json_object_new_object(), *causes = json_object_new_array();
	long count[KC_NVERDICTS] = { 0 };
	size_t i, k, ng;

	for (i = 0; i < nids; i++) {
		json_object *cell = kc_get(col->cells, ids[i]), *g = NULL, *list;
		const char *v = cell ? kc_field(cell, "verdict") : "absent";
		char cause[KC_CAUSE_LEN];

		count[kc_rank(v)]++;
		if (cell == NULL || strcmp(v, "passed") == 0)
			continue;
		kc_cause(v, kc_field(cell, "reason"), cause, sizeof(cause));
		ng = json_object_array_length(causes);
		for (k = 0; k < ng; k++) {
			json_object *c = json_object_array_get_idx(causes, k);

			if (strcmp(kc_field(c, "verdict"), v) == 0 &&
			    strcmp(kc_field(c, "cause"), cause) == 0) {
				g = c;
				break;
			}
		}
		if (g == NULL) {
			g = json_object_new_object();
			json_object_object_add(g, "verdict", json_object_new_string(v));
			json_object_object_add(g, "cause", json_object_new_string(cause));
			json_object_object_add(g, "count", json_object_new_int(0));
			json_object_object_add(g, "cases", json_object_new_array());
			json_object_array_add(causes, g);
		}
		json_object_set_int(kc_get(g, "count"), json_object_get_int(kc_get(g, "count")) + 1);
		list = kc_get(g, "cases");
		json_object_array_add(list, json_object_new_string(ids[i]));
	}
	json_object_array_sort(causes, kc_cmp_cause);
	for (i = 0; i < KC_NVERDICTS; i++)
		json_object_object_add(sum, kc_verdicts[i], json_object_new_int64(count[i]));
	json_object_object_add(sum, "cases",
	    json_object_new_int64((long)nids - count[KC_NVERDICTS - 1]));
	*causes_out = causes;
	return (sum);
}

/* Rows sort by program, then case. */
static int
kc_cmp_id(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	const char *cx = strchr(x, ':'), *cy = strchr(y, ':');
	size_t lx = cx ? (size_t)(cx - x) : strlen(x), ly = cy ? (size_t)(cy - y) : strlen(y);
	int r = strncmp(x, y, lx < ly ? lx : ly);

	if (r != 0)
		return (r);
	if (lx != ly)
		return (lx < ly ? -1 : 1);
	return (strcmp(x, y));
}

static json_object *
kc_diffs(const struct kc_col *cols, int ncol, const char *const *ids, size_t nids)
{
	json_object *all = json_object_new_array();
	int a, b;
	size_t i;

	for (a = 0; a < ncol; a++) {
		for (b = 0; b < ncol; b++) {
			json_object *d, *lines, *counts;
			long count[KC_DIFF_NGROUPS] = { 0 };
			int g;

			if (a == b)
				continue;
			d = json_object_new_object();
			lines = json_object_new_array();
			for (i = 0; i < nids; i++) {
				json_object *x = kc_get(cols[a].cells, ids[i]);
				json_object *y = kc_get(cols[b].cells, ids[i]), *line;
				enum kc_diff k = kc_diff_classify(x ? kc_field(x, "verdict") : NULL,
				    x ? kc_field(x, "reason") : NULL, y ? kc_field(y, "verdict") : NULL,
				    y ? kc_field(y, "reason") : NULL);

				if (k == KC_DIFF_NONE)
					continue;
				count[k]++;
				line = json_object_new_array();
				json_object_array_add(line, json_object_new_string(kc_diff_name(k)));
				json_object_array_add(line, json_object_new_string(ids[i]));
				json_object_array_add(lines, line);
			}
			counts = json_object_new_object();
			for (g = KC_DIFF_NONE + 1; g < KC_DIFF_NGROUPS; g++)
				json_object_object_add(counts, kc_diff_name(g),
				    json_object_new_int64(count[g]));
			json_object_object_add(d, "base", json_object_new_string(cols[a].name));
			json_object_object_add(d, "run", json_object_new_string(cols[b].name));
			json_object_object_add(d, "counts", counts);
			json_object_object_add(d, "lines", lines);
			json_object_array_add(all, d);
		}
	}
	return (all);
}

/* Copy the template to path with the JSON in place of its slot; '<' is
 * written as \u003c so that no reason can end the script element. */
static int
kc_write_page(const char *path, const char *tmpl, const char *json)
{
	FILE *in = fopen(tmpl, "r"), *out;
	char *text = NULL, *slot;
	size_t cap = 0, len = 0, n;
	const char *p;

	if (in == NULL) {
		fprintf(stderr, "kc-matrix: %s: %s\n", tmpl, strerror(errno));
		return (-1);
	}
	do {
		if (len + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 65536;
			text = realloc(text, cap);
			if (text == NULL)
				return (-1);
		}
		n = fread(text + len, 1, cap - len - 1, in);
		len += n;
	} while (n > 0);
	fclose(in);
	text[len] = '\0';
	slot = strstr(text, KC_PAGE_SLOT);
	if (slot == NULL) {
		fprintf(stderr, "kc-matrix: %s: no %s slot\n", tmpl, KC_PAGE_SLOT);
		free(text);
		return (-1);
	}
	out = fopen(path, "w");
	if (out == NULL) {
		fprintf(stderr, "kc-matrix: %s: %s\n", path, strerror(errno));
		free(text);
		return (-1);
	}
	fwrite(text, 1, (size_t)(slot - text), out);
	for (p = json; *p; p++) {
		if (*p == '<')
			fputs("\\u003c", out);
		else
			fputc(*p, out);
	}
	fputs(slot + strlen(KC_PAGE_SLOT), out);
	free(text);
	return (fclose(out) == 0 ? 0 : -1);
}

int
main(int argc, char **argv)
{
	struct kc_run run[KC_MAXRUN];
	struct kc_col col[KC_MAXCOL];
	struct { const char *name; enum kc_view view; } views[KC_MAXRUN];
	const char *jpath = NULL, *hpath = NULL, *tpath = NULL;
	const char **ids = NULL;
	size_t nids = 0, i;
	int nrun = 0, ncol = 0, nview = 0, a, r, c;
	json_object *progs, *rows, *out, *envs, *seen;

	for (a = 1; a < argc; a++) {
		char *eq;

		if (strcmp(argv[a], "--json") == 0 && a + 1 < argc) {
			jpath = argv[++a];
			continue;
		}
		if (strcmp(argv[a], "--html") == 0 && a + 1 < argc) {
			hpath = argv[++a];
			continue;
		}
		if (strcmp(argv[a], "--page") == 0 && a + 1 < argc) {
			tpath = argv[++a];
			continue;
		}
		if (strcmp(argv[a], "--view") == 0 && a + 1 < argc && nview < KC_MAXRUN) {
			eq = strchr(argv[++a], '=');
			if (eq == NULL)
				kc_usage();
			*eq++ = '\0';
			views[nview].name = argv[a];
			if (strcmp(eq, "native") == 0)
				views[nview].view = KC_VIEW_NATIVE;
			else if (strcmp(eq, "valgrind") == 0)
				views[nview].view = KC_VIEW_VALGRIND;
			else if (strcmp(eq, "both") == 0)
				views[nview].view = KC_VIEW_BOTH;
			else
				kc_usage();
			nview++;
			continue;
		}
		eq = strchr(argv[a], '=');
		if (eq == NULL || argv[a][0] == '-' || nrun == KC_MAXRUN)
			kc_usage();
		*eq = '\0';
		memset(&run[nrun], 0, sizeof(run[nrun]));
		run[nrun].name = argv[a];
		run[nrun].file = eq + 1;
		kc_load(&run[nrun]);
		nrun++;
	}
	if (jpath == NULL || nrun == 0 || (hpath != NULL) != (tpath != NULL))
		kc_usage();
	for (i = 0; i < (size_t)nview; i++) {
		for (r = 0; r < nrun && strcmp(run[r].name, views[i].name) != 0; r++)
			;
		if (r == nrun) {
			fprintf(stderr, "kc-matrix: --view %s: no such run\n", views[i].name);
			return (2);
		}
		run[r].view = views[i].view;
	}

	/* Program basenames of the non-parity cases: what parity cases name. */
	progs = json_object_new_object();
	for (r = 0; r < nrun; r++) {
		json_object *cases = kc_get(run[r].root, "cases");

		for (i = 0; i < json_object_array_length(cases); i++) {
			const char *prog = kc_field(json_object_array_get_idx(cases, i), "program");

			if (!kc_is_parity(prog) && kc_get(progs, kc_basename(prog)) == NULL)
				json_object_object_add(progs, kc_basename(prog),
				    json_object_new_string(prog));
		}
	}

	/* Columns. */
	for (r = 0; r < nrun; r++) {
		struct kc_run *rr = &run[r];
		enum kc_view v = rr->view;
		const char *vg = kc_str(rr->env, "valgrind");
		char vglabel[96];

		kc_split(rr, progs);
		if (v == KC_VIEW_AUTO)
			v = rr->nparity > 0 && vg != NULL ? KC_VIEW_BOTH : KC_VIEW_NATIVE;
		snprintf(vglabel, sizeof(vglabel), "valgrind %s", vg ? vg : "(none)");
		if (v != KC_VIEW_VALGRIND) {
			snprintf(col[ncol].name, sizeof(col[ncol].name), "%s", rr->name);
			col[ncol].run = rr;
			col[ncol].valgrind = 0;
			kc_fill(&col[ncol], vglabel);
			ncol++;
		}
		if (v != KC_VIEW_NATIVE) {
			snprintf(col[ncol].name, sizeof(col[ncol].name),
			    v == KC_VIEW_BOTH ? "%s/valgrind" : "%s", rr->name);
			col[ncol].run = rr;
			col[ncol].valgrind = 1;
			kc_fill(&col[ncol], vglabel);
			ncol++;
		}
	}

	/* Rows: the union of every column's cells. */
	seen = json_object_new_object();
	for (c = 0; c < ncol; c++) {
		json_object_object_foreach(col[c].cells, id, cell) {
			(void)cell;
			if (json_object_object_get_ex(seen, id, NULL))
				continue;
			json_object_object_add(seen, id, json_object_new_boolean(1));
			ids = realloc(ids, (nids + 1) * sizeof(*ids));
			if (ids == NULL)
				return (2);
			ids[nids++] = id;
		}
	}
	qsort(ids, nids, sizeof(*ids), kc_cmp_id);

	out = json_object_new_object();
	json_object_object_add(out, "schema", json_object_new_string("kconform-matrix/2"));
	envs = json_object_new_array();
	for (c = 0; c < ncol; c++) {
		json_object *o = json_object_new_object(), *causes, *v;
		const char *vg = kc_str(col[c].run->env, "valgrind");
		char kc[128];

		json_object_object_add(o, "name", json_object_new_string(col[c].name));
		json_object_object_add(o, "run", json_object_new_string(col[c].run->name));
		if (!col[c].valgrind)
			snprintf(kc, sizeof(kc), "native");
		else if (col[c].run->nparity > 0)
			snprintf(kc, sizeof(kc), "under valgrind %s", vg ? vg : "(none)");
		else
			snprintf(kc, sizeof(kc), "native (this run has no per-case parity verdicts)");
		json_object_object_add(o, "kernel_cases", json_object_new_string(kc));
		json_object_object_add(o, "environment",
		    col[c].run->env ? json_object_get(col[c].run->env) : NULL);
		if ((v = kc_get(col[c].run->root, "started")) != NULL)
			json_object_object_add(o, "started", json_object_get(v));
		if ((v = kc_get(col[c].run->root, "duration_s")) != NULL)
			json_object_object_add(o, "duration_s", json_object_get(v));
		json_object_object_add(o, "summary", kc_summarise(&col[c], ids, nids, &causes));
		json_object_object_add(o, "causes", causes);
		json_object_array_add(envs, o);
	}
	json_object_object_add(out, "environments", envs);

	rows = json_object_new_array();
	for (i = 0; i < nids; i++) {
		json_object *rec = json_object_new_object(), *vs = json_object_new_object();
		const char *colon = strchr(ids[i], ':'), *first = NULL;
		int differs = 0;

		json_object_object_add(rec, "id", json_object_new_string(ids[i]));
		json_object_object_add(rec, "program", colon ?
		    json_object_new_string_len(ids[i], (int)(colon - ids[i])) :
		    json_object_new_string(ids[i]));
		json_object_object_add(rec, "case", json_object_new_string(colon ? colon + 1 : ""));
		for (c = 0; c < ncol; c++) {
			json_object *cell = kc_get(col[c].cells, ids[i]);
			const char *v = cell ? kc_field(cell, "verdict") : "absent";

			if (first == NULL)
				first = v;
			else if (strcmp(first, v) != 0)
				differs = 1;
			if (cell != NULL)
				json_object_object_add(vs, col[c].name, json_object_get(cell));
		}
		json_object_object_add(rec, "differs", json_object_new_boolean(differs));
		json_object_object_add(rec, "verdicts", vs);
		json_object_array_add(rows, rec);
	}
	json_object_object_add(out, "cases", rows);
	json_object_object_add(out, "diffs", kc_diffs(col, ncol, ids, nids));

	if (json_object_to_file_ext(jpath, out, JSON_C_TO_STRING_PRETTY |
	    JSON_C_TO_STRING_NOSLASHESCAPE) != 0) {
		fprintf(stderr, "kc-matrix: %s: %s\n", jpath, json_util_get_last_err());
		return (2);
	}
	if (hpath != NULL && kc_write_page(hpath, tpath,
	    json_object_to_json_string_ext(out, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE)) != 0)
		return (2);
	json_object_put(out);
	json_object_put(seen);
	json_object_put(progs);
	for (c = 0; c < ncol; c++)
		json_object_put(col[c].cells);
	for (r = 0; r < nrun; r++) {
		json_object_put(run[r].native);
		json_object_put(run[r].parity);
		json_object_put(run[r].root);
	}
	free(ids);
	return (0);
}
