/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kc-leftovers: run a command and report what it left behind.
 *
 *   kc-leftovers [--report FILE] -- command [args...]
 *
 * Becomes a child subreaper, so that every process the command orphans is
 * reparented here, and snapshots /tmp, the cgroup2 hierarchy (found in
 * /proc/self/mountinfo) and the mount table before the run.  After the
 * command exits it reports, one line each: processes still alive or unreaped
 * (then kills and reaps them), new entries in /tmp, new cgroups, new mounts.
 * Exit status: the command's if it failed; else 3 if anything was left
 * behind; else 0.  The run-suite script wraps kyua in it, so every `make
 * check` proves that the cases clean up.
 */
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kc_cgroup.h"
#include "kc_child.h"

struct kc_list {
	char	**v;
	size_t	  n, cap;
};

static void
kc_list_add(struct kc_list *l, const char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = realloc(l->v, l->cap * sizeof(*l->v));
		if (l->v == NULL) {
			perror("kc-leftovers");
			exit(2);
		}
	}
	l->v[l->n++] = strdup(s);
}

static int
kc_list_has(const struct kc_list *l, const char *s)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (strcmp(l->v[i], s) == 0)
			return (1);
	}
	return (0);
}

static void
kc_snap_dir(const char *dir, struct kc_list *l)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			kc_list_add(l, de->d_name);
	}
	closedir(d);
}

static struct kc_list *kc_cg_target;

static int
kc_cg_visit(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	if (type == FTW_D)
		kc_list_add(kc_cg_target, path);
	return (0);
}

static void
kc_snap_mounts(struct kc_list *l)
{
	FILE *f = fopen("/proc/self/mountinfo", "r");
	char line[4096];

	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		char mnt[1024];

		if (sscanf(line, "%*s %*s %*s %*s %1023s", mnt) == 1)
			kc_list_add(l, mnt);
	}
	fclose(f);
}

struct kc_snap {
	struct kc_list	tmp, cg, mounts;
};

static void
kc_snapshot(struct kc_snap *s, const char *cg)
{
	memset(s, 0, sizeof(*s));
	kc_snap_dir("/tmp", &s->tmp);
	if (cg != NULL) {
		kc_cg_target = &s->cg;
		nftw(cg, kc_cg_visit, 16, FTW_PHYS | FTW_MOUNT);
	}
	kc_snap_mounts(&s->mounts);
}

static int
kc_diff(FILE *out, const char *what, const struct kc_list *before, const struct kc_list *after)
{
	size_t i;
	int found = 0;

	for (i = 0; i < after->n; i++) {
		if (!kc_list_has(before, after->v[i])) {
			fprintf(out, "leftover: %s %s\n", what, after->v[i]);
			found = 1;
		}
	}
	return (found);
}

int
main(int argc, char **argv)
{
	struct kc_snap before, after;
	char cgbuf[1024];
	const char *cg = NULL, *report = NULL;
	FILE *out = stderr;
	siginfo_t si;
	pid_t pid;
	int i = 1, left = 0;

	if (i + 1 < argc && strcmp(argv[i], "--report") == 0) {
		report = argv[i + 1];
		i += 2;
	}
	if (i >= argc || strcmp(argv[i], "--") != 0 || i + 1 >= argc) {
		fprintf(stderr, "usage: kc-leftovers [--report FILE] -- command [args...]\n");
		return (2);
	}
	i++;
	if (kc_cgroup2_mount(cgbuf, sizeof(cgbuf)) == 0)
		cg = cgbuf;
	if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == -1) {
		perror("kc-leftovers: PR_SET_CHILD_SUBREAPER");
		return (2);
	}
	kc_snapshot(&before, cg);
	pid = fork();
	if (pid == -1) {
		perror("kc-leftovers: fork");
		return (2);
	}
	if (pid == 0) {
		execvp(argv[i], &argv[i]);
		fprintf(stderr, "kc-leftovers: %s: %s\n", argv[i], strerror(errno));
		_exit(127);
	}
	if (waitid(P_PID, (id_t)pid, &si, WEXITED) == -1) {
		perror("kc-leftovers: waitid");
		return (2);
	}
	if (report != NULL && (out = fopen(report, "w")) == NULL) {
		perror(report);
		out = stderr;
	}
	left |= kc_reap_children(out) > 0;
	kc_snapshot(&after, cg);
	left |= kc_diff(out, "file in /tmp:", &before.tmp, &after.tmp);
	left |= kc_diff(out, "cgroup", &before.cg, &after.cg);
	left |= kc_diff(out, "mount", &before.mounts, &after.mounts);
	if (out != stderr)
		fclose(out);
	if (si.si_code != CLD_EXITED)
		return (128 + si.si_status);
	if (si.si_status != 0)
		return (si.si_status);
	return (left ? 3 : 0);
}
