/* SPDX-License-Identifier: BSD-2-Clause */
/* matrix/kc-sandbox: its command line, exit statuses, and that a profile applies. */
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_atfrun.h"
#include "kc_child.h"
#include "kc_macros.h"

/* Run argv with stdout and stderr into `out`; return the exit status. */
static int
run(const char *const *argv, char *out, size_t len)
{
	siginfo_t si;
	size_t got = 0;
	ssize_t r;
	int p[2];
	pid_t pid;
	char buf[64];

	RL(pipe2(p, O_CLOEXEC));
	pid = kc_fork();
	if (pid == 0) {
		if (dup2(p[1], 1) == -1 || dup2(p[1], 2) == -1)
			_exit(120);
		execv(argv[0], (char *const *)argv);
		_exit(121);
	}
	RL(close(p[1]));
	while ((r = read(p[0], out + got, len - 1 - got)) > 0 && got + (size_t)r < len - 1)
		got += (size_t)r;
	if (r > 0)
		got += (size_t)r;
	out[got] = '\0';
	RL(close(p[0]));
	ATF_REQUIRE_MSG(kc_wait_timeout(pid, WEXITED, KC_REAP_TIMEOUT_MS, &si) == 0,
	    "%s: %s", argv[0], strerror(errno));
	ATF_REQUIRE_MSG(si.si_code == CLD_EXITED, "%s: %s", argv[0],
	    kc_describe_status(&si, buf, sizeof(buf)));
	return (si.si_status);
}

static const char *
path(const atf_tc_t *tc, const char *rel, char *buf, size_t len)
{
	return (kc_build_path(atf_tc_get_config_var(tc, "srcdir"), rel, buf, len));
}

/* --list names every profile, one a line, and exits 0. */
ATF_TC(kc_sandbox__list_names_profiles);
ATF_TC_HEAD(kc_sandbox__list_names_profiles, tc)
{
	atf_tc_set_md_var(tc, "descr", "kc-sandbox --list prints the three profiles");
}
ATF_TC_BODY(kc_sandbox__list_names_profiles, tc)
{
	char sb[1024], out[4096];
	const char *argv[] = { path(tc, "matrix/kc-sandbox", sb, sizeof(sb)), "--list", NULL };

	ATF_REQUIRE_EQ(0, run(argv, out, sizeof(out)));
	ATF_CHECK_MSG(strstr(out, "clone3-enosys ") != NULL, "--list: %s", out);
	ATF_CHECK_MSG(strstr(out, "clone3-eperm ") != NULL, "--list: %s", out);
	ATF_CHECK_MSG(strstr(out, "pidfd-enosys ") != NULL, "--list: %s", out);
}

/* An unknown profile is a clear error and exit 2; so is a usage error. */
ATF_TC(kc_sandbox__unknown_profile_exit_2);
ATF_TC_HEAD(kc_sandbox__unknown_profile_exit_2, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "kc-sandbox with an unknown profile or no command says so and exits 2");
}
ATF_TC_BODY(kc_sandbox__unknown_profile_exit_2, tc)
{
	char sb[1024], out[4096];
	const char *bad[] = { path(tc, "matrix/kc-sandbox", sb, sizeof(sb)), "--profile",
	    "no-such-profile", "--", "/bin/true", NULL };
	const char *nocmd[] = { sb, "--profile", "clone3-enosys", "--", NULL };

	ATF_CHECK_EQ(2, run(bad, out, sizeof(out)));
	ATF_CHECK_MSG(strstr(out, "unknown profile 'no-such-profile'") != NULL, "said: %s", out);
	ATF_CHECK_EQ(2, run(nocmd, out, sizeof(out)));
	ATF_CHECK_MSG(strstr(out, "usage:") != NULL, "said: %s", out);
}

/* A command that cannot be executed: a message and exit 127. */
ATF_TC(kc_sandbox__exec_failure_exit_127);
ATF_TC_HEAD(kc_sandbox__exec_failure_exit_127, tc)
{
	atf_tc_set_md_var(tc, "descr", "kc-sandbox exits 127 with a message when exec fails");
}
ATF_TC_BODY(kc_sandbox__exec_failure_exit_127, tc)
{
	char sb[1024], out[4096];
	const char *argv[] = { path(tc, "matrix/kc-sandbox", sb, sizeof(sb)), "--profile",
	    "clone3-enosys", "--", "/nonexistent/kconform-cmd", NULL };

	ATF_CHECK_EQ(127, run(argv, out, sizeof(out)));
	ATF_CHECK_MSG(strstr(out, "cannot execute '/nonexistent/kconform-cmd'") != NULL,
	    "said: %s", out);
}

/*
 * The profile reaches the command: the contract case run through
 * kc-sandbox passes under clone3-enosys and fails naming EPERM under
 * clone3-eperm.
 */
ATF_TC(kc_sandbox__profile_reaches_command);
ATF_TC_HEAD(kc_sandbox__profile_reaches_command, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "a command run by kc-sandbox sees the profile's errno for clone3");
}
ATF_TC_BODY(kc_sandbox__profile_reaches_command, tc)
{
	char sb[1024], prog[1024], out[4096];
	const char *argv[] = { path(tc, "matrix/kc-sandbox", sb, sizeof(sb)), "--profile",
	    "clone3-enosys", "--", path(tc, "cases/clone3/clone3_contract_test", prog,
	    sizeof(prog)), "-r", "/dev/stdout", "clone3_contract__enosys_or_works", NULL };

	ATF_CHECK_EQ(0, run(argv, out, sizeof(out)));
	ATF_CHECK_MSG(strstr(out, "passed") != NULL, "clone3-enosys: %s", out);
	argv[2] = "clone3-eperm";
	ATF_CHECK_EQ(1, run(argv, out, sizeof(out)));
	ATF_CHECK_MSG(strstr(out, "failed: ") != NULL && strstr(out, "EPERM") != NULL,
	    "clone3-eperm: %s", out);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, kc_sandbox__list_names_profiles);
	ATF_TP_ADD_TC(tp, kc_sandbox__unknown_profile_exit_2);
	ATF_TP_ADD_TC(tp, kc_sandbox__exec_failure_exit_127);
	ATF_TP_ADD_TC(tp, kc_sandbox__profile_reaches_command);

	return (atf_no_error());
}
