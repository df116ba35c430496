/* SPDX-License-Identifier: BSD-2-Clause */
/* Reading a whole file into memory (see kc_file.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <atf-c.h>

#include "kc_file.h"

char *
kc_file_slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (f == NULL && (errno == ENOENT || errno == ENOTDIR))
		return (NULL);
	ATF_REQUIRE_MSG(f != NULL, "fopen(%s): %s", path, strerror(errno));
	do {
		if (len + 4096 + 1 > cap) {
			cap = cap * 2 + 8192;
			buf = realloc(buf, cap);
			ATF_REQUIRE_MSG(buf != NULL, "out of memory");
		}
		n = fread(buf + len, 1, cap - len - 1, f);
		len += n;
	} while (n > 0);
	ATF_REQUIRE_MSG(!ferror(f), "read %s failed", path);
	fclose(f);
	buf[len] = '\0';
	return (buf);
}
