/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The matrix (kc-matrix and its page) on canned runs (selftest/matrix/canned:
 * host with per-case parity under Valgrind 3.19, a clone3-eperm sandbox,
 * Valgrind 3.24 and 3.27.1 runs, qemu-user on riscv64, a qemu-system 6.1
 * kernel; and a run with today's one parity case per program): matrix.json's columns, counts, parity
 * cells, causes and diffs, then the page rendered by headless Chromium and
 * checked through its DOM, with a screenshot for a person to look at.
 */
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>
#include <json-c/json.h>

#include "kc_child.h"
#include "kc_file.h"
#include "kc_macros.h"
#include "../st_tool.h"

/* The columns kc-matrix makes of the canned runs with run-matrix.sh's views. */
static const char *const kc_cols[] = {
	"host", "host/valgrind", "sandbox-clone3-eperm", "valgrind-trixie", "valgrind-sid",
	"qemu-user-riscv64", "qemu-system-6.1",
};
#define KC_NCOLS	(sizeof(kc_cols) / sizeof(kc_cols[0]))
#define KC_NROWS	16	/* 13 kernel cases, 3 vgreq */
#define KC_NPROGS	6

#define KC_CHROMIUM	"chromium --headless --no-sandbox --disable-gpu " \
	"--disable-background-networking --disable-component-update --disable-sync " \
	"--no-first-run --hide-scrollbars"

/*
 * Run a Chromium command line.  Chromium leaves helper processes (crashpad,
 * zygotes) that outlive it; this process becomes their child subreaper for
 * the call and reaps them all, so that the run leaves nothing behind.
 */
static int
kc_chromium(const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	RL(prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0));
	st = st_sh("%s", cmd);
	(void)kc_reap_children(NULL);
	RL(prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0));
	return (st);
}

/* kc-matrix on the canned runs, as run-matrix.sh calls it, into ./m. */
static void
kc_make_matrix(const atf_tc_t *tc)
{
	const char *root = st_root(tc), *src = atf_tc_get_config_var(tc, "srcdir");
	int st;

	RL(mkdir("m", 0755));
	st = st_sh("d=%s/selftest/matrix/canned; %s/../../lib/tools/kc-matrix "
	    "--json m/matrix.json --html m/matrix.html --page %s/lib/tools/kc-matrix.html "
	    "--view sandbox-clone3-eperm=native --view valgrind-trixie=valgrind "
	    "--view valgrind-sid=valgrind host=$d/host.json "
	    "sandbox-clone3-eperm=$d/sandbox-clone3-eperm.json "
	    "valgrind-trixie=$d/valgrind-trixie.json valgrind-sid=$d/valgrind-sid.json "
	    "qemu-user-riscv64=$d/qemu-user-riscv64.json "
	    "qemu-system-6.1=$d/qemu-system-6.1.json 2>m/stderr", root, src, root);
	ATF_REQUIRE_EQ_MSG(0, st, "kc-matrix exited %d (see m/stderr)", st);
}

static json_object *
kc_env(json_object *m, const char *name)
{
	json_object *envs = st_jget(m, "environments");
	size_t i;

	for (i = 0; i < json_object_array_length(envs); i++)
		if (strcmp(st_jstr(json_object_array_get_idx(envs, i), "name", "(missing)"), name) == 0)
			return (json_object_array_get_idx(envs, i));
	atf_tc_fail("column %s missing from matrix.json", name);
	return (NULL);
}

static json_object *
kc_cellof(json_object *m, const char *id, const char *col)
{
	json_object *cases = st_jget(m, "cases");
	size_t i;

	for (i = 0; i < json_object_array_length(cases); i++) {
		json_object *c = json_object_array_get_idx(cases, i);

		if (strcmp(st_jstr(c, "id", "(missing)"), id) == 0)
			return (st_jget(st_jget(c, "verdicts"), col));
	}
	return (NULL);
}

/* Check one column's counts against what the canned run holds. */
static void
kc_check_summary(json_object *m, const char *col, int passed, int xfail, int failed, int broken,
    int skipped, int absent)
{
	json_object *s = st_jget(kc_env(m, col), "summary");
	static const char *const k[] = {
		"passed", "expected_failure", "failed", "broken", "skipped", "absent",
	};
	int want[6] = { passed, xfail, failed, broken, skipped, absent };
	size_t i;

	ATF_REQUIRE_MSG(s != NULL && json_object_is_type(s, json_type_object),
	    "%s: summary is not an object", col);
	for (i = 0; i < 6; i++)
		ATF_CHECK_EQ_MSG(want[i], json_object_get_int(st_jget(s, k[i])),
		    "%s: summary %s: expected %d, got %d", col, k[i], want[i],
		    json_object_get_int(st_jget(s, k[i])));
}

/* The columns (one per view), each environment's counts, the per-case
 * Valgrind verdicts of the kernel cases, the fallback for a run with one
 * parity case per program, and the grouped failure cause. */
ATF_TC(matrix__json_columns_counts_parity);
ATF_TC_HEAD(matrix__json_columns_counts_parity, tc)
{
	atf_tc_set_md_var(tc, "require.config", "source_root");
	atf_tc_set_md_var(tc, "descr", "kc-matrix: columns, summary counts, parity cells and "
	    "failure causes of canned runs");
}
ATF_TC_BODY(matrix__json_columns_counts_parity, tc)
{
	json_object *m, *envs, *cell, *other, *causes, *g;
	size_t i;

	kc_make_matrix(tc);
	m = json_object_from_file("m/matrix.json");
	ATF_REQUIRE_MSG(m != NULL, "m/matrix.json: %s", json_util_get_last_err());
	ATF_CHECK_STREQ("kconform-matrix/2", st_jstr(m, "schema", "(missing)"));
	envs = st_jget(m, "environments");
	ATF_REQUIRE_EQ_MSG(KC_NCOLS, json_object_array_length(envs),
	    "expected %zu columns, got %zu", KC_NCOLS, json_object_array_length(envs));
	for (i = 0; i < KC_NCOLS; i++)
		ATF_CHECK_STREQ_MSG(kc_cols[i], st_jstr(json_object_array_get_idx(envs, i), "name", "(missing)"),
		    "column %zu", i);
	ATF_CHECK_EQ_MSG(KC_NROWS, (int)json_object_array_length(st_jget(m, "cases")),
	    "expected %d rows, got %zu", KC_NROWS, json_object_array_length(st_jget(m, "cases")));

	ATF_CHECK_STREQ("native", st_jstr(kc_env(m, "host"), "kernel_cases", "(missing)"));
	ATF_CHECK_STREQ("under valgrind 3.19.0", st_jstr(kc_env(m, "host/valgrind"), "kernel_cases", "(missing)"));
	ATF_CHECK_STREQ("under valgrind 3.27.1", st_jstr(kc_env(m, "valgrind-sid"), "kernel_cases", "(missing)"));
	ATF_CHECK_STREQ("under valgrind 3.24.0", st_jstr(kc_env(m, "valgrind-trixie"), "kernel_cases", "(missing)"));
	ATF_CHECK_STREQ("qemu-user 10.0.13",
	    st_jstr(st_jget(kc_env(m, "qemu-user-riscv64"), "environment"), "emulator", "(missing)"));

	/*            column                 pass xfail fail broken skip absent */
	kc_check_summary(m, "host",                  14, 2, 0, 0, 0, 0);
	kc_check_summary(m, "host/valgrind",          3, 13, 0, 0, 0, 0);
	kc_check_summary(m, "sandbox-clone3-eperm",   6, 2, 8, 0, 0, 0);
	kc_check_summary(m, "valgrind-trixie",        6, 10, 0, 0, 0, 0);
	kc_check_summary(m, "valgrind-sid",           5, 9, 2, 0, 0, 0);
	kc_check_summary(m, "qemu-user-riscv64",      2, 0, 2, 0, 1, 11);
	kc_check_summary(m, "qemu-system-6.1",       10, 0, 1, 1, 1, 3);

	/* Under a Valgrind, a kernel case's cell is its parity verdict. */
	cell = kc_cellof(m, "pidfd/pidfd_open_test:pidfd_open__thread_flag", "valgrind-sid");
	ATF_REQUIRE_MSG(cell != NULL, "no valgrind-sid cell for pidfd_open__thread_flag");
	ATF_CHECK_STREQ("failed", st_jstr(cell, "verdict", "(missing)"));
	ATF_CHECK_STREQ("valgrind 3.27.1", st_jstr(cell, "under", "(missing)"));
	other = st_jget(cell, "other");
	ATF_CHECK_STREQ("passed", st_jstr(other, "verdict", "(missing)"));
	ATF_CHECK_STREQ("native", st_jstr(other, "under", "(missing)"));
	cell = kc_cellof(m, "pidfd/pidfd_open_test:pidfd_open__thread_flag", "host");
	ATF_CHECK_STREQ("passed", st_jstr(cell, "verdict", "(missing)"));
	ATF_CHECK_STREQ("expected_failure", st_jstr(st_jget(cell, "other"), "verdict", "(missing)"));
	cell = kc_cellof(m, "clone3/clone3_size_test:clone3__size_ver0_ok", "host/valgrind");
	ATF_CHECK_STREQ("expected_failure", st_jstr(cell, "verdict", "(missing)"));
	ATF_CHECK_MSG(strncmp(st_jstr(cell, "reason", "(missing)"), "https://bugs.kde.org/show_bug.cgi?id=439590:",
	    44) == 0, "the xfail reason must start with its tracker: %s", st_jstr(cell, "reason", "(missing)"));
	/* Per-case parity cases are not rows of their own. */
	ATF_CHECK_MSG(kc_cellof(m, "parity/pidfd_open_test:pidfd_open__cloexec", "host") == NULL &&
	    kc_cellof(m, "parity/pidfd_open_test:pidfd_open__cloexec", "host/valgrind") == NULL,
	    "a per-case parity case is shown as its own row");

	/* The eight clone3 failures of the eperm sandbox: one cause. */
	causes = st_jget(kc_env(m, "sandbox-clone3-eperm"), "causes");
	ATF_REQUIRE_MSG(causes != NULL && json_object_array_length(causes) > 0,
	    "sandbox-clone3-eperm has no causes");
	g = json_object_array_get_idx(causes, 0);
	ATF_CHECK_STREQ("failed", st_jstr(g, "verdict", "(missing)"));
	ATF_CHECK_EQ_MSG(8, json_object_get_int(st_jget(g, "count")),
	    "first cause counts %d cases, expected 8", json_object_get_int(st_jget(g, "count")));
	ATF_CHECK_STREQ("clone3(2): EPERM where ENOSYS or EINVAL was due (breaks glibc's "
	    "clone3->clone fallback: moby#42680)", st_jstr(g, "cause", "(missing)"));
	ATF_CHECK_EQ(8, (int)json_object_array_length(st_jget(g, "cases")));
	/* Two failures that differ in pid, flags and line: one cause, masked. */
	causes = st_jget(kc_env(m, "qemu-user-riscv64"), "causes");
	g = json_object_array_get_idx(causes, 0);
	ATF_CHECK_EQ_MSG(2, json_object_get_int(st_jget(g, "count")),
	    "qemu-user's first cause counts %d cases, expected 2", json_object_get_int(st_jget(g, "count")));
	ATF_CHECK_STREQ("pidfd_open(...): ENOSYS (qemu-user 10.0.13: syscall 434 not forwarded)",
	    st_jstr(g, "cause", "(missing)"));
	json_object_put(m);
}

/* A run whose parity is one case per program (what cases/parity reports
 * today) is accepted: its parity cases stay rows of their own, and its
 * Valgrind column says that it shows the kernel cases natively. */
ATF_TC(matrix__one_parity_case_per_program);
ATF_TC_HEAD(matrix__one_parity_case_per_program, tc)
{
	atf_tc_set_md_var(tc, "require.config", "source_root");
	atf_tc_set_md_var(tc, "descr", "kc-matrix accepts parity reported as one case per program");
}
ATF_TC_BODY(matrix__one_parity_case_per_program, tc)
{
	const char *root = st_root(tc), *src = atf_tc_get_config_var(tc, "srcdir");
	json_object *m, *envs;
	int st;

	st = st_sh("d=%s/selftest/matrix/canned; %s/../../lib/tools/kc-matrix --json old.json "
	    "--view old=valgrind host=$d/host.json old=$d/old-parity.json", root, src);
	ATF_REQUIRE_EQ_MSG(0, st, "kc-matrix exited %d", st);
	m = json_object_from_file("old.json");
	ATF_REQUIRE_MSG(m != NULL, "old.json: %s", json_util_get_last_err());
	envs = st_jget(m, "environments");
	ATF_REQUIRE_EQ_MSG(3, (int)json_object_array_length(envs), "expected host, host/valgrind, "
	    "old; got %zu columns", json_object_array_length(envs));
	ATF_CHECK_STREQ("native (this run has no per-case parity verdicts)",
	    st_jstr(kc_env(m, "old"), "kernel_cases", "(missing)"));
	ATF_CHECK_EQ_MSG(KC_NROWS + 2, (int)json_object_array_length(st_jget(m, "cases")),
	    "expected %d rows (the two parity_test cases among them), got %zu", KC_NROWS + 2,
	    json_object_array_length(st_jget(m, "cases")));
	ATF_CHECK_STREQ("expected_failure", st_jstr(kc_cellof(m,
	    "parity/parity_test:parity__clone3_size_test", "old"), "verdict", "(missing)"));
	ATF_CHECK_STREQ("passed", st_jstr(kc_cellof(m,
	    "clone3/clone3_size_test:clone3__size_ver0_ok", "old"), "verdict", "(missing)"));
	kc_check_summary(m, "old", 15, 3, 0, 0, 0, 0);
	kc_check_summary(m, "host", 14, 2, 0, 0, 0, 2);
	json_object_put(m);
}

/* The diff view's data classifies like `make compare`: for the host and
 * sandbox columns (both native), kc-compare's lines on the two results
 * files, parity cases aside, are exactly the matrix's. */
ATF_TC(matrix__diff_matches_compare);
ATF_TC_HEAD(matrix__diff_matches_compare, tc)
{
	atf_tc_set_md_var(tc, "require.config", "source_root");
	atf_tc_set_md_var(tc, "descr", "kc-matrix's column diffs match kc-compare's classification");
}
ATF_TC_BODY(matrix__diff_matches_compare, tc)
{
	const char *root = st_root(tc), *src = atf_tc_get_config_var(tc, "srcdir");
	json_object *m, *diffs, *d = NULL, *lines;
	char line[4096], grp[32], id[1024];
	size_t i, j;
	int ncmp = 0, st;
	FILE *f;

	kc_make_matrix(tc);
	st = st_sh("%s/../../lib/tools/kc-compare %s/selftest/matrix/canned/host.json "
	    "%s/selftest/matrix/canned/sandbox-clone3-eperm.json > m/compare.txt", src, root, root);
	ATF_CHECK_EQ_MSG(1, st, "kc-compare must exit 1 on the regressions, got %d", st);
	m = json_object_from_file("m/matrix.json");
	ATF_REQUIRE(m != NULL);
	diffs = st_jget(m, "diffs");
	ATF_REQUIRE_EQ(KC_NCOLS * (KC_NCOLS - 1), json_object_array_length(diffs));
	for (i = 0; i < json_object_array_length(diffs); i++) {
		json_object *x = json_object_array_get_idx(diffs, i);

		if (strcmp(st_jstr(x, "base", "(missing)"), "host") == 0 &&
		    strcmp(st_jstr(x, "run", "(missing)"), "sandbox-clone3-eperm") == 0)
			d = x;
	}
	ATF_REQUIRE_MSG(d != NULL, "no host -> sandbox-clone3-eperm diff");
	lines = st_jget(d, "lines");
	f = fopen("m/compare.txt", "r");
	ATF_REQUIRE_MSG(f != NULL, "m/compare.txt: %s", strerror(errno));
	while (fgets(line, sizeof(line), f) != NULL) {
		const char *p, *sep;
		int found = 0;

		/* "regression pidfd/x_test:case: passed -> failed: reason" */
		if (strncmp(line, "environment", 11) == 0 || sscanf(line, "%31s", grp) != 1)
			continue;
		p = line + strlen(grp);
		p += strspn(p, " ");
		sep = strstr(p, ": ");
		if (sep == NULL)	/* the totals line */
			continue;
		snprintf(id, sizeof(id), "%.*s", (int)(sep - p), p);
		if (strncmp(id, "parity/", 7) == 0)
			continue;
		ncmp++;
		for (j = 0; j < json_object_array_length(lines); j++) {
			json_object *l = json_object_array_get_idx(lines, j);

			if (strcmp(json_object_get_string(json_object_array_get_idx(l, 1)), id) == 0) {
				found = 1;
				ATF_CHECK_STREQ_MSG(grp,
				    json_object_get_string(json_object_array_get_idx(l, 0)),
				    "%s: kc-compare and the matrix classify differently", id);
			}
		}
		ATF_CHECK_MSG(found, "kc-compare line for %s missing from the matrix diff", id);
	}
	fclose(f);
	ATF_CHECK_EQ_MSG(8, ncmp, "kc-compare gave %d non-parity lines, expected 8", ncmp);
	ATF_CHECK_EQ_MSG(ncmp, (int)json_object_array_length(lines),
	    "matrix diff has %zu lines, kc-compare %d", json_object_array_length(lines), ncmp);
	ATF_CHECK_EQ(8, json_object_get_int(st_jget(st_jget(d, "counts"), "regression")));
	json_object_put(m);
}

/* How many times s occurs in text. */
static int
kc_count(const char *text, const char *s)
{
	int n = 0;

	for (const char *p = text; (p = strstr(p, s)) != NULL; p += strlen(s))
		n++;
	return (n);
}

/* How many <tr class="case..."> rows are not hidden. */
static int
kc_visible_rows(const char *dom)
{
	int n = 0;

	for (const char *p = dom; (p = strstr(p, "<tr class=\"case")) != NULL; p++) {
		const char *end = strchr(p + 11, '"');

		if (end != NULL && memmem(p, (size_t)(end - p), "hidden", 6) == NULL)
			n++;
	}
	return (n);
}

/* The page after Chromium ran its script, for the address page#hash. */
static char *
kc_dom(const char *hash, const char *name)
{
	char cwd[2048], out[128];
	char *dom;
	int st;

	ATF_REQUIRE(getcwd(cwd, sizeof(cwd)) != NULL);
	snprintf(out, sizeof(out), "m/%s.dom", name);
	st = kc_chromium(KC_CHROMIUM " --user-data-dir=%s/ud-%s --dump-dom 'file://%s/m/matrix.html%s' "
	    ">%s 2>m/%s.err", cwd, name, cwd, hash, out, name);
	ATF_REQUIRE_EQ_MSG(0, st, "chromium --dump-dom exited %d (see m/%s.err)", st, name);
	dom = kc_file_slurp(out);
	ATF_REQUIRE_MSG(dom != NULL && strstr(dom, "data-ready=\"1\"") != NULL,
	    "%s: the page's script did not run to its end", out);
	return (dom);
}

/* The page in Chromium: one header per column with its environment and
 * counts, one cell per case per column, a folding summary row per program,
 * the differ-only toggle and search (driven through the address), the
 * grouped failure cause, the diff view and the details panel. */
ATF_TC(matrix__page_dom);
ATF_TC_HEAD(matrix__page_dom, tc)
{
	atf_tc_set_md_var(tc, "require.config", "source_root");
	atf_tc_set_md_var(tc, "require.progs", "chromium");
	atf_tc_set_md_var(tc, "descr", "the matrix page rendered by headless Chromium has its "
	    "headers, cells, grouping, toggle, causes and diff view");
	atf_tc_set_md_var(tc, "timeout", "240");
}
ATF_TC_BODY(matrix__page_dom, tc)
{
	char *dom;
	size_t i;
	int n;

	kc_make_matrix(tc);
	dom = kc_dom("", "plain");
	ATF_CHECK_EQ_MSG((int)KC_NCOLS, kc_count(dom, "<th class=\"env"),
	    "expected %zu column headers, got %d", KC_NCOLS, kc_count(dom, "<th class=\"env"));
	for (i = 0; i < KC_NCOLS; i++) {
		char want[256];

		snprintf(want, sizeof(want), "data-env=\"%s\"><b>%s</b>", kc_cols[i], kc_cols[i]);
		ATF_CHECK_MSG(strstr(dom, want) != NULL, "no header for column %s", kc_cols[i]);
	}
	static const char *const facts[] = {
		"kernel: 6.18.44-fc-v769", "kernel: 6.1.0-37-amd64", "arch: riscv64",
		"emulator: qemu-user 10.0.13", "emulator: qemu-system-x86_64 7.2.22",
		"valgrind: 3.27.1", "valgrind: 3.24.0", "sandbox: clone3-eperm",
		"kernel cases: under valgrind 3.19.0",
		"data-count=\"8\" title=\"failed\">8 FAIL</span>",
	};
	for (i = 0; i < sizeof(facts) / sizeof(facts[0]); i++)
		ATF_CHECK_MSG(strstr(dom, facts[i]) != NULL, "the headers do not say '%s'", facts[i]);
	n = kc_count(dom, "<td class=\"cell ") - kc_count(dom, "<td class=\"cell sum ");
	ATF_CHECK_EQ_MSG((int)(KC_NROWS * KC_NCOLS), n, "expected %zu cells, got %d",
	    KC_NROWS * KC_NCOLS, n);
	ATF_CHECK_EQ_MSG(KC_NPROGS, kc_count(dom, "<tr class=\"prog"),
	    "expected %d program rows, got %d", KC_NPROGS, kc_count(dom, "<tr class=\"prog"));
	ATF_CHECK_EQ_MSG(KC_NPROGS * (int)KC_NCOLS, kc_count(dom, "<td class=\"cell sum "),
	    "expected a summary cell per program per column");
	ATF_CHECK_MSG(strstr(dom, "id=\"kc-differ\"") != NULL, "no differ-only toggle");
	ATF_CHECK_MSG(strstr(dom, "id=\"kc-search\"") != NULL, "no search box");
	ATF_CHECK_MSG(strstr(dom, "data-env=\"sandbox-clone3-eperm\" data-verdict=\"failed\" "
	    "data-count=\"8\"><summary>") != NULL, "the eight EPERM failures are not one cause");
	ATF_CHECK_MSG(strstr(dom, "8 cases: clone3(2): EPERM where ENOSYS or EINVAL was due") != NULL,
	    "the cause line does not say '8 cases: clone3(2): EPERM ...'");
	ATF_CHECK_MSG(strstr(dom, "data-group=\"changed\">changed    clone3/clone3_flags_test:"
	    "clone3__flags_sigchld_einval: passed -&gt; expected_failure: https://") != NULL,
	    "the default diff (host -> host/valgrind) does not list passed -> expected_failure");
	ATF_CHECK_EQ_MSG(KC_NROWS, kc_visible_rows(dom), "all %d rows should show, %d do",
	    KC_NROWS, kc_visible_rows(dom));
	free(dom);

	/* Only the rows that differ: all but clone_pidfd__cloexec. */
	dom = kc_dom("#differ", "differ");
	ATF_CHECK_EQ_MSG(KC_NROWS - 1, kc_visible_rows(dom),
	    "differ-only: expected %d rows, %d show", KC_NROWS - 1, kc_visible_rows(dom));
	ATF_CHECK_MSG(strstr(dom, "<tr class=\"case hidden\" data-id=\"pidfd/clone_pidfd_test:"
	    "clone_pidfd__cloexec\"") != NULL, "differ-only: clone_pidfd__cloexec is not hidden");
	free(dom);

	/* Every program folded: only the program rows show. */
	dom = kc_dom("#fold", "fold");
	ATF_CHECK_EQ_MSG(0, kc_visible_rows(dom), "folded: %d case rows show", kc_visible_rows(dom));
	ATF_CHECK_EQ_MSG(KC_NPROGS, kc_count(dom, "<tr class=\"prog\""),
	    "folded: expected %d closed program rows, got %d", KC_NPROGS,
	    kc_count(dom, "<tr class=\"prog\""));
	free(dom);

	dom = kc_dom("#q=bad_flags", "search");
	ATF_CHECK_EQ_MSG(1, kc_visible_rows(dom), "search 'bad_flags': expected 1 row, %d show",
	    kc_visible_rows(dom));
	free(dom);

	/* The details of a cell: tracker, kernel fact, duration, the other view. */
	dom = kc_dom("#cell=qemu-system-6.1|pidfd/clone_pidfd_test:clone_pidfd__thread_per_kfacts",
	    "kfact");
	ATF_CHECK_MSG(strstr(dom, "<aside id=\"kc-details\" class=\"\">") != NULL,
	    "the details panel did not open");
	ATF_CHECK_MSG(strstr(dom, "<dd>clone_pidfd_thread: kernel 6.1.0 &lt; 6.9, so EINVAL</dd>")
	    != NULL, "the details do not show the kernel fact");
	free(dom);
	dom = kc_dom("#cell=valgrind-sid|clone3/clone3_size_test:clone3__size_ver0_ok&diff="
	    "valgrind-trixie..valgrind-sid", "tracker");
	ATF_CHECK_MSG(strstr(dom, "href=\"https://bugs.kde.org/show_bug.cgi?id=439590\"") != NULL,
	    "the details do not link the tracker");
	ATF_CHECK_MSG(strstr(dom, "<dt>the other view: native</dt>") != NULL,
	    "the details do not give the native verdict");
	ATF_CHECK_MSG(strstr(dom, "<dd>0.5 s</dd>") != NULL, "the details do not give the duration");
	ATF_CHECK_MSG(strstr(dom, "environment valgrind: 3.24.0 -&gt; 3.27.1") != NULL,
	    "the diff view does not print the environment change");
	ATF_CHECK_MSG(strstr(dom, "data-group=\"regression\">regression vgreq/pool_test:"
	    "mempool__trim_straddling_chunk: expected_failure -&gt; failed") != NULL,
	    "the diff view does not list trixie -> sid's regression");
	free(dom);
}

/* A screenshot of the page, for a person: results/selftest/matrix.png. */
ATF_TC(matrix__page_screenshot);
ATF_TC_HEAD(matrix__page_screenshot, tc)
{
	atf_tc_set_md_var(tc, "require.config", "source_root");
	atf_tc_set_md_var(tc, "require.progs", "chromium");
	atf_tc_set_md_var(tc, "descr", "headless Chromium takes a screenshot of the matrix page");
	atf_tc_set_md_var(tc, "timeout", "120");
}
ATF_TC_BODY(matrix__page_screenshot, tc)
{
	const char *root = st_root(tc);
	char cwd[2048], png[4096];
	unsigned char magic[8];
	struct stat sb;
	FILE *f;
	int st;

	kc_make_matrix(tc);
	ATF_REQUIRE(getcwd(cwd, sizeof(cwd)) != NULL);
	snprintf(png, sizeof(png), "%s/results/selftest/matrix.png", root);
	RL(st_sh("mkdir -p %s/results/selftest", root) == 0 ? 0 : -1);
	st = kc_chromium(KC_CHROMIUM " --user-data-dir=%s/ud --window-size=1500,1000 "
	    "--screenshot=%s 'file://%s/m/matrix.html' >m/shot.err 2>&1", cwd, png, cwd);
	ATF_REQUIRE_EQ_MSG(0, st, "chromium --screenshot exited %d (see m/shot.err)", st);
	f = fopen(png, "rb");
	ATF_REQUIRE_MSG(f != NULL, "%s: %s", png, strerror(errno));
	ATF_REQUIRE(fread(magic, 1, sizeof(magic), f) == sizeof(magic));
	fclose(f);
	ATF_CHECK_MSG(memcmp(magic, "\x89PNG\r\n\x1a\n", 8) == 0, "%s is not a PNG", png);
	RL(stat(png, &sb));
	ATF_CHECK_MSG(sb.st_size > 20000, "%s: %lld bytes: a blank page?", png,
	    (long long)sb.st_size);
}

/* The console progress (lib/tools/progress.sh) on a canned kyua.log: one
 * line per program with the label, the cases done and the program, a last
 * line with the total; it stops at run-suite.sh's end line and removes its
 * FIFO. */
ATF_TC(progress__counts_cases_and_stops);
ATF_TC_HEAD(progress__counts_cases_and_stops, tc)
{
	atf_tc_set_md_var(tc, "require.config", "source_root");
	atf_tc_set_md_var(tc, "descr", "progress.sh counts a kyua.log's cases per program and stops "
	    "at the end line");
	atf_tc_set_md_var(tc, "timeout", "60");
}
ATF_TC_BODY(progress__counts_cases_and_stops, tc)
{
	static const char *const want[] = {
		"environment 2 of 3: x: 1 cases done, ", " s, in pidfd/pidfd_open_test",
		"environment 2 of 3: x: 3 cases done, ", " s, in clone3/clone3_size_test",
		"environment 2 of 3: x: 6 cases done, ", " s, in vgreq/pool_test",
		"environment 2 of 3: x: 6 cases done in ", " s",
	};
	const char *root = st_root(tc);
	char line[512];
	size_t i = 0;
	int st;
	FILE *f;

	st = st_sh("cp %s/selftest/matrix/canned/kyua.log kyua.log && KC_PROGRESS_OUT=progress.out "
	    "KC_PROGRESS_LABEL='environment 2 of 3: x' timeout 30 %s/lib/tools/progress.sh kyua.log",
	    root, root);
	ATF_REQUIRE_EQ_MSG(0, st, "progress.sh exited %d (124: it did not stop at the end line)", st);
	f = fopen("progress.out", "r");
	ATF_REQUIRE_MSG(f != NULL, "progress.out: %s", strerror(errno));
	while (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		ATF_REQUIRE_MSG(i + 1 < sizeof(want) / sizeof(want[0]), "extra line '%s'", line);
		ATF_CHECK_MSG(strncmp(line, want[i], strlen(want[i])) == 0 &&
		    strlen(line) >= strlen(want[i + 1]) &&
		    strcmp(line + strlen(line) - strlen(want[i + 1]), want[i + 1]) == 0,
		    "line %zu: expected '%s<N>%s', got '%s'", i / 2 + 1, want[i], want[i + 1], line);
		i += 2;
	}
	fclose(f);
	ATF_CHECK_EQ_MSG(sizeof(want) / sizeof(want[0]), i, "expected %zu lines, got %zu",
	    sizeof(want) / sizeof(want[0]) / 2, i / 2);
	ATF_CHECK_MSG(access("kyua.log.progress", F_OK) == -1, "progress.sh left its FIFO behind");
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, matrix__json_columns_counts_parity);
	ATF_TP_ADD_TC(tp, matrix__one_parity_case_per_program);
	ATF_TP_ADD_TC(tp, matrix__diff_matches_compare);

	ATF_TP_ADD_TC(tp, matrix__page_dom);
	ATF_TP_ADD_TC(tp, matrix__page_screenshot);

	ATF_TP_ADD_TC(tp, progress__counts_cases_and_stops);

	return (atf_no_error());
}
