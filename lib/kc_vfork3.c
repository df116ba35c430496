/* SPDX-License-Identifier: BSD-2-Clause */
/* Policy around the vfork-style clone3 stub: errno conversion. */
#include <errno.h>

#include "kc_sys.h"

long kc_vfork_clone3_raw(struct kc_clone_args *, size_t, const struct kc_vfork_child *,
    long *);

long
kc_vfork_clone3(struct kc_clone_args *args, size_t size, const struct kc_vfork_child *c,
    long *sp_slot)
{
	long r;

	r = kc_vfork_clone3_raw(args, size, c, sp_slot);
	if (r < 0 && r >= -4095) {
		errno = (int)-r;
		return (-1);
	}
	return (r);
}
