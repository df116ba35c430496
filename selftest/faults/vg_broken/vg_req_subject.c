/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cases/vgreq/vg_req_subject built with its requests miswired (the
 * fault-table rows of requests_test, via vgreq_subject_dir): NON_SIMD_CALL
 * never calls, the header's PRINTF functions print nothing,
 * CHECK_VALUE_IS_DEFINED always answers 0, the statement form yields its
 * default, and the deprecated by-value PRINTF is sent as the by-reference
 * one.
 */
#include "kc_vg.h"

#define kc_vg_non_simd_call0(fn)		((void)(fn), (uintptr_t)0)
#define kc_vg_non_simd_call2(fn, a1, a2)	((void)(fn), (uintptr_t)0)
#define kc_vg_non_simd_call3(fn, a1, a2, a3)	((void)(fn), (uintptr_t)0)
#define kc_vg_header_printf(s)			((void)(s), (uintptr_t)0)
#define kc_vg_header_printf_backtrace(s)	((void)(s), (uintptr_t)0)
#define kc_vg_check_value_is_defined(v)		((void)(v), (uintptr_t)0)
#define kc_vg_req_legacy(d, r, a1, a2, a3, a4, a5) ((uintptr_t)(d))
#define kc_vg_printf_by_value(bt, ...)		((void)(bt), kc_vg_printf(__VA_ARGS__))

#include "../../../cases/vgreq/vg_req_subject.c"
