/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kc_stack_switch (lib/arch/<arch>/stack_switch.S) works natively: the
 * checks of h_stack_switch, on this host and, cross-built, for aarch64
 * under qemu-user.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_child.h"
#include "kc_macros.h"
#include "kc_stack.h"

/* Run argv[0] with argv; return its siginfo (fails the case on timeout). */
static siginfo_t
run(char *const argv[])
{
	siginfo_t si;
	pid_t pid;

	pid = kc_fork();
	if (pid == 0) {
		execv(argv[0], argv);
		kc_child_fail(__FILE__, __LINE__, "execv failed");
	}
	RL(kc_wait_timeout(pid, WEXITED, KC_REAP_TIMEOUT_MS, &si));
	return (si);
}

static void
require_clean_exit(const siginfo_t *si, const char *what)
{
	char buf[128];

	ATF_REQUIRE_MSG(si->si_code == CLD_EXITED && si->si_status == 0,
	    "%s: %s (its stderr names the failed checks)", what,
	    kc_describe_status(si, buf, sizeof(buf)));
}

/*
 * On this host, fn runs on the given stack, the stack pointer is aligned as
 * the ABI requires at fn's entry, callee-saved registers survive, and
 * switches nest.
 */
ATF_TC(stack_switch__native_checks);
ATF_TC_HEAD(stack_switch__native_checks, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "kc_stack_switch runs fn on the new stack, aligned, preserving "
	    "callee-saved registers, and nests");
}
ATF_TC_BODY(stack_switch__native_checks, tc)
{
	char path[PATH_MAX];
	siginfo_t si;

	kc_require_stack_switch();
	snprintf(path, sizeof(path), "%s/h_stack_switch",
	    atf_tc_get_config_var(tc, "srcdir"));
	si = run((char *const[]){ path, NULL });
	require_clean_exit(&si, "h_stack_switch");
}

/*
 * The aarch64 routine passes the same checks, statically cross-built and
 * run under qemu-aarch64-static (where both are installed).
 */
ATF_TC(stack_switch__aarch64_under_qemu);
ATF_TC_HEAD(stack_switch__aarch64_under_qemu, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "The aarch64 kc_stack_switch passes h_stack_switch under "
	    "qemu-aarch64-static");
}
ATF_TC_BODY(stack_switch__aarch64_under_qemu, tc)
{
	static const char qemu[] = "/usr/bin/qemu-aarch64-static";
	char path[PATH_MAX];
	siginfo_t si;

	snprintf(path, sizeof(path), "%s/aarch64/h_stack_switch",
	    atf_tc_get_config_var(tc, "srcdir"));
	if (access(path, X_OK) == -1)
		atf_tc_skip("aarch64 cross build: no aarch64-linux-gnu-gcc "
		    "at build time (%s)", strerror(errno));
	if (access(qemu, X_OK) == -1)
		atf_tc_skip("%s: %s", qemu, strerror(errno));
	si = run((char *const[]){ (char *)qemu, path, NULL });
	require_clean_exit(&si, "h_stack_switch under qemu-aarch64-static");
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, stack_switch__native_checks);
	ATF_TP_ADD_TC(tp, stack_switch__aarch64_under_qemu);

	return (atf_no_error());
}
