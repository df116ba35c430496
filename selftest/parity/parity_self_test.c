/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Self-tests of cases/parity: the parity table is well-formed and maps
 * differences precisely, a parity case fails, naming the difference, when
 * only the Valgrind side misbehaves, and it runs its kernel case's cleanup.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_atfrun.h"
#include "kc_cgroup.h"
#include "kc_file.h"
#include "kc_known.h"
#include "kc_macros.h"
#include "kc_registry.h"
#include "kc_vgrun.h"
#include "parity_report.h"
#include "parity_table.h"

#define MAXPROGS	256
#define MAXIDS		1024

/*
 * The case ids ("<dir>/<prog>:<case>") of every kernel program: a program
 * of the registry that has a parity program (cases/parity/<its name>).
 */
static size_t
kernel_case_ids(const atf_tc_t *tc, char (*ids)[192], size_t max)
{
	static struct kc_program all[MAXPROGS];
	static char names[128][128];
	char root[PATH_MAX], prog[PATH_MAX + 300];
	size_t n = 0;
	int np, i, j, nc;

	kc_build_path(atf_tc_get_config_var(tc, "srcdir"), "", root, sizeof(root));
	np = kc_registry_load(root, "cases/", all, MAXPROGS);
	ATF_REQUIRE_MSG(np > 0, "%s/kc-programs.txt: %s", root,
	    np < 0 ? strerror(errno) : "no cases/ program");
	for (i = 0; i < np; i++) {
		const char *base = strrchr(all[i].path, '/') + 1;
		bool parity = false;

		if (strncmp(all[i].path, "cases/parity/", 13) == 0)
			continue;
		for (j = 0; j < np; j++) {
			if (strncmp(all[j].path, "cases/parity/", 13) == 0 &&
			    strcmp(all[j].path + 13, base) == 0)
				parity = true;
		}
		if (!parity)
			continue;
		ATF_REQUIRE((size_t)snprintf(prog, sizeof(prog), "%s/%s", root,
		    all[i].path) < sizeof(prog));
		nc = kc_program_cases(prog, names, 128);
		ATF_REQUIRE_MSG(nc > 0, "%s -l: %s", prog, nc < 0 ? strerror(errno) : "no case");
		for (j = 0; j < nc; j++) {
			ATF_REQUIRE_MSG(n < max, "more than %zu kernel cases", max);
			ATF_REQUIRE_MSG(snprintf(ids[n++], 192, "%s:%s", all[i].path + 6,
			    names[j]) < 192, "case id too long: %s", names[j]);
		}
	}
	ATF_REQUIRE_MSG(n > 0, "no kernel program has a parity program");
	return (n);
}

/*
 * Each row of the parity table is well-formed: a verdict row names a
 * different verdict and a known issue; an error row names an XML kind; every
 * known-issues id exists; every row covers a case of a kernel program and
 * each of its exclusions excludes one.
 */
ATF_TC(parity_self__table_wellformed);
ATF_TC_HEAD(parity_self__table_wellformed, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "Every parity-table row names a kernel case, a real known issue and a precise difference");
}
ATF_TC_BODY(parity_self__table_wellformed, tc)
{
	static char ids[MAXIDS][192];
	const struct parity_row *t;
	unsigned n, i, k;
	size_t nid, j;
	bool more;

	nid = kernel_case_ids(tc, ids, MAXIDS);
	t = parity_table(&n);
	ATF_REQUIRE(n > 0);
	for (i = 0; i < n; i++) {
		bool covered = false;

		ATF_CHECK_MSG(t[i].text != NULL && t[i].text[0] != '\0',
		    "row %u (%s): no text to match", i, t[i].cases);
		if (t[i].what == PARITY_VERDICT) {
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
		for (j = 0; j < nid; j++) {
			if (parity_row_covers(&t[i], ids[j]))
				covered = true;
		}
		ATF_CHECK_MSG(covered, "row %u: '%s' covers no case of a kernel program", i,
		    t[i].cases);
		for (k = 0, more = true; more; k++) {
			bool excl = false;

			for (j = 0; j < nid; j++) {
				if (parity_row_excludes(&t[i], k, ids[j], &more))
					excl = true;
			}
			ATF_CHECK_MSG(!more || excl, "row %u: its exclusion %u excludes no "
			    "case of a kernel program: '%s'", i, k + 1, t[i].cases);
		}
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
	const struct parity_row *r;

	r = parity_explain_verdict(open_case, KC_V_PASSED, KC_V_SKIPPED,
	    "pidfd_open(2): ENOSYS", "3.19.0");
	ATF_REQUIRE(r != NULL);
	ATF_CHECK_STREQ("vg_pidfd_open_unwrapped", r->known);
	/* Fixed in 3.21: no longer explained. */
	ATF_CHECK(parity_explain_verdict(open_case, KC_V_PASSED, KC_V_SKIPPED,
	    "pidfd_open(2): ENOSYS", "3.21.0") == NULL);
	/* Another reason, another verdict, another native verdict, another case. */
	ATF_CHECK(parity_explain_verdict(open_case, KC_V_PASSED, KC_V_SKIPPED,
	    "pidfd_open(2): EPERM", "3.19.0") == NULL);
	ATF_CHECK(parity_explain_verdict(open_case, KC_V_PASSED, KC_V_FAILED,
	    "pidfd_open(2): ENOSYS", "3.19.0") == NULL);
	ATF_CHECK(parity_explain_verdict(open_case, KC_V_FAILED, KC_V_SKIPPED,
	    "pidfd_open(2): ENOSYS", "3.19.0") == NULL);
	ATF_CHECK(parity_explain_verdict(
	    "pidfd/clone_pidfd_test:clone_pidfd__cloexec_rdwr", KC_V_PASSED,
	    KC_V_SKIPPED, "pidfd_open(2): ENOSYS", "3.19.0") == NULL);
	/* vfork-as-fork names exactly two cases. */
	ATF_CHECK(parity_explain_verdict(
	    "pidfd/vfork_pidfd_test:vfork_pidfd__exec_resumes_parent", KC_V_PASSED,
	    KC_V_FAILED, "1 checks failed", "3.27.1") == NULL);

	/* The deliberate bad pointer: that kind, that parameter, that case. */
	r = parity_explain_error(bad_ptr, KC_V_PASSED, "SyscallParam", param, "3.27.1");
	ATF_REQUIRE(r != NULL);
	ATF_CHECK(r->known == NULL);
	ATF_CHECK(parity_explain_error(bad_ptr, KC_V_PASSED, "InvalidWrite", param,
	    "3.19.0") == NULL);
	ATF_CHECK(parity_explain_error(bad_ptr, KC_V_PASSED, "SyscallParam",
	    "Syscall param waitid(infop) points to unaddressable byte(s)", "3.19.0") == NULL);
	ATF_CHECK(parity_explain_error("pidfd/clone_pidfd_test:clone_pidfd__thread",
	    KC_V_PASSED, "SyscallParam", param, "3.19.0") == NULL);
	/* waitid(infop=NULL): a Valgrind bug until 3.26. */
	r = parity_explain_error("pidfd/waitid_pidfd_test:waitid_pidfd__null_infop",
	    KC_V_PASSED, "SyscallParam",
	    "Syscall param waitid(infop) points to unaddressable byte(s)", "3.24.0");
	ATF_REQUIRE(r != NULL);
	ATF_CHECK_STREQ("vg_waitid_null_infop", r->known);
	ATF_CHECK(parity_explain_error("pidfd/waitid_pidfd_test:waitid_pidfd__null_infop",
	    KC_V_PASSED, "SyscallParam",
	    "Syscall param waitid(infop) points to unaddressable byte(s)", "3.26.0") == NULL);
	/* The CLONE_VM process ends the client with 0; "Unsupported clone()
	 * flags" stops it with 1: each exit status belongs to its own case. */
	r = parity_explain_verdict("clone3/clone_legacy_test:clone_legacy__vm_process_exit_reaped",
	    KC_V_PASSED, KC_V_BROKEN, "x:y: no result (exited 0)", "3.27.1");
	ATF_REQUIRE(r != NULL);
	ATF_CHECK_STREQ("vg_clone_vm_process_as_thread", r->known);
	ATF_CHECK(parity_explain_verdict(
	    "clone3/clone_legacy_test:clone_legacy__vm_process_exit_reaped", KC_V_PASSED,
	    KC_V_BROKEN, "x:y: no result (exited 1)", "3.27.1") == NULL);
	ATF_CHECK(parity_explain_verdict(
	    "clone3/clone_legacy_test:clone_legacy__sharing_flags", KC_V_PASSED,
	    KC_V_BROKEN, "x:y: no result (exited 0)", "3.27.1") == NULL);
	/* mount(type) NULL: reported up to 3.24, not from 3.27. */
	ATF_CHECK(parity_explain_error("pidfd/pidfd_fdinfo_test:pidfd_fdinfo__nspid_nested",
	    KC_V_PASSED, "SyscallParam",
	    "Syscall param mount(type) points to unaddressable byte(s)", "3.24.0") != NULL);
	ATF_CHECK(parity_explain_error("pidfd/pidfd_fdinfo_test:pidfd_fdinfo__nspid_nested",
	    KC_V_PASSED, "SyscallParam",
	    "Syscall param mount(type) points to unaddressable byte(s)", "3.27.1") == NULL);
}

/* Run parity case `tcname` of cases/parity/<prog> with extra config vars. */
static void
run_parity_of2(const atf_tc_t *tc, const char *prog_name, const char *tcname,
    const char *extra, const char *extra2, struct kc_atf_result *res)
{
	char prog[PATH_MAX], srcdir[PATH_MAX], srcvar[PATH_MAX + 8], vgvar[PATH_MAX + 16];
	const char *vars[5];
	struct kc_atf_opts o;
	int n = 0;

	char rel[256];

	kc_vgrun_require(tc);
	snprintf(rel, sizeof(rel), "cases/parity/%s", prog_name);
	kc_build_path(atf_tc_get_config_var(tc, "srcdir"), rel, prog, sizeof(prog));
	kc_build_path(atf_tc_get_config_var(tc, "srcdir"), "cases/parity",
	    srcdir, sizeof(srcdir));
	snprintf(srcvar, sizeof(srcvar), "srcdir=%s", srcdir);
	snprintf(vgvar, sizeof(vgvar), "valgrind=%s", kc_vgrun_valgrind());
	vars[n++] = srcvar;
	vars[n++] = vgvar;
	if (extra != NULL)
		vars[n++] = extra;
	if (extra2 != NULL)
		vars[n++] = extra2;
	vars[n] = NULL;
	memset(&o, 0, sizeof(o));
	o.vars = vars;
	o.timeout_ms = 240000;
	ATF_REQUIRE_MSG(kc_atf_run(prog, tcname, &o, res) == 0,
	    "running %s:%s: %s", prog, tcname, strerror(errno));
}

static void
run_parity_of(const atf_tc_t *tc, const char *prog_name, const char *tcname,
    const char *extra, struct kc_atf_result *res)
{
	run_parity_of2(tc, prog_name, tcname, extra, NULL, res);
}

static void
run_parity(const atf_tc_t *tc, const char *tcname, const char *extra,
    struct kc_atf_result *res)
{
	run_parity_of(tc, "clone_pidfd_test", tcname, extra, res);
}

/*
 * Control for the case below: with nothing injected, every parity case of
 * clone_pidfd_test passes (its one Valgrind report, the deliberate bad
 * pointer, is declared) under every Valgrind version this suite knows.
 */
ATF_TC(parity_self__clean_run_passes);
ATF_TC_HEAD(parity_self__clean_run_passes, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "Every parity case of clone_pidfd_test passes with nothing injected");
}
ATF_TC_BODY(parity_self__clean_run_passes, tc)
{
	static char names[128][128];
	struct kc_atf_result res;
	char prog[PATH_MAX];
	int n, i;

	kc_vgrun_require(tc);
	kc_build_path(atf_tc_get_config_var(tc, "srcdir"), "cases/parity/clone_pidfd_test",
	    prog, sizeof(prog));
	n = kc_program_cases(prog, names, 128);
	ATF_REQUIRE_MSG(n > 0, "%s -l: %s", prog, n < 0 ? strerror(errno) : "no case");
	for (i = 0; i < n; i++) {
		run_parity(tc, names[i], NULL, &res);
		ATF_CHECK_MSG(res.verdict == KC_V_PASSED, "parity/clone_pidfd_test:%s: "
		    "expected passed, got %s: %s", names[i], kc_verdict_name(res.verdict),
		    res.reason);
	}
}

/*
 * clone(2) made to fail with EPERM on the Valgrind side only (a seccomp rule
 * through the knob parity_vg_seccomp) must fail the parity case of a kernel
 * case that passes natively, naming both verdicts and the Valgrind-side
 * reason.
 */
ATF_TC(parity_self__vg_only_fault_fails);
ATF_TC_HEAD(parity_self__vg_only_fault_fails, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "A fault injected into the Valgrind run only fails the parity case, naming the difference");
}
ATF_TC_BODY(parity_self__vg_only_fault_fails, tc)
{
	struct kc_atf_result res;

	run_parity(tc, "clone_pidfd__slot_overwritten", "parity_vg_seccomp=clone:EPERM", &res);
	ATF_REQUIRE_MSG(res.verdict == KC_V_FAILED, "parity/clone_pidfd_test:"
	    "clone_pidfd__slot_overwritten: expected failed, got %s: %s",
	    kc_verdict_name(res.verdict), res.reason);
	ATF_CHECK_MSG(strstr(res.reason, "unexplained difference") != NULL,
	    "expected 'unexplained difference' in: %s", res.reason);
	ATF_CHECK_MSG(strstr(res.reason, "native passed, valgrind failed: ") != NULL,
	    "expected 'native passed, valgrind failed: ' in: %s", res.reason);
	ATF_CHECK_MSG(strstr(res.reason, "EPERM") != NULL, "expected 'EPERM' in: %s",
	    res.reason);
}

/* The kconform.clone3.* cgroups in this process's own cgroup2 directory
 * (where the clone3 cases make theirs). */
static int
clone3_cgroups(void)
{
	char dir[2048];
	struct dirent *de;
	DIR *d;
	int n = 0;

	ATF_REQUIRE_MSG(kc_cgroup2_self_dir(dir, sizeof(dir)) == 0,
	    "cgroup2: cannot locate this process's cgroup: %s", strerror(errno));
	d = opendir(dir);
	ATF_REQUIRE_MSG(d != NULL, "opendir %s: %s", dir, strerror(errno));
	while ((de = readdir(d)) != NULL)
		n += strncmp(de->d_name, KC_CGROUP_PREFIX "clone3.", 15) == 0;
	closedir(d);
	return (n);
}

/*
 * A parity case runs its kernel case's ATF cleanup.  Control: rmdir(2)
 * refused, clone3_cgroup__into_private_cgroup fails and leaves its cgroup
 * behind, which its cleanup removes.  Then the parity case under the same
 * native-side fault fails (native failed, Valgrind skipped: clone3 ENOSYS
 * or passed) and leaves no cgroup behind.
 */
ATF_TC(parity_self__cleanup_runs);
ATF_TC_HEAD(parity_self__cleanup_runs, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "A parity case runs the kernel case's ATF cleanup: a failing CLONE_INTO_CGROUP case leaves no cgroup");
}
ATF_TC_BODY(parity_self__cleanup_runs, tc)
{
	static const struct kc_sandbox_rule no_rmdir[] = { { .syscall = "rmdir", .err = EPERM } };
	const char *name = "clone3_cgroup__into_private_cgroup";
	char prog[PATH_MAX], srcvar[PATH_MAX + 8], cname[128];
	const char *vars[2];
	struct kc_atf_result res;
	struct kc_atf_opts o;
	int before;

	kc_vgrun_require(tc);
	kc_build_path(atf_tc_get_config_var(tc, "srcdir"), "cases/clone3/clone3_cgroup_test",
	    prog, sizeof(prog));
	snprintf(srcvar, sizeof(srcvar), "srcdir=%s", prog);
	*strrchr(srcvar, '/') = '\0';
	vars[0] = srcvar;
	vars[1] = NULL;
	before = clone3_cgroups();

	memset(&o, 0, sizeof(o));
	o.vars = vars;
	o.rules = no_rmdir;
	o.nrules = 1;
	ATF_REQUIRE_MSG(kc_atf_run(prog, name, &o, &res) == 0, "running %s:%s: %s", prog,
	    name, strerror(errno));
	if (res.verdict == KC_V_SKIPPED)
		atf_tc_skip("%s skips here: %s", name, res.reason);
	ATF_REQUIRE_MSG(res.verdict == KC_V_FAILED, "control: %s with rmdir refused: "
	    "expected failed, got %s: %s", name, kc_verdict_name(res.verdict), res.reason);
	ATF_REQUIRE_MSG(clone3_cgroups() == before + 1, "control: %s left %d cgroup(s), "
	    "expected 1", name, clone3_cgroups() - before);
	o.rules = NULL;
	o.nrules = 0;
	snprintf(cname, sizeof(cname), "%s:cleanup", name);
	ATF_REQUIRE_MSG(kc_atf_run(prog, cname, &o, &res) == 0, "running %s:%s: %s", prog,
	    cname, strerror(errno));
	ATF_REQUIRE_MSG(clone3_cgroups() == before, "control: %s's cleanup left %d "
	    "cgroup(s)", name, clone3_cgroups() - before);

	run_parity_of(tc, "clone3_cgroup_test", name, "parity_native_seccomp=rmdir:EPERM",
	    &res);
	ATF_CHECK_MSG(res.verdict == KC_V_FAILED, "parity/clone3_cgroup_test:%s with rmdir "
	    "refused natively: expected failed, got %s: %s", name,
	    kc_verdict_name(res.verdict), res.reason);
	ATF_CHECK_MSG(strstr(res.reason, "native failed") != NULL,
	    "expected 'native failed' in: %s", res.reason);
	ATF_CHECK_MSG(clone3_cgroups() == before, "parity/clone3_cgroup_test:%s left %d "
	    "cgroup(s) behind: the kernel case's cleanup did not run", name,
	    clone3_cgroups() - before);
}

/*
 * A kernel case that breaks the same way on both sides (no result: here the
 * loader or ATF cannot open a file, as a guest without /dev/fd made ATF's
 * "-r /dev/fd/3" fail) is no parity: the parity case fails, saying the case
 * broke natively, instead of comparing two broken verdicts.
 */
ATF_TC(parity_self__native_broken_fails);
ATF_TC_HEAD(parity_self__native_broken_fails, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "A kernel case broken natively and under Valgrind fails its parity case");
}
ATF_TC_BODY(parity_self__native_broken_fails, tc)
{
	const char *name = "clone_pidfd__cloexec_rdwr";
	struct kc_atf_result res;

	run_parity_of2(tc, "clone_pidfd_test", name, "parity_native_seccomp=openat:EACCES",
	    "parity_vg_seccomp=openat:EACCES", &res);
	ATF_CHECK_MSG(res.verdict == KC_V_FAILED, "parity/clone_pidfd_test:%s with openat "
	    "refused on both sides: expected failed, got %s: %s", name,
	    kc_verdict_name(res.verdict), res.reason);
	ATF_CHECK_MSG(strstr(res.reason, "broke natively") != NULL,
	    "expected 'broke natively' in: %s", res.reason);
}

/* Run a shell command line; its exit status, its stdout and stderr
 * (together, at most outlen - 1 bytes) in out. */
static int
sh_out(char *out, size_t outlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int
sh_out(char *out, size_t outlen, const char *fmt, ...)
{
	char cmd[4 * PATH_MAX];
	size_t used = 0, r;
	va_list ap;
	FILE *f;
	int st, w;

	va_start(ap, fmt);
	w = vsnprintf(cmd, sizeof(cmd) - 8, fmt, ap);
	va_end(ap);
	ATF_REQUIRE_MSG(w > 0 && (size_t)w < sizeof(cmd) - 8, "command too long");
	strcat(cmd, " 2>&1");
	f = popen(cmd, "r");
	ATF_REQUIRE_MSG(f != NULL, "popen(%s): %s", cmd, strerror(errno));
	while (used + 1 < outlen && (r = fread(out + used, 1, outlen - 1 - used, f)) > 0)
		used += r;
	out[used] = '\0';
	st = pclose(f);
	ATF_REQUIRE_MSG(st != -1, "pclose: %s", strerror(errno));
	return (WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
}

/* How many times the fake kernel program of the case below ran. */
static int
listing_runs(void)
{
	char *t = kc_file_slurp("runs");
	int n = 0;
	const char *p;

	for (p = t; p != NULL && *p != '\0'; p++)
		n += *p == '\n';
	free(t);
	return (n);
}

/* The names of the listing cache's entries in dir "cache", one per line. */
static int
cache_entries(char *out, size_t outlen)
{
	return (sh_out(out, outlen, "ls cache"));
}

/*
 * With the config variable vgrun_cache, a parity program lists its kernel
 * program once per run and reads the listing back from the cache after
 * that (cases/parity/parity_test.c, par_list): here the kernel program is
 * a script that counts its runs, in a copy of the build tree's layout
 * (cases/parity/<prog> finds its kernel program as <srcdir>/../pidfd/<prog>).
 * Control: without vgrun_cache every listing runs it.  A malformed entry
 * is not trusted: the listing says so on stderr, naming the entry, lists
 * the program again and replaces the entry.  A listing that fails is not
 * cached, and the parity program then fails to list (kyua: broken) and a
 * parity case of it does not pass or skip.
 */
ATF_TC(parity_self__listing_cached_and_checked);
ATF_TC_HEAD(parity_self__listing_cached_and_checked, tc)
{
	atf_tc_set_md_var(tc, "descr", "With vgrun_cache a parity program lists its kernel "
	    "program once per run; a malformed entry is named and replaced; a failed "
	    "listing is not cached and fails");
}
ATF_TC_BODY(parity_self__listing_cached_and_checked, tc)
{
	char real[PATH_MAX], wd[PATH_MAX], out[8192], entries[1024], entry[PATH_MAX];
	char run[3 * PATH_MAX];
	struct kc_atf_result res;
	struct kc_atf_opts o;
	const char *vars[3];
	char srcvar[PATH_MAX + 32], cachevar[PATH_MAX + 32];
	FILE *f;
	int st, i;

	kc_build_path(atf_tc_get_config_var(tc, "srcdir"), "cases/parity/clone_pidfd_test",
	    real, sizeof(real));
	ATF_REQUIRE(getcwd(wd, sizeof(wd)) != NULL);
	RL(mkdir("fake", 0755));
	RL(mkdir("fake/parity", 0755));
	RL(mkdir("fake/pidfd", 0755));
	RL(mkdir("cache", 0755));
	RL(symlink(real, "fake/parity/clone_pidfd_test"));
	f = fopen("fake/pidfd/clone_pidfd_test", "w");
	ATF_REQUIRE(f != NULL);
	fprintf(f, "#!/bin/sh\necho run >> '%s/runs'\n"
	    "printf 'Content-Type: application/X-atf-tp; version=\"1\"\\n\\n"
	    "ident: fake__one\\ntimeout: 40\\n\\nident: fake__two\\nhas.cleanup: true\\n'\n", wd);
	ATF_REQUIRE(fclose(f) == 0);
	RL(chmod("fake/pidfd/clone_pidfd_test", 0755));
	snprintf(run, sizeof(run), "fake/parity/clone_pidfd_test -s '%s/fake/parity'", wd);

	/* Three listings with the cache: one run of the kernel program. */
	for (i = 0; i < 3; i++) {
		st = sh_out(out, sizeof(out), "%s -v vgrun_cache='%s/cache' -l", run, wd);
		ATF_REQUIRE_MSG(st == 0, "listing %d with vgrun_cache: exit %d: %s", i + 1,
		    st, out);
		ATF_REQUIRE_MSG(strstr(out, "ident: fake__one\n") != NULL &&
		    strstr(out, "ident: fake__two\n") != NULL &&
		    strstr(out, "has.cleanup: true\n") != NULL, "listing %d with "
		    "vgrun_cache: expected fake__one and fake__two (with a cleanup), "
		    "seen: %.600s", i + 1, out);
		ATF_REQUIRE_MSG(strstr(out, "not used") == NULL, "listing %d: the entry "
		    "was refused: %.600s", i + 1, out);
	}
	ATF_REQUIRE_EQ_MSG(1, listing_runs(), "kernel program runs for 3 listings with "
	    "vgrun_cache: expected 1, seen %d", listing_runs());
	ATF_REQUIRE_EQ_MSG(0, cache_entries(entries, sizeof(entries)), "ls cache: %s",
	    entries);
	ATF_REQUIRE_MSG(strncmp(entries, "parlist-", 8) == 0 &&
	    strchr(entries, '\n') == entries + strlen(entries) - 1,
	    "expected one entry parlist-<hash> in the cache, seen: %s", entries);
	entries[strlen(entries) - 1] = '\0';
	snprintf(entry, sizeof(entry), "cache/%s", entries);

	/* Control: without the cache, each listing runs it. */
	for (i = 0; i < 2; i++) {
		st = sh_out(out, sizeof(out), "%s -l", run);
		ATF_REQUIRE_MSG(st == 0 && strstr(out, "ident: fake__two\n") != NULL,
		    "listing without vgrun_cache: exit %d: %.600s", st, out);
	}
	ATF_REQUIRE_EQ_MSG(3, listing_runs(), "kernel program runs after 2 more "
	    "listings without vgrun_cache: expected 3, seen %d", listing_runs());

	/* A malformed entry (a line after its end line): named, not used, the
	 * program listed again, the entry replaced by a well-formed one. */
	f = fopen(entry, "a");
	ATF_REQUIRE_MSG(f != NULL, "%s: %s", entry, strerror(errno));
	fprintf(f, "case 0 20 fake__injected\n");
	ATF_REQUIRE(fclose(f) == 0);
	st = sh_out(out, sizeof(out), "%s -v vgrun_cache='%s/cache' -l", run, wd);
	ATF_REQUIRE_MSG(st == 0, "listing with a malformed entry: exit %d: %s", st, out);
	ATF_CHECK_MSG(strstr(out, "not used: line ") != NULL &&
	    strstr(out, entries) != NULL, "listing with a malformed entry: expected "
	    "'... %s not used: line ...' on stderr, seen: %.600s", entries, out);
	ATF_CHECK_MSG(strstr(out, "fake__injected") == NULL, "the malformed entry's "
	    "case was listed: %.600s", out);
	ATF_CHECK_EQ_MSG(4, listing_runs(), "kernel program runs after a listing with a "
	    "malformed entry: expected 4, seen %d", listing_runs());
	st = sh_out(out, sizeof(out), "%s -v vgrun_cache='%s/cache' -l", run, wd);
	ATF_CHECK_MSG(st == 0 && strstr(out, "not used") == NULL &&
	    strstr(out, "ident: fake__one\n") != NULL, "listing after the entry was "
	    "replaced: exit %d: %.600s", st, out);
	ATF_CHECK_EQ_MSG(4, listing_runs(), "kernel program runs after the entry was "
	    "replaced: expected 4, seen %d", listing_runs());

	/* A listing that fails (the program exits 1 after one case): the parity
	 * program fails to list, every time (no entry is made of it). */
	f = fopen("fake/pidfd/clone_pidfd_test", "w");
	ATF_REQUIRE(f != NULL);
	fprintf(f, "#!/bin/sh\necho run >> '%s/runs'\necho 'ident: fake__one'\nexit 1\n", wd);
	ATF_REQUIRE(fclose(f) == 0);
	for (i = 0; i < 2; i++) {
		st = sh_out(out, sizeof(out), "%s -v vgrun_cache='%s/cache' -l", run, wd);
		ATF_CHECK_MSG(st != 0 && strstr(out, "listing the cases of") != NULL,
		    "listing %d of a kernel program that fails to list: expected a "
		    "failure 'listing the cases of ...', seen exit %d: %.600s", i + 1, st,
		    out);
	}
	ATF_CHECK_EQ_MSG(6, listing_runs(), "kernel program runs after 2 failed listings "
	    "with vgrun_cache: expected 6, seen %d", listing_runs());
	ATF_REQUIRE_EQ(0, cache_entries(entries, sizeof(entries)));
	ATF_CHECK_MSG(strchr(entries, '\n') == entries + strlen(entries) - 1,
	    "a failed listing made a cache entry: ls cache: %s", entries);
	snprintf(srcvar, sizeof(srcvar), "srcdir=%s/fake/parity", wd);
	snprintf(cachevar, sizeof(cachevar), "vgrun_cache=%s/cache", wd);
	vars[0] = srcvar;
	vars[1] = cachevar;
	vars[2] = NULL;
	memset(&o, 0, sizeof(o));
	o.vars = vars;
	o.timeout_ms = 60000;
	ATF_REQUIRE_MSG(kc_atf_run("fake/parity/clone_pidfd_test", "fake__one", &o, &res) == 0,
	    "running parity case fake__one: %s", strerror(errno));
	ATF_CHECK_MSG(res.verdict == KC_V_BROKEN || res.verdict == KC_V_FAILED,
	    "parity case fake__one of a kernel program that fails to list: expected "
	    "broken or failed, got %s: %s", kc_verdict_name(res.verdict), res.reason);
}

/*
 * An unparseable Valgrind report (two processes of one Valgrind interleaving
 * their exit output, cases/parity/parity_report.h) holds an error exactly
 * when some error in it is not a leak record, or when its leak kinds do not
 * account for every <error> tag.
 */
ATF_TC(parity_self__garbled_report_errors);
ATF_TC_HEAD(parity_self__garbled_report_errors, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "An unparseable report counts a non-leak error, or an <error> a leak kind does not "
	    "account for, and nothing for leak records");
}
ATF_TC_BODY(parity_self__garbled_report_errors, tc)
{
	static const struct {
		const char	*raw;
		bool		 has;
	} t[] = {
		/* Leak records only, the second cut by the first's tail. */
		{ "<status><state>FINISHED</state></status>\n<error>\n  <kind>Leak_DefinitelyLost"
		  "</kind>\n  <xwhat><text>80 bytes</te<error>\n  <kind>Leak_PossiblyLost</kind>",
		  false },
		/* Nothing at all but the status of two processes, interleaved. */
		{ "<status><state>FINI<status><state>FINISHED</state></status>", false },
		/* A Memcheck error between the leak records. */
		{ "<error><kind>Leak_DefinitelyLost</kind></error><error><kind>InvalidRead</kind>"
		  "<what>Invalid read of size 4</wh", true },
		/* An <error> whose <kind> the interleaving cut. */
		{ "<error><kind>Leak_DefinitelyLost</kind></error><error><ki<status>", true },
	};
	size_t i;

	(void)tc;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		ATF_CHECK_MSG(parity_garbled_has_error(t[i].raw) == t[i].has,
		    "report %zu: expected %s error, parity_garbled_has_error says %s", i,
		    t[i].has ? "an" : "no", t[i].has ? "none" : "one");
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, parity_self__table_wellformed);
	ATF_TP_ADD_TC(tp, parity_self__mapping_precise);

	ATF_TP_ADD_TC(tp, parity_self__clean_run_passes);
	ATF_TP_ADD_TC(tp, parity_self__vg_only_fault_fails);
	ATF_TP_ADD_TC(tp, parity_self__cleanup_runs);
	ATF_TP_ADD_TC(tp, parity_self__native_broken_fails);
	ATF_TP_ADD_TC(tp, parity_self__listing_cached_and_checked);
	ATF_TP_ADD_TC(tp, parity_self__garbled_report_errors);

	return (atf_no_error());
}
