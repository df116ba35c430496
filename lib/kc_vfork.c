/* SPDX-License-Identifier: BSD-2-Clause */
/* Policy around the vfork-style clone stub: errno conversion, layout checks. */
#include <stddef.h>
#include <errno.h>

#include "kc_sys.h"

long kc_vfork_clone_raw(unsigned long, int *, const struct kc_vfork_child *);

/* The .S files hard-code these offsets. */
_Static_assert(offsetof(struct kc_vfork_child, mark_slot) == 0 * sizeof(long), "mark_slot");
_Static_assert(offsetof(struct kc_vfork_child, mark) == 1 * sizeof(long), "mark");
_Static_assert(offsetof(struct kc_vfork_child, path) == 2 * sizeof(long), "path");
_Static_assert(offsetof(struct kc_vfork_child, argv) == 3 * sizeof(long), "argv");
_Static_assert(offsetof(struct kc_vfork_child, envp) == 4 * sizeof(long), "envp");
_Static_assert(offsetof(struct kc_vfork_child, err_slot) == 5 * sizeof(long), "err_slot");
_Static_assert(offsetof(struct kc_vfork_child, exit_code) == 6 * sizeof(long), "exit_code");

long
kc_vfork_clone(unsigned long flags, int *pidfd, const struct kc_vfork_child *c)
{
	long r;

	r = kc_vfork_clone_raw(flags, pidfd, c);
	if (r < 0 && r >= -4095) {
		errno = (int)-r;
		return (-1);
	}
	return (r);
}
