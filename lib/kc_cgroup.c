/* SPDX-License-Identifier: BSD-2-Clause */
/* cgroup2 helpers (see kc_cgroup.h). */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kc_cgroup.h"

/* mountinfo escapes space, tab, newline and backslash as \ooo. */
static void
kc_unescape(char *s)
{
	char *w = s;

	while (*s != '\0') {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '7' && s[2] >= '0' &&
		    s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*w++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
			s += 4;
		} else {
			*w++ = *s++;
		}
	}
	*w = '\0';
}

int
kc_cgroup2_mount(char *buf, size_t len)
{
	char line[4096];
	FILE *f;
	int found = 0;

	f = fopen("/proc/self/mountinfo", "re");
	if (f == NULL)
		return (-1);
	while (!found && fgets(line, sizeof(line), f) != NULL) {
		char *sep, *fields[5], *save = NULL, *p;
		int i;

		/* "id parent maj:min root mountpoint options... - fstype source opts" */
		sep = strstr(line, " - ");
		if (sep == NULL || strncmp(sep + 3, "cgroup2 ", 8) != 0)
			continue;
		*sep = '\0';
		p = line;
		for (i = 0; i < 5; i++) {
			fields[i] = strtok_r(p, " ", &save);
			p = NULL;
			if (fields[i] == NULL)
				break;
		}
		if (i < 5)
			continue;
		kc_unescape(fields[4]);
		if ((size_t)snprintf(buf, len, "%s", fields[4]) >= len) {
			fclose(f);
			errno = ENAMETOOLONG;
			return (-1);
		}
		found = 1;
	}
	fclose(f);
	if (!found) {
		errno = ENOENT;
		return (-1);
	}
	return (0);
}

int
kc_cgroup2_path(pid_t pid, char *buf, size_t len)
{
	char path[64], line[4096];
	FILE *f;
	int found = 0;

	if (pid == 0)
		snprintf(path, sizeof(path), "/proc/self/cgroup");
	else
		snprintf(path, sizeof(path), "/proc/%d/cgroup", (int)pid);
	f = fopen(path, "re");
	if (f == NULL)
		return (-1);
	while (!found && fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, "0::", 3) != 0)
			continue;
		line[strcspn(line, "\n")] = '\0';
		if ((size_t)snprintf(buf, len, "%s", line + 3) >= len) {
			fclose(f);
			errno = ENAMETOOLONG;
			return (-1);
		}
		found = 1;
	}
	fclose(f);
	if (!found) {
		errno = ENOENT;
		return (-1);
	}
	return (0);
}

int
kc_cgroup2_self_dir(char *buf, size_t len)
{
	char mnt[1024], path[1024];

	if (kc_cgroup2_mount(mnt, sizeof(mnt)) == -1 ||
	    kc_cgroup2_path(0, path, sizeof(path)) == -1)
		return (-1);
	if ((size_t)snprintf(buf, len, "%s%s", mnt, strcmp(path, "/") == 0 ? "" : path) >= len) {
		errno = ENAMETOOLONG;
		return (-1);
	}
	return (0);
}

int
kc_cgroup_create(const char *area, const char *tag, char *buf, size_t len)
{
	char dir[2048];

	if (kc_cgroup2_self_dir(dir, sizeof(dir)) == -1)
		return (-1);
	if ((size_t)snprintf(buf, len, "%s/" KC_CGROUP_PREFIX "%s.%d.%s", dir, area,
	    (int)getpid(), tag) >= len) {
		errno = ENAMETOOLONG;
		return (-1);
	}
	return (mkdir(buf, 0755));
}

int
kc_cgroup_remove_stale(const char *area, int all)
{
	char dir[2048], prefix[256], path[4096];
	struct dirent *de;
	DIR *d;
	int left = 0;
	size_t n;

	if (kc_cgroup2_self_dir(dir, sizeof(dir)) == -1)
		return (-1);
	n = (size_t)snprintf(prefix, sizeof(prefix), KC_CGROUP_PREFIX "%s.", area);
	d = opendir(dir);
	if (d == NULL)
		return (-1);
	while ((de = readdir(d)) != NULL) {
		long pid;
		char *end;

		if (strncmp(de->d_name, prefix, n) != 0)
			continue;
		pid = strtol(de->d_name + n, &end, 10);
		if (!all && *end == '.' && pid > 0 && (pid_t)pid != getpid() &&
		    (kill((pid_t)pid, 0) == 0 || errno == EPERM))
			continue;	/* its creator still runs: not ours to remove */
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (rmdir(path) == -1 && errno != ENOENT)
			left++;
	}
	closedir(d);
	return (left);
}
