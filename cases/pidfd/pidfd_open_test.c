/* SPDX-License-Identifier: BSD-2-Clause */
/* pidfd_open(2): flags, pid validation, the fd it returns. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_child.h"
#include "kc_macros.h"
#include "kc_probe.h"
#include "kc_sys.h"

/* Unknown flag bits are rejected, not ignored. */
ATF_TC(pidfd_open__bad_flags_einval);
ATF_TC_HEAD(pidfd_open__bad_flags_einval, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "pidfd_open(2) rejects unknown flag bits with EINVAL");
}
ATF_TC_BODY(pidfd_open__bad_flags_einval, tc)
{
	struct kc_hygiene h;

	kc_hygiene_begin(&h);
	kc_require_pidfd_open();
	KC_REQUIRE_ERRNO(EINVAL, kc_pidfd_open(getpid(), 0x1));
	kc_hygiene_end(&h);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, pidfd_open__bad_flags_einval);

	return (atf_no_error());
}
