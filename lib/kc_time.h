/* SPDX-License-Identifier: BSD-2-Clause */
/* Elapsed time on CLOCK_MONOTONIC (mechanism, no ATF calls). */
#ifndef LIB_KC_TIME_H
#define LIB_KC_TIME_H

#include <time.h>

/* Milliseconds from *t0 (a CLOCK_MONOTONIC reading) to now. */
long kc_ms_since(const struct timespec *t0);

#endif /* LIB_KC_TIME_H */
