/* SPDX-License-Identifier: BSD-2-Clause */
/* Symbolic errno names for failure messages (MIPS numbers differ, names do not). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "kc_macros.h"

const char *
kc_errname(int e)
{
	static __thread char buf[16];
	const char *n;

	n = strerrorname_np(e);	/* glibc >= 2.32 */
	if (n != NULL)
		return (n);
	snprintf(buf, sizeof(buf), "E?%d", e);
	return (buf);
}
