/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fallback for lib/arch/<arch>/switch_probe.S: an arch without the probes
 * still links, and kc_switch_probe_native tells the selftest to report the
 * checks it could not make.  Never called when kc_switch_probe_native is 0.
 */
#include <stddef.h>

#include "kc_switch_probe.h"

const int kc_switch_probe_native = 0;

unsigned
kc_test_callee_saved(void *stack_top, void *(*fn)(void *), void **resume_sp)
{
	(void)stack_top;
	(void)fn;
	(void)resume_sp;
	return (~0U);
}

void *
kc_test_entry_sp(void *arg)
{
	(void)arg;
	return (NULL);
}
