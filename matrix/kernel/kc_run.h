/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kc-run, the static runner of ATF programs that prints KTAP v1 (README,
 * "The KTAP contract"): the pieces shared by its files.  kc-run.c holds the
 * command line, the PID-1 setup and the loop over programs; kc_run_case.c
 * lists a program and runs one case under a watchdog; kc_run_ktap.c prints.
 * No ATF library: the runner is linked statically and runs as /init.
 */
#ifndef MATRIX_KERNEL_KC_RUN_H
#define MATRIX_KERNEL_KC_RUN_H

#include <stddef.h>

#define KC_RUN_MAXCASES	128
#define KC_RUN_MAXVARS	16
#define KC_RUN_DEFAULT_TIMEOUT	300	/* atf-test-case(4): the default timeout */

/* The KTAP outcome of one case. */
enum kc_run_outcome {
	KC_RUN_PASS,		/* ok */
	KC_RUN_FAIL,		/* not ok */
	KC_RUN_SKIP,		/* ok # SKIP */
	KC_RUN_XFAIL,		/* ok # XFAIL */
	KC_RUN_XPASS,		/* not ok # XPASS: an expected failure did not occur */
	KC_RUN_ERROR,		/* not ok # ERROR: broken, the case could not run */
	KC_RUN_TIMEOUT,		/* not ok # TIMEOUT: killed by the watchdog */
	KC_RUN_NOUTCOMES
};

struct kc_run_case {
	char	name[128];		/* ATF ident */
	int	timeout;		/* seconds: the case's, else the program's */
	int	has_cleanup;		/* has.cleanup: true */
	char	unmet[256];		/* an unmet require.* (kyua skips the case), or "" */
};

struct kc_run_program {
	char	path[512];		/* relative to the build root: cases/pidfd/x_test */
	char	id[512];		/* path under cases/: pidfd/x_test (results.json) */
	char	name[512];		/* KTAP name, [a-z0-9_]: pidfd_x_test */
	int	timeout;		/* program default (kc-programs.txt timeout=) */
	struct kc_run_case cases[KC_RUN_MAXCASES];
	int	ncases;
};

struct kc_run_result {
	enum kc_run_outcome outcome;
	double	seconds;
	char	reason[2048];		/* one line */
	char	diag[8][512];		/* extra diagnostic lines (stderr tail, hang) */
	int	ndiag;
};

struct kc_run_config {
	const char *root;		/* build root: programs are root/<path> */
	const char *workdir;		/* a private directory for work dirs and result files */
	const char *vars[KC_RUN_MAXVARS];	/* -v name=value passed to every program */
	int	nvars;
	int	pid1;			/* running as init */
	int	time_scale;		/* --time-scale: case timeouts times this */
};

/* kc_run_case.c */
/* Fill p->cases from `prog -l`; 0, or -1 with why (one line). */
int kc_run_list(const struct kc_run_config *cfg, struct kc_run_program *p, char *why,
    size_t len);
/* Run one case (and its cleanup) under the watchdog. */
void kc_run_one(const struct kc_run_config *cfg, const struct kc_run_program *p,
    const struct kc_run_case *c, struct kc_run_result *r);
/* Kill and reap every remaining child of the runner. */
void kc_run_reap_all(void);
/* Remove a directory tree. */
void kc_run_rmtree(const char *path);

/* kc_run_ktap.c */
void kc_ktap_header(int nprograms, const char *version, const char *runner);
void kc_ktap_program_begin(const struct kc_run_program *p);
void kc_ktap_case(const struct kc_run_program *p, int n, const struct kc_run_case *c,
    const struct kc_run_result *r);
/* The program's own result line; counts[] are per outcome. */
void kc_ktap_program_end(int n, const struct kc_run_program *p, const long *counts);
void kc_ktap_program_broken(int n, const struct kc_run_program *p, const char *why);
void kc_ktap_totals(const long *counts);
void kc_ktap_lava_line(const char *prog, const char *cs, enum kc_run_outcome o);
const char *kc_ktap_lava_word(enum kc_run_outcome o);

#endif /* MATRIX_KERNEL_KC_RUN_H */
