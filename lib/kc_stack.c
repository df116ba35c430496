/* SPDX-License-Identifier: BSD-2-Clause */
/* Policy around kc_stack_switch: skip where this arch has no routine. */
#include <sys/utsname.h>

#include <errno.h>
#include <string.h>

#include <atf-c.h>

#include "kc_stack.h"

void
kc_require_stack_switch(void)
{
	struct utsname u;

	if (kc_stack_switch_native)
		return;
	ATF_REQUIRE_MSG(uname(&u) == 0, "uname: %s", strerror(errno));
	atf_tc_skip("kc_stack_switch: not implemented on %s", u.machine);
}
