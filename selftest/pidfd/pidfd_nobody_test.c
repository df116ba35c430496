/* SPDX-License-Identifier: BSD-2-Clause */
/* Every cases/pidfd case run as user nobody: skips and passes, no failure. */
#include <unistd.h>

#include <atf-c.h>

#include "kc_atfrun.h"
#include "kc_pidfd_selftest.h"
#include "kc_probe.h"

/* A privilege the case lacks is a skip with its reason, never a failure. */
ATF_TC(pidfd_nobody__no_failure);
ATF_TC_HEAD(pidfd_nobody__no_failure, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "Run as nobody, every pidfd case passes or skips with a reason");
	atf_tc_set_md_var(tc, "timeout", "300");
}
ATF_TC_BODY(pidfd_nobody__no_failure, tc)
{
	struct kc_atf_opts o = { .as_nobody = 1 };
	struct kc_atf_result res;
	char names[64][128], prog[1024];
	size_t i, j, n;

	kc_require_root();	/* becoming nobody needs it */
	for (i = 0; kc_pidfd_programs(tc)[i] != NULL; i++) {
		kc_pidfd_prog(tc, kc_pidfd_programs(tc)[i], prog, sizeof(prog));
		n = kc_pidfd_cases(prog, names, 64);
		for (j = 0; j < n; j++) {
			kc_pidfd_run(prog, names[j], &o, &res);
			ATF_CHECK_MSG(res.verdict == KC_V_PASSED ||
			    (res.verdict == KC_V_SKIPPED && res.reason[0] != '\0'),
			    "%s:%s as nobody: %s: %s", kc_pidfd_programs(tc)[i], names[j],
			    kc_verdict_name(res.verdict), res.reason);
		}
	}
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, pidfd_nobody__no_failure);

	return (atf_no_error());
}
