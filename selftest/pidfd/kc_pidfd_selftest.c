/* SPDX-License-Identifier: BSD-2-Clause */
/* Helpers of the selftest/pidfd programs (see kc_pidfd_selftest.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <atf-c.h>

#include "kc_atfrun.h"
#include "kc_pidfd_selftest.h"

const char *const kc_pidfd_programs[] = {
	"clone_pidfd_test", "vfork_pidfd_test", "go_probe_test", "waitid_pidfd_test",
	"pidfd_open_test", "pidfd_send_signal_test", "pidfd_poll_test",
	"pidfd_getfd_test", "pidfd_info_test", NULL,
};

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
	char cmd[1200], line[512];
	size_t n = 0;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "'%s' -l", prog);
	f = popen(cmd, "r");
	ATF_REQUIRE_MSG(f != NULL, "popen %s: %s", cmd, strerror(errno));
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, "ident: ", 7) != 0 || n >= max)
			continue;
		line[strcspn(line, "\n")] = '\0';
		ATF_REQUIRE_MSG(strlen(line + 7) < 128, "case name too long: %s", line + 7);
		memcpy(names[n++], line + 7, strlen(line + 7) + 1);
	}
	ATF_REQUIRE_EQ_MSG(0, pclose(f), "%s failed", cmd);
	ATF_REQUIRE_MSG(n > 0, "%s lists no case", prog);
	return (n);
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
