/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kc-sandbox: run a command under a seccomp profile that makes clone3/pidfd
 * system calls fail the way container runtimes, old kernels or broken
 * sandboxes do (profiles: lib/kc_sandbox.c), and/or under ad-hoc rules.
 *
 *	kc-sandbox [--profile NAME] [--rule RULE]... [--] command [arg...]
 *	kc-sandbox --list
 *
 * RULE is SYSCALL[:COND[,COND...]]:errno=ERRNO (kc_sandbox_parse_rule in
 * lib/kc_sandbox.h): the call fails with ERRNO (0: returns 0 without
 * running) when every COND holds, e.g.
 * 'waitid:arg0==3,arg3&0x80000000==0x80000000:errno=0'.
 *
 * Exit status: the command's; 2 for a usage error or an unknown profile;
 * 125 when the filter cannot be installed; 127 when the command cannot be
 * executed.
 */
#include <sys/syscall.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kc_sandbox.h"

#define EX_USAGE_KC	2
#define EX_FILTER	125
#define EX_EXEC		127
#define MAXRULES	32

static int
usage(void)
{
	fprintf(stderr,
	    "usage: kc-sandbox [--profile NAME] [--rule RULE]... [--] command [arg...]\n"
	    "       kc-sandbox --list\n"
	    "RULE: SYSCALL[:COND[,COND...]]:errno=ERRNO, COND: argN==V argN!=V argN<V\n"
	    "      argN<=V argN>V argN>=V argN&MASK==V (N 0..5, all ANDed); ERRNO a name\n"
	    "      or number, 0: return 0 without running the call.  Example:\n"
	    "      --rule 'waitid:arg0==3,arg3&0x80000000==0x80000000:errno=0'\n");
	return (EX_USAGE_KC);
}

static void
list(FILE *f)
{
	const struct kc_sandbox_profile *p;
	size_t i, n;

	p = kc_sandbox_profiles(&n);
	for (i = 0; i < n; i++)
		fprintf(f, "%-16s %s\n", p[i].name, p[i].what);
}

int
main(int argc, char **argv)
{
	struct kc_sandbox_rule rules[MAXRULES];
	const char *name = NULL;
	char why[256];
	size_t nrules = 0;
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--list") == 0) {
			if (argc != 2)
				return (usage());
			list(stdout);
			return (0);
		} else if (strcmp(argv[i], "--profile") == 0 && i + 1 < argc) {
			name = argv[++i];
		} else if (strncmp(argv[i], "--profile=", 10) == 0) {
			name = argv[i] + 10;
		} else if ((strcmp(argv[i], "--rule") == 0 && i + 1 < argc) ||
		    strncmp(argv[i], "--rule=", 7) == 0) {
			char *text = argv[i][6] == '=' ? argv[i] + 7 : argv[++i];

			if (nrules == MAXRULES) {
				fprintf(stderr, "kc-sandbox: more than %d rules\n", MAXRULES);
				return (EX_USAGE_KC);
			}
			if (kc_sandbox_parse_rule(text, &rules[nrules], why, sizeof(why)) == -1) {
				fprintf(stderr, "kc-sandbox: --rule %s\n", why);
				return (usage());
			}
			nrules++;
		} else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else if (argv[i][0] == '-') {
			fprintf(stderr, "kc-sandbox: unknown option '%s'\n", argv[i]);
			return (usage());
		} else {
			break;
		}
	}
	if ((name == NULL && nrules == 0) || i >= argc)
		return (usage());
	if (name != NULL && kc_sandbox_profile(name) == NULL) {
		fprintf(stderr, "kc-sandbox: unknown profile '%s'; the profiles are:\n", name);
		list(stderr);
		return (EX_USAGE_KC);
	}
	if (name != NULL && kc_sandbox_apply(name) == -1) {
		fprintf(stderr, "kc-sandbox: installing the seccomp filter of profile '%s': %s\n",
		    name, strerror(errno));
		return (EX_FILTER);
	}
	if (nrules > 0 && kc_sandbox_apply_rules(rules, nrules) == -1) {
		fprintf(stderr, "kc-sandbox: installing the seccomp filter of the --rule "
		    "options: %s\n", strerror(errno));
		return (EX_FILTER);
	}
	/* Through execveat where it can, so that a rule on execve(2) hits the
	 * command's own execs, not this one (as kc_atf_run does). */
	if (nrules > 0 && strchr(argv[i], '/') != NULL)
		(void)syscall(__NR_execveat, AT_FDCWD, argv[i], argv + i, environ, 0);
	execvp(argv[i], argv + i);
	fprintf(stderr, "kc-sandbox: cannot execute '%s': %s\n", argv[i], strerror(errno));
	return (EX_EXEC);
}
