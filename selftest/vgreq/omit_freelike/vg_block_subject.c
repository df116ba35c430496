/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cases/vgreq/vg_block_subject built without its FREELIKE annotation: the
 * fault of block_test's row in selftest/faults/faults.txt (vgreq_subject_dir).
 */
#include "kc_vg.h"

#define kc_vg_freelike_block(addr, rz)	((void)(addr), (void)(rz))

#include "../../../cases/vgreq/vg_block_subject.c"
