/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * clone3(2) CLONE_INTO_CGROUP: the child starts in the cgroup2 directory
 * given by .cgroup.  The cgroup2 mount is found in /proc/self/mountinfo
 * (hybrid layouts have it at /sys/fs/cgroup/unified); cases create private
 * cgroups "kconform.clone3.<pid>.<tag>" and remove them, also in the ATF
 * cleanup when the body fails.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_case.h"
#include "kc_cgroup.h"
#include "kc_child.h"
#include "kc_clone3.h"
#include "kc_kfacts.h"
#include "kc_macros.h"
#include "kc_probe.h"
#include "kc_sys.h"

static void
into_args(struct kc_clone_args *a, int cgfd)
{
	memset(a, 0, sizeof(*a));
	a->flags = CLONE_INTO_CGROUP;
	a->exit_signal = SIGCHLD;
	a->cgroup = (uint64_t)cgfd;
}

/*
 * The floor of CLONE_INTO_CGROUP (KC_KF_CLONE_INTO_CGROUP): a clone3 with a
 * real cgroup2 fd that returned r with errno e.  EINVAL (unknown flag) or
 * E2BIG (size 88) skips below 5.7 and fails from 5.7 on; anything else
 * (success, EACCES of a cgroup we may not write) is not about the flag.
 */
static void
into_cgroup_floor(long r, int e)
{
	if (r == -1 && (e == EINVAL || e == E2BIG))
		kc_require_kfeature(KC_KF_CLONE_INTO_CGROUP,
		    "clone3(2) CLONE_INTO_CGROUP with a cgroup2 fd", r, e);
}

/* An fd of our own cgroup2 directory, or a skip naming why there is none. */
static int
open_own_cgroup(char *dir, size_t len)
{
	int fd;

	if (kc_cgroup2_self_dir(dir, len) == -1)
		atf_tc_skip("cgroup2: %s (no cgroup2 mount in /proc/self/mountinfo, "
		    "or no 0:: line in /proc/self/cgroup)", kc_errname(errno));
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ATF_REQUIRE_MSG(fd >= 0, "open %s: %s", dir, strerror(errno));
	return (fd);
}

/*
 * The child is created inside a private cgroup: /proc/<pid>/cgroup names
 * it while the child runs, and the parent stays where it was.  Skipped
 * when no cgroup2 is writable here (mkdir refused: not root, read-only).
 */
KC_CASE_CLEANUP(clone3_cgroup__into_private_cgroup,
    "clone3(2) CLONE_INTO_CGROUP starts the child in a private cgroup2 directory")
{
	struct kc_clone_args a;
	char cg[4096], mnt[1024], want[4096], got[4096], before[4096];
	int fd, go[2];
	long pid;

	kc_require_clone3();
	if (kc_cgroup2_mount(mnt, sizeof(mnt)) == -1)
		atf_tc_skip("cgroup2: no cgroup2 mount in /proc/self/mountinfo");
	RL(kc_cgroup2_path(0, before, sizeof(before)));
	if (kc_cgroup_create("clone3", "into", cg, sizeof(cg)) == -1) {
		if (errno == EACCES || errno == EPERM || errno == EROFS)
			atf_tc_skip("cgroup2 at %s: not writable (mkdir: %s)", mnt,
			    kc_errname(errno));
		atf_tc_fail("mkdir %s: %s", cg, strerror(errno));
	}
	snprintf(want, sizeof(want), "%s", cg + strlen(mnt));
	fd = open(cg, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ATF_REQUIRE_MSG(fd >= 0, "open %s: %s", cg, strerror(errno));
	RL(pipe2(go, O_CLOEXEC));
	into_args(&a, fd);
	pid = kc_clone3(&a, sizeof(a));
	if (pid == 0) {
		char c;

		close(go[1]);
		_exit(read(go[0], &c, 1) == 0 ? 0 : 1);	/* wait for EOF */
	}
	if (pid == -1) {
		int e = errno;

		RL(close(go[0]));
		RL(close(go[1]));
		RL(close(fd));
		RL(rmdir(cg));
		into_cgroup_floor(pid, e);
		errno = e;
	}
	ATF_REQUIRE_MSG(pid > 0, "clone3(CLONE_INTO_CGROUP %s): %s", cg, kc_errname(errno));
	RL(close(go[0]));
	if (kc_cgroup2_path((pid_t)pid, got, sizeof(got)) == -1)
		snprintf(got, sizeof(got), "(unreadable: %s)", kc_errname(errno));
	RL(close(go[1]));
	kc_require_exit((pid_t)pid, 0);
	ATF_CHECK_MSG(strcmp(want, got) == 0, "child's cgroup is %s, expected %s", got, want);
	RL(kc_cgroup2_path(0, got, sizeof(got)));
	ATF_CHECK_MSG(strcmp(before, got) == 0, "the parent moved from %s to %s", before, got);
	RL(close(fd));
	RL(rmdir(cg));
}
KC_CLEANUP(clone3_cgroup__into_private_cgroup)
{
	/* The body has exited: remove the cgroups of bodies that are gone. */
	(void)kc_cgroup_remove_stale("clone3", 0);
}

/* .cgroup must be a cgroup2 directory: any other directory fd is EBADF.
 * A kernel without CLONE_INTO_CGROUP (< 5.7) answers EINVAL for the unknown
 * flag; probed with a real cgroup2 fd first, which never gives EINVAL from
 * 5.7 on (the floor: skip below, fail above). */
KC_CASE(clone3_cgroup__not_cgroup2_fd_ebadf,
    "clone3(2) CLONE_INTO_CGROUP with an fd that is not a cgroup2 directory fails with EBADF")
{
	struct kc_clone_args a;
	char dir[4096];
	long r;
	int cgfd, e, fd;

	kc_require_clone3();
	cgfd = open_own_cgroup(dir, sizeof(dir));
	/* Availability: our own cgroup works (root) or is refused (EACCES...). */
	into_args(&a, cgfd);
	r = kc_clone3(&a, sizeof(a));
	if (r == 0)
		_exit(0);
	if (r > 0)
		kc_require_exit((pid_t)r, 0);
	e = errno;
	RL(close(cgfd));
	into_cgroup_floor(r, e);
	RL(fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
	into_args(&a, fd);
	KC_CLONE3_CHECK_ERRNO(EBADF, &a, sizeof(a), "INTO_CGROUP, fd of /");
	RL(close(fd));
	RL(fd = open("/dev/null", O_RDONLY | O_CLOEXEC));
	into_args(&a, fd);
	KC_CLONE3_CHECK_ERRNO(EBADF, &a, sizeof(a), "INTO_CGROUP, fd of /dev/null");
	RL(close(fd));
}

/* .cgroup is a VER2 field: with a size of 80 (VER1) the flag is EINVAL;
 * an fd value above INT_MAX is EINVAL too. */
KC_CASE(clone3_cgroup__size_ver1_einval,
    "clone3(2) CLONE_INTO_CGROUP with size 80 (no .cgroup field) or .cgroup > INT_MAX "
    "fails with EINVAL")
{
	struct kc_clone_args a;
	char dir[4096];
	long r;
	int cgfd, e;

	kc_require_clone3();
	cgfd = open_own_cgroup(dir, sizeof(dir));
	/* The floor first: with size 88 and a real cgroup2 fd, EINVAL means
	 * the flag is unknown, and then the EINVALs below prove nothing. */
	into_args(&a, cgfd);
	r = kc_clone3(&a, sizeof(a));
	if (r == 0)
		_exit(0);
	if (r > 0)
		kc_require_exit((pid_t)r, 0);
	if (r == -1 && (errno == EINVAL || errno == E2BIG)) {
		e = errno;
		RL(close(cgfd));
		into_cgroup_floor(r, e);
	}
	into_args(&a, cgfd);
	KC_CLONE3_CHECK_ERRNO(EINVAL, &a, CLONE_ARGS_SIZE_VER1, "INTO_CGROUP, size 80");
	KC_CLONE3_CHECK_ERRNO(EINVAL, &a, CLONE_ARGS_SIZE_VER0, "INTO_CGROUP, size 64");
	a.cgroup = (uint64_t)INT_MAX + 1;
	KC_CLONE3_CHECK_ERRNO(EINVAL, &a, sizeof(a), "INTO_CGROUP, cgroup INT_MAX + 1");
	RL(close(cgfd));
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, clone3_cgroup__into_private_cgroup);
	ATF_TP_ADD_TC(tp, clone3_cgroup__not_cgroup2_fd_ebadf);
	ATF_TP_ADD_TC(tp, clone3_cgroup__size_ver1_einval);

	return (atf_no_error());
}
