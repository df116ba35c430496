/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Memcheck's A/V-bit and leak requests, in both encodings, asserted on the
 * XML report and the requests' results (FACTS-valgrind.md §1.2, §7).
 */
#include <atf-c.h>

#include "kc_assert.h"
#include "kc_case.h"
#include "kc_vgrun.h"
#include "vg_case.h"

#define SUBJ	"vg_mem_subject"
#define SRC	"vg_mem_subject.c"

/*
 * The scenarios of the cases below that run without extra options, in one
 * launch per encoding shared by all of them (vg_run_shared).
 */
static const char *const all[] = { "make_mem", "check_mem", "vbits",
	"create_block", "err_range", NULL };

/*
 * MAKE_MEM_NOACCESS returns -1 and makes reads invalid; UNDEFINED makes a
 * branch on the bytes UninitCondition; DEFINED makes it clean;
 * DEFINED_IF_ADDRESSABLE defines only the addressable part of its range:
 * the rest stays NOACCESS, and a read of it is an InvalidRead.
 */
KC_CASE(make_mem__noaccess_undefined_defined, "MAKE_MEM_NOACCESS/UNDEFINED/DEFINED/"
    "DEFINED_IF_ADDRESSABLE change exactly the A/V bits they name")
{
	static const char *const sc[] = { "make_mem", NULL };
	const struct kc_vg_error *e;
	struct vg_pair p;

	vg_run_shared(tc, SUBJ, SRC, NULL, all, sc, KC_VGRUN_ERREXIT, &p);
	KC_CHECK_EQ((unsigned long)-1, vg_value(&p.r[0], "make_mem", "noaccess_ret"));
	e = vg_require(VG_REPORT(&p), "make_mem", "InvalidRead",
	    "2 bytes inside a block of size 64 alloc'd");
	vg_require_frame(e, 0, SRC, "sc_make_mem");
	KC_CHECK_EQ(1, vg_count(VG_REPORT(&p), "make_mem", "UninitCondition", NULL));
	KC_CHECK_EQ(8, vg_value(&p.r[0], "make_mem", "dia_unaddressable_off"));
	KC_CHECK_EQ(1, vg_count(VG_REPORT(&p), "make_mem", "ClientCheck",
	    "Unaddressable byte(s) found during client check request"));
	/* The bytes DEFINED_IF_ADDRESSABLE left NOACCESS: a read is invalid. */
	e = vg_require(VG_REPORT(&p), "make_mem", "InvalidRead",
	    "9 bytes inside a block of size 64 alloc'd");
	vg_require_frame(e, 0, SRC, "sc_make_mem");
	KC_CHECK_EQ(4, vg_count(VG_REPORT(&p), "make_mem", NULL, NULL));
	vg_pair_free(&p);
}

/* CHECK_MEM_IS_ADDRESSABLE/DEFINED return the first bad byte and report ClientCheck. */
KC_CASE(check_mem__first_bad_byte, "CHECK_MEM_IS_ADDRESSABLE/DEFINED: the first bad address "
    "and a ClientCheck error")
{
	static const char *const sc[] = { "check_mem", NULL };
	struct vg_pair p;

	vg_run_shared(tc, SUBJ, SRC, NULL, all, sc, KC_VGRUN_ERREXIT, &p);
	KC_CHECK_EQ(5, vg_value(&p.r[0], "check_mem", "addressable_off"));
	KC_CHECK_EQ(3, vg_value(&p.r[0], "check_mem", "defined_off"));
	KC_CHECK_EQ(0, vg_value(&p.r[0], "check_mem", "clean"));
	vg_require(VG_REPORT(&p), "check_mem", "ClientCheck",
	    "Unaddressable byte(s) found during client check request");
	vg_require(VG_REPORT(&p), "check_mem", "ClientCheck",
	    "Uninitialised byte(s) found during client check request");
	KC_CHECK_EQ(2, vg_count(VG_REPORT(&p), "check_mem", NULL, NULL));
	vg_pair_free(&p);
}

/* GET_VBITS/SET_VBITS: 1 and the V bits; 3 on an unaddressable range. */
KC_CASE(vbits__get_set, "GET_VBITS/SET_VBITS return 1 with the V bits, 3 when unaddressable; "
    "SET defines the bytes")
{
	static const char *const sc[] = { "vbits", NULL };
	struct vg_pair p;

	vg_run_shared(tc, SUBJ, SRC, NULL, all, sc, 0, &p);
	KC_CHECK_EQ(1, vg_value(&p.r[0], "vbits", "get_ret"));
	KC_CHECK_EQ(0xff, vg_value(&p.r[0], "vbits", "vbits0"));
	KC_CHECK_EQ(0, vg_value(&p.r[0], "vbits", "vbits4"));
	KC_CHECK_EQ(1, vg_value(&p.r[0], "vbits", "set_ret"));
	KC_CHECK_EQ(3, vg_value(&p.r[0], "vbits", "get_noaccess_ret"));
	KC_CHECK_EQ(0, vg_count(VG_REPORT(&p), "vbits", NULL, NULL));
	vg_pair_free(&p);
}

/* CREATE_BLOCK's description names the range; DISCARD returns 0, or 1 for a bad index. */
KC_CASE(create_block__described_and_discarded, "CREATE_BLOCK desc appears in the address "
    "description; DISCARD 0 ok, 1 bad index")
{
	static const char *const sc[] = { "create_block", NULL };
	struct vg_pair p;

	vg_run_shared(tc, SUBJ, SRC, NULL, all, sc, KC_VGRUN_ERREXIT, &p);
	vg_require(VG_REPORT(&p), "create_block", "InvalidRead",
	    "4 bytes inside a kc-test-block of size 16 client-defined");
	KC_CHECK_EQ(0, vg_value(&p.r[0], "create_block", "discard_ret"));
	KC_CHECK_EQ(1, vg_value(&p.r[0], "create_block", "discard_bad_ret"));
	vg_pair_free(&p);
}

/* Address errors in a disabled range are neither reported nor counted. */
KC_CASE(addr_error_reporting__in_range, "DISABLE/ENABLE_ADDR_ERROR_REPORTING_IN_RANGE "
    "suppress and restore errors; COUNT_ERRORS agrees")
{
	static const char *const sc[] = { "err_range", NULL };
	struct vg_pair p;

	vg_run_shared(tc, SUBJ, SRC, NULL, all, sc, KC_VGRUN_ERREXIT, &p);
	KC_CHECK_EQ(1, vg_value(&p.r[0], "err_range", "disable_ret"));
	KC_CHECK_EQ(1, vg_value(&p.r[0], "err_range", "enable_ret"));
	KC_CHECK_EQ(0, vg_value(&p.r[0], "err_range", "errors_disabled"));
	KC_CHECK_EQ(1, vg_value(&p.r[0], "err_range", "errors_enabled"));
	KC_CHECK_EQ(1, vg_count(VG_REPORT(&p), "err_range", "InvalidRead",
	    "2 bytes inside a block of size 16 alloc'd"));
	KC_CHECK_EQ(1, vg_count(VG_REPORT(&p), "err_range", NULL, NULL));
	vg_pair_free(&p);
}

/*
 * DO_ADDED_LEAK_CHECK reports only what was added since the last check, with
 * delta suffixes; COUNT_LEAKS grows by the leak.  DO_NEW_LEAK_CHECK exists
 * from 3.21 (kc_vgfacts); before, memcheck warns about the unknown mode.
 */
KC_CASE(leak_check__delta_modes, "DO_ADDED_LEAK_CHECK shows \"32 (+32) bytes in 1 (+1) "
    "blocks\"; NEW mode by Valgrind version")
{
	static const char *const sc[] = { "leak_added", "leak_new", NULL };
	static const struct kc_vgrun_opts o = { .opts = { "--leak-check=full", NULL } };
	struct vg_pair p;

	vg_run_pair(tc, SUBJ, SRC, &o, sc, KC_VGRUN_ERREXIT, &p);
	KC_CHECK_EQ(1, vg_count(VG_REPORT(&p), "leak_added", "Leak_DefinitelyLost",
	    "32 (+32) bytes in 1 (+1) blocks are definitely lost"));
	KC_CHECK_EQ(32, vg_value(&p.r[0], "leak_added", "leaked_delta"));
	KC_CHECK_EQ(1, vg_value(&p.r[0], "leak_added", "leaked_blocks_nonzero"));
	if (p.facts.leak_check_new) {
		KC_CHECK_EQ(1, vg_count(VG_REPORT(&p), "leak_new",
		    "Leak_DefinitelyLost", "16 (+16) bytes in 1 (+1) blocks"));
		KC_CHECK_EQ(0, kc_vgrun_count_text(&p.r[0],
		    "unknown memcheck leak search deltamode"));
	} else {
		KC_CHECK_EQ(1, kc_vgrun_count_text(&p.r[0],
		    "unknown memcheck leak search deltamode"));
		if (p.nenc == 2)	/* r[1]: the raw run, if any */
			KC_CHECK_EQ(1, kc_vgrun_count_text(&p.r[1],
			    "unknown memcheck leak search deltamode"));
	}
	vg_pair_free(&p);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, make_mem__noaccess_undefined_defined);
	ATF_TP_ADD_TC(tp, check_mem__first_bad_byte);
	ATF_TP_ADD_TC(tp, vbits__get_set);
	ATF_TP_ADD_TC(tp, create_block__described_and_discarded);
	ATF_TP_ADD_TC(tp, addr_error_reporting__in_range);

	ATF_TP_ADD_TC(tp, leak_check__delta_modes);

	return (atf_no_error());
}
