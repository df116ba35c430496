/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Self-tests of cases/parity: its static list covers every built kernel
 * program, the parity table is well-formed and maps differences precisely,
 * and a parity case fails, naming the case, when only the Valgrind side
 * misbehaves.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_atfrun.h"
#include "kc_known.h"
#include "kc_parity.h"
#include "kc_vgrun.h"

#define MAXNAMES	128

static const char *const kernel_dirs[] = { "pidfd", "clone3" };

/* The built ATF programs (*_test) of cases/<dir>, as "<dir>/<name>". */
static size_t
built_programs(const atf_tc_t *tc, const char *dir, char names[][128], size_t n,
    size_t max)
{
	char rel[64], path[PATH_MAX];
	struct dirent *de;
	DIR *d;

	snprintf(rel, sizeof(rel), "cases/%s", dir);
	kc_build_path(atf_tc_get_config_var(tc, "srcdir"), rel, path, sizeof(path));
	d = opendir(path);
	ATF_REQUIRE_MSG(d != NULL, "opendir(%s): %s", path, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		size_t l = strlen(de->d_name);
		char p[PATH_MAX + 256];
		struct stat st;

		if (l < 5 || l > 100 || strcmp(de->d_name + l - 5, "_test") != 0)
			continue;
		snprintf(p, sizeof(p), "%s/%s", path, de->d_name);
		if (stat(p, &st) == -1 || !S_ISREG(st.st_mode) || access(p, X_OK) == -1)
			continue;
		ATF_REQUIRE(n < max);
		snprintf(names[n++], 128, "%s/%s", dir, de->d_name);
	}
	closedir(d);
	return (n);
}

/* The case names of the built parity program (`parity_test -l`). */
static size_t
parity_cases(const atf_tc_t *tc, char names[][128], size_t max)
{
	char path[PATH_MAX], cmd[PATH_MAX + 16], line[512];
	size_t n = 0;
	FILE *f;

	kc_build_path(atf_tc_get_config_var(tc, "srcdir"), "cases/parity/parity_test",
	    path, sizeof(path));
	snprintf(cmd, sizeof(cmd), "'%s' -l", path);
	f = popen(cmd, "r");
	ATF_REQUIRE_MSG(f != NULL, "%s: %s", cmd, strerror(errno));
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, "ident: ", 7) != 0)
			continue;
		line[strcspn(line, "\n")] = '\0';
		ATF_REQUIRE(n < max && strlen(line + 7) < 128);
		memcpy(names[n++], line + 7, strlen(line + 7) + 1);
	}
	ATF_REQUIRE_MSG(pclose(f) == 0, "%s failed", cmd);
	return (n);
}

/*
 * Every built kernel program has its parity case, and every parity case
 * names a built program: the static list cannot silently go stale.
 */
ATF_TC(parity_self__every_program_has_case);
ATF_TC_HEAD(parity_self__every_program_has_case, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "cases/parity has exactly one case per program of cases/pidfd and cases/clone3");
}
ATF_TC_BODY(parity_self__every_program_has_case, tc)
{
	static char progs[MAXNAMES][128], cases[MAXNAMES][128];
	size_t np = 0, nc, i, j, d;

	for (d = 0; d < sizeof(kernel_dirs) / sizeof(kernel_dirs[0]); d++)
		np = built_programs(tc, kernel_dirs[d], progs, np, MAXNAMES);
	ATF_REQUIRE_MSG(np > 0, "no kernel program is built");
	nc = parity_cases(tc, cases, MAXNAMES);
	for (i = 0; i < np; i++) {
		const char *base = strchr(progs[i], '/') + 1;
		bool found = false;

		for (j = 0; j < nc; j++) {
			if (strncmp(cases[j], "parity__", 8) == 0 &&
			    strcmp(cases[j] + 8, base) == 0)
				found = true;
		}
		ATF_CHECK_MSG(found, "cases/%s has no parity case parity__%s",
		    progs[i], base);
	}
	for (j = 0; j < nc; j++) {
		bool found = false;

		for (i = 0; i < np; i++) {
			if (strcmp(cases[j] + 8, strchr(progs[i], '/') + 1) == 0)
				found = true;
		}
		ATF_CHECK_MSG(found, "parity case %s names no built kernel program",
		    cases[j]);
	}
}

/*
 * Each row of the parity table is well-formed: a verdict row names a
 * different verdict and a known issue; an error row names an XML kind; every
 * known-issues id exists; every glob covers a built program.
 */
ATF_TC(parity_self__table_wellformed);
ATF_TC_HEAD(parity_self__table_wellformed, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "Every parity-table row names a built program, a real known issue and a precise difference");
}
ATF_TC_BODY(parity_self__table_wellformed, tc)
{
	static char progs[MAXNAMES][128];
	const struct kc_parity_row *t;
	unsigned n, i;
	size_t np = 0, d, j;

	for (d = 0; d < sizeof(kernel_dirs) / sizeof(kernel_dirs[0]); d++)
		np = built_programs(tc, kernel_dirs[d], progs, np, MAXNAMES);
	t = kc_parity_table(&n);
	ATF_REQUIRE(n > 0);
	for (i = 0; i < n; i++) {
		bool covered = false;

		ATF_CHECK_MSG(t[i].text != NULL && t[i].text[0] != '\0',
		    "row %u (%s): no text to match", i, t[i].cases);
		if (t[i].what == KC_PARITY_VERDICT) {
			ATF_CHECK_MSG(t[i].known != NULL, "row %u (%s): a verdict "
			    "difference must name a known issue", i, t[i].cases);
			ATF_CHECK_MSG(t[i].vg != t[i].native, "row %u (%s): the verdicts "
			    "are equal", i, t[i].cases);
		} else {
			ATF_CHECK_MSG(t[i].vgkind != NULL && t[i].vgkind[0] != '\0',
			    "row %u (%s): no error kind", i, t[i].cases);
		}
		if (t[i].known != NULL)
			ATF_CHECK_MSG(kc_known(t[i].known) != NULL && kc_known(t[i].known)->comp
			    == KC_COMP_VALGRIND, "row %u (%s): '%s' is not a Valgrind row "
			    "of the known-issues table", i, t[i].cases, t[i].known);
		for (j = 0; j < np; j++) {
			if (kc_parity_row_covers_program(&t[i], progs[j]))
				covered = true;
		}
		ATF_CHECK_MSG(covered, "row %u: '%s' covers no built program", i, t[i].cases);
	}
}

/*
 * A difference is explained only by a row matching all of it: the case,
 * both verdicts, the reason text and a Valgrind version the issue affects.
 */
ATF_TC(parity_self__mapping_precise);
ATF_TC_HEAD(parity_self__mapping_precise, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "The parity table explains a difference only when case, verdicts, reason and version all match");
}
ATF_TC_BODY(parity_self__mapping_precise, tc)
{
	const char *open_case = "pidfd/pidfd_open_test:pidfd_open__cloexec";
	const char *bad_ptr = "pidfd/clone_pidfd_test:clone_pidfd__bad_pointer_efault";
	const char *param = "Syscall param clone(parent_tidptr) points to unaddressable byte(s)";
	const struct kc_parity_row *r;

	r = kc_parity_explain_verdict(open_case, KC_V_PASSED, KC_V_SKIPPED,
	    "pidfd_open(2): ENOSYS", "3.19.0");
	ATF_REQUIRE(r != NULL);
	ATF_CHECK_STREQ("vg_pidfd_open_unwrapped", r->known);
	/* Fixed in 3.21: no longer explained. */
	ATF_CHECK(kc_parity_explain_verdict(open_case, KC_V_PASSED, KC_V_SKIPPED,
	    "pidfd_open(2): ENOSYS", "3.21.0") == NULL);
	/* Another reason, another verdict, another native verdict, another case. */
	ATF_CHECK(kc_parity_explain_verdict(open_case, KC_V_PASSED, KC_V_SKIPPED,
	    "pidfd_open(2): EPERM", "3.19.0") == NULL);
	ATF_CHECK(kc_parity_explain_verdict(open_case, KC_V_PASSED, KC_V_FAILED,
	    "pidfd_open(2): ENOSYS", "3.19.0") == NULL);
	ATF_CHECK(kc_parity_explain_verdict(open_case, KC_V_FAILED, KC_V_SKIPPED,
	    "pidfd_open(2): ENOSYS", "3.19.0") == NULL);
	ATF_CHECK(kc_parity_explain_verdict(
	    "pidfd/clone_pidfd_test:clone_pidfd__cloexec_rdwr", KC_V_PASSED,
	    KC_V_SKIPPED, "pidfd_open(2): ENOSYS", "3.19.0") == NULL);
	/* vfork-as-fork names exactly two cases. */
	ATF_CHECK(kc_parity_explain_verdict(
	    "pidfd/vfork_pidfd_test:vfork_pidfd__exec_resumes_parent", KC_V_PASSED,
	    KC_V_FAILED, "1 checks failed", "3.27.1") == NULL);

	/* The deliberate bad pointer: that kind, that parameter, that case. */
	r = kc_parity_explain_error(bad_ptr, KC_V_PASSED, "SyscallParam", param, "3.27.1");
	ATF_REQUIRE(r != NULL);
	ATF_CHECK(r->known == NULL);
	ATF_CHECK(kc_parity_explain_error(bad_ptr, KC_V_PASSED, "InvalidWrite", param,
	    "3.19.0") == NULL);
	ATF_CHECK(kc_parity_explain_error(bad_ptr, KC_V_PASSED, "SyscallParam",
	    "Syscall param waitid(infop) points to unaddressable byte(s)", "3.19.0") == NULL);
	ATF_CHECK(kc_parity_explain_error("pidfd/clone_pidfd_test:clone_pidfd__thread",
	    KC_V_PASSED, "SyscallParam", param, "3.19.0") == NULL);
	/* waitid(infop=NULL): a Valgrind bug until 3.26. */
	r = kc_parity_explain_error("pidfd/waitid_pidfd_test:waitid_pidfd__null_infop",
	    KC_V_PASSED, "SyscallParam",
	    "Syscall param waitid(infop) points to unaddressable byte(s)", "3.24.0");
	ATF_REQUIRE(r != NULL);
	ATF_CHECK_STREQ("vg_waitid_null_infop", r->known);
	ATF_CHECK(kc_parity_explain_error("pidfd/waitid_pidfd_test:waitid_pidfd__null_infop",
	    KC_V_PASSED, "SyscallParam",
	    "Syscall param waitid(infop) points to unaddressable byte(s)", "3.26.0") == NULL);
}

/* Run cases/parity's parity__clone_pidfd_test with extra config vars. */
static void
run_parity(const atf_tc_t *tc, const char *extra, struct kc_atf_result *res)
{
	char prog[PATH_MAX], srcdir[PATH_MAX], srcvar[PATH_MAX + 8], vgvar[PATH_MAX + 16];
	const char *vars[4];
	struct kc_atf_opts o;
	int n = 0;

	kc_vgrun_require(tc);
	kc_build_path(atf_tc_get_config_var(tc, "srcdir"), "cases/parity/parity_test",
	    prog, sizeof(prog));
	kc_build_path(atf_tc_get_config_var(tc, "srcdir"), "cases/parity",
	    srcdir, sizeof(srcdir));
	snprintf(srcvar, sizeof(srcvar), "srcdir=%s", srcdir);
	snprintf(vgvar, sizeof(vgvar), "valgrind=%s", kc_vgrun_valgrind());
	vars[n++] = srcvar;
	vars[n++] = vgvar;
	if (extra != NULL)
		vars[n++] = extra;
	vars[n] = NULL;
	memset(&o, 0, sizeof(o));
	o.vars = vars;
	o.timeout_ms = 240000;
	ATF_REQUIRE_MSG(kc_atf_run(prog, "parity__clone_pidfd_test", &o, res) == 0,
	    "running %s: %s", prog, strerror(errno));
}

/*
 * Control for the case below: with nothing injected, the clone_pidfd parity
 * case passes (its one Valgrind report, the deliberate bad pointer, is
 * declared) under every Valgrind version this suite knows.
 */
ATF_TC(parity_self__clean_run_passes);
ATF_TC_HEAD(parity_self__clean_run_passes, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "parity__clone_pidfd_test passes with nothing injected");
}
ATF_TC_BODY(parity_self__clean_run_passes, tc)
{
	struct kc_atf_result res;

	run_parity(tc, NULL, &res);
	ATF_REQUIRE_MSG(res.verdict == KC_V_PASSED, "parity__clone_pidfd_test: %s: %s",
	    kc_verdict_name(res.verdict), res.reason);
}

/*
 * clone(2) made to fail with EPERM on the Valgrind side only (a seccomp rule
 * through the knob parity_vg_seccomp) must fail the parity case, naming a
 * case that passes natively and the Valgrind-side reason.
 */
ATF_TC(parity_self__vg_only_fault_fails);
ATF_TC_HEAD(parity_self__vg_only_fault_fails, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "A fault injected into the Valgrind run only fails the parity case, naming the case");
}
ATF_TC_BODY(parity_self__vg_only_fault_fails, tc)
{
	struct kc_atf_result res;

	run_parity(tc, "parity_vg_seccomp=clone:EPERM", &res);
	ATF_REQUIRE_MSG(res.verdict == KC_V_FAILED, "parity__clone_pidfd_test: %s: %s",
	    kc_verdict_name(res.verdict), res.reason);
	ATF_CHECK_MSG(strstr(res.reason, "unexplained difference") != NULL, "%s", res.reason);
	ATF_CHECK_MSG(strstr(res.reason, "clone_pidfd__slot_overwritten: native passed, "
	    "valgrind failed: ") != NULL, "%s", res.reason);
	ATF_CHECK_MSG(strstr(res.reason, "EPERM") != NULL, "%s", res.reason);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, parity_self__every_program_has_case);
	ATF_TP_ADD_TC(tp, parity_self__table_wellformed);
	ATF_TP_ADD_TC(tp, parity_self__mapping_precise);

	ATF_TP_ADD_TC(tp, parity_self__clean_run_passes);
	ATF_TP_ADD_TC(tp, parity_self__vg_only_fault_fails);

	return (atf_no_error());
}
