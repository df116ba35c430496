/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Valgrind features by version (FACTS-valgrind.md §5): what a run of a given
 * Valgrind version must show.  Cases take version-dependent expectations
 * from here, keyed on the version the runner reports (kc_vgrun_require),
 * never on what the run printed.
 */
#ifndef LIB_KC_VGFACTS_H
#define LIB_KC_VGFACTS_H

#include <stdbool.h>

struct kc_vgfacts {
	int	xml_protocol;		/* 4 below 3.26.0, 6 from 3.26.0 */
	bool	xml_summaries;		/* <heap_summary> etc. in XML (3.26.0) */
	bool	mempool_frees_counted;	/* MEMPOOL_FREE/auto-free are frees (3.27.0) */
	bool	leak_check_new;		/* DO_NEW_LEAK_CHECK, delta mode 3 (3.21.0) */
	bool	replaces_malloc;	/* REPLACES_MALLOC, GET_TOOLNAME (3.27.0) */
};

/* Facts of Valgrind `version` ("3.19.0"). */
void kc_vgfacts_get(const char *version, struct kc_vgfacts *f);

#endif /* LIB_KC_VGFACTS_H */
