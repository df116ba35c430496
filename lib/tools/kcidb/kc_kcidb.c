/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kc-report --kcidb: turn a kconform results.json into KCIDB I/O JSON
 * (kernelci/kcidb-io schema v5.3): one checkout, one build, one test per
 * case.
 *
 *   kc-report --kcidb OUT.json --results results.json [--origin O]
 *             [--checkout-id ID] [--build-id ID] [--run-id ID]
 *             [--tree-name T] [--git-url URL] [--git-commit HASH]
 *
 * Ids are "<origin>:<rest>" (origin [a-z0-9_]+, default "kconform"): the
 * checkout "<origin>:<kernel release>" unless given (the tested kernel's
 * source is not known to the suite; a CI that knows it passes its own id and
 * commit), the build "<checkout rest>-<arch>", each test
 * "<origin>:<run id>.<program>.<case>" with the run id defaulting to
 * "<started>-<kernel>-<arch>".  A test's path is kconform.<program>.<case>,
 * the program named as in the KTAP (pidfd/x_test -> pidfd_x_test).  Status:
 * passed PASS, expected_failure PASS (FACTS-kernelci §6: XFAIL counts as a
 * pass; the verdict and its tracker stay in misc and comment), skipped SKIP,
 * failed FAIL, broken ERROR.  The run's environment (kernel, machine, libc,
 * emulator, valgrind, sandbox, kernel_build) goes into each test's
 * environment.misc; KCIDB allows no null, so absent values are left out.
 * Exit status: 0 written, 2 usage or I/O error.
 */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "kc_kcidb.h"

#define KC_KCIDB_MAJOR	5
#define KC_KCIDB_MINOR	3

struct kc_kcidb_opts {
	const char *out, *results, *origin, *checkout, *build, *run, *tree, *url, *commit;
};

static const char *
kc_get(json_object *o, const char *key)
{
	json_object *v;

	if (o == NULL || !json_object_object_get_ex(o, key, &v) ||
	    json_object_is_type(v, json_type_null))
		return (NULL);
	return (json_object_get_string(v));
}

/* A path component: what is not [a-zA-Z0-9_-] becomes '_' (send_kcidb.py's rule). */
static void
kc_component(char *dst, size_t len, const char *src)
{
	size_t i;

	for (i = 0; i + 1 < len && src[i] != '\0'; i++)
		dst[i] = (isalnum((unsigned char)src[i]) || src[i] == '_' || src[i] == '-') ?
		    src[i] : '_';
	dst[i] = '\0';
}

static int
kc_origin_ok(const char *s)
{
	if (*s == '\0')
		return (0);
	for (; *s != '\0'; s++) {
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return (0);
	}
	return (1);
}

static const char *
kc_status(const char *verdict)
{
	static const struct { const char *v, *s; } map[] = {
		{ "passed", "PASS" }, { "expected_failure", "PASS" }, { "skipped", "SKIP" },
		{ "failed", "FAIL" }, { "broken", "ERROR" },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		if (verdict != NULL && strcmp(verdict, map[i].v) == 0)
			return (map[i].s);
	}
	return (NULL);
}

static void
kc_add_str(json_object *o, const char *key, const char *val)
{
	if (val != NULL && *val != '\0')
		json_object_object_add(o, key, json_object_new_string(val));
}

/* The run's environment, without nulls and empty strings. */
static json_object *
kc_env_misc(json_object *env)
{
	static const char *const keys[] = {
		"kernel", "machine", "libc", "emulator", "valgrind", "sandbox", "kernel_build",
	};
	json_object *m = json_object_new_object();
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		kc_add_str(m, keys[i], kc_get(env, keys[i]));
	return (m);
}

static int
kc_usage(void)
{
	fprintf(stderr, "usage: kc-report --kcidb OUT --results results.json [--origin O] "
	    "[--checkout-id ID] [--build-id ID] [--run-id ID] [--tree-name T] [--git-url URL] "
	    "[--git-commit HASH]\n");
	return (2);
}

static int
kc_write(const struct kc_kcidb_opts *o, json_object *in)
{
	json_object *root, *ver, *co, *bu, *tests, *env, *cases, *arr;
	const char *kernel, *machine, *started;
	char ckid[600], buid[700], runid[600], comment[1024], arch[64];
	size_t i, n;

	if (!json_object_object_get_ex(in, "environment", &env))
		env = NULL;
	if (!json_object_object_get_ex(in, "cases", &cases) ||
	    !json_object_is_type(cases, json_type_array)) {
		fprintf(stderr, "kc-report: %s: no \"cases\" array\n", o->results);
		return (2);
	}
	kernel = kc_get(env, "kernel");
	machine = kc_get(env, "machine");
	started = kc_get(in, "started");
	kc_component(arch, sizeof(arch), machine != NULL ? machine : "unknown");
	for (i = 0; arch[i] != '\0'; i++)
		arch[i] = arch[i] == '-' ? '_' : (char)tolower((unsigned char)arch[i]);

	if (o->checkout != NULL)
		snprintf(ckid, sizeof(ckid), "%s", o->checkout);
	else
		snprintf(ckid, sizeof(ckid), "%s:%s", o->origin, kernel != NULL ? kernel : "unknown");
	if (o->build != NULL)
		snprintf(buid, sizeof(buid), "%s", o->build);
	else
		snprintf(buid, sizeof(buid), "%s-%s", ckid, arch);
	if (o->run != NULL)
		snprintf(runid, sizeof(runid), "%s", o->run);
	else
		snprintf(runid, sizeof(runid), "%s-%s-%s", started != NULL ? started : "unstarted",
		    kernel != NULL ? kernel : "unknown", arch);
	if (strncmp(ckid, o->origin, strlen(o->origin)) != 0 || ckid[strlen(o->origin)] != ':' ||
	    strncmp(buid, o->origin, strlen(o->origin)) != 0 || buid[strlen(o->origin)] != ':') {
		fprintf(stderr, "kc-report: checkout and build ids must start with \"%s:\"\n",
		    o->origin);
		return (2);
	}

	root = json_object_new_object();
	ver = json_object_new_object();
	json_object_object_add(ver, "major", json_object_new_int(KC_KCIDB_MAJOR));
	json_object_object_add(ver, "minor", json_object_new_int(KC_KCIDB_MINOR));
	json_object_object_add(root, "version", ver);

	co = json_object_new_object();
	json_object_object_add(co, "id", json_object_new_string(ckid));
	json_object_object_add(co, "origin", json_object_new_string(o->origin));
	kc_add_str(co, "tree_name", o->tree);
	kc_add_str(co, "git_repository_url", o->url);
	kc_add_str(co, "git_commit_hash", o->commit);
	kc_add_str(co, "git_commit_name", kernel);
	kc_add_str(co, "start_time", started);
	arr = json_object_new_array();
	json_object_array_add(arr, co);
	json_object_object_add(root, "checkouts", arr);

	bu = json_object_new_object();
	json_object_object_add(bu, "id", json_object_new_string(buid));
	json_object_object_add(bu, "origin", json_object_new_string(o->origin));
	json_object_object_add(bu, "checkout_id", json_object_new_string(ckid));
	json_object_object_add(bu, "architecture", json_object_new_string(arch));
	snprintf(comment, sizeof(comment), "kernel %s (%s)", kernel != NULL ? kernel : "unknown",
	    kc_get(env, "kernel_build") != NULL ? kc_get(env, "kernel_build") : "build unknown");
	json_object_object_add(bu, "comment", json_object_new_string(comment));
	arr = json_object_new_array();
	json_object_array_add(arr, bu);
	json_object_object_add(root, "builds", arr);

	tests = json_object_new_array();
	n = json_object_array_length(cases);
	for (i = 0; i < n; i++) {
		json_object *c = json_object_array_get_idx(cases, i), *t, *te, *tm, *d;
		const char *prog = kc_get(c, "program"), *cs = kc_get(c, "case");
		const char *verdict = kc_get(c, "verdict"), *reason = kc_get(c, "reason");
		const char *status = kc_status(verdict);
		char pc[512], cc[256], path[800], id[1500];

		if (prog == NULL || cs == NULL || status == NULL) {
			fprintf(stderr, "kc-report: %s: case %zu lacks program, case or a known "
			    "verdict (%s)\n", o->results, i, verdict != NULL ? verdict : "none");
			json_object_put(root);
			json_object_put(tests);
			return (2);
		}
		kc_component(pc, sizeof(pc), prog);
		kc_component(cc, sizeof(cc), cs);
		snprintf(path, sizeof(path), "kconform.%s.%s", pc, cc);
		snprintf(id, sizeof(id), "%s:%s.%s.%s", o->origin, runid, pc, cc);
		t = json_object_new_object();
		json_object_object_add(t, "id", json_object_new_string(id));
		json_object_object_add(t, "build_id", json_object_new_string(buid));
		json_object_object_add(t, "origin", json_object_new_string(o->origin));
		json_object_object_add(t, "path", json_object_new_string(path));
		json_object_object_add(t, "status", json_object_new_string(status));
		kc_add_str(t, "comment", reason);
		kc_add_str(t, "start_time", started);
		if (json_object_object_get_ex(c, "duration_s", &d) &&
		    (json_object_is_type(d, json_type_double) || json_object_is_type(d, json_type_int)))
			json_object_object_add(t, "duration",
			    json_object_new_double(json_object_get_double(d)));
		te = json_object_new_object();
		snprintf(comment, sizeof(comment), "%s %s%s%s",
		    kc_get(env, "kernel") != NULL ? kc_get(env, "kernel") : "unknown kernel",
		    machine != NULL ? machine : "unknown machine",
		    kc_get(env, "emulator") != NULL ? " under " : "",
		    kc_get(env, "emulator") != NULL ? kc_get(env, "emulator") : "");
		json_object_object_add(te, "comment", json_object_new_string(comment));
		json_object_object_add(te, "misc", kc_env_misc(env));
		json_object_object_add(t, "environment", te);
		tm = json_object_new_object();
		json_object_object_add(tm, "verdict", json_object_new_string(verdict));
		kc_add_str(tm, "kconform_id", kc_get(c, "id"));
		json_object_object_add(t, "misc", tm);
		json_object_array_add(tests, t);
	}
	json_object_object_add(root, "tests", tests);
	if (json_object_to_file_ext(o->out, root, JSON_C_TO_STRING_PRETTY |
	    JSON_C_TO_STRING_NOSLASHESCAPE) != 0) {
		fprintf(stderr, "kc-report: %s: %s\n", o->out, json_util_get_last_err());
		json_object_put(root);
		return (2);
	}
	json_object_put(root);
	return (0);
}

int
kc_kcidb_main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "kcidb", required_argument, NULL, 'k' },
		{ "results", required_argument, NULL, 'r' },
		{ "origin", required_argument, NULL, 'o' },
		{ "checkout-id", required_argument, NULL, 'c' },
		{ "build-id", required_argument, NULL, 'b' },
		{ "run-id", required_argument, NULL, 'i' },
		{ "tree-name", required_argument, NULL, 't' },
		{ "git-url", required_argument, NULL, 'u' },
		{ "git-commit", required_argument, NULL, 'g' },
		{ NULL, 0, NULL, 0 },
	};
	struct kc_kcidb_opts o = { .origin = "kconform" };
	json_object *in;
	int c, rc;

	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'k': o.out = optarg; break;
		case 'r': o.results = optarg; break;
		case 'o': o.origin = optarg; break;
		case 'c': o.checkout = optarg; break;
		case 'b': o.build = optarg; break;
		case 'i': o.run = optarg; break;
		case 't': o.tree = optarg; break;
		case 'u': o.url = optarg; break;
		case 'g': o.commit = optarg; break;
		default: return (kc_usage());
		}
	}
	if (o.out == NULL || o.results == NULL || optind != argc)
		return (kc_usage());
	if (!kc_origin_ok(o.origin)) {
		fprintf(stderr, "kc-report: origin \"%s\" is not [a-z0-9_]+\n", o.origin);
		return (2);
	}
	in = json_object_from_file(o.results);
	if (in == NULL) {
		fprintf(stderr, "kc-report: %s: %s\n", o.results, json_util_get_last_err());
		return (2);
	}
	rc = kc_write(&o, in);
	json_object_put(in);
	return (rc);
}
