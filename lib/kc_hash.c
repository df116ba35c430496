/* SPDX-License-Identifier: BSD-2-Clause */
/* FNV-1a over strings (see kc_hash.h). */
#include "kc_hash.h"

/* FNV-1a's 64-bit prime. */
#define KC_HASH_PRIME	1099511628211ULL

unsigned long long
kc_hash_str(unsigned long long h, const char *s)
{
	for (;; s++) {
		h = (h ^ (unsigned char)*s) * KC_HASH_PRIME;
		if (*s == '\0')
			return (h);
	}
}
