/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cases/vgreq/vg_mem_subject built with SET_VBITS answering "done" (1)
 * without setting anything (the fault-table row of vbits__get_set).
 */
#include "kc_vg.h"

#define kc_vg_set_vbits(addr, vbits, n)	((void)(addr), (void)(vbits), (void)(n), (uintptr_t)1)

#include "../../../cases/vgreq/vg_mem_subject.c"
