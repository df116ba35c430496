/* SPDX-License-Identifier: BSD-2-Clause */
/* Elapsed time on CLOCK_MONOTONIC (see kc_time.h). */
#include <time.h>

#include "kc_time.h"

long
kc_ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return ((t1.tv_sec - t0->tv_sec) * 1000 + (t1.tv_nsec - t0->tv_nsec) / 1000000);
}
