/* SPDX-License-Identifier: BSD-2-Clause */
/* Enumerate the cases of the built programs of a cases/ directory (see kc_sel3.h). */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_atfrun.h"
#include "kc_sel3.h"

static int
by_name(const void *a, const void *b)
{
	return (strcmp(*(const char *const *)a, *(const char *const *)b));
}

size_t
sel3_list(const atf_tc_t *tc, const char *dir, struct sel3_case *c, size_t n)
{
	char rel[64], path[1024], cmd[1200], line[512];
	char *names[64];
	struct dirent *de;
	size_t nn = 0, i;
	DIR *d;

	snprintf(rel, sizeof(rel), "cases/%s", dir);
	kc_build_path(atf_tc_get_config_var(tc, "srcdir"), rel, path, sizeof(path));
	d = opendir(path);
	if (d == NULL)
		return (n);	/* the directory is not built: nothing to run */
	while ((de = readdir(d)) != NULL && nn < 64) {
		size_t l = strlen(de->d_name);
		char p[1200];
		struct stat st;

		if (l < 5 || strcmp(de->d_name + l - 5, "_test") != 0)
			continue;
		snprintf(p, sizeof(p), "%s/%s", path, de->d_name);
		if (stat(p, &st) == -1 || !S_ISREG(st.st_mode) || access(p, X_OK) == -1)
			continue;
		names[nn] = strdup(de->d_name);
		ATF_REQUIRE(names[nn] != NULL);
		nn++;
	}
	closedir(d);
	qsort(names, nn, sizeof(names[0]), by_name);
	for (i = 0; i < nn; i++) {
		FILE *f;

		snprintf(cmd, sizeof(cmd), "'%s/%s' -l", path, names[i]);
		f = popen(cmd, "r");
		ATF_REQUIRE_MSG(f != NULL, "%s: %s", cmd, strerror(errno));
		while (fgets(line, sizeof(line), f) != NULL && n < SEL3_MAX) {
			if (strncmp(line, "ident: ", 7) != 0)
				continue;
			line[strcspn(line, "\n")] = '\0';
			snprintf(c[n].prog, sizeof(c[n].prog), "%s/%s", path, names[i]);
			snprintf(c[n].dir, sizeof(c[n].dir), "%s", dir);
			snprintf(c[n].name, sizeof(c[n].name), "%s", line + 7);
			n++;
		}
		ATF_REQUIRE_MSG(pclose(f) == 0, "%s failed", cmd);
		free(names[i]);
	}
	return (n);
}
