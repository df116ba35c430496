/* SPDX-License-Identifier: BSD-2-Clause */
/* Read the program registry and list a program's cases (see kc_registry.h). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kc_registry.h"

static void
kc_registry_meta(struct kc_program *p)
{
	char buf[sizeof(p->meta)], *w, *save;

	snprintf(buf, sizeof(buf), "%s", p->meta);
	for (w = strtok_r(buf, " ", &save); w != NULL; w = strtok_r(NULL, " ", &save)) {
		if (strncmp(w, "timeout=", 8) == 0)
			p->timeout = atoi(w + 8);
		else if (strcmp(w, "is_exclusive=true") == 0)
			p->is_exclusive = true;
	}
}

int
kc_registry_load(const char *build_root, const char *prefix, struct kc_program *p,
    size_t max)
{
	char path[PATH_MAX], line[600], *sp;
	size_t n = 0, plen = strlen(prefix);
	FILE *f;

	snprintf(path, sizeof(path), "%s/kc-programs.txt", build_root);
	f = fopen(path, "r");
	if (f == NULL)
		return (-1);
	while (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '\0' || strncmp(line, prefix, plen) != 0)
			continue;
		if (n >= max) {
			fclose(f);
			errno = E2BIG;
			return (-1);
		}
		memset(&p[n], 0, sizeof(p[n]));
		sp = strchr(line, ' ');
		if (sp != NULL)
			*sp++ = '\0';
		if (strlen(line) >= sizeof(p[n].path) ||
		    (sp != NULL && strlen(sp) >= sizeof(p[n].meta))) {
			fclose(f);
			errno = ENAMETOOLONG;
			return (-1);
		}
		memcpy(p[n].path, line, strlen(line) + 1);
		if (sp != NULL)
			memcpy(p[n].meta, sp, strlen(sp) + 1);
		kc_registry_meta(&p[n]);
		n++;
	}
	fclose(f);
	return ((int)n);
}

int
kc_program_cases(const char *prog, char (*names)[128], size_t max)
{
	char cmd[PATH_MAX + 16], line[512];
	size_t n = 0;
	int st;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "'%s' -l", prog);
	f = popen(cmd, "r");
	if (f == NULL)
		return (-1);
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, "ident: ", 7) != 0)
			continue;
		line[strcspn(line, "\n")] = '\0';
		if (n >= max || strlen(line + 7) >= sizeof(names[0])) {
			(void)pclose(f);
			errno = E2BIG;
			return (-1);
		}
		memcpy(names[n++], line + 7, strlen(line + 7) + 1);
	}
	st = pclose(f);
	if (st != 0) {
		errno = ECHILD;
		return (-1);
	}
	return ((int)n);
}
