/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kc-report: turn a kyua results database into kconform's normalized results.
 *
 *   kc-report --db results.db --json results.json --summary summary.txt
 *             [--strip-prefix cases/] [--kernel K] [--machine M] [--libc L]
 *             [--emulator E] [--valgrind V] [--sandbox S] [--started ISO]
 *   kc-report --kcidb OUT.json --results results.json [...]
 *
 * (--kcidb turns a results.json into KCIDB I/O JSON: lib/tools/kcidb/.)
 * It first scrubs the database (kyua records every environment variable of
 * the run in table env_vars; results must never carry the environment), then
 * writes results.json (schema kconform-results/1, DESIGN.md) and summary.txt,
 * whose last line is "N passed, N failed, N skipped".  Exit status: 0 if no
 * case failed or broke, 1 otherwise, 2 on a usage or I/O error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <sqlite3.h>

#include "tools/kcidb/kc_kcidb.h"

#define KC_NVERDICTS 5
static const char *const kc_verdicts[KC_NVERDICTS] = {
	"passed", "failed", "skipped", "expected_failure", "broken",
};

#define KC_MAXDIRS 32

/* Case time per top-level directory ("pidfd", "vgreq"), for the summary and bench. */
struct kc_dirstat {
	char	name[64];
	long	cases;
	double	seconds;
};

static void
kc_dir_add(struct kc_dirstat *d, int *nd, const char *prog, double secs)
{
	char name[64];
	size_t n = strcspn(prog, "/");
	int i;

	if (n >= sizeof(name))
		n = sizeof(name) - 1;
	memcpy(name, prog, n);
	name[n] = '\0';
	for (i = 0; i < *nd; i++) {
		if (strcmp(d[i].name, name) == 0)
			break;
	}
	if (i == *nd) {
		if (*nd == KC_MAXDIRS)
			return;
		memset(&d[i], 0, sizeof(d[i]));
		snprintf(d[i].name, sizeof(d[i].name), "%s", name);
		(*nd)++;
	}
	d[i].cases++;
	d[i].seconds += secs;
}

struct kc_opts {
	const char *db, *json, *summary, *prefix;
	const char *env[6];	/* kernel machine libc emulator valgrind sandbox */
	const char *started;
};

static const char *const kc_env_keys[6] = {
	"kernel", "machine", "libc", "emulator", "valgrind", "sandbox",
};

static int
kc_scrub(sqlite3 *db)
{
	char *err = NULL;

	/* env_vars: the environment of the kyua process; never kept. */
	if (sqlite3_exec(db, "DELETE FROM env_vars; VACUUM;", NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "kc-report: scrubbing env_vars: %s\n", err);
		sqlite3_free(err);
		return (-1);
	}
	return (0);
}

static int
kc_verdict_index(const char *v)
{
	int i;

	for (i = 0; i < KC_NVERDICTS; i++) {
		if (strcmp(v, kc_verdicts[i]) == 0)
			return (i);
	}
	return (-1);
}

/* A duration in seconds, printed with millisecond precision. */
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

int
main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "json", required_argument, NULL, 'j' },
		{ "summary", required_argument, NULL, 's' },
		{ "strip-prefix", required_argument, NULL, 'p' },
		{ "kernel", required_argument, NULL, 0 + 256 },
		{ "machine", required_argument, NULL, 1 + 256 },
		{ "libc", required_argument, NULL, 2 + 256 },
		{ "emulator", required_argument, NULL, 3 + 256 },
		{ "valgrind", required_argument, NULL, 4 + 256 },
		{ "sandbox", required_argument, NULL, 5 + 256 },
		{ "started", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	struct kc_opts o = { 0 };
	long counts[KC_NVERDICTS] = { 0 };
	struct kc_dirstat dirs[KC_MAXDIRS];
	int ndirs = 0;
	json_object *root, *env, *cases;
	sqlite3 *db;
	sqlite3_stmt *st;
	double total = 0;
	long long tmin = -1, tmax = -1;
	FILE *f;
	int c, i, rc;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--kcidb") == 0 || strncmp(argv[i], "--kcidb=", 8) == 0)
			return (kc_kcidb_main(argc, argv));
	}
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'd': o.db = optarg; break;
		case 'j': o.json = optarg; break;
		case 's': o.summary = optarg; break;
		case 'p': o.prefix = optarg; break;
		case 't': o.started = optarg; break;
		default:
			if (c >= 256 && c < 256 + 6) {
				o.env[c - 256] = optarg;
				break;
			}
			fprintf(stderr, "usage: kc-report --db F --json F --summary F [options]\n");
			return (2);
		}
	}
	if (o.db == NULL || o.json == NULL || o.summary == NULL) {
		fprintf(stderr, "usage: kc-report --db F --json F --summary F [options]\n");
		return (2);
	}
	if (sqlite3_open_v2(o.db, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		fprintf(stderr, "kc-report: %s: %s\n", o.db, sqlite3_errmsg(db));
		return (2);
	}
	if (kc_scrub(db) != 0)
		return (2);

	root = json_object_new_object();
	json_object_object_add(root, "schema", json_object_new_string("kconform-results/1"));
	env = json_object_new_object();
	for (i = 0; i < 6; i++)
		json_object_object_add(env, kc_env_keys[i], kc_str_or_null(o.env[i]));
	json_object_object_add(root, "environment", env);
	json_object_object_add(root, "started", kc_str_or_null(o.started));
	cases = json_object_new_array();

	rc = sqlite3_prepare_v2(db,
	    "SELECT p.relative_path, c.name, r.result_type, r.result_reason, "
	    "       r.start_time, r.end_time "
	    "FROM test_results r JOIN test_cases c USING (test_case_id) "
	    "JOIN test_programs p USING (test_program_id) "
	    "ORDER BY p.relative_path, c.name", -1, &st, NULL);
	if (rc != SQLITE_OK) {
		fprintf(stderr, "kc-report: query: %s\n", sqlite3_errmsg(db));
		return (2);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *prog = (const char *)sqlite3_column_text(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 1);
		const char *verdict = (const char *)sqlite3_column_text(st, 2);
		const char *reason = (const char *)sqlite3_column_text(st, 3);
		long long t0 = sqlite3_column_int64(st, 4), t1 = sqlite3_column_int64(st, 5);
		json_object *rec = json_object_new_object();
		char id[1024];
		int vi;

		if (o.prefix != NULL && strncmp(prog, o.prefix, strlen(o.prefix)) == 0)
			prog += strlen(o.prefix);
		snprintf(id, sizeof(id), "%s:%s", prog, name);
		vi = kc_verdict_index(verdict);
		if (vi < 0) {
			fprintf(stderr, "kc-report: %s: unknown verdict '%s' counted as broken\n",
			    id, verdict);
			vi = 4;
		}
		counts[vi]++;
		if (tmin < 0 || t0 < tmin)
			tmin = t0;
		if (t1 > tmax)
			tmax = t1;
		total += (double)(t1 - t0) / 1e6;
		kc_dir_add(dirs, &ndirs, prog, (double)(t1 - t0) / 1e6);
		json_object_object_add(rec, "id", json_object_new_string(id));
		json_object_object_add(rec, "program", json_object_new_string(prog));
		json_object_object_add(rec, "case", json_object_new_string(name));
		json_object_object_add(rec, "verdict", json_object_new_string(kc_verdicts[vi]));
		json_object_object_add(rec, "reason", json_object_new_string(reason ? reason : ""));
		json_object_object_add(rec, "duration_s", kc_seconds((double)(t1 - t0) / 1e6));
		json_object_array_add(cases, rec);
	}
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "kc-report: reading results: %s\n", sqlite3_errmsg(db));
		return (2);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);

	json_object_object_add(root, "duration_s",
	    kc_seconds(tmin >= 0 ? (double)(tmax - tmin) / 1e6 : 0.0));
	json_object_object_add(root, "cases", cases);
	if (json_object_to_file_ext(o.json, root, JSON_C_TO_STRING_PRETTY |
	    JSON_C_TO_STRING_NOSLASHESCAPE) != 0) {
		fprintf(stderr, "kc-report: %s: %s\n", o.json, json_util_get_last_err());
		return (2);
	}
	json_object_put(root);

	f = fopen(o.summary, "w");
	if (f == NULL) {
		fprintf(stderr, "kc-report: %s: %s\n", o.summary, strerror(errno));
		return (2);
	}
	fprintf(f, "cases: %ld; passed %ld, expected_failure %ld, skipped %ld, failed %ld, broken %ld; "
	    "case time %.1f s\n",
	    counts[0] + counts[1] + counts[2] + counts[3] + counts[4], counts[0], counts[3],
	    counts[2], counts[1], counts[4], total);
	for (i = 0; i < ndirs; i++)
		fprintf(f, "directory %s: %ld cases, %.1f s\n", dirs[i].name, dirs[i].cases,
		    dirs[i].seconds);
	/* The plain line CI tools read: expected failures pass, broken fails. */
	fprintf(f, "%ld passed, %ld failed, %ld skipped\n", counts[0] + counts[3],
	    counts[1] + counts[4], counts[2]);
	if (fclose(f) != 0)
		return (2);
	return (counts[1] + counts[4] > 0 ? 1 : 0);
}
