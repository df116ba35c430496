/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The case macro's watchdog (lib/kc_case.h): a hung case ends `failed`
 * naming what it was blocked in, before kyua's timeout, and leaves no
 * process behind.  Runs the hanging cases of fixture/h_watchdog directly
 * (`prog -r result case`) as a child subreaper, so an orphan the watchdog
 * failed to kill would be reparented to this process and seen; and in a
 * lane (lib/kc_batch.h, natively), where the lane is the watchdog.
 */
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_atfrun.h"
#include "kc_batch.h"
#include "kc_case.h"
#include "kc_child.h"
#include "kc_file.h"
#include "kc_macros.h"
#include "../st_lane.h"

#define FIXTURE	"selftest/lib/fixture/h_watchdog"

/* Run fixture case `name`; its result line into res; returns the exit status. */
static int
run_fixture(const atf_tc_t *tc, const char *name, char *res, size_t len)
{
	char prog[4096], rarg[64];
	siginfo_t si;
	pid_t pid;
	int fd, was = 0;
	ssize_t n;

	kc_build_path(atf_tc_get_config_var(tc, "srcdir"), FIXTURE, prog, sizeof(prog));
	RL(prctl(PR_GET_CHILD_SUBREAPER, &was, 0, 0, 0));
	RL(prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0));
	(void)unlink("result");
	pid = kc_fork();
	if (pid == 0) {
		int devnull = open("/dev/null", O_WRONLY);

		if (devnull >= 0)
			(void)dup2(devnull, 2);
		snprintf(rarg, sizeof(rarg), "-rresult");
		execl(prog, prog, rarg, name, (char *)NULL);
		_exit(127);
	}
	RL(waitid(P_PID, (id_t)pid, &si, WEXITED));
	/* An orphan the watchdog did not kill is now our child. */
	memset(&si, 0, sizeof(si));
	errno = 0;
	n = waitid(P_ALL, 0, &si, WEXITED | WNOHANG | __WALL);
	if (n == 0) {
		(void)kc_reap_children(NULL);
		atf_tc_fail("%s left process %d behind", name, (int)si.si_pid);
	}
	KC_CHECK_EQ(ECHILD, errno);
	RL(prctl(PR_SET_CHILD_SUBREAPER, was, 0, 0, 0));
	RL(fd = open("result", O_RDONLY | O_CLOEXEC));
	RL(n = read(fd, res, len - 1));
	RL(close(fd));
	res[n] = '\0';
	res[strcspn(res, "\n")] = '\0';
	return (si.si_status);
}

static void
check_reason(const char *res, const char *want)
{
	ATF_CHECK_MSG(strstr(res, want) != NULL, "result \"%s\" lacks \"%s\"", res, want);
}

/* A main thread blocked in waitid on a child blocked in read: both named. */
KC_CASE(watchdog__hung_waitid_fails,
    "a case hung in waitid on a blocked child fails with the watchdog's description")
{
	char res[8192];

	run_fixture(tc, "hang__waitid_child_read", res, sizeof(res));
	check_reason(res, "failed: watchdog: blocked 2 s: main thread in waitid");
	check_reason(res, "(h_watchdog) state S in read");
}

/* A case registered at run time (kc_case_add) gets the same watchdog and
 * timeout metadata as one of the macro. */
KC_CASE(watchdog__runtime_case_fails,
    "a kc_case_add case hung in waitid fails with the watchdog's description")
{
	char res[8192], prog[4096], cmd[4200], line[256], want[64];
	int found = 0;
	FILE *f;

	run_fixture(tc, "hang__runtime_waitid", res, sizeof(res));
	check_reason(res, "failed: watchdog: blocked 2 s: main thread in waitid");
	check_reason(res, "(h_watchdog) state S in read");
	kc_build_path(atf_tc_get_config_var(tc, "srcdir"), FIXTURE, prog, sizeof(prog));
	snprintf(cmd, sizeof(cmd), "'%s' -l", prog);
	f = popen(cmd, "r");
	ATF_REQUIRE_MSG(f != NULL, "popen %s: %s", cmd, strerror(errno));
	snprintf(want, sizeof(want), "timeout: %d\n", 2 + KC_CASE_MARGIN_S);
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strcmp(line, "ident: hang__runtime_waitid\n") == 0)
			found = 1;
		else if (found == 1 && strncmp(line, "timeout:", 8) == 0) {
			KC_CHECK_STREQ(want, line);
			found = 2;
		}
	}
	KC_CHECK_EQ(0, pclose(f));
	KC_CHECK_EQ(2, found);
}

/* A second thread's read and the main thread's join are both named. */
KC_CASE(watchdog__hung_thread_fails,
    "a case hung joining a blocked thread fails naming both threads")
{
	char res[8192];

	run_fixture(tc, "hang__thread_join", res, sizeof(res));
	check_reason(res, "failed: watchdog: blocked 2 s: main thread in futex");
	check_reason(res, " in read");
}

/* A parent suspended in vfork by a child that never execs is named and freed. */
KC_CASE(watchdog__vfork_suspended_fails,
    "a case suspended in vfork by a blocked child fails naming vfork; the child is killed")
{
	char res[8192];

	run_fixture(tc, "hang__vfork_parent_suspended", res, sizeof(res));
	check_reason(res, "failed: watchdog: blocked 2 s: main thread in vfork");
	check_reason(res, "(h_watchdog) state S in read");
}

/* kc_require_exit on a child that never exits says what it is blocked in. */
KC_CASE_MD(watchdog__require_exit_names_block,
    "kc_require_exit on a never-exiting child fails naming its system call, then kills it",
    .deadline_s = 30)
{
	char res[8192];

	run_fixture(tc, "hang__require_exit_blocked", res, sizeof(res));
	check_reason(res, "failed: ");
	check_reason(res, "did not exit within 10 s: child ");
	check_reason(res, "(h_watchdog) state S in read");
}

/* The control: a case that ends in time passes under the watchdog. */
KC_CASE(watchdog__no_hang_passes, "a case that ends before its deadline passes")
{
	char res[8192];

	run_fixture(tc, "hang__none_passes", res, sizeof(res));
	KC_CHECK_STREQ("passed", res);
}

/* KC_CASE_CLEANUP declares an ATF cleanup, and it runs. */
KC_CASE(watchdog__cleanup_variant_runs,
    "a KC_CASE_CLEANUP case lists has.cleanup and its KC_CLEANUP body runs")
{
	char res[8192], prog[4096], cmd[8400];
	struct stat st;

	run_fixture(tc, "cleanup__removes_marker", res, sizeof(res));
	KC_CHECK_STREQ("passed", res);
	KC_REQUIRE_EQ(0, stat("kc_cleanup_marker", &st));
	kc_build_path(atf_tc_get_config_var(tc, "srcdir"), FIXTURE, prog, sizeof(prog));
	snprintf(cmd, sizeof(cmd), "'%s' cleanup__removes_marker:cleanup 2>/dev/null", prog);
	KC_CHECK_EQ(0, system(cmd));
	KC_CHECK_EQ(-1, stat("kc_cleanup_marker", &st));
	snprintf(cmd, sizeof(cmd), "'%s' -l | grep -A4 '^ident: cleanup__removes_marker$' | "
	    "grep -q '^has.cleanup: true$'", prog);
	KC_CHECK_EQ(0, system(cmd));
}

/* kyua's timeout is the deadline plus the margin: the watchdog fires first. */
KC_CASE(watchdog__timeout_metadata,
    "the ATF timeout of a case is its watchdog deadline plus KC_CASE_MARGIN_S")
{
	char prog[4096], cmd[4200], line[256], want[64];
	int found = 0;
	FILE *f;

	kc_build_path(atf_tc_get_config_var(tc, "srcdir"), FIXTURE, prog, sizeof(prog));
	snprintf(cmd, sizeof(cmd), "'%s' -l", prog);
	f = popen(cmd, "r");
	ATF_REQUIRE_MSG(f != NULL, "popen %s: %s", cmd, strerror(errno));
	snprintf(want, sizeof(want), "timeout: %d\n", 2 + KC_CASE_MARGIN_S);
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, "ident: hang__waitid_child_read", 30) == 0)
			found = 1;
		else if (found == 1 && strncmp(line, "timeout:", 8) == 0) {
			KC_CHECK_STREQ(want, line);
			found = 2;
		}
	}
	KC_CHECK_EQ(0, pclose(f));
	KC_CHECK_EQ(2, found);
}

/*
 * KC_DEADLINE_SCALE=N multiplies the deadline, hence the ATF timeout; a
 * malformed value breaks the program with its name rather than run at 1.
 */
KC_CASE(watchdog__deadline_scale,
    "KC_DEADLINE_SCALE=3 triples a case's deadline; KC_DEADLINE_SCALE=x exits 2 naming it")
{
	char prog[4096], cmd[4200], out[512];
	FILE *f;
	size_t n;
	int st;

	kc_build_path(atf_tc_get_config_var(tc, "srcdir"), FIXTURE, prog, sizeof(prog));
	snprintf(cmd, sizeof(cmd), "KC_DEADLINE_SCALE=3 '%s' -l | "
	    "sed -n '/^ident: hang__waitid_child_read$/,/^$/s/^timeout: //p'", prog);
	f = popen(cmd, "r");
	ATF_REQUIRE_MSG(f != NULL, "popen %s: %s", cmd, strerror(errno));
	n = fread(out, 1, sizeof(out) - 1, f);
	out[n] = '\0';
	KC_CHECK_EQ(0, pclose(f));
	snprintf(cmd, sizeof(cmd), "%d\n", 3 * 2 + KC_CASE_MARGIN_S);
	KC_CHECK_STREQ(cmd, out);

	snprintf(cmd, sizeof(cmd), "KC_DEADLINE_SCALE=x '%s' -l 2>&1 >/dev/null", prog);
	f = popen(cmd, "r");
	ATF_REQUIRE_MSG(f != NULL, "popen %s: %s", cmd, strerror(errno));
	n = fread(out, 1, sizeof(out) - 1, f);
	out[n] = '\0';
	st = pclose(f);
	KC_CHECK_EQ(2, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	ATF_CHECK_MSG(strstr(out, "KC_DEADLINE_SCALE=x") != NULL,
	    "stderr \"%s\" lacks \"KC_DEADLINE_SCALE=x\"", out);
}

/*
 * In a lane given the cases' deadlines, the lane is the watchdog (the case
 * has no watchdog thread): a hung case fails with the text the in-process
 * watchdog writes (the cases above), what its threads and children are
 * blocked in, and the next cases still run and leave nothing behind.
 */
KC_CASE_MD(watchdog__lane_hang_fails,
    "a hung case in a lane that keeps its deadline fails naming what it is blocked in; "
    "the lane goes on", .deadline_s = 40)
{
	char res[8192];
	int how, code;

	KC_REQUIRE_EQ(0, st_lane_run(tc, FIXTURE, "hang__waitid_child_read 0 2\nhang__thread_join 0 2\n"
	    "hang__none_passes 0 2\nhang__vfork_parent_suspended 0 2\n", NULL));
	st_lane_case(0, res, sizeof(res), &how, &code);
	check_reason(res, "failed: watchdog: blocked 2 s: main thread in waitid");
	check_reason(res, "(h_watchdog) state S in read");
	KC_CHECK_EQ(KC_BATCH_WATCHDOG, how);
	KC_CHECK_EQ(EXIT_FAILURE, code);
	st_lane_case(1, res, sizeof(res), &how, &code);
	check_reason(res, "failed: watchdog: blocked 2 s: main thread in futex");
	check_reason(res, "; thread ");
	check_reason(res, " in read");
	KC_CHECK_EQ(KC_BATCH_WATCHDOG, how);
	st_lane_case(2, res, sizeof(res), &how, &code);
	KC_CHECK_STREQ("passed", res);
	KC_CHECK_EQ(KC_BATCH_EXITED, how);
	KC_CHECK_EQ(0, code);
	st_lane_case(3, res, sizeof(res), &how, &code);
	check_reason(res, "failed: watchdog: blocked 2 s: main thread in vfork");
	check_reason(res, "(h_watchdog) state S in read");
}

/* The control: without a deadline in the list the case's own watchdog
 * thread fires, and the lane sees a case that exited 1. */
KC_CASE_MD(watchdog__lane_without_deadline_own_thread,
    "a hung case in a lane not given its deadline is failed by its own watchdog thread",
    .deadline_s = 30)
{
	char res[8192];
	int how, code;

	KC_REQUIRE_EQ(0, st_lane_run(tc, FIXTURE, "hang__waitid_child_read 0\nhang__none_passes 0\n", NULL));
	st_lane_case(0, res, sizeof(res), &how, &code);
	check_reason(res, "failed: watchdog: blocked 2 s: main thread in waitid");
	check_reason(res, "(h_watchdog) state S in read");
	KC_CHECK_EQ(KC_BATCH_EXITED, how);
	KC_CHECK_EQ(EXIT_FAILURE, code);
	st_lane_case(1, res, sizeof(res), &how, &code);
	KC_CHECK_STREQ("passed", res);
}

/*
 * Inside an expect-fail window the lane's watchdog writes what the
 * in-process one does, an expected failure with the window's reason (exit
 * code 0, as atf-c's); once the window is closed, a failure.
 */
KC_CASE_MD(watchdog__lane_expect_window,
    "a case hung inside an expect-fail window is an expected failure with the window's "
    "reason, in process and in a lane; after the window closes, a failure", .deadline_s = 40)
{
	static const char want[] = "expected_failure: fixture: a hang expected here: "
	    "watchdog: blocked 2 s: main thread in waitid";
	char res[8192];
	int how, code;

	KC_CHECK_EQ(0, run_fixture(tc, "hang__in_expect_fail_window", res, sizeof(res)));
	check_reason(res, want);
	KC_REQUIRE_EQ(0, st_lane_run(tc, FIXTURE, "hang__in_expect_fail_window 0 2\n"
	    "hang__after_expect_window 0 2\n", NULL));
	st_lane_case(0, res, sizeof(res), &how, &code);
	check_reason(res, want);
	check_reason(res, "(h_watchdog) state S in read");
	KC_CHECK_EQ(KC_BATCH_WATCHDOG, how);
	KC_CHECK_EQ(EXIT_SUCCESS, code);
	st_lane_case(1, res, sizeof(res), &how, &code);
	check_reason(res, "failed: watchdog: blocked 2 s: main thread in waitid");
	KC_CHECK_EQ(KC_BATCH_WATCHDOG, how);
	KC_CHECK_EQ(EXIT_FAILURE, code);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, watchdog__hung_waitid_fails);
	ATF_TP_ADD_TC(tp, watchdog__runtime_case_fails);
	ATF_TP_ADD_TC(tp, watchdog__hung_thread_fails);
	ATF_TP_ADD_TC(tp, watchdog__require_exit_names_block);
	ATF_TP_ADD_TC(tp, watchdog__vfork_suspended_fails);
	ATF_TP_ADD_TC(tp, watchdog__no_hang_passes);
	ATF_TP_ADD_TC(tp, watchdog__timeout_metadata);
	ATF_TP_ADD_TC(tp, watchdog__cleanup_variant_runs);
	ATF_TP_ADD_TC(tp, watchdog__deadline_scale);
	ATF_TP_ADD_TC(tp, watchdog__lane_hang_fails);
	ATF_TP_ADD_TC(tp, watchdog__lane_without_deadline_own_thread);
	ATF_TP_ADD_TC(tp, watchdog__lane_expect_window);

	return (atf_no_error());
}
