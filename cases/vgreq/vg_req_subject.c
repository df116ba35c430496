/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Subject of requests_test: the requests of valgrind.h and memcheck.h no
 * other subject issues: NON_SIMD_CALL0/2/3 (CALL1 is vg_core_subject's),
 * the header's own VALGRIND_PRINTF/VALGRIND_PRINTF_BACKTRACE functions, the
 * deprecated PRINTF/PRINTF_BACKTRACE with the va_list by value,
 * VALGRIND_CHECK_VALUE_IS_DEFINED, and the pre-3.7 statement form
 * VALGRIND_DO_CLIENT_REQUEST.  See vg_subject.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kc_vg.h"
#include "vg_subject.h"

/* Calls of the functions below: they run only under Valgrind. */
static unsigned nonsimd_calls;

/* Each returns a value that depends on every argument and the thread id. */
static uintptr_t
fn0(uintptr_t tid)
{
	nonsimd_calls++;
	return (100 + tid);
}

static uintptr_t
fn2(uintptr_t tid, uintptr_t a1, uintptr_t a2)
{
	nonsimd_calls++;
	return (a1 * a2 + 1000 * tid);
}

static uintptr_t
fn3(uintptr_t tid, uintptr_t a1, uintptr_t a2, uintptr_t a3)
{
	nonsimd_calls++;
	return (a1 * 100 + a2 * 10 + a3 + 1000 * tid);
}

static __attribute__((noinline)) void
sc_nonsimd(const char *sc)
{
	vg_put(sc, "call0", kc_vg_non_simd_call0(fn0));
	vg_put(sc, "call2", kc_vg_non_simd_call2(fn2, 6, 7));
	vg_put(sc, "call3", kc_vg_non_simd_call3(fn3, 1, 2, 3));
	vg_put(sc, "calls", nonsimd_calls);
}

/* The header's functions: the text needs XML escaping. */
static __attribute__((noinline)) void
sc_printf_header(const char *sc)
{
	vg_put(sc, "ret", kc_vg_header_printf("kc-hdr <&> 7\n"));
	vg_put(sc, "bt_ret", kc_vg_header_printf_backtrace("kc-hdr-bt 8\n"));
}

/*
 * VALGRIND_CHECK_VALUE_IS_DEFINED of a defined word (0) and of a word made
 * undefined (its address, and one ClientCheck error).  Heap words: the
 * description of a stack address names a frame number, which differs
 * between the encodings (the raw one has kc_vg_raw's frame).
 */
static __attribute__((noinline)) void
sc_check_value(const char *sc)
{
	volatile unsigned long *w = calloc(2, sizeof(*w));
	uintptr_t r;

	if (w == NULL)
		exit(3);
	vg_put(sc, "defined", kc_vg_check_value_is_defined(&w[0]));
	(void)kc_vg_make_mem_undefined((const void *)&w[1], sizeof(w[1]));
	r = kc_vg_check_value_is_defined(&w[1]);
	vg_put(sc, "undefined_is_addr", r == (uintptr_t)&w[1]);
	vg_put(sc, "undefined_nonzero", r != 0);
	free((void *)w);
}

/* RUNNING_ON_VALGRIND through the statement form. */
static __attribute__((noinline)) void
sc_legacy(const char *sc)
{
	vg_put(sc, "running", kc_vg_req_legacy(0, KC_VGREQ_RUNNING_ON_VALGRIND,
	    0, 0, 0, 0, 0));
	vg_put(sc, "dflt", kc_vg_req_legacy(77, 0x4b430000, 0, 0, 0, 0, 0));
}

/*
 * The deprecated requests: where va_list is one word Valgrind prints the
 * message; elsewhere it stops the process (requests_test asserts which).
 */
static __attribute__((noinline)) void
sc_printf_by_value(const char *sc)
{
	vg_put(sc, "va_list_is_word", sizeof(va_list) == sizeof(uintptr_t));
	vg_put(sc, "ret", kc_vg_printf_by_value(0, "kc-byval %d\n", 5));
}

static __attribute__((noinline)) void
sc_printf_bt_by_value(const char *sc)
{
	vg_put(sc, "va_list_is_word", sizeof(va_list) == sizeof(uintptr_t));
	vg_put(sc, "ret", kc_vg_printf_by_value(1, "kc-byval-bt %d\n", 6));
}

const struct vg_scenario vg_scenarios[] = {
	{ "nonsimd", sc_nonsimd },
	{ "printf_header", sc_printf_header },
	{ "check_value", sc_check_value },
	{ "legacy", sc_legacy },
	{ "printf_by_value", sc_printf_by_value },
	{ "printf_bt_by_value", sc_printf_bt_by_value },
	{ NULL, NULL },
};
