/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A Valgrind that misbehaves for its client only, for the fault table's
 * Valgrind-side rows (cases that compare or require Valgrind behaviour):
 * given as the `valgrind` config variable, it installs the seccomp rules
 * of KC_VG_RULES (kc_sandbox_parse_rule syntax, ';'-separated) and execs
 * the real Valgrind ($KC_VG_REAL, default: valgrind on PATH) with its own
 * arguments.  `--version` runs untouched.  Exits 125 when a rule is bad or
 * cannot be installed, 126 when the exec fails.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kc_sandbox.h"

#define MAXRULES	8

int
main(int argc, char **argv)
{
	struct kc_sandbox_rule rules[MAXRULES];
	const char *real = getenv("KC_VG_REAL");
	char *spec, *tok, *save = NULL, why[256];
	size_t n = 0;

	if (real == NULL || *real == '\0')
		real = "valgrind";
	argv[0] = (char *)real;
	spec = getenv("KC_VG_RULES");
	if (argc > 1 && strcmp(argv[1], "--version") != 0 && spec != NULL) {
		spec = strdup(spec);
		for (tok = strtok_r(spec, ";", &save); tok != NULL; tok = strtok_r(NULL, ";", &save)) {
			if (n == MAXRULES ||
			    kc_sandbox_parse_rule(tok, &rules[n], why, sizeof(why)) == -1) {
				fprintf(stderr, "h_vg_rules: KC_VG_RULES: %s\n",
				    n == MAXRULES ? "too many rules" : why);
				return (125);
			}
			n++;
		}
		if (kc_sandbox_apply_rules(rules, n) == -1) {
			fprintf(stderr, "h_vg_rules: seccomp: %s\n", strerror(errno));
			return (125);
		}
	}
	execvp(real, argv);
	fprintf(stderr, "h_vg_rules: exec %s: %s\n", real, strerror(errno));
	return (126);
}
