/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The Valgrind runner (policy, ATF): run a subject program under the
 * Valgrind of this environment and collect its XML report (parsed, see
 * kc_vgxml.h), its separate text log, the subject's stdout, and the exit
 * status.
 *
 * Which Valgrind: the kyua config variable `valgrind` (a path or a command
 * name), else `valgrind` on PATH.  Not configured and not on PATH: the case
 * is skipped ("valgrind not found on PATH", then ": " and the environment
 * variable KC_VALGRIND_ABSENT where a runner sets it to say why this
 * environment has none: matrix/run-qemu-user.sh).  Configured or found but
 * not a working Valgrind (`--version` fails or prints no "valgrind-X.Y.Z"):
 * the case fails with that message.
 *
 * Every run passes --xml=yes --xml-file=<tmp> --log-file=<tmp> --vgdb=no
 * --error-exitcode=KC_VGRUN_ERREXIT, --read-inline-info=no unless asked
 * not to (inline_info), plus -q unless asked not to, the
 * caller's options, and then the options in the kyua config variable
 * `vgreq_extra_opts` (space-separated; a selftest knob that injects e.g.
 * --undef-value-errors=no).  Temporary files live in the ATF work directory
 * (the case's cwd) and are removed.  The subject gets an empty environment
 * plus LC_ALL=C and TMPDIR (Valgrind's own temporary files go there), so no
 * environment leaks into a report.
 */
#ifndef LIB_KC_VGRUN_H
#define LIB_KC_VGRUN_H

#include <stdbool.h>
#include <stddef.h>

#include <atf-c.h>

#include "kc_vgxml.h"

#define KC_VGRUN_ERREXIT	99	/* --error-exitcode of every run */
#define KC_VGRUN_TIMEOUT_MS	60000	/* default per-launch timeout (times
					 * kc_case_scale(), lib/kc_case.h) */
#define KC_VGRUN_MAXOPTS	32

struct kc_vgrun_opts {
	const char	*tool;		/* --tool=; NULL: memcheck */
	bool		 verbose;	/* true: omit -q (warnings, leak summary) */
	bool		 no_xml;	/* true: no --xml (e.g. --tool=none) */
	const char	*opts[KC_VGRUN_MAXOPTS];	/* extra options, NULL-ended */
	int		 timeout_ms;	/* 0: KC_VGRUN_TIMEOUT_MS */
	bool		 xml_optional;	/* a missing or malformed report is not a
					 * failure (has_report false): for runs
					 * where Valgrind is expected to abort */
	bool		 inline_info;	/* true: Valgrind's default
					 * --read-inline-info; false: =no (a
					 * launch costs ~20 % less; no frame
					 * names an inlined function) */
};

struct kc_vgrun_result {
	/* How Valgrind ended: exited (code), or killed by a signal. */
	bool		 exited;
	int		 code;		/* exit code when exited */
	int		 signo;		/* signal when killed */
	char		*text;		/* the text log (--log-file), NUL-ended */
	char		*out;		/* the subject's stdout, NUL-ended */
	bool		 has_report;	/* XML parsed (false with no_xml) */
	struct kc_vg_report report;
};

/*
 * The Valgrind to use (ATF): resolves it as described above, skips or fails
 * the case accordingly, and returns its version ("3.19.0").  Cached per
 * process.  Every vg case calls this first (kc_vgrun does too).
 */
const char *kc_vgrun_require(const atf_tc_t *tc);

/* The program path kc_vgrun_require resolved. */
const char *kc_vgrun_valgrind(void);

/*
 * Path of subject `name` (ATF): "<dir>/<name>", where dir is the config
 * variable `vgreq_subject_dir` if set (a selftest knob pointing at subject
 * variants built without one annotation), else `srcdir`.  Static buffer.
 */
const char *kc_vgrun_subject(const atf_tc_t *tc, const char *name);

/*
 * The ELF file behind a program path, for a case that reads the file
 * (readelf) instead of running it: path itself, or, in a qemu-user tree
 * whose programs are wrappers (matrix/qemu-wrap.sh, which hands every
 * program KC_QEMU_WRAPPED=<tree>:<build>), the real binary under <build>.
 * Static buffer.
 */
const char *kc_vgrun_elf(const char *path);

/*
 * Run argv (argv[0] = subject path) under Valgrind (ATF).  Setup errors
 * (fork, temp files), a timeout, and a missing or malformed XML report when
 * one was asked for fail the case with the reason.  The exit status is the
 * caller's to assert.
 *
 * Shared launches: when the kyua config variable `vgrun_cache` names a
 * directory (run-suite.sh gives every run one, removed afterwards), a launch
 * with exactly the same command line (Valgrind, every option, subject and
 * arguments) is made once per run: the first case to ask makes it, under an
 * flock(2) of its entry, and stores the exit status, text log, stdout and
 * XML report there; every other case (of any program, running at the same
 * time or later) reads them back.  This is what lets several cases share one
 * launch of all the scenarios of a subject, each asserting on its own
 * scenario (see cases/vgreq/vg_case.h).
 */
void kc_vgrun(const atf_tc_t *tc, const struct kc_vgrun_opts *o,
    char *const argv[], struct kc_vgrun_result *res);

/* Run argv natively, capturing stdout (ATF; same timeout policy). */
void kc_vgrun_native(char *const argv[], struct kc_vgrun_result *res);

void kc_vgrun_free(struct kc_vgrun_result *res);

/*
 * A failure reason is one line (kyua reports a multi-line one as "broken:
 * Test result contains multiple lines"): text with each line break (and the
 * blank lines and indentation after it) turned into " | ", in buf.
 */
const char *kc_vgrun_oneline(const char *text, char *buf, size_t len);

/*
 * Whether Valgrind itself died ("Memcheck: the 'impossible' happened:",
 * a failed internal assertion): the message, as one line, in buf; else NULL.
 * kc_vgrun and kc_vgrun_require_exit fail such a run with "valgrind aborted:
 * <message>" (kc_vgrun only when the report is not xml_optional).
 */
const char *kc_vgrun_aborted(const struct kc_vgrun_result *res, char *buf,
    size_t len);

/* Lines of the text log that contain needle (e.g. "client switching stacks?"). */
int kc_vgrun_count_text(const struct kc_vgrun_result *res, const char *needle);

/* Require a normal exit with `code` (ATF), showing the text log on failure. */
void kc_vgrun_require_exit(const struct kc_vgrun_result *res, int code);

/*
 * Number of Valgrind launches by this process.  For `make bench`, which runs
 * many processes: when the config variable `vgreq_launch_log` names a file,
 * every launch appends one line ("<subject> <wall ms>") to it.
 */
unsigned kc_vgrun_launches(void);

#endif /* LIB_KC_VGRUN_H */
