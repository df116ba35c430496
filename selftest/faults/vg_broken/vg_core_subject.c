/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cases/vgreq/vg_core_subject built with four core requests miswired (the
 * fault-table rows of core_test, via vgreq_subject_dir): REPLACES_MALLOC
 * claims a replacement, every monitor command is "unknown", the
 * translations are never discarded, MAP_IP_TO_SRCLOC answers 1 without
 * writing the location.
 */
#include "kc_vg.h"

#define kc_vg_replaces_malloc()			((uintptr_t)1)
#define kc_vg_monitor_command(cmd)		((void)(cmd), (uintptr_t)1)
#define kc_vg_discard_translations(addr, len)	((void)(addr), (void)(len))
#define kc_vg_map_ip_to_srcloc(ip, buf)		((void)(ip), (void)(buf), (uintptr_t)1)

#include "../../../cases/vgreq/vg_core_subject.c"
