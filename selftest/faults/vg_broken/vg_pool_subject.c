/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cases/vgreq/vg_pool_subject built with CREATE_MEMPOOL_EXT dropping its
 * flags (AUTO_FREE, METAPOOL): the fault-table rows of the cases that
 * require Valgrind's abort on a flag combination.
 */
#include "kc_vg.h"

#define kc_vg_create_mempool_ext(pool, rz, z, flags)	\
	((void)(flags), kc_vg_create_mempool((pool), (rz), (z)))

#include "../../../cases/vgreq/vg_pool_subject.c"
