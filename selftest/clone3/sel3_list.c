/* SPDX-License-Identifier: BSD-2-Clause */
/* Enumerate the cases of the registered programs of a cases/ directory (see kc_sel3.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <atf-c.h>

#include "kc_atfrun.h"
#include "kc_registry.h"
#include "kc_sel3.h"

#define SEL3_MAXPROGS	64

size_t
sel3_list(const atf_tc_t *tc, const char *dir, struct sel3_case *c, size_t n)
{
	static struct kc_program p[SEL3_MAXPROGS];
	static char names[SEL3_MAX][128];
	char root[1024], prefix[64];
	int np, nc, i, j;

	kc_build_path(atf_tc_get_config_var(tc, "srcdir"), "", root, sizeof(root));
	snprintf(prefix, sizeof(prefix), "cases/%s/", dir);
	np = kc_registry_load(root, prefix, p, SEL3_MAXPROGS);
	ATF_REQUIRE_MSG(np > 0, "%s/kc-programs.txt: %s", root,
	    np < 0 ? strerror(errno) : "no program registered under cases/");
	for (i = 0; i < np; i++) {
		char prog[sizeof(c[0].prog)];

		ATF_REQUIRE((size_t)snprintf(prog, sizeof(prog), "%s/%s", root, p[i].path) <
		    sizeof(prog));
		nc = kc_program_cases(prog, names, SEL3_MAX);
		ATF_REQUIRE_MSG(nc > 0, "%s -l: %s", prog, nc < 0 ? strerror(errno) : "no case");
		for (j = 0; j < nc && n < SEL3_MAX; j++) {
			memcpy(c[n].prog, prog, strlen(prog) + 1);
			snprintf(c[n].dir, sizeof(c[n].dir), "%s", dir);
			memcpy(c[n].name, names[j], strlen(names[j]) + 1);
			n++;
		}
	}
	return (n);
}
