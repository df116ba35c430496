/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ABI facts of a target without a lib/arch/<arch>/ folder (or whose folder
 * has no kc_arch.h yet): none.  The build uses every lib/<routine>.c
 * fallback, and each consumer of a fact (see kc_arch_common.h) reports the
 * missing arch support for KC_ARCH_TRIPLET (what the compiler's
 * -dumpmachine printed) instead of guessing.
 */
#ifndef LIB_ARCH_GENERIC_KC_ARCH_H
#define LIB_ARCH_GENERIC_KC_ARCH_H

#include "kc_arch_common.h"

#define KC_ARCH_NAME	"generic"
#define KC_ARCH_GENERIC	1

#endif /* LIB_ARCH_GENERIC_KC_ARCH_H */
