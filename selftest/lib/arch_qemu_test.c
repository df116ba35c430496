/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The routines of every lib/arch/<arch>/ folder, cross-built static
 * (mk/arch-rules.mk) and run under qemu-user on this host: the client-request
 * bytes (h_vg_encoding: KC_ARCH_VG_SEQ in vg_request.S and in valgrind.h's
 * macro), the stack switch (h_stack_switch: stack_switch.S + switch_probe.S)
 * and the two vfork routines (h_vfork: vfork_clone.S, vfork_clone3.S; clone3
 * is ENOSYS under qemu-user and said so).  One case per arch; the native
 * arch runs the same helpers natively.  A helper that was not built because
 * its cross compiler is missing FAILS naming the Debian packages
 * (KC_PKGS.<arch> of lib/arch/<arch>/arch.mk, installed by
 * `lib/tools/deps.sh <arch>`): a selftest never skips over a missing tool.
 * qemu: Debian's qemu-user-static (installed by deps.sh); loongarch64 needs
 * 10.0 or later (matrix/fetch-qemu-user.sh 11.1), since 7.2 dies before main.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_atfrun.h"
#include "kc_child.h"
#include "kc_file.h"

/* The value of "KC_<name>.<arch> := value" in lib/arch/<arch>/arch.mk. */
static void
arch_fact(const atf_tc_t *tc, const char *arch, const char *name, char *out, size_t len)
{
	char path[PATH_MAX], key[96], *text, *p, *e;

	snprintf(path, sizeof(path), "%s/lib/arch/%s/arch.mk",
	    atf_tc_get_config_var(tc, "source_root"), arch);
	text = kc_file_slurp(path);
	ATF_REQUIRE_MSG(text != NULL, "%s: %s", path, strerror(errno));
	snprintf(key, sizeof(key), "\nKC_%s.%s", name, arch);
	out[0] = '\0';
	p = strstr(text, key);
	if (p != NULL && (p = strstr(p, ":=")) != NULL) {
		p += 2;
		p += strspn(p, " \t");
		e = p + strcspn(p, "\n");
		snprintf(out, len, "%.*s", (int)(e - p), p);
	}
	free(text);
}

/* Run argv (a helper, under qemu or not): its stdout says what it checked;
 * any exit but 0 fails, with the status. */
static void
exec_helper(const char *const argv[])
{
	siginfo_t si;
	char buf[64];
	pid_t pid;

	fflush(stdout);
	pid = kc_fork();
	if (pid == 0) {
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	ATF_REQUIRE_MSG(kc_wait_timeout(pid, WEXITED, 100000, &si) == 0, "%s %s: %s",
	    argv[0], argv[1], strerror(errno));
	ATF_REQUIRE_MSG(si.si_code == CLD_EXITED && si.si_status == 0,
	    "%s %s: %s (its stdout names what failed; 2: no routine or sequence for the arch)",
	    argv[0], argv[1] != NULL ? argv[1] : "", kc_describe_status(&si, buf, sizeof(buf)));
}

/* Run one helper of arch under qemu (NULL: natively); fail on a non-zero exit. */
static void
run_one(const atf_tc_t *tc, const char *arch, const char *qemu, const char *rel,
    const char *arg)
{
	char path[PATH_MAX], pkgs[256];
	const char *argv[4];
	int i = 0;

	kc_build_path(atf_tc_get_config_var(tc, "srcdir"), rel, path, sizeof(path));
	if (access(path, X_OK) != 0) {
		arch_fact(tc, arch, "PKGS", pkgs, sizeof(pkgs));
		atf_tc_fail("%s: not built (%s): its cross compiler is missing; install "
		    "%s (lib/tools/deps.sh %s) and rebuild", rel, strerror(errno),
		    pkgs[0] ? pkgs : "the cross gcc of lib/arch/<arch>/arch.mk", arch);
	}
	if (qemu != NULL)
		argv[i++] = qemu;
	argv[i++] = path;
	argv[i++] = arg;
	argv[i] = NULL;
	exec_helper(argv);
}

/* All three helpers of arch; qemu_min: the qemu-user line it needs. */
static void
run_arch(const atf_tc_t *tc, const char *arch)
{
	char q[64], qemu[PATH_MAX], rel[PATH_MAX], native[64];
	const char *qp = NULL, *share = "shared";

	arch_fact(tc, arch, "TRIPLET", native, sizeof(native));
	if (strstr(native, KC_ARCH_TRIPLET) == NULL) {
		arch_fact(tc, arch, "QEMU", q, sizeof(q));
		ATF_REQUIRE_MSG(q[0] != '\0', "lib/arch/%s/arch.mk has no KC_QEMU.%s", arch, arch);
		if (strcmp(arch, "loongarch64") == 0) {
			/* qemu 7.2 has no LSX: SIGILL before main (FACTS-environments §8). */
			snprintf(qemu, sizeof(qemu), "%s/qemu-user-11.1/bin/%s",
			    getuid() == 0 ? "/var/cache/kconform" : "/nonexistent", q);
			if (access(qemu, X_OK) != 0)
				atf_tc_fail("%s: %s: run matrix/fetch-qemu-user.sh 11.1 (qemu 7.2 "
				    "cannot start loongarch64 programs)", qemu, strerror(errno));
		} else {
			snprintf(qemu, sizeof(qemu), "/usr/bin/%s-static", q);
			if (access(qemu, X_OK) != 0)
				atf_tc_fail("%s: %s: install qemu-user-static (lib/tools/deps.sh)",
				    qemu, strerror(errno));
		}
		qp = qemu;
		share = "any";	/* qemu-user runs a vfork-style clone as fork */
		snprintf(rel, sizeof(rel), "selftest/lib/%s/h_vg_encoding", arch);
		run_one(tc, arch, qp, rel, NULL);
		snprintf(rel, sizeof(rel), "selftest/stackreg/%s/h_stack_switch", arch);
		run_one(tc, arch, qp, rel, NULL);
		snprintf(rel, sizeof(rel), "selftest/lib/%s/h_vfork", arch);
		run_one(tc, arch, qp, rel, share);
		return;
	}
	run_one(tc, arch, NULL, "selftest/lib/h_vg_encoding", NULL);
	run_one(tc, arch, NULL, "selftest/stackreg/h_stack_switch", NULL);
	run_one(tc, arch, NULL, "selftest/lib/h_vfork", share);
}

#define KC_ARCH_CASE(a)							\
ATF_TC(arch_routines__##a);						\
ATF_TC_HEAD(arch_routines__##a, tc)					\
{									\
	atf_tc_set_md_var(tc, "descr", "lib/arch/" #a "'s vg_request, "	\
	    "stack_switch+switch_probe, vfork_clone and vfork_clone3 run "	\
	    "correctly (under qemu-user unless native)");		\
	atf_tc_set_md_var(tc, "timeout", "120");			\
}									\
ATF_TC_BODY(arch_routines__##a, tc)					\
{									\
	run_arch(tc, #a);						\
}

/* One case per lib/arch folder: the property is the same for each. */
KC_ARCH_CASE(x86_64)
KC_ARCH_CASE(i686)
KC_ARCH_CASE(arm)
KC_ARCH_CASE(aarch64)
KC_ARCH_CASE(loongarch64)
KC_ARCH_CASE(mips)
KC_ARCH_CASE(mipsel)
KC_ARCH_CASE(mips64)
KC_ARCH_CASE(mips64el)
KC_ARCH_CASE(ppc64)
KC_ARCH_CASE(ppc64le)
KC_ARCH_CASE(riscv64)
KC_ARCH_CASE(s390x)

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, arch_routines__x86_64);
	ATF_TP_ADD_TC(tp, arch_routines__i686);
	ATF_TP_ADD_TC(tp, arch_routines__arm);
	ATF_TP_ADD_TC(tp, arch_routines__aarch64);
	ATF_TP_ADD_TC(tp, arch_routines__loongarch64);
	ATF_TP_ADD_TC(tp, arch_routines__mips);
	ATF_TP_ADD_TC(tp, arch_routines__mipsel);
	ATF_TP_ADD_TC(tp, arch_routines__mips64);
	ATF_TP_ADD_TC(tp, arch_routines__mips64el);
	ATF_TP_ADD_TC(tp, arch_routines__ppc64);
	ATF_TP_ADD_TC(tp, arch_routines__ppc64le);
	ATF_TP_ADD_TC(tp, arch_routines__riscv64);
	ATF_TP_ADD_TC(tp, arch_routines__s390x);

	return (atf_no_error());
}
