/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The client-request instruction bytes of lib/arch/<arch>/vg_request.S and of
 * valgrind.h's macro are the ones Valgrind decodes (h_vg_encoding), natively
 * and for aarch64 under qemu-user where a cross build exists.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_child.h"
#include "kc_macros.h"

#define KC_QEMU_AARCH64	"/usr/bin/qemu-aarch64-static"

static void
kc_run_helper(const char *const argv[])
{
	siginfo_t si;
	char buf[64];
	pid_t pid;

	pid = kc_fork();
	if (pid == 0) {
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	ATF_REQUIRE_MSG(kc_wait_timeout(pid, WEXITED, 60000, &si) == 0, "%s: %s", argv[0],
	    strerror(errno));
	if (si.si_code == CLD_EXITED && si.si_status == 2)
		atf_tc_skip("arch support missing (no KC_ARCH_VG_SEQ or no "
		    "vg_request.S in lib/arch/<arch>/: stdout names it)");
	ATF_REQUIRE_MSG(si.si_code == CLD_EXITED && si.si_status == 0,
	    "%s: %s (its stdout names the mismatch)", argv[0],
	    kc_describe_status(&si, buf, sizeof(buf)));
}

/* On this machine both encodings carry the bytes Valgrind's decoder matches. */
ATF_TC(vg_request__bytes_native);
ATF_TC_HEAD(vg_request__bytes_native, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "kc_vg_request and valgrind.h's macro hold the exact preamble+request bytes");
}
ATF_TC_BODY(vg_request__bytes_native, tc)
{
	char path[4096];
	const char *argv[2];

	snprintf(path, sizeof(path), "%s/h_vg_encoding", atf_tc_get_config_var(tc, "srcdir"));
	argv[0] = path;
	argv[1] = NULL;
	kc_run_helper(argv);
}

/* The aarch64 routine, cross-built, under qemu-user. */
ATF_TC(vg_request__bytes_aarch64_qemu);
ATF_TC_HEAD(vg_request__bytes_aarch64_qemu, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "the aarch64 vg_request.S holds valgrind.h's PLAT_arm64_linux bytes (qemu-user)");
}
ATF_TC_BODY(vg_request__bytes_aarch64_qemu, tc)
{
	char path[4096];
	const char *argv[3];

	snprintf(path, sizeof(path), "%s/aarch64/h_vg_encoding",
	    atf_tc_get_config_var(tc, "srcdir"));
	if (access(path, X_OK) != 0)
		atf_tc_skip("aarch64 cross build absent (no aarch64-linux-gnu-gcc at build time)");
	if (access(KC_QEMU_AARCH64, X_OK) != 0)
		atf_tc_skip("%s: not installed", KC_QEMU_AARCH64);
	argv[0] = KC_QEMU_AARCH64;
	argv[1] = path;
	argv[2] = NULL;
	kc_run_helper(argv);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, vg_request__bytes_native);
	ATF_TP_ADD_TC(tp, vg_request__bytes_aarch64_qemu);

	return (atf_no_error());
}
