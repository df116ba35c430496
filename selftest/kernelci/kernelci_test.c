/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Where kernel testing runs (README, "Running under LAVA and KernelCI"): the
 * LAVA test definition run here with stub lava-test-set/lava-test-case
 * reports every case with its result, the YAML files satisfy LAVA's schema
 * facts, a monitor over a real guest console sees every case, kc-report
 * --kcidb validates against the KCIDB I/O schema, and make install/dist
 * give a tree kyua runs from anywhere and the two release artefacts.
 */
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

#include "../st_tool.h"

/* How many lines of file `path` equal `want` (or start with it, if prefix). */
static int
kc_count(const char *path, const char *want, int prefix)
{
	char line[4096];
	int n = 0;
	FILE *f = fopen(path, "r");

	ATF_REQUIRE_MSG(f != NULL, "%s: %s", path, strerror(errno));
	while (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if (prefix ? strncmp(line, want, strlen(want)) == 0 : strcmp(line, want) == 0)
			n++;
	}
	fclose(f);
	return (n);
}

/* Check that `path` has `n` lines equal to (or starting with) `want`. */
static void
kc_check_count(const char *path, const char *want, int prefix, int n)
{
	int got = kc_count(path, want, prefix);

	if (got != n)
		atf_tc_fail_nonfatal("%s: expected %d line(s) %s '%s', got %d", path, n,
		    prefix ? "starting with" : "equal to", want, got);
}

/* KTAP program name of a results.json program id: pidfd/x_test -> pidfd_x_test. */
static void
kc_flat(char *dst, size_t len, const char *id)
{
	size_t i;

	for (i = 0; i + 1 < len && id[i] != '\0'; i++)
		dst[i] = id[i] == '/' ? '_' : id[i];
	dst[i] = '\0';
}

/* LAVA's word for a kconform verdict (FACTS-kernelci §6 result map). */
static const char *
kc_lava_word(const char *verdict)
{
	if (strcmp(verdict, "passed") == 0 || strcmp(verdict, "expected_failure") == 0)
		return ("pass");
	if (strcmp(verdict, "skipped") == 0)
		return ("skip");
	return ("fail");
}

/* A fake install prefix ./prefix holding kc-run and the KTAP fixture programs. */
static void
kc_fixture_prefix(const atf_tc_t *tc)
{
	const char *b = st_build(tc);

	ATF_REQUIRE(st_sh("mkdir -p prefix/bin prefix/tests/kconform/fixture stub && "
	    "cp %s/matrix/kernel/kc-run prefix/bin/ && "
	    "cp %s/selftest/ktap/fixture/h_ktap %s/selftest/ktap/fixture/h_ktap_skip "
	    "prefix/tests/kconform/fixture/ && "
	    "printf 'fixture/h_ktap timeout=30\\nfixture/h_ktap_skip\\n' "
	    "> prefix/tests/kconform/kc-programs.txt", b, b, b) == 0);
	/* Stubs that only record how they were called. */
	ATF_REQUIRE(st_sh("for t in lava-test-case lava-test-set; do "
	    "printf '#!/bin/sh\\necho \"%%s $*\" >> \"$KC_STUB_LOG\"\\n' $t > stub/$t; "
	    "chmod +x stub/$t; done") == 0);
	ATF_REQUIRE(st_sh("cp -R %s/lava .", st_root(tc)) == 0);
}

/* The definition and the example jobs satisfy the schema facts; a bad one does not. */
ATF_TC(lava__yaml_schema_facts);
ATF_TC_HEAD(lava__yaml_schema_facts, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "lava/kconform.yaml and lava/examples/*.yaml parse and satisfy LAVA's schema facts");
	atf_tc_set_md_var(tc, "require.progs", "python3");
	atf_tc_set_md_var(tc, "timeout", "60");
}
ATF_TC_BODY(lava__yaml_schema_facts, tc)
{
	const char *r = st_root(tc);
	int rc;

	rc = st_sh("python3 %s/selftest/kernelci/lavadef.py check-testdef %s/lava/kconform.yaml",
	    r, r);
	ATF_CHECK_EQ_MSG(0, rc, "lava/kconform.yaml: expected valid (0), got %d", rc);
	rc = st_sh("python3 %s/selftest/kernelci/lavadef.py check-job "
	    "%s/lava/examples/qemu-shell.yaml", r, r);
	ATF_CHECK_EQ_MSG(0, rc, "qemu-shell.yaml: expected valid (0), got %d", rc);
	rc = st_sh("python3 %s/selftest/kernelci/lavadef.py check-job "
	    "%s/lava/examples/qemu-initramfs.yaml", r, r);
	ATF_CHECK_EQ_MSG(0, rc, "qemu-initramfs.yaml: expected valid (0), got %d", rc);
	rc = st_sh("python3 %s/selftest/kernelci/lavadef.py check-testdef "
	    "%s/selftest/kernelci/canned/bad-testdef.yaml 2> bad.err", r, r);
	ATF_CHECK_EQ_MSG(1, rc, "canned/bad-testdef.yaml: expected invalid (1), got %d", rc);
	ATF_CHECK_MSG(kc_count("bad.err", "", 1) == 2, "bad-testdef: expected 2 violations");
	ATF_CHECK_EQ_MSG(0, st_sh("grep -q 'not .Lava-Test Test Definition 1.0.' bad.err"),
	    "bad-testdef: the format violation is not reported");
	ATF_CHECK_EQ_MSG(0, st_sh("grep -q \"name 'kconform run' does not match\" bad.err"),
	    "bad-testdef: the name violation is not reported");
}

/*
 * The definition's steps, run as LAVA runs them (params as variables, job
 * parameters overriding, set -e, from the repository root), report each
 * fixture case once, in its program's set, with the result its ATF outcome
 * maps to; the skip list parameter skips; without the helpers result.txt
 * carries the same.
 */
ATF_TC(lava__stub_helpers_every_case);
ATF_TC_HEAD(lava__stub_helpers_every_case, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "lava/kconform.yaml with stub lava-test-case/-set: every case with its result");
	atf_tc_set_md_var(tc, "require.progs", "python3");
	atf_tc_set_md_var(tc, "timeout", "120");
}
ATF_TC_BODY(lava__stub_helpers_every_case, tc)
{
	/* The fixture's outcomes (selftest/ktap/fixture/h_ktap.c), not kc-run's output. */
	static const struct { const char *cs, *res; } want[] = {
		{ "outcome__pass", "pass" }, { "outcome__fail", "fail" },
		{ "outcome__skip", "skip" }, { "outcome__xfail", "pass" },
		{ "outcome__xpass", "fail" }, { "outcome__broken", "fail" },
		{ "outcome__timeout", "fail" },
		{ "outcome__leaves_child", "skip" },	/* the SKIPLIST parameter */
		{ "skip__always", "skip" }, { "skip__again", "skip" },
	};
	char line[256];
	size_t i;
	int rc;

	kc_fixture_prefix(tc);
	rc = st_sh("KC_STUB_LOG=$(pwd)/calls.txt PATH=$(pwd)/stub:$PATH python3 "
	    "%s/selftest/kernelci/lavadef.py run lava/kconform.yaml . KCONFORM_PATH=$(pwd)/prefix "
	    "SKIPLIST='fixture_h_ktap:outcome__leaves_child' > run.out 2>&1", st_root(tc));
	ATF_REQUIRE_EQ_MSG(0, rc, "the definition's steps: expected exit 0, got %d (run.out)", rc);
	ATF_CHECK_EQ_MSG(10, kc_count("calls.txt", "lava-test-case ", 1),
	    "expected 10 lava-test-case calls, got %d", kc_count("calls.txt", "lava-test-case ", 1));
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		snprintf(line, sizeof(line), "lava-test-case %s --result %s ", want[i].cs, want[i].res);
		ATF_CHECK_MSG(kc_count("calls.txt", line, 1) == 1,
		    "calls.txt: expected one '%s...', got %d", line, kc_count("calls.txt", line, 1));
		snprintf(line, sizeof(line), "fixture_h_ktap%s_%s %s",
		    strncmp(want[i].cs, "skip__", 6) == 0 ? "_skip" : "", want[i].cs, want[i].res);
		ATF_CHECK_MSG(kc_count("output/result.txt", line, 0) == 1,
		    "output/result.txt: expected the line '%s'", line);
	}
	kc_check_count("calls.txt", "lava-test-set start fixture_h_ktap", 0, 1);
	kc_check_count("calls.txt", "lava-test-set stop fixture_h_ktap", 0, 1);
	kc_check_count("calls.txt", "lava-test-set start fixture_h_ktap_skip", 0, 1);
	/* A timed-out case carries its duration and a log with its reason. */
	ATF_CHECK_MSG(st_sh("grep -q '^lava-test-case outcome__timeout --result fail --measurement "
	    "2\\.[0-9]* --units seconds --output ./output/fixture_h_ktap_outcome__timeout.log$' "
	    "calls.txt") == 0, "outcome__timeout: no measurement ~2 s and log in calls.txt");
	ATF_CHECK_MSG(st_sh("grep -q 'TIMEOUT 2 seconds' output/fixture_h_ktap_outcome__timeout.log")
	    == 0, "the timeout's log lacks 'TIMEOUT 2 seconds'");
	ATF_CHECK_MSG(st_sh("grep -q '# SKIP skip list: fixture_h_ktap:outcome__leaves_child' "
	    "output/kconform.ktap") == 0, "kconform.ktap: outcome__leaves_child is not "
	    "'# SKIP skip list: fixture_h_ktap:outcome__leaves_child'");

	/* Without the helpers: result.txt only, the same lines. */
	ATF_REQUIRE(st_sh("mv output output.stubs") == 0);
	rc = st_sh("python3 %s/selftest/kernelci/lavadef.py run lava/kconform.yaml . "
	    "KCONFORM_PATH=$(pwd)/prefix SKIPLIST='fixture_h_ktap:outcome__leaves_child' "
	    "> run2.out 2>&1", st_root(tc));
	ATF_REQUIRE_EQ_MSG(0, rc, "without helpers: expected exit 0, got %d (run2.out)", rc);
	ATF_CHECK_MSG(st_sh("cmp -s output/result.txt output.stubs/result.txt") == 0,
	    "result.txt differs between the runs with and without helpers");
	kc_check_count("run2.out", "kconform-lava: no lava-test-case on PATH", 1, 1);
}

/* A KTAP cut short: listed cases without a result line are "unknown". */
ATF_TC(lava__cut_ktap_unknown);
ATF_TC_HEAD(lava__cut_ktap_unknown, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "kconform-lava -k: listed cases the KTAP never reports are lava 'unknown'");
	atf_tc_set_md_var(tc, "timeout", "60");
}
ATF_TC_BODY(lava__cut_ktap_unknown, tc)
{
	const char *r = st_root(tc);
	int rc;

	rc = st_sh("KC_STUB_LOG=$(pwd)/calls.txt PATH=$(pwd)/stub:$PATH; mkdir -p stub; "
	    "for t in lava-test-case lava-test-set; do printf '#!/bin/sh\\necho \"%%s $*\" >> "
	    "\"$KC_STUB_LOG\"\\n' $t > stub/$t; chmod +x stub/$t; done; export KC_STUB_LOG PATH; "
	    "sh %s/lava/kconform-lava.sh -k %s/selftest/ktap/canned/valid.ktap "
	    "-l %s/selftest/kernelci/canned/cut.list -o out > cut.out 2>&1", r, r, r);
	ATF_REQUIRE_EQ_MSG(0, rc, "kconform-lava -k: expected exit 0, got %d", rc);
	kc_check_count("out/result.txt", "pidfd_a_test_a__xfail pass", 0, 1);
	kc_check_count("out/result.txt", "clone3_b_test_b__timeout fail", 0, 1);
	kc_check_count("out/result.txt", "clone3_b_test_b__never unknown", 0, 1);
	kc_check_count("out/result.txt", "vgreq_c_test_c__unreached unknown", 0, 1);
	ATF_CHECK_EQ_MSG(7, kc_count("out/result.txt", "", 1), "expected 7 result lines");
	kc_check_count("calls.txt", "lava-test-case b__never --result unknown", 1, 1);
	kc_check_count("calls.txt", "lava-test-set start vgreq_c_test", 0, 1);
}

/* The initramfs job's monitor, over a real guest console, sees each case's result. */
ATF_TC(lava__monitor_guest_console);
ATF_TC_HEAD(lava__monitor_guest_console, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "qemu-initramfs.yaml's monitor matches every case of a real guest console");
	atf_tc_set_md_var(tc, "require.progs", "python3");
	atf_tc_set_md_var(tc, "timeout", "60");
}
ATF_TC_BODY(lava__monitor_guest_console, tc)
{
	const char *r = st_root(tc);
	json_object *root, *cases;
	size_t i, n;
	int rc;

	rc = st_sh("python3 %s/selftest/kernelci/lavadef.py monitor "
	    "%s/lava/examples/qemu-initramfs.yaml %s/selftest/ktap/canned/guest-x86_64-6.1.console "
	    "> mon.txt", r, r, r);
	ATF_REQUIRE_EQ_MSG(0, rc, "monitor: expected exit 0, got %d", rc);
	rc = st_sh("%s/lib/tools/kc-ktap --json g.json --summary g.txt "
	    "%s/selftest/ktap/canned/guest-x86_64-6.1.console", st_build(tc), r);
	ATF_REQUIRE_MSG(rc == 0 || rc == 1, "kc-ktap: exit %d", rc);
	root = json_object_from_file("g.json");
	ATF_REQUIRE(root != NULL && json_object_object_get_ex(root, "cases", &cases));
	n = json_object_array_length(cases);
	ATF_CHECK_MSG(n > 100, "the guest console has %zu cases", n);
	ATF_CHECK_EQ_MSG((int)n, kc_count("mon.txt", "", 1), "monitor: expected %zu cases, got %d",
	    n, kc_count("mon.txt", "", 1));
	for (i = 0; i < n; i++) {
		json_object *c = json_object_array_get_idx(cases, i);
		char prog[512], line[1200];

		kc_flat(prog, sizeof(prog), st_jstr(c, "program", ""));
		snprintf(line, sizeof(line), "%s_%s %s", prog, st_jstr(c, "case", ""),
		    kc_lava_word(st_jstr(c, "verdict", "")));
		ATF_CHECK_MSG(kc_count("mon.txt", line, 0) == 1, "monitor output lacks '%s'", line);
	}
	json_object_put(root);
}

/*
 * kc-report --kcidb on a real guest run validates against the KCIDB I/O
 * schema: one checkout, one build, a test per case with its path and
 * status; a wrong status is rejected by the same validator.
 */
ATF_TC(kcidb__guest_run_validates);
ATF_TC_HEAD(kcidb__guest_run_validates, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "kc-report --kcidb: KCIDB I/O JSON of a guest run validates (python3-jsonschema)");
	atf_tc_set_md_var(tc, "require.progs", "python3");
	atf_tc_set_md_var(tc, "timeout", "60");
}
ATF_TC_BODY(kcidb__guest_run_validates, tc)
{
	static const struct { const char *verdict, *status; } map[] = {
		{ "passed", "PASS" }, { "expected_failure", "PASS" }, { "skipped", "SKIP" },
		{ "failed", "FAIL" }, { "broken", "ERROR" },
	};
	const char *b = st_build(tc), *r = st_root(tc);
	json_object *in, *out, *cases, *tests, *env, *arr;
	size_t i, j, n;
	int rc;

	rc = st_sh("%s/lib/tools/kc-ktap --json g.json --summary g.txt "
	    "%s/selftest/ktap/canned/guest-x86_64-6.1.console", b, r);
	ATF_REQUIRE_MSG(rc == 0 || rc == 1, "kc-ktap: exit %d", rc);
	/* A failure and an expected failure, so that every status is exercised. */
	ATF_REQUIRE(st_sh("sed -i '0,/\"verdict\": *\"passed\"/s//\"verdict\":\"failed\"/;"
	    "0,/\"verdict\": *\"passed\"/s//\"verdict\":\"expected_failure\"/;"
	    "0,/\"verdict\": *\"passed\"/s//\"verdict\":\"broken\"/' g.json") == 0);
	ATF_REQUIRE_MSG(st_sh("grep -q '\"verdict\": *\"broken\"' g.json") == 0,
	    "g.json: the verdicts were not edited");
	rc = st_sh("%s/lib/tools/kc-report --kcidb k.json --results g.json --origin kconform_ci "
	    "--git-commit 0123456789abcdef0123456789abcdef01234567", b);
	ATF_REQUIRE_EQ_MSG(0, rc, "kc-report --kcidb: expected exit 0, got %d", rc);
	ATF_REQUIRE(st_sh("printf '%%s\\n' 'import json, sys, jsonschema' "
	    "'s = json.load(open(sys.argv[1])); d = json.load(open(sys.argv[2]))' "
	    "'jsonschema.Draft7Validator(s, format_checker=jsonschema.FormatChecker()).validate(d)' "
	    "> validate.py") == 0);
	rc = st_sh("python3 validate.py %s/selftest/kernelci/kcidb-io.schema.json k.json "
	    "> val.err 2>&1", r);
	ATF_CHECK_EQ_MSG(0, rc, "k.json does not validate against the KCIDB schema (val.err)");
	ATF_REQUIRE(st_sh("sed '0,/\"status\": *\"PASS\"/s//\"status\":\"XFAIL\"/' k.json "
	    "> bad.json && grep -q XFAIL bad.json") == 0);
	rc = st_sh("python3 validate.py %s/selftest/kernelci/kcidb-io.schema.json bad.json "
	    "> bad.err 2>&1", r);
	ATF_CHECK_MSG(rc != 0, "a test with status XFAIL validated");
	ATF_CHECK_MSG(st_sh("grep -q \"'XFAIL' is not one of\" bad.err") == 0,
	    "bad.err: expected the validator's \"'XFAIL' is not one of\"");

	in = json_object_from_file("g.json");
	out = json_object_from_file("k.json");
	ATF_REQUIRE(in != NULL && out != NULL);
	ATF_REQUIRE(json_object_object_get_ex(in, "cases", &cases));
	ATF_REQUIRE(json_object_object_get_ex(out, "tests", &tests));
	ATF_CHECK_MSG(json_object_object_get_ex(out, "checkouts", &arr) &&
	    json_object_array_length(arr) == 1, "k.json: expected one checkout");
	ATF_CHECK_MSG(json_object_object_get_ex(out, "builds", &arr) &&
	    json_object_array_length(arr) == 1, "k.json: expected one build");
	n = json_object_array_length(cases);
	ATF_REQUIRE_EQ_MSG(n, json_object_array_length(tests), "expected %zu tests, got %zu", n,
	    json_object_array_length(tests));
	for (i = 0; i < n; i++) {
		json_object *c = json_object_array_get_idx(cases, i);
		json_object *t = json_object_array_get_idx(tests, i);
		char prog[512], path[1200];
		const char *st = NULL;

		kc_flat(prog, sizeof(prog), st_jstr(c, "program", ""));
		snprintf(path, sizeof(path), "kconform.%s.%s", prog, st_jstr(c, "case", ""));
		ATF_CHECK_MSG(strcmp(st_jstr(t, "path", ""), path) == 0, "test %zu: expected path %s, "
		    "got %s", i, path, st_jstr(t, "path", ""));
		for (j = 0; j < sizeof(map) / sizeof(map[0]); j++) {
			if (strcmp(st_jstr(c, "verdict", ""), map[j].verdict) == 0)
				st = map[j].status;
		}
		ATF_CHECK_MSG(st != NULL && strcmp(st_jstr(t, "status", ""), st) == 0,
		    "%s: verdict %s: expected status %s, got %s", path, st_jstr(c, "verdict", ""),
		    st != NULL ? st : "?", st_jstr(t, "status", ""));
		ATF_CHECK_MSG(strncmp(st_jstr(t, "id", ""), "kconform_ci:", 12) == 0,
		    "%s: id %s lacks the origin", path, st_jstr(t, "id", ""));
		env = NULL;
		ATF_CHECK_MSG(json_object_object_get_ex(t, "environment", &env) &&
		    json_object_object_get_ex(env, "misc", &env) &&
		    strcmp(st_jstr(env, "kernel", ""), "6.1.0-56-cloud-amd64") == 0,
		    "%s: expected environment.misc.kernel 6.1.0-56-cloud-amd64, got '%s'", path,
		    env != NULL ? st_jstr(env, "kernel", "") : "");
	}
	ATF_CHECK_EQ_MSG(0, st_sh("grep -q '\"status\": *\"ERROR\"' k.json && "
	    "grep -q '\"status\": *\"FAIL\"' k.json && "
	    "grep -q '\"verdict\": *\"expected_failure\"' k.json"),
	    "k.json lacks an ERROR, a FAIL or an expected failure");
	json_object_put(in);
	json_object_put(out);
}

/*
 * make install into a temporary prefix, then kyua from another directory
 * runs the installed tree (cases/pidfd for time), and the installed kc-run
 * finds its tree by itself.
 */
ATF_TC(install__kyua_from_elsewhere);
ATF_TC_HEAD(install__kyua_from_elsewhere, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "make install DESTDIR: kyua test -k <prefix>/tests/kconform/Kyuafile pidfd passes");
	atf_tc_set_md_var(tc, "require.progs", "make kyua");
	atf_tc_set_md_var(tc, "timeout", "300");
}
ATF_TC_BODY(install__kyua_from_elsewhere, tc)
{
	int rc;

	rc = st_sh("make -s -C %s install B=%s PREFIX=/opt/kconform DESTDIR=$(pwd)/dest "
	    "> install.out 2>&1", st_root(tc), st_build(tc));
	ATF_REQUIRE_EQ_MSG(0, rc, "make install: expected exit 0, got %d (install.out)", rc);
	ATF_REQUIRE(mkdir("elsewhere", 0755) == 0);
	rc = st_sh("cd elsewhere && kyua test --results-file=$(pwd)/r.db "
	    "-k $(pwd)/../dest/opt/kconform/tests/kconform/Kyuafile pidfd > ../kyua.out 2>&1");
	ATF_CHECK_EQ_MSG(0, rc, "kyua test on the installed tree: expected 0, got %d (kyua.out)",
	    rc);
	ATF_CHECK_MSG(st_sh("grep -Eq '^([0-9]+)/\\1 passed \\(0 failed\\)' kyua.out") == 0,
	    "kyua.out: not every case passed");
	ATF_CHECK_MSG(st_sh("grep -q 'pidfd/pidfd_open_test:pidfd_open__bad_flags_einval  ->  "
	    "passed' kyua.out") == 0, "kyua.out: pidfd_open__bad_flags_einval did not run");
	rc = st_sh("cd elsewhere && ../dest/opt/kconform/bin/kc-run pidfd_pidfd_open_test "
	    "> ../inst.ktap 2>&1");
	ATF_CHECK_EQ_MSG(0, rc, "installed kc-run: expected 0, got %d (inst.ktap)", rc);
	rc = st_sh("dest/opt/kconform/bin/kc-ktap --check inst.ktap > check.out 2>&1");
	ATF_CHECK_EQ_MSG(0, rc, "installed kc-run's KTAP: expected valid (0), got %d", rc);
	ATF_CHECK_MSG(st_sh("test -x dest/opt/kconform/libexec/kconform/kconform-lava") == 0,
	    "expected an executable libexec/kconform/kconform-lava in the install tree");
}

/* make dist: the overlay tarball rooted at / and the initramfs, with their files. */
ATF_TC(dist__artefacts_list_files);
ATF_TC_HEAD(dist__artefacts_list_files, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "make dist: kconform-<ver>-<arch>.tar.xz rooted at / and the .cpio.gz initramfs");
	atf_tc_set_md_var(tc, "require.progs", "make tar xz cpio");
	atf_tc_set_md_var(tc, "timeout", "300");
}
ATF_TC_BODY(dist__artefacts_list_files, tc)
{
	static const char *const in_tar[] = {
		"./opt/kconform/bin/kc-run", "./opt/kconform/bin/kc-report",
		"./opt/kconform/bin/kc-compare", "./opt/kconform/bin/kc-sandbox",
		"./opt/kconform/bin/kc-ktap", "./opt/kconform/libexec/kconform/kconform-lava",
		"./opt/kconform/share/kconform/lava/kconform.yaml",
		"./opt/kconform/tests/kconform/Kyuafile",
		"./opt/kconform/tests/kconform/kc-programs.txt",
		"./opt/kconform/tests/kconform/pidfd/Kyuafile",
		"./opt/kconform/tests/kconform/pidfd/pidfd_open_test",
		"./opt/kconform/tests/kconform/pidfd/pidfd_exec_helper",
	};
	size_t i;
	int rc;

	rc = st_sh("make -s -C %s dist B=%s KC_DIST=$(pwd)/dist > dist.out 2>&1", st_root(tc),
	    st_build(tc));
	ATF_REQUIRE_EQ_MSG(0, rc, "make dist: expected exit 0, got %d (dist.out)", rc);
	ATF_REQUIRE_EQ_MSG(0, st_sh("tar -tJf dist/kconform-*-$(uname -m).tar.xz > tar.txt"),
	    "no dist/kconform-*-<arch>.tar.xz");
	ATF_REQUIRE_EQ_MSG(0, st_sh("gzip -dc dist/kconform-*-$(uname -m).cpio.gz | "
	    "cpio -t --quiet > cpio.txt"), "no dist/kconform-*-<arch>.cpio.gz");
	for (i = 0; i < sizeof(in_tar) / sizeof(in_tar[0]); i++)
		ATF_CHECK_MSG(kc_count("tar.txt", in_tar[i], 0) == 1, "the tarball lacks %s",
		    in_tar[i]);
	/* Rooted at /: nothing outside ./opt/kconform. */
	ATF_CHECK_MSG(st_sh("grep -v -e '^\\./$' -e '^\\./opt/$' -e '^\\./opt/kconform/' "
	    "tar.txt") != 0, "the tarball has entries outside ./opt/kconform");
	/* Every registered program is in it, next to its Kyuafile. */
	ATF_CHECK_MSG(st_sh("grep '^cases/' %s/kc-programs.txt | cut -d' ' -f1 | sed "
	    "'s|^cases/|./opt/kconform/tests/kconform/|' | while read -r p; do "
	    "grep -qx \"$p\" tar.txt && grep -qx \"${p%%/*}/Kyuafile\" tar.txt || "
	    "{ echo \"$p\"; exit 1; }; done > missing.txt", st_build(tc)) == 0,
	    "a registered program or its Kyuafile is missing from the tarball (missing.txt)");
	kc_check_count("cpio.txt", "init", 0, 1);
	kc_check_count("cpio.txt", "kconform/kc-programs.txt", 0, 1);
	kc_check_count("cpio.txt", "kconform/cases/pidfd/pidfd_open_test", 0, 1);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, lava__yaml_schema_facts);
	ATF_TP_ADD_TC(tp, lava__stub_helpers_every_case);
	ATF_TP_ADD_TC(tp, lava__cut_ktap_unknown);
	ATF_TP_ADD_TC(tp, lava__monitor_guest_console);
	ATF_TP_ADD_TC(tp, kcidb__guest_run_validates);
	ATF_TP_ADD_TC(tp, install__kyua_from_elsewhere);
	ATF_TP_ADD_TC(tp, dist__artefacts_list_files);

	return (atf_no_error());
}
