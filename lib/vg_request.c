/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fallback for architectures without lib/arch/<arch>/vg_request.S: no
 * client-request sequence, so every request returns its default, as
 * valgrind.h does when built with -DNVALGRIND.  Raw-encoding cases skip
 * when kc_vg_request_native is 0.
 */
#include <stdint.h>

#include "kc_vg.h"

const int kc_vg_request_native = 0;

uintptr_t
kc_vg_request(uintptr_t dflt, const uintptr_t args[6])
{
	(void)args;
	return (dflt);
}
