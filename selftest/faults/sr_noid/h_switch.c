/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cases/stackreg/h_switch built with STACK_REGISTER answering 0 without
 * registering (the fault-table rows of the id cases of request_test).
 */
#include "kc_vg.h"

#define kc_vg_stack_register(lo, hi)	((void)(lo), (void)(hi), (uintptr_t)0)

#include "../../../cases/stackreg/h_switch.c"
