/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The batch entry of every case program (mechanism; kc_case.c links it
 * into each program that has a case): run as
 *
 *	<prog> --kc-batch <dir> <lane> <first> <timeout_ms> <budget_ms> <rules|->
 *	    [-v name=value]...
 *
 * (by lib/kc_vgbatch.c, under Valgrind), the program does not reach main:
 * a constructor runs cases of the program one after the other, each in a
 * forked child of this process that calls main() as `<prog> -r /dev/fd/3
 * [-v name=value]... <case>` would, so a child under Valgrind costs a fork,
 * not a launch (it inherits Valgrind and its translations).  The case list
 * is <dir>/cases ("<name> <has cleanup 0|1>" a line); the cases run are
 * <first>, then every case no lane has claimed yet (KC_BATCH_* files below,
 * claimed under the flock of <dir>/queue.lock) until none is left or
 * budget_ms have passed since the start (the rest is left to other lanes).
 * Before its first fork the lane warms up: it calls main() once as a child
 * will, but for a case no program has (`-r /dev/null [-v name=value]...
 * kc-batch.warm-up`: atf-c builds every case's head, then returns a usage
 * error), takes a case's hygiene snapshot and flushes every stream, stdout
 * and stderr on /dev/null, so that the children inherit those translations
 * under Valgrind instead of making them each (a block a child translates is
 * lost at its exit); it exits 2 if Valgrind reported an error meanwhile (the
 * children would not report it again).  For the same reason the lane
 * prepares each child's paths, arguments and environment before the fork.
 *
 * A line may end with a third field, the case's watchdog deadline in s
 * (kc_case_deadline: its ATF timeout less KC_CASE_MARGIN_S); see below.
 *
 * Each child is set up as kc_atf_run sets up a fresh run (lib/kc_atfrun.c):
 * its own process group; stdin and stdout /dev/null, stderr
 * <dir>/c<i>.stderr, fd 3 the result file <dir>/c<i>.result, no other fd;
 * the signal dispositions and mask this process started with; its own work
 * directory <dir>/c<i>/ as cwd, and every environment variable whose value
 * was this process's cwd (kyua's TMPDIR and HOME of the launching case)
 * set to it; the seccomp rules (kc_sandbox_parse_rule syntax,
 * ';'-separated) installed; this process is its parent and a child
 * subreaper.  The child's exit(3) runs the exit handlers the case
 * registered, then flushes every stream and _exit(2)s with the status: the
 * handlers registered before the fork (ld.so's pass over the loaded
 * objects' destructors, libc's stream teardown) are the lane's, and are not
 * run (lane_test).  After timeout_ms the child's process group is killed (no
 * result: broken, as kc_atf_run reports a timeout); then every straggler
 * is killed and reaped.
 *
 * The lane is the watchdog of a case whose deadline it was given (below
 * timeout_ms): the case's child then starts no watchdog thread
 * (kc_batch_watched, read by kc_case_run; a thread costs a case about half
 * its CPU under Valgrind), and when the deadline has passed since the fork
 * the lane reads what the child (its threads as "main thread", "thread
 * <tid>") and its descendants are blocked in (kc_blocked_case), kills them
 * and writes the result kc_case.c's watchdog would have written, "failed:
 * watchdog: blocked <deadline> s: ...", how KC_BATCH_WATCHDOG (code: 1,
 * atf_tc_fail's exit status); inside an atf_tc_expect_fail window the case
 * opened through lib/kc_expect.h (told to the lane through a page the two
 * share, kc_batch_expect), "expected_failure: <reason>: watchdog: ...",
 * code 0, as atf-c writes a failure there.  A case with a cleanup then gets it
 * (`<prog> -r /dev/null ... <case>:cleanup`, exec'd, hence natively under
 * Valgrind's default --trace-children=no) in the same directory, with the
 * same timeout.
 *
 * The byte ranges a case added to the lane's Valgrind XML report and text
 * log (<dir>/lane<lane>.xml, .log, not per process: see cases/parity/NOTES.md)
 * are taken from their sizes before and after it, cases running one at a
 * time in a lane.  <dir>/c<i>.done (written last, by rename) holds
 *	<lane> <how> <code> <cleanup how> <cleanup code> <xml from> <xml to>
 *	<log from> <log to>
 * how: KC_BATCH_EXITED, _KILLED (code: the signal), _TIMEOUT, _SETUP (the
 * child could not be set up; code: the step, 120..126 as kc_atf_run's),
 * _NONE (no cleanup), or _WATCHDOG (above).  Exits 0 when the lane ran, 2 on bad arguments or an
 * unusable directory (to stderr).
 */
#ifndef LIB_KC_BATCH_H
#define LIB_KC_BATCH_H

#define KC_BATCH_ARG		"--kc-batch"
#define KC_BATCH_MAXCASES	256

enum kc_batch_how {
	KC_BATCH_EXITED,
	KC_BATCH_KILLED,
	KC_BATCH_TIMEOUT,
	KC_BATCH_SETUP,
	KC_BATCH_NONE,
	KC_BATCH_WATCHDOG,
};

#include <stdbool.h>

/*
 * True in a lane's case child whose deadline the lane keeps: kc_case_run
 * starts no watchdog thread there.  False in any other process.
 */
bool kc_batch_watched(void);

/*
 * In a lane's case child whose deadline the lane keeps: the case is now
 * inside an atf_tc_expect_fail window with this reason (NULL: it is out of
 * it); lib/kc_expect.c calls it.  A no-op in any other process.
 */
void kc_batch_expect(const char *reason);

/* Referenced by kc_case.c so that every case program links the entry. */
extern const char kc_batch_entry[];

#endif /* LIB_KC_BATCH_H */
