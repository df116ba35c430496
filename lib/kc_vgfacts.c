/* SPDX-License-Identifier: BSD-2-Clause */
/* Valgrind features by version (see kc_vgfacts.h); FACTS-valgrind.md §0, §5. */
#include <stdbool.h>
#include <stddef.h>

#include "kc_vgfacts.h"
#include "kc_version.h"

struct kc_vgfact_row {
	const char	*since;		/* first version with the feature */
	size_t		 field;		/* which bool of struct kc_vgfacts */
	const char	*ref;		/* where the fact comes from */
};

static const struct kc_vgfact_row kc_vgfact_rows[] = {
	{ "3.21.0", offsetof(struct kc_vgfacts, leak_check_new),
	  "NEWS 3.21: VALGRIND_DO_NEW_LEAK_CHECK" },
	{ "3.26.0", offsetof(struct kc_vgfacts, xml_summaries),
	  "bug 390310: XML protocol 6 with summaries" },
	/* Before, they were missing from "total heap usage ... frees": this
	 * is the only table holding that fact. */
	{ "3.27.0", offsetof(struct kc_vgfacts, mempool_frees_counted),
	  "https://bugs.kde.org/show_bug.cgi?id=233298: MEMPOOL_FREE, auto-free counted" },
	{ "3.27.0", offsetof(struct kc_vgfacts, replaces_malloc),
	  "bug 514343: REPLACES_MALLOC, GET_TOOLNAME" },
};

void
kc_vgfacts_get(const char *version, struct kc_vgfacts *f)
{
	size_t i;

	*f = (struct kc_vgfacts){ 0 };
	for (i = 0; i < sizeof(kc_vgfact_rows) / sizeof(kc_vgfact_rows[0]); i++)
		*(bool *)((char *)f + kc_vgfact_rows[i].field) =
		    kc_version_strcmp(version, kc_vgfact_rows[i].since) >= 0;
	/* Protocol 5 was used only with --track-fds (3.23-3.25), never here. */
	f->xml_protocol = f->xml_summaries ? 6 : 4;
}
