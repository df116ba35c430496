/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Generic fallback for lib/arch/<arch>/vfork_clone.S: an arch without the
 * stub still links, and the cases that need it skip ("not implemented").
 */
#include <errno.h>

#include "kc_sys.h"

long kc_vfork_clone_raw(unsigned long, int *, const struct kc_vfork_child *);

const int kc_vfork_clone_native = 0;

long
kc_vfork_clone_raw(unsigned long flags, int *pidfd, const struct kc_vfork_child *c)
{
	(void)flags;
	(void)pidfd;
	(void)c;
	return (-ENOSYS);
}
