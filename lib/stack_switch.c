/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Generic fallback for lib/arch/<arch>/stack_switch.S: an arch without the
 * routine still links, and the cases that need it skip ("not implemented").
 */
#include <errno.h>
#include <stddef.h>

#include "kc_stack.h"

const int kc_stack_switch_native = 0;

void *
kc_stack_switch(void *stack_top, void *(*fn)(void *), void *arg, void **resume_sp)
{
	(void)stack_top;
	(void)fn;
	(void)arg;
	(void)resume_sp;
	errno = ENOSYS;
	return (NULL);
}
