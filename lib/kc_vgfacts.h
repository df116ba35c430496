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
#include <stddef.h>

struct kc_vgfacts {
	int	xml_protocol;		/* 4 below 3.26.0, 6 from 3.26.0 */
	bool	xml_summaries;		/* <heap_summary> etc. in XML (3.26.0) */
	bool	mempool_frees_counted;	/* MEMPOOL_FREE/auto-free are frees (3.27.0) */
	bool	leak_check_new;		/* DO_NEW_LEAK_CHECK, delta mode 3 (3.21.0) */
	bool	replaces_malloc;	/* REPLACES_MALLOC, GET_TOOLNAME (3.27.0) */
	/* Client messages (FACTS-valgrind.md §8, text-only messages and the
	 * logging pitfall). */
	bool	dwarf5_addrx_read;	/* DW_FORM_addrx in .debug_info read (3.20.0) */
	bool	large_range_verbose_only; /* "large range" warning needs -v (3.27.0) */
	bool	sigrtmax_reserved;	/* sigaction(SIGRTMAX) EINVAL (every version) */
	bool	fork_xml_in_parent_file; /* %p in --log-file and --xml-file: a forked
					 * child's XML goes to the parent's file
					 * (every version) */
};

/* Facts of Valgrind `version` ("3.19.0"). */
void kc_vgfacts_get(const char *version, struct kc_vgfacts *f);

/*
 * Where the fact in `field` (offsetof(struct kc_vgfacts, x)) comes from and
 * the version it starts at, as one line for an assertion's reason
 * ("since 3.20.0: NEWS 3.20.0 ..."); "" for a field without a row.
 */
const char *kc_vgfacts_source(size_t field);
#define KC_VGFACT_SRC(x)	kc_vgfacts_source(offsetof(struct kc_vgfacts, x))

#endif /* LIB_KC_VGFACTS_H */
