/* SPDX-License-Identifier: BSD-2-Clause */
/* Policy around kc_stack_switch: skip where this arch has no routine. */
#include <atf-c.h>

#include "kc_arch.h"
#include "kc_stack.h"

void
kc_require_stack_switch(void)
{
	if (kc_stack_switch_native)
		return;
	/* The build's target (not uname -m: a generic build runs anywhere). */
	atf_tc_skip("kc_stack_switch: no lib/arch/<arch>/stack_switch.S for %s "
	    "(lib/arch/%s)", KC_ARCH_TRIPLET, KC_ARCH_NAME);
}
