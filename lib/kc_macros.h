/* SPDX-License-Identifier: BSD-2-Clause */
/* Assertion shorthands for required successes (NetBSD h_macros.h style). */
#ifndef LIB_KC_MACROS_H
#define LIB_KC_MACROS_H

#include <errno.h>
#include <string.h>

#include <atf-c.h>

/* A libc-style call (-1 and errno on failure) that must succeed. */
#define RL(x)	ATF_REQUIRE_MSG((x) != -1, "%s: %s", #x, strerror(errno))

/* A pthread-style call (returns the error number) that must succeed. */
#define RZ(x)	do {							\
	int kc_rz_ = (x);						\
	ATF_REQUIRE_MSG(kc_rz_ == 0, "%s: %s", #x, strerror(kc_rz_));	\
} while (0)

/* Expect a libc-style call to fail with exactly errno e; name both on failure. */
#define KC_REQUIRE_ERRNO(e, call) do {					\
	errno = 0;							\
	long kc_r_ = (long)(call);					\
	int kc_e_ = errno;						\
	ATF_REQUIRE_MSG(kc_r_ == -1 && kc_e_ == (e),			\
	    "%s: expected -1 errno %s, got %ld errno %s", #call,	\
	    kc_errname(e), kc_r_, kc_r_ == -1 ? kc_errname(kc_e_) : "-");\
} while (0)

#define KC_CHECK_ERRNO(e, call) do {					\
	errno = 0;							\
	long kc_r_ = (long)(call);					\
	int kc_e_ = errno;						\
	ATF_CHECK_MSG(kc_r_ == -1 && kc_e_ == (e),			\
	    "%s: expected -1 errno %s, got %ld errno %s", #call,	\
	    kc_errname(e), kc_r_, kc_r_ == -1 ? kc_errname(kc_e_) : "-");\
} while (0)

/* Symbolic name of an errno value ("EINVAL"); "E?<n>" when unknown. */
const char *kc_errname(int e);

#endif /* LIB_KC_MACROS_H */
