/* SPDX-License-Identifier: BSD-2-Clause */
/* Errors in an unparseable Valgrind report (see parity_report.h). */
#include <string.h>

#include "parity_report.h"

static unsigned
parity_count(const char *raw, const char *tag)
{
	unsigned n = 0;
	const char *p;

	for (p = strstr(raw, tag); p != NULL; p = strstr(p + 1, tag))
		n++;
	return (n);
}

bool
parity_garbled_has_error(const char *raw)
{
	static const char kind[] = "<kind>", leak[] = "Leak_";
	const char *p;

	for (p = strstr(raw, kind); p != NULL; p = strstr(p + 1, kind))
		if (strncmp(p + sizeof(kind) - 1, leak, sizeof(leak) - 1) != 0)
			return (true);
	return (parity_count(raw, "<error>") > parity_count(raw, "<kind>Leak_"));
}
