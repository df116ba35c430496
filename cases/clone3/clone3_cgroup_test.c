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

#include "kc_cgroup.h"
#include "kc_child.h"
#include "kc_clone3.h"
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
ATF_TC_WITH_CLEANUP(clone3_cgroup__into_private_cgroup);
ATF_TC_HEAD(clone3_cgroup__into_private_cgroup, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "clone3(2) CLONE_INTO_CGROUP starts the child in a private cgroup2 directory");
}
ATF_TC_BODY(clone3_cgroup__into_private_cgroup, tc)
{
	struct kc_hygiene h;
	struct kc_clone_args a;
	char cg[4096], mnt[1024], want[4096], got[4096], before[4096];
	int fd, go[2];
	long pid;

	kc_hygiene_begin(&h);
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
	kc_hygiene_end(&h);
}
ATF_TC_CLEANUP(clone3_cgroup__into_private_cgroup, tc)
{
	/* The body has exited: remove the cgroups of bodies that are gone. */
	(void)kc_cgroup_remove_stale("clone3", 0);
}

/* .cgroup must be a cgroup2 directory: any other directory fd is EBADF.
 * A kernel without CLONE_INTO_CGROUP (< 5.7) answers EINVAL for the unknown
 * flag; probed with a real cgroup2 fd first, which never gives EINVAL. */
ATF_TC(clone3_cgroup__not_cgroup2_fd_ebadf);
ATF_TC_HEAD(clone3_cgroup__not_cgroup2_fd_ebadf, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "clone3(2) CLONE_INTO_CGROUP with an fd that is not a cgroup2 directory fails with EBADF");
}
ATF_TC_BODY(clone3_cgroup__not_cgroup2_fd_ebadf, tc)
{
	struct kc_hygiene h;
	struct kc_clone_args a;
	char dir[4096];
	long r;
	int cgfd, fd;

	kc_hygiene_begin(&h);
	kc_require_clone3();
	cgfd = open_own_cgroup(dir, sizeof(dir));
	/* Availability: our own cgroup works (root) or is refused (EACCES...). */
	into_args(&a, cgfd);
	r = kc_clone3(&a, sizeof(a));
	if (r == 0)
		_exit(0);
	if (r > 0)
		kc_require_exit((pid_t)r, 0);
	if (r == -1 && errno == EINVAL) {
		RL(close(cgfd));
		atf_tc_skip("clone3(2) CLONE_INTO_CGROUP: EINVAL with a cgroup2 fd (flag unknown: "
		    "kernel < 5.7)");
	}
	RL(close(cgfd));
	RL(fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
	into_args(&a, fd);
	KC_CLONE3_CHECK_ERRNO(EBADF, &a, sizeof(a), "INTO_CGROUP, fd of /");
	RL(close(fd));
	RL(fd = open("/dev/null", O_RDONLY | O_CLOEXEC));
	into_args(&a, fd);
	KC_CLONE3_CHECK_ERRNO(EBADF, &a, sizeof(a), "INTO_CGROUP, fd of /dev/null");
	RL(close(fd));
	kc_hygiene_end(&h);
}

/* .cgroup is a VER2 field: with a size of 80 (VER1) the flag is EINVAL;
 * an fd value above INT_MAX is EINVAL too. */
ATF_TC(clone3_cgroup__size_ver1_einval);
ATF_TC_HEAD(clone3_cgroup__size_ver1_einval, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "clone3(2) CLONE_INTO_CGROUP with size 80 (no .cgroup field) or .cgroup > INT_MAX "
	    "fails with EINVAL");
}
ATF_TC_BODY(clone3_cgroup__size_ver1_einval, tc)
{
	struct kc_hygiene h;
	struct kc_clone_args a;
	char dir[4096];
	int cgfd;

	kc_hygiene_begin(&h);
	kc_require_clone3();
	cgfd = open_own_cgroup(dir, sizeof(dir));
	into_args(&a, cgfd);
	KC_CLONE3_CHECK_ERRNO(EINVAL, &a, CLONE_ARGS_SIZE_VER1, "INTO_CGROUP, size 80");
	KC_CLONE3_CHECK_ERRNO(EINVAL, &a, CLONE_ARGS_SIZE_VER0, "INTO_CGROUP, size 64");
	a.cgroup = (uint64_t)INT_MAX + 1;
	KC_CLONE3_CHECK_ERRNO(EINVAL, &a, sizeof(a), "INTO_CGROUP, cgroup INT_MAX + 1");
	RL(close(cgfd));
	kc_hygiene_end(&h);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, clone3_cgroup__into_private_cgroup);
	ATF_TP_ADD_TC(tp, clone3_cgroup__not_cgroup2_fd_ebadf);
	ATF_TP_ADD_TC(tp, clone3_cgroup__size_ver1_einval);

	return (atf_no_error());
}
