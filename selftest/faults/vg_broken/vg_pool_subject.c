/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cases/vgreq/vg_pool_subject built with every pool created as a plain
 * METAPOOL (CREATE_MEMPOOL and CREATE_MEMPOOL_EXT lose their own flags):
 * the fault-table rows of the cases that require Valgrind's abort on an
 * overlap in a plain pool or on AUTO_FREE without METAPOOL.
 */
#include "kc_vg.h"

#define kc_vg_create_mempool(pool, rz, z)	\
	kc_vg_create_mempool_ext((pool), (rz), (z), KC_VG_MEMPOOL_METAPOOL)
#define kc_vg_create_mempool_ext(pool, rz, z, flags)	\
	((void)(flags), kc_vg_create_mempool_ext((pool), (rz), (z), KC_VG_MEMPOOL_METAPOOL))

#include "../../../cases/vgreq/vg_pool_subject.c"
