/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The control of vg_dwarf5_subject: the same program built by gcc
 * -gdwarf-5, whose DWARF 5 has DW_FORM_addr and no DW_FORM_addrx.
 */
#include "vg_dwarf5_subject.c"
