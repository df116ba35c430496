/* SPDX-License-Identifier: BSD-2-Clause */
/* Helpers of the selftest/pidfd programs (see kc_pidfd_selftest.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <atf-c.h>

#include "kc_atfrun.h"
#include "kc_pidfd_selftest.h"
#include "kc_registry.h"

#define KC_PIDFD_MAXPROGS	64

const char *const *
kc_pidfd_programs(const atf_tc_t *tc)
{
	static struct kc_program p[KC_PIDFD_MAXPROGS];
	static const char *names[KC_PIDFD_MAXPROGS + 1];
	char root[1024];
	int n, i;

	if (names[0] != NULL)
		return (names);
	kc_build_path(atf_tc_get_config_var(tc, "srcdir"), "", root, sizeof(root));
	n = kc_registry_load(root, "cases/pidfd/", p, KC_PIDFD_MAXPROGS);
	ATF_REQUIRE_MSG(n > 0, "%s/kc-programs.txt: %s", root,
	    n < 0 ? strerror(errno) : "no cases/pidfd program");
	for (i = 0; i < n; i++)
		names[i] = p[i].path + strlen("cases/pidfd/");
	names[n] = NULL;
	return (names);
}

const char *
kc_pidfd_prog(const atf_tc_t *tc, const char *name, char *buf, size_t len)
{
	char rel[256];

	snprintf(rel, sizeof(rel), "cases/pidfd/%s", name);
	return (kc_build_path(atf_tc_get_config_var(tc, "srcdir"), rel, buf, len));
}

size_t
kc_pidfd_cases(const char *prog, char names[][128], size_t max)
{
	int n = kc_program_cases(prog, names, max);

	ATF_REQUIRE_MSG(n >= 0, "%s -l: %s", prog, strerror(errno));
	ATF_REQUIRE_MSG(n > 0, "%s lists no case", prog);
	return ((size_t)n);
}

void
kc_pidfd_run(const char *prog, const char *tcname, const struct kc_atf_opts *o,
    struct kc_atf_result *res)
{
	ATF_REQUIRE_MSG(kc_atf_run(prog, tcname, o, res) == 0, "running %s:%s: %s", prog,
	    tcname, strerror(errno));
}

void
kc_pidfd_expect(const atf_tc_t *tc, const char *name, const char *tcname,
    const struct kc_atf_opts *o, enum kc_verdict want, const char *needle)
{
	struct kc_atf_result res;
	char prog[1024];

	kc_pidfd_prog(tc, name, prog, sizeof(prog));
	kc_pidfd_run(prog, tcname, o, &res);
	ATF_CHECK_MSG(res.verdict == want, "%s:%s: expected %s, got %s: %s", name, tcname,
	    kc_verdict_name(want), kc_verdict_name(res.verdict), res.reason);
	if (res.verdict == want && needle != NULL)
		ATF_CHECK_MSG(strstr(res.reason, needle) != NULL,
		    "%s:%s: %s, but the reason lacks \"%s\": %s", name, tcname,
		    kc_verdict_name(want), needle, res.reason);
}
