/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cgroup2 helpers: find the cgroup2 mount (it is not always /sys/fs/cgroup:
 * hybrid layouts mount it at /sys/fs/cgroup/unified), a process's cgroup2
 * path, and private child cgroups for CLONE_INTO_CGROUP.  Libc-like (-1 and
 * errno); no ATF calls.
 *
 * A case creates its cgroups under its own cgroup.  In a run, that is the
 * run's cgroup, "<cgroup of the runner>/kconform.run.<pid>", which
 * kc-leftovers creates, moves the run into, checks and removes
 * (lib/tools/kc-leftovers.c): so the cgroups of a run are those of its
 * subtree, apart from every other job's on the machine.
 */
#ifndef LIB_KC_CGROUP_H
#define LIB_KC_CGROUP_H

#include <stddef.h>
#include <sys/types.h>

/* Prefix of every cgroup the suite creates: "kconform.<area>.<pid>.<tag>". */
#define KC_CGROUP_PREFIX	"kconform."

/* The first cgroup2 mount point in /proc/self/mountinfo; -1/ENOENT if none. */
int kc_cgroup2_mount(char *buf, size_t len);

/* The cgroup2 path of `pid` (0: self) from /proc/<pid>/cgroup ("0::<path>"),
 * e.g. "/" or "/kconform.clone3.42.x"; -1/ENOENT if it has none. */
int kc_cgroup2_path(pid_t pid, char *buf, size_t len);

/* The directory of our own cgroup2: <mount><path>. */
int kc_cgroup2_self_dir(char *buf, size_t len);

/* Create "<self dir>/kconform.<area>.<getpid()>.<tag>"; its path in buf. */
int kc_cgroup_create(const char *area, const char *tag, char *buf, size_t len);

/*
 * Remove the cgroups of `area` under our cgroup2 directory whose creating
 * process is gone (all of them when `all`): the ATF cleanup of a case, which
 * runs after its body has exited.  Returns how many were left that could not
 * be removed (0 when the tree is clean), or -1 when there is no cgroup2.
 */
int kc_cgroup_remove_stale(const char *area, int all);

#endif /* LIB_KC_CGROUP_H */
