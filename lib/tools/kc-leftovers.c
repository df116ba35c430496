/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kc-leftovers: run a command and report what it, and only it, left behind.
 *
 *   kc-leftovers [--report FILE] [--tmp DIR [--keep PATH]...] -- command [args...]
 *
 * The check covers exactly what the run made, so that other jobs on the same
 * machine (a second checkout, a CI runner with two jobs) are never reported:
 *
 *   processes  kc-leftovers is a child subreaper: every process the command
 *              orphans is reparented here.  After the command exits, any
 *              descendant still alive or unreaped is reported, killed, reaped.
 *   files      with --tmp, the command runs in a mount namespace of its own
 *              (when unshare(CLONE_NEWNS) is allowed, i.e. as root) in which
 *              DIR/tmp is bind-mounted on /tmp and DIR/shm on /dev/shm, and
 *              TMPDIR=/tmp: whatever any process of the run writes in /tmp or
 *              /dev/shm lands under DIR, and nobody else's files are seen.
 *              Every entry left under DIR/tmp or DIR/shm is reported.  DIR,
 *              and each --keep PATH (the checkout and build tree), stay
 *              visible at their own paths when they lie under /tmp (a clone
 *              made in /tmp).  Without
 *              a namespace (not root) TMPDIR=DIR/tmp and, in /tmp itself, only
 *              new entries owned by our uid are reported.
 *   cgroups    the run gets a cgroup2 directory of its own,
 *              "<our cgroup>/kconform.run.<pid>", and kc-leftovers moves itself
 *              into it before starting the command, so every cgroup a case
 *              creates under its own cgroup (lib/kc_cgroup.h) is in that
 *              subtree.  Afterwards kc-leftovers moves back, reports every
 *              cgroup left in the subtree and every process left in it,
 *              removes the subtree and the run's cgroup.  Skipped, with a note
 *              on stderr, where no cgroup2 is writable (then no case can
 *              create a cgroup either).
 *   mounts     the mount table of the run's namespace, before and after (a
 *              private namespace when --tmp has one: mounts made elsewhere on
 *              the machine do not propagate into it).  No case calls setns(2),
 *              so no case can mount outside the namespaces the run created.
 *
 * Exit status: the command's if it failed; else 3 if anything was left
 * behind; else 0; 2 on a setup error of kc-leftovers itself.  The run-suite
 * script wraps kyua in it, so every `make check` proves that the cases clean
 * up.
 */
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <sched.h>
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
	l->v[l->n] = strdup(s);
	if (l->v[l->n++] == NULL) {
		perror("kc-leftovers");
		exit(2);
	}
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

/* The entries of dir; with uid != -1 only those owned by uid. */
static void
kc_snap_dir(const char *dir, uid_t uid, struct kc_list *l)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct stat st;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (uid != (uid_t)-1 && (fstatat(dirfd(d), de->d_name, &st,
		    AT_SYMLINK_NOFOLLOW) == -1 || st.st_uid != uid))
			continue;
		kc_list_add(l, de->d_name);
	}
	closedir(d);
}

/* nftw has no user pointer: the list the visitors fill. */
static struct kc_list *kc_cg_target;

static int
kc_cg_visit(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)sb;
	if (type == FTW_D && ftw->level > 0)
		kc_list_add(kc_cg_target, path);
	return (0);
}

static int
kc_cg_remove(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)sb;
	if (type == FTW_DP && ftw->level > 0 && rmdir(path) == -1)
		fprintf(stderr, "kc-leftovers: rmdir %s: %s\n", path, strerror(errno));
	return (0);
}

/* "mount-id mountpoint" of every mount of our namespace. */
static void
kc_snap_mounts(struct kc_list *l)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[4096];

	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		char id[32], mnt[1024], both[1100];

		if (sscanf(line, "%31s %*s %*s %*s %1023s", id, mnt) == 2) {
			snprintf(both, sizeof(both), "%s (id %s)", mnt, id);
			kc_list_add(l, both);
		}
	}
	fclose(f);
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

static int
kc_write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd == -1)
		return (-1);
	n = write(fd, s, strlen(s));
	close(fd);
	return (n == (ssize_t)strlen(s) ? 0 : -1);
}

/* The private directories: DIR/tmp and DIR/shm, sticky and world-writable
 * like /tmp, so that the cases run as nobody can use them. */
static int
kc_make_private_dir(const char *dir, const char *sub, char *buf, size_t len)
{
	if ((size_t)snprintf(buf, len, "%s/%s", dir, sub) >= len) {
		errno = ENAMETOOLONG;
		return (-1);
	}
	if (mkdir(buf, 01777) == -1 && errno != EEXIST)
		return (-1);
	return (chmod(buf, 01777));
}

/*
 * Paths the run needs that lie under the machine's /tmp, which the private
 * /tmp hides: the run's DIR when the run is inside another run (a selftest
 * running run-suite.sh on a fixture: DIR is in the outer run's /tmp), and
 * the checkout and build tree of a clone under /tmp (--keep).  Each path is
 * made again inside the new /tmp (under DIR/tmp, so before the snapshot)
 * and the original bind-mounted on it; kc_keep_undo removes them.
 */
#define KC_KEEP_MAX	8
static char kc_kept[KC_KEEP_MAX][PATH_MAX];
static int kc_nkept;

/* Is path p the directory k or below it? */
static int
kc_under(const char *p, const char *k)
{
	size_t n = strlen(k);

	return (strncmp(p, k, n) == 0 && (p[n] == '\0' || p[n] == '/'));
}

static void
kc_keep_path(int fd, const char *rdir)
{
	char path[PATH_MAX], src[64];
	size_t i;

	snprintf(path, sizeof(path), "%s", rdir);
	for (i = 5; path[i] != '\0'; i++) {	/* after "/tmp/" */
		if (path[i] != '/')
			continue;
		path[i] = '\0';
		if (mkdir(path, 0700) == -1 && errno != EEXIST)
			goto fail;
		path[i] = '/';
	}
	if (mkdir(path, 0700) == -1 && errno != EEXIST)
		goto fail;
	snprintf(src, sizeof(src), "/proc/self/fd/%d", fd);
	if (mount(src, path, NULL, MS_BIND, NULL) == -1)
		goto fail;
	close(fd);
	snprintf(kc_kept[kc_nkept++], PATH_MAX, "%s", rdir);
	return;
fail:
	fprintf(stderr, "kc-leftovers: keeping %s visible: %s\n", rdir, strerror(errno));
	exit(2);
}

static void
kc_keep_undo(void)
{
	char *slash, *k;

	while (kc_nkept > 0) {
		k = kc_kept[--kc_nkept];
		if (umount2(k, MNT_DETACH) == -1)
			continue;
		while (strcmp(k, "/tmp") != 0 && rmdir(k) == 0 &&
		    (slash = strrchr(k, '/')) != NULL)
			*slash = '\0';
	}
}

/*
 * A mount namespace with no propagation from the rest of the machine, with
 * the private directories on /tmp and /dev/shm, and the paths of keep[]
 * (nkeep of them, DIR first) that lie under /tmp still visible.  0, or -1
 * with errno (EPERM when not root: then nothing was changed).
 */
static int
kc_private_ns(const char *const keep[], int nkeep, const char *tmp, const char *shm)
{
	char real[KC_KEEP_MAX][PATH_MAX];
	int fd[KC_KEEP_MAX], i, j, n = 0;

	for (i = 0; i < nkeep && i < KC_KEEP_MAX; i++) {
		if (realpath(keep[i], real[n]) == NULL) {
			perror(keep[i]);
			exit(2);
		}
		if (strncmp(real[n], "/tmp/", 5) != 0)
			continue;
		for (j = 0; j < n && !kc_under(real[n], real[j]); j++)
			;
		if (j < n)
			continue;	/* below a path kept already */
		n++;
	}
	if (unshare(CLONE_NEWNS) == -1)
		return (-1);
	for (i = 0; i < n; i++) {
		if ((fd[i] = open(real[i], O_PATH | O_DIRECTORY | O_CLOEXEC)) == -1) {
			perror(real[i]);
			exit(2);
		}
	}
	/* /dev/shm first: shm may be under /tmp, which the second hides. */
	if (mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) == -1 ||
	    mount(shm, "/dev/shm", NULL, MS_BIND, NULL) == -1 ||
	    mount(tmp, "/tmp", NULL, MS_BIND, NULL) == -1) {
		perror("kc-leftovers: private /tmp and /dev/shm");
		exit(2);
	}
	for (i = 0; i < n; i++)
		kc_keep_path(fd[i], real[i]);
	return (0);
}

struct kc_cg {
	char	orig[PATH_MAX];		/* our cgroup2 directory before */
	char	run[PATH_MAX + 64];	/* the run's: orig/kconform.run.<pid> */
	int	on;
};

/* Create the run's cgroup and move in; a note on stderr if we cannot. */
static void
kc_cg_enter(struct kc_cg *cg)
{
	char pid[32], procs[PATH_MAX + 96];

	memset(cg, 0, sizeof(*cg));
	if (kc_cgroup2_self_dir(cg->orig, sizeof(cg->orig)) == -1) {
		fprintf(stderr, "kc-leftovers: no cgroup2 here (%s): cgroups not "
		    "checked\n", strerror(errno));
		return;
	}
	snprintf(cg->run, sizeof(cg->run), "%s/" KC_CGROUP_PREFIX "run.%d",
	    cg->orig, (int)getpid());
	if (mkdir(cg->run, 0755) == -1) {
		fprintf(stderr, "kc-leftovers: mkdir %s: %s: cgroups not checked\n",
		    cg->run, strerror(errno));
		return;
	}
	snprintf(pid, sizeof(pid), "%d\n", (int)getpid());
	snprintf(procs, sizeof(procs), "%s/cgroup.procs", cg->run);
	if (kc_write_file(procs, pid) == -1) {
		fprintf(stderr, "kc-leftovers: moving into %s: %s: cgroups not "
		    "checked\n", cg->run, strerror(errno));
		(void)rmdir(cg->run);
		return;
	}
	cg->on = 1;
}

/* Report what is left in the run's cgroup, move back, remove it all. */
static int
kc_cg_leave(struct kc_cg *cg, FILE *out)
{
	char path[PATH_MAX + 96], pid[32], line[64];
	struct kc_list sub;
	FILE *f;
	int left = 0;
	size_t i;

	if (!cg->on)
		return (0);
	snprintf(pid, sizeof(pid), "%d\n", (int)getpid());
	snprintf(path, sizeof(path), "%s/cgroup.procs", cg->orig);
	if (kc_write_file(path, pid) == -1)
		fprintf(stderr, "kc-leftovers: moving back to %s: %s\n", cg->orig,
		    strerror(errno));
	snprintf(path, sizeof(path), "%s/cgroup.procs", cg->run);
	if ((f = fopen(path, "re")) != NULL) {
		while (fgets(line, sizeof(line), f) != NULL) {
			line[strcspn(line, "\n")] = '\0';
			fprintf(out, "leftover: process %s in the run's cgroup\n", line);
			left = 1;
		}
		fclose(f);
	}
	memset(&sub, 0, sizeof(sub));
	kc_cg_target = &sub;
	nftw(cg->run, kc_cg_visit, 16, FTW_PHYS | FTW_MOUNT);
	for (i = 0; i < sub.n; i++) {
		fprintf(out, "leftover: cgroup %s\n", sub.v[i]);
		left = 1;
	}
	nftw(cg->run, kc_cg_remove, 16, FTW_PHYS | FTW_MOUNT | FTW_DEPTH);
	if (rmdir(cg->run) == -1)
		fprintf(stderr, "kc-leftovers: rmdir %s: %s\n", cg->run, strerror(errno));
	return (left);
}

int
main(int argc, char **argv)
{
	struct kc_list tmp0, tmp1, shm0, shm1, host0, host1, mnt0, mnt1;
	char tmp[PATH_MAX], shm[PATH_MAX];
	const char *report = NULL, *dir = NULL, *keep[KC_KEEP_MAX];
	int nkeep = 1;
	struct kc_cg cg;
	FILE *out = stderr;
	siginfo_t si;
	pid_t pid;
	int i = 1, left = 0, ns = 0;

	while (i + 1 < argc && argv[i][0] == '-' && strcmp(argv[i], "--") != 0) {
		if (strcmp(argv[i], "--report") == 0)
			report = argv[i + 1];
		else if (strcmp(argv[i], "--tmp") == 0)
			dir = argv[i + 1];
		else if (strcmp(argv[i], "--keep") == 0 && nkeep < KC_KEEP_MAX)
			keep[nkeep++] = argv[i + 1];
		else
			break;
		i += 2;
	}
	if (i >= argc || strcmp(argv[i], "--") != 0 || i + 1 >= argc) {
		fprintf(stderr, "usage: kc-leftovers [--report FILE] [--tmp DIR [--keep PATH]...] -- "
		    "command [args...]\n");
		return (2);
	}
	i++;
	memset(&tmp0, 0, sizeof(tmp0));
	tmp1 = shm0 = shm1 = host0 = host1 = mnt0 = mnt1 = tmp0;
	if (dir != NULL) {
		if (kc_make_private_dir(dir, "tmp", tmp, sizeof(tmp)) == -1 ||
		    kc_make_private_dir(dir, "shm", shm, sizeof(shm)) == -1) {
			fprintf(stderr, "kc-leftovers: %s: %s\n", dir, strerror(errno));
			return (2);
		}
		keep[0] = dir;
		ns = kc_private_ns(keep, nkeep, tmp, shm) == 0;
		if (setenv("TMPDIR", ns ? "/tmp" : tmp, 1) == -1) {
			perror("kc-leftovers: setenv");
			return (2);
		}
		/* In the namespace, by the paths that do not depend on DIR's. */
		if (ns) {
			snprintf(tmp, sizeof(tmp), "/tmp");
			snprintf(shm, sizeof(shm), "/dev/shm");
		}
		kc_snap_dir(tmp, (uid_t)-1, &tmp0);
		kc_snap_dir(shm, (uid_t)-1, &shm0);
	}
	if (!ns)
		kc_snap_dir("/tmp", getuid(), &host0);
	if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == -1) {
		perror("kc-leftovers: PR_SET_CHILD_SUBREAPER");
		return (2);
	}
	kc_cg_enter(&cg);
	kc_snap_mounts(&mnt0);
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
	left |= kc_cg_leave(&cg, out);
	kc_snap_mounts(&mnt1);
	left |= kc_diff(out, "mount", &mnt0, &mnt1);
	if (dir != NULL) {
		kc_keep_undo();
		kc_snap_dir(tmp, (uid_t)-1, &tmp1);
		kc_snap_dir(shm, (uid_t)-1, &shm1);
		left |= kc_diff(out, ns ? "file in /tmp:" : "file in TMPDIR:", &tmp0, &tmp1);
		left |= kc_diff(out, ns ? "file in /dev/shm:" : "file in DIR/shm:", &shm0, &shm1);
	}
	if (!ns) {
		kc_snap_dir("/tmp", getuid(), &host1);
		left |= kc_diff(out, "file in /tmp:", &host0, &host1);
	}
	if (out != stderr)
		fclose(out);
	if (si.si_code != CLD_EXITED)
		return (128 + si.si_status);
	if (si.si_status != 0)
		return (si.si_status);
	return (left ? 3 : 0);
}
