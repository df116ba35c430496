/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kc-run: the KTAP v1 it prints (the frozen contract of README, "The KTAP
 * contract"; FACTS-kernelci §1 and §6).  One 2-space-indented subtest per
 * program, one result line per case, directives SKIP, XFAIL, ERROR, TIMEOUT,
 * XPASS; every case's result line follows one diagnostic line
 * "# <case>: <seconds> s[: <reason>]".
 */
#include <sys/utsname.h>

#include <stdio.h>
#include <string.h>

#include "kc_run.h"

/* A directive without a reason ends at its word: no trailing blank. */
#define SEP(reason)	(*(reason) != '\0' ? " " : "")

void
kc_ktap_header(int nprograms, const char *version, const char *runner)
{
	struct utsname u;
	double up;
	FILE *f;

	if (uname(&u) != 0) {
		snprintf(u.release, sizeof(u.release), "unknown");
		snprintf(u.machine, sizeof(u.machine), "unknown");
		snprintf(u.version, sizeof(u.version), "unknown");
	}
	/* A newline first: firmware escape codes may precede it on the console. */
	printf("\nkconform: begin\n");
	printf("KTAP version 1\n");
	printf("1..%d\n", nprograms);
	printf("# kconform %s uname=%s arch=%s runner=%s\n", version, u.release, u.machine,
	    runner);
	/* The build string: Debian's real version is only here ("Debian 6.1.192-1"). */
	printf("# uname -v: %s\n", u.version);
	/* Seconds since boot: under a guest, what booting took (make bench). */
	if ((f = fopen("/proc/uptime", "re")) != NULL) {
		if (fscanf(f, "%lf", &up) == 1)
			printf("# uptime %.2f s\n", up);
		fclose(f);
	}
	fflush(stdout);
}

void
kc_ktap_program_begin(const struct kc_run_program *p)
{
	printf("  KTAP version 1\n");
	printf("  1..%d\n", p->ncases);
	printf("  # program: %s\n", p->id);
	fflush(stdout);
}

void
kc_ktap_case(const struct kc_run_program *p, int n, const struct kc_run_case *c,
    const struct kc_run_result *r)
{
	int i;

	(void)p;
	for (i = 0; i < r->ndiag; i++)
		printf("  # %s\n", r->diag[i]);
	switch (r->outcome) {
	case KC_RUN_FAIL:
	case KC_RUN_TIMEOUT:
		/* The reason goes in the diagnostic line: no directive carries it. */
		printf("  # %s: %.3f s: %s\n", c->name, r->seconds, r->reason);
		break;
	case KC_RUN_PASS:
		/* A pass's reason: the kernel-facts rows it asserted, if any. */
		if (r->reason[0] != '\0') {
			printf("  # %s: %.3f s: %s\n", c->name, r->seconds, r->reason);
			break;
		}
		printf("  # %s: %.3f s\n", c->name, r->seconds);
		break;
	default:
		printf("  # %s: %.3f s\n", c->name, r->seconds);
		break;
	}
	switch (r->outcome) {
	case KC_RUN_PASS:
		printf("  ok %d %s\n", n, c->name);
		break;
	case KC_RUN_FAIL:
		printf("  not ok %d %s\n", n, c->name);
		break;
	case KC_RUN_SKIP:
		printf("  ok %d %s # SKIP%s%s\n", n, c->name, SEP(r->reason), r->reason);
		break;
	case KC_RUN_XFAIL:
		printf("  ok %d %s # XFAIL%s%s\n", n, c->name, SEP(r->reason), r->reason);
		break;
	case KC_RUN_XPASS:
		printf("  not ok %d %s # XPASS%s%s\n", n, c->name, SEP(r->reason), r->reason);
		break;
	case KC_RUN_ERROR:
		printf("  not ok %d %s # ERROR%s%s\n", n, c->name, SEP(r->reason), r->reason);
		break;
	case KC_RUN_TIMEOUT:
		printf("  not ok %d %s # TIMEOUT %d seconds\n", n, c->name, c->timeout);
		break;
	case KC_RUN_NOUTCOMES:
		break;
	}
	fflush(stdout);
}

void
kc_ktap_program_end(int n, const struct kc_run_program *p, const long *counts)
{
	long bad = counts[KC_RUN_FAIL] + counts[KC_RUN_XPASS] + counts[KC_RUN_ERROR] +
	    counts[KC_RUN_TIMEOUT];

	if (bad > 0)
		printf("not ok %d %s\n", n, p->name);
	else if (counts[KC_RUN_SKIP] == p->ncases)
		printf("ok %d %s # SKIP all %d cases skipped\n", n, p->name, p->ncases);
	else
		printf("ok %d %s\n", n, p->name);
	fflush(stdout);
}

void
kc_ktap_program_broken(int n, const struct kc_run_program *p, const char *why)
{
	printf("# program: %s\n", p->id);
	printf("not ok %d %s # ERROR %s\n", n, p->name, why);
	fflush(stdout);
}

void
kc_ktap_totals(const long *counts)
{
	printf("# Totals: pass:%ld fail:%ld xfail:%ld xpass:%ld skip:%ld error:%ld\n",
	    counts[KC_RUN_PASS], counts[KC_RUN_FAIL] + counts[KC_RUN_TIMEOUT],
	    counts[KC_RUN_XFAIL], counts[KC_RUN_XPASS], counts[KC_RUN_SKIP],
	    counts[KC_RUN_ERROR]);
	fflush(stdout);
}

const char *
kc_ktap_lava_word(enum kc_run_outcome o)
{
	switch (o) {
	case KC_RUN_PASS:
	case KC_RUN_XFAIL:
		return ("pass");
	case KC_RUN_SKIP:
		return ("skip");
	case KC_RUN_FAIL:
	case KC_RUN_XPASS:
	case KC_RUN_ERROR:
	case KC_RUN_TIMEOUT:
		return ("fail");
	case KC_RUN_NOUTCOMES:
		break;
	}
	return ("unknown");
}

void
kc_ktap_lava_line(const char *prog, const char *cs, enum kc_run_outcome o)
{
	printf("kconform-result: %s_%s %s\n", prog, cs, kc_ktap_lava_word(o));
}
