/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cases/stackreg/h_switch built with STACK_REGISTER lost in the raw encoding
 * only (a raw sequence Valgrind does not recognise for it): the fault-table
 * row of stackreg__encodings_identical.
 */
#include "kc_vg.h"

static enum kc_vg_enc fault_enc;

#define kc_vg_set_encoding(e)		(fault_enc = (e), kc_vg_set_encoding(e))
#define kc_vg_stack_register(lo, hi)	\
	(fault_enc == KC_VG_RAW ? ((void)(lo), (void)(hi), (uintptr_t)1) : \
	    kc_vg_stack_register((lo), (hi)))

#include "../../../cases/stackreg/h_switch.c"
