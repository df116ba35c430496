/* SPDX-License-Identifier: BSD-2-Clause */
/* Running a fixture's lane natively (see st_lane.h). */
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kc_assert.h"
#include "kc_atfrun.h"
#include "kc_batch.h"
#include "kc_child.h"
#include "kc_file.h"
#include "kc_macros.h"
#include "st_lane.h"

#define ST_LANE_MAXVARS	8

int
st_lane_run(const atf_tc_t *tc, const char *fixture, const char *cases,
    const char *const *vars)
{
	char prog[4096], dir[4096];
	char *argv[10 + 2 * ST_LANE_MAXVARS];
	siginfo_t si;
	pid_t pid;
	int fd, was = 0, argc = 0, i;

	kc_build_path(atf_tc_get_config_var(tc, "srcdir"), fixture, prog, sizeof(prog));
	argv[argc++] = prog;
	argv[argc++] = KC_BATCH_ARG;
	argv[argc++] = dir;
	argv[argc++] = "0";
	argv[argc++] = "0";
	argv[argc++] = "60000";
	argv[argc++] = "600000";
	argv[argc++] = "-";
	for (i = 0; vars != NULL && vars[i] != NULL; i++) {
		ATF_REQUIRE_MSG(i < ST_LANE_MAXVARS, "more than %d variables", ST_LANE_MAXVARS);
		argv[argc++] = "-v";
		argv[argc++] = (char *)vars[i];
	}
	argv[argc] = NULL;
	RL(mkdir("lane", 0700));
	/* Absolute, as lib/kc_vgbatch.c gives it. */
	ATF_REQUIRE_MSG(realpath("lane", dir) != NULL, "realpath lane: %s", strerror(errno));
	RL(fd = open("lane/cases", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
	KC_REQUIRE_EQ((ssize_t)strlen(cases), write(fd, cases, strlen(cases)));
	RL(close(fd));
	RL(prctl(PR_GET_CHILD_SUBREAPER, &was, 0, 0, 0));
	RL(prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0));
	pid = kc_fork();
	if (pid == 0) {
		int devnull = open("/dev/null", O_WRONLY);

		if (devnull >= 0)
			(void)dup2(devnull, 2);
		execv(prog, argv);
		_exit(127);
	}
	RL(waitid(P_PID, (id_t)pid, &si, WEXITED));
	memset(&si, 0, sizeof(si));
	errno = 0;
	if (waitid(P_ALL, 0, &si, WEXITED | WNOHANG | __WALL) == 0) {
		(void)kc_reap_children(NULL);
		atf_tc_fail("the lane left process %d behind", (int)si.si_pid);
	}
	KC_CHECK_EQ(ECHILD, errno);
	RL(prctl(PR_SET_CHILD_SUBREAPER, was, 0, 0, 0));
	return (si.si_status);
}

void
st_lane_case(int i, char *res, size_t reslen, int *how, int *code)
{
	char path[64], *text;

	snprintf(path, sizeof(path), "lane/c%d.result", i);
	text = kc_file_slurp(path);
	ATF_REQUIRE_MSG(text != NULL, "%s: %s", path, strerror(errno));
	snprintf(res, reslen, "%s", text);
	res[strcspn(res, "\n")] = '\0';
	free(text);
	snprintf(path, sizeof(path), "lane/c%d.done", i);
	text = kc_file_slurp(path);
	ATF_REQUIRE_MSG(text != NULL, "%s: %s", path, strerror(errno));
	ATF_REQUIRE_MSG(sscanf(text, "%*d %d %d", how, code) == 2, "%s: '%s'", path, text);
	free(text);
}
