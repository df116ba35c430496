/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kc-matrix: merge several runs (one per environment) into a matrix.
 *
 *   kc-matrix --json matrix.json --html matrix.html NAME=results.json ...
 *
 * matrix.json (schema kconform-matrix/1): {"environments": [{"name",
 * "environment", "summary"}], "cases": [{"id", "verdicts": {NAME: {"verdict",
 * "reason"}}}]}.  matrix.html: cases x environments, one coloured cell each,
 * the reason on hover, cases whose verdict differs between environments
 * first.  Exit 0, or 2 on bad input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#define KC_MAXENV 32

struct kc_env {
	char		*name;
	json_object	*root, *cases;
};

static const char *
kc_field(json_object *o, const char *k)
{
	json_object *v;

	if (o == NULL || !json_object_object_get_ex(o, k, &v) ||
	    json_object_is_type(v, json_type_null))
		return ("");
	return (json_object_get_string(v));
}

static void
kc_html_escape(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		default: fputc(*s, f);
		}
	}
}

static json_object *
kc_case_in(const struct kc_env *e, const char *id)
{
	size_t i, n = json_object_array_length(e->cases);

	for (i = 0; i < n; i++) {
		json_object *c = json_object_array_get_idx(e->cases, i);

		if (strcmp(kc_field(c, "id"), id) == 0)
			return (c);
	}
	return (NULL);
}

static int
kc_cmp_str(const void *a, const void *b)
{
	return (strcmp(*(const char *const *)a, *(const char *const *)b));
}

int
main(int argc, char **argv)
{
	struct kc_env env[KC_MAXENV];
	const char *jpath = NULL, *hpath = NULL;
	const char **ids = NULL;
	size_t nids = 0, cap = 0, i, k;
	int nenv = 0, a, e;
	json_object *out, *envs, *cases;
	FILE *h;

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
		eq = strchr(argv[a], '=');
		if (eq == NULL || nenv == KC_MAXENV) {
			fprintf(stderr, "usage: kc-matrix --json F --html F NAME=results.json ...\n");
			return (2);
		}
		*eq = '\0';
		env[nenv].name = argv[a];
		env[nenv].root = json_object_from_file(eq + 1);
		if (env[nenv].root == NULL ||
		    !json_object_object_get_ex(env[nenv].root, "cases", &env[nenv].cases)) {
			fprintf(stderr, "kc-matrix: %s: not a results file\n", eq + 1);
			return (2);
		}
		nenv++;
	}
	if (jpath == NULL || hpath == NULL || nenv == 0) {
		fprintf(stderr, "usage: kc-matrix --json F --html F NAME=results.json ...\n");
		return (2);
	}
	/* The union of case ids, sorted. */
	for (e = 0; e < nenv; e++) {
		size_t n = json_object_array_length(env[e].cases);

		for (i = 0; i < n; i++) {
			const char *id = kc_field(json_object_array_get_idx(env[e].cases, i), "id");

			for (k = 0; k < nids && strcmp(ids[k], id) != 0; k++)
				;
			if (k < nids)
				continue;
			if (nids == cap) {
				cap = cap ? cap * 2 : 256;
				ids = realloc(ids, cap * sizeof(*ids));
				if (ids == NULL)
					return (2);
			}
			ids[nids++] = id;
		}
	}
	qsort(ids, nids, sizeof(*ids), kc_cmp_str);

	out = json_object_new_object();
	json_object_object_add(out, "schema", json_object_new_string("kconform-matrix/1"));
	envs = json_object_new_array();
	for (e = 0; e < nenv; e++) {
		json_object *o = json_object_new_object(), *ev;

		json_object_object_add(o, "name", json_object_new_string(env[e].name));
		if (json_object_object_get_ex(env[e].root, "environment", &ev))
			json_object_object_add(o, "environment", json_object_get(ev));
		json_object_array_add(envs, o);
	}
	json_object_object_add(out, "environments", envs);
	cases = json_object_new_array();

	h = fopen(hpath, "w");
	if (h == NULL) {
		perror(hpath);
		return (2);
	}
	fputs("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>kconform matrix</title>\n"
	    "<style>body{font-family:sans-serif;font-size:13px}table{border-collapse:collapse}"
	    "td,th{border:1px solid #ccc;padding:2px 6px}th{background:#eee;position:sticky;top:0}"
	    ".passed{background:#b6e3b6}.failed{background:#f4a6a6}.broken{background:#e07070}"
	    ".skipped{background:#e8e8e8}.expected_failure{background:#f6e3a1}.absent{background:#fff}"
	    "tr.diff td:first-child{font-weight:bold}</style></head><body>\n"
	    "<h1>kconform: cases &times; environments</h1>\n"
	    "<p>Hover a cell for the reason. Cases whose verdict differs between environments are "
	    "listed first, in bold.</p>\n<table><tr><th>case</th>", h);
	for (e = 0; e < nenv; e++) {
		json_object *ev = NULL;

		json_object_object_get_ex(env[e].root, "environment", &ev);
		fputs("<th title=\"", h);
		fprintf(h, "kernel %s, %s, valgrind %s, emulator %s, sandbox %s", kc_field(ev, "kernel"),
		    kc_field(ev, "machine"), kc_field(ev, "valgrind"), kc_field(ev, "emulator"),
		    kc_field(ev, "sandbox"));
		fputs("\">", h);
		kc_html_escape(h, env[e].name);
		fputs("</th>", h);
	}
	fputs("</tr>\n", h);
	for (int pass = 0; pass < 2; pass++) {
		for (i = 0; i < nids; i++) {
			const char *first = NULL;
			int differs = 0;
			json_object *rec, *vs;

			for (e = 0; e < nenv; e++) {
				const char *v = kc_field(kc_case_in(&env[e], ids[i]), "verdict");

				if (!*v)
					v = "absent";
				if (first == NULL)
					first = v;
				else if (strcmp(first, v) != 0)
					differs = 1;
			}
			if (differs != (pass == 0))
				continue;
			rec = json_object_new_object();
			vs = json_object_new_object();
			json_object_object_add(rec, "id", json_object_new_string(ids[i]));
			fprintf(h, "<tr%s><td>", differs ? " class=\"diff\"" : "");
			kc_html_escape(h, ids[i]);
			fputs("</td>", h);
			for (e = 0; e < nenv; e++) {
				json_object *c = kc_case_in(&env[e], ids[i]), *cell;
				const char *v = *kc_field(c, "verdict") ? kc_field(c, "verdict") : "absent";

				fprintf(h, "<td class=\"%s\" title=\"", v);
				kc_html_escape(h, kc_field(c, "reason"));
				fprintf(h, "\">%s</td>", v);
				cell = json_object_new_object();
				json_object_object_add(cell, "verdict", json_object_new_string(v));
				json_object_object_add(cell, "reason",
				    json_object_new_string(kc_field(c, "reason")));
				json_object_object_add(vs, env[e].name, cell);
			}
			fputs("</tr>\n", h);
			json_object_object_add(rec, "differs", json_object_new_boolean(differs));
			json_object_object_add(rec, "verdicts", vs);
			json_object_array_add(cases, rec);
		}
	}
	fputs("</table></body></html>\n", h);
	if (fclose(h) != 0)
		return (2);
	json_object_object_add(out, "cases", cases);
	if (json_object_to_file_ext(jpath, out, JSON_C_TO_STRING_PRETTY |
	    JSON_C_TO_STRING_NOSLASHESCAPE) != 0) {
		fprintf(stderr, "kc-matrix: %s: %s\n", jpath, json_util_get_last_err());
		return (2);
	}
	return (0);
}
