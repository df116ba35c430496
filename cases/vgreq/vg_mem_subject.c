/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Subject of mem_test: memcheck's A/V-bit requests (MAKE_MEM_*, CHECK_MEM_*,
 * GET/SET_VBITS, CREATE_BLOCK/DISCARD, address error reporting in a range)
 * and its leak requests (DO_*LEAK_CHECK, COUNT_LEAKS, COUNT_LEAK_BLOCKS).
 * See vg_subject.h for the protocol.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kc_vg.h"
#include "vg_subject.h"

static char *
zalloc(size_t n)
{
	char *p = calloc(1, n);

	if (p == NULL)
		exit(3);
	return (p);
}

/* NOACCESS, UNDEFINED, DEFINED and DEFINED_IF_ADDRESSABLE on a heap buffer. */
static __attribute__((noinline)) void
sc_make_mem(const char *sc)
{
	char *buf = zalloc(64);
	volatile char *v = buf;

	vg_put(sc, "noaccess_ret", (unsigned long)kc_vg_make_mem_noaccess(buf, 8));
	VG_USE(v[2]);					/* InvalidRead */
	kc_vg_make_mem_undefined(buf, 8);
	if (v[3] == 7)					/* UninitCondition */
		vg_put(sc, "seven", 1);
	kc_vg_make_mem_defined(buf, 8);
	if (v[4] == 7)					/* clean */
		vg_put(sc, "seven", 2);
	kc_vg_make_mem_noaccess(buf + 8, 4);
	kc_vg_make_mem_undefined(buf + 12, 4);
	kc_vg_make_mem_defined_if_addressable(buf + 8, 8);
	vg_put(sc, "dia_unaddressable_off",		/* still NOACCESS */
	    kc_vg_check_mem_is_addressable(buf + 8, 8) - (uintptr_t)buf);
	VG_USE(v[9]);					/* InvalidRead */
	if (v[13] == 7)					/* now defined: clean */
		vg_put(sc, "seven", 3);
	kc_vg_make_mem_defined(buf, 64);
	free(buf);
}

/* CHECK_MEM_IS_ADDRESSABLE / _DEFINED return the first bad byte. */
static __attribute__((noinline)) void
sc_check_mem(const char *sc)
{
	char *a = zalloc(16), *d = zalloc(16);

	kc_vg_make_mem_noaccess(a + 5, 1);
	vg_put(sc, "addressable_off",
	    kc_vg_check_mem_is_addressable(a, 16) - (uintptr_t)a);
	kc_vg_make_mem_undefined(d, 16);
	kc_vg_make_mem_defined(d, 3);
	vg_put(sc, "defined_off", kc_vg_check_mem_is_defined(d, 16) - (uintptr_t)d);
	vg_put(sc, "clean", kc_vg_check_mem_is_defined(d, 3));
	kc_vg_make_mem_defined(a, 16);
	kc_vg_make_mem_defined(d, 16);
	free(a);
	free(d);
}

/* GET_VBITS / SET_VBITS: 1 on success, 3 on an unaddressable range. */
static __attribute__((noinline)) void
sc_vbits(const char *sc)
{
	unsigned char vb[8], zero[4] = { 0, 0, 0, 0 };
	char *buf = zalloc(8);
	volatile char *v = buf;

	kc_vg_make_mem_undefined(buf, 4);
	memset(vb, 0x55, sizeof(vb));
	vg_put(sc, "get_ret", kc_vg_get_vbits(buf, vb, 8));
	vg_put(sc, "vbits0", vb[0]);
	vg_put(sc, "vbits4", vb[4]);
	vg_put(sc, "set_ret", kc_vg_set_vbits(buf, zero, 4));
	if (v[1] == 7)					/* defined now: clean */
		vg_put(sc, "seven", 1);
	kc_vg_make_mem_noaccess(buf, 8);
	vg_put(sc, "get_noaccess_ret", kc_vg_get_vbits(buf, vb, 8));
	kc_vg_make_mem_defined(buf, 8);
	free(buf);
}

/* CREATE_BLOCK names a range in address descriptions; DISCARD drops it. */
static __attribute__((noinline)) void
sc_create_block(const char *sc)
{
	char *buf = zalloc(64);
	volatile char *v = buf;
	uintptr_t idx;

	idx = kc_vg_create_block(buf + 16, 16, "kc-test-block");
	kc_vg_make_mem_noaccess(buf + 16, 16);
	VG_USE(v[20]);				/* described as kc-test-block */
	vg_put(sc, "discard_ret", kc_vg_discard(idx));
	vg_put(sc, "discard_bad_ret", kc_vg_discard(idx + 1000));
	kc_vg_make_mem_defined(buf, 64);
	free(buf);
}

/* Address errors in a disabled range are not reported, nor counted. */
static __attribute__((noinline)) void
sc_err_range(const char *sc)
{
	char *buf = zalloc(16);
	volatile char *v = buf;
	uintptr_t c0;

	kc_vg_make_mem_noaccess(buf, 8);
	vg_put(sc, "disable_ret", kc_vg_disable_addr_error_reporting_in_range(buf, 8));
	c0 = kc_vg_count_errors();
	VG_USE(v[1]);				/* suppressed */
	vg_put(sc, "errors_disabled", kc_vg_count_errors() - c0);
	vg_put(sc, "enable_ret", kc_vg_enable_addr_error_reporting_in_range(buf, 8));
	VG_USE(v[2]);				/* reported */
	vg_put(sc, "errors_enabled", kc_vg_count_errors() - c0);
	kc_vg_make_mem_defined(buf, 16);
	free(buf);
}

/*
 * n bytes whose only pointer is dropped.  Valgrind also scans the
 * registers, and malloc's return path leaves the block address behind
 * where nothing overwrites it before the next leak check (s390x under
 * 3.27.1: the block "still reachable", 0 bytes definitely lost; the
 * holder not identified; aarch64's was a register, vg_block_subject.c's
 * leak_three); the same allocation made and freed at once leaves its
 * address there instead (a freed block is no leak).  p is volatile, so
 * gcc keeps that malloc/free pair.
 */
static __attribute__((noinline)) void
leak_bytes(size_t n)
{
	void *volatile p = malloc(n);

	p = NULL;
	p = malloc(n);		/* volatile: not elided as a pair */
	free(p);
}

/* Full leak check, then an ADDED check that shows only the new leak, with deltas. */
static __attribute__((noinline)) void
sc_leak_added(const char *sc)
{
	struct kc_vg_leaks l0, l1, b1;

	kc_vg_do_leak_check(KC_VG_LEAK_FULL);
	kc_vg_printf("kc-leak-check-done\n");
	kc_vg_count_leaks(&l0);
	leak_bytes(32);
	kc_vg_do_leak_check(KC_VG_LEAK_ADDED);
	kc_vg_printf("kc-leak-check-done\n");
	kc_vg_count_leaks(&l1);
	kc_vg_count_leak_blocks(&b1);
	vg_put(sc, "leaked_delta", l1.leaked - l0.leaked);
	vg_put(sc, "leaked_blocks_nonzero", b1.leaked > 0);
}

/* NEW mode (3.21): only the leak since the last check, flagged new. */
static __attribute__((noinline)) void
sc_leak_new(const char *sc)
{
	kc_vg_do_leak_check(KC_VG_LEAK_FULL);
	kc_vg_printf("kc-leak-check-done\n");
	leak_bytes(16);
	kc_vg_do_leak_check(KC_VG_LEAK_NEW);
	kc_vg_printf("kc-leak-check-done\n");
	(void)sc;
}

const struct vg_scenario vg_scenarios[] = {
	{ "make_mem", sc_make_mem },
	{ "check_mem", sc_check_mem },
	{ "vbits", sc_vbits },
	{ "create_block", sc_create_block },
	{ "err_range", sc_err_range },
	{ "leak_added", sc_leak_added },
	{ "leak_new", sc_leak_new },
	{ NULL, NULL },
};
