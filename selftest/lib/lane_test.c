/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A Valgrind lane's case child (lib/kc_batch.h) is set up and ended as a
 * fresh run of its case would be: runs fixture/h_lane's cases in a lane,
 * natively, and reads back what each left in its work directory.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_batch.h"
#include "kc_case.h"
#include "kc_file.h"
#include "kc_macros.h"
#include "../st_lane.h"

#define FIXTURE	"selftest/lib/fixture/h_lane"

/* The text of file path, which must exist, compared with want. */
static void
check_file(const char *path, const char *want)
{
	char *text = kc_file_slurp(path);

	ATF_REQUIRE_MSG(text != NULL, "%s: %s", path, strerror(errno));
	ATF_CHECK_MSG(strcmp(text, want) == 0, "%s: expected \"%s\", saw \"%s\"", path, want,
	    text);
	free(text);
}

/*
 * The child ends as exit(3) ends a process: the exit handlers the case
 * registered run, a stream it left unflushed reaches its file, and the
 * status it exited with is the one the lane records.
 */
KC_CASE(lane__child_exit_runs_handlers_flushes_streams,
    "a lane's case child runs the case's exit handlers, flushes its streams and keeps its "
    "exit status")
{
	char res[4096];
	int how, code;

	KC_REQUIRE_EQ(0, st_lane_run(tc, FIXTURE, "exit__handlers_and_streams 0 20\n"
	    "exit__status_kept 0 20\n", NULL));
	st_lane_case(0, res, sizeof(res), &how, &code);
	KC_CHECK_STREQ("passed", res);
	KC_CHECK_EQ(KC_BATCH_EXITED, how);
	KC_CHECK_EQ(0, code);
	check_file("lane/c0/handler.out", "handler ran\n");
	check_file("lane/c0/stream.out", "buffered\n");
	st_lane_case(1, res, sizeof(res), &how, &code);
	KC_CHECK_STREQ("", res);
	KC_CHECK_EQ(KC_BATCH_EXITED, how);
	KC_CHECK_EQ(7, code);
}

/*
 * Every child sees the config variables given to the lane, whole (a value
 * with '=' in it too), and every environment variable that named the
 * lane's cwd names the case's own work directory, its cwd.
 */
KC_CASE(lane__child_env_and_config,
    "a lane's case children get the lane's config variables and their own work directory "
    "as cwd, TMPDIR and HOME")
{
	const char *vars[] = { "lane_probe=a=b", NULL };
	char cwd[PATH_MAX], want[3 * PATH_MAX + 64], path[64];
	int i;

	ATF_REQUIRE_MSG(getcwd(cwd, sizeof(cwd)) != NULL, "getcwd: %s", strerror(errno));
	RL(setenv("TMPDIR", cwd, 1));
	RL(setenv("HOME", cwd, 1));
	KC_REQUIRE_EQ(0, st_lane_run(tc, FIXTURE, "env__workdir_and_config 0 20\n"
	    "env__workdir_and_config 0 20\n", vars));
	for (i = 0; i < 2; i++) {
		char res[4096];
		int how, code;

		st_lane_case(i, res, sizeof(res), &how, &code);
		KC_CHECK_STREQ("passed", res);
		snprintf(want, sizeof(want), "TMPDIR=%s/lane/c%d\nHOME=%s/lane/c%d\n"
		    "cwd=%s/lane/c%d\nlane_probe=a=b\n", cwd, i, cwd, i, cwd, i);
		snprintf(path, sizeof(path), "lane/c%d/env.out", i);
		check_file(path, want);
	}
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, lane__child_exit_runs_handlers_flushes_streams);
	ATF_TP_ADD_TC(tp, lane__child_env_and_config);

	return (atf_no_error());
}
