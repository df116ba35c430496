/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Generic fallback for lib/arch/<arch>/vfork_clone3.S: an arch without the
 * stub still links, and the cases that need it skip ("not implemented").
 */
#include <errno.h>

#include "kc_sys.h"

long kc_vfork_clone3_raw(struct kc_clone_args *, size_t, const struct kc_vfork_child *,
    long *);

const int kc_vfork_clone3_native = 0;

long
kc_vfork_clone3_raw(struct kc_clone_args *args, size_t size, const struct kc_vfork_child *c,
    long *sp_slot)
{
	(void)args;
	(void)size;
	(void)c;
	(void)sp_slot;
	return (-ENOSYS);
}
