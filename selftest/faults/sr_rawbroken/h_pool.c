/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cases/stackreg/h_pool unchanged (it registers through lib/kc_stackpool.c,
 * which no macro reaches): here so that vgreq_subject_dir=.../sr_rawbroken
 * holds every subject encoding_test runs; the fault is in h_switch.
 */
#include "../../../cases/stackreg/h_pool.c"
