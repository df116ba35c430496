/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * After the cases/clone3 cases have run, nothing they created is left: no
 * kconform.clone3.* cgroup, no process (so no pid, user or time namespace
 * held by one), no namespace pinned by a bind mount.  The runner is a child
 * subreaper, so any process a case leaked is reparented to it and seen.
 */
#include <sys/prctl.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_atfrun.h"
#include "kc_cgroup.h"
#include "kc_child.h"
#include "kc_macros.h"
#include "kc_sel3.h"
#include "kc_sys.h"

/* How many kconform.clone3.* cgroups exist under our cgroup2 directory
 * (-1: no cgroup2 here); the first one's name in `first`. */
static int
count_cgroups(char *first, size_t len)
{
	char dir[2048];
	struct dirent *de;
	DIR *d;
	int n = 0;

	if (kc_cgroup2_self_dir(dir, sizeof(dir)) == -1 || (d = opendir(dir)) == NULL)
		return (-1);
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, KC_CGROUP_PREFIX "clone3.", 15) != 0)
			continue;
		if (n++ == 0)
			snprintf(first, len, "%s/%s", dir, de->d_name);
	}
	closedir(d);
	return (n);
}

/* nsfs bind mounts in our mount namespace (namespaces pinned by a mount). */
static int
count_nsfs_mounts(void)
{
	char line[4096];
	FILE *f;
	int n = 0;

	f = fopen("/proc/self/mountinfo", "re");
	ATF_REQUIRE_MSG(f != NULL, "mountinfo: %s", strerror(errno));
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strstr(line, " - nsfs ") != NULL)
			n++;
	}
	fclose(f);
	return (n);
}

/* A process of ours (or reparented to us) left: its pid, or 0. */
static pid_t
process_left(void)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	if (kc_waitid(P_ALL, 0, &si, WEXITED | WSTOPPED | WNOHANG | WNOWAIT | __WALL,
	    NULL) == -1 && errno == ECHILD)
		return (0);
	return (si.si_pid != 0 ? si.si_pid : -1);	/* -1: alive, pid unknown */
}

static void
become_subreaper(void)
{
	RL(prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0));
}

/* The detector sees a leaked process (a grandchild orphaned to us) and a
 * leaked cgroup: without this, a clean result would prove nothing. */
ATF_TC(leftovers__detector_sees_leaks);
ATF_TC_HEAD(leftovers__detector_sees_leaks, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "the leftover checks detect an orphaned process and a kconform.clone3 cgroup");
}
ATF_TC_BODY(leftovers__detector_sees_leaks, tc)
{
	char cg[4096], first[4096];
	siginfo_t si;
	int p[2], n;
	pid_t pid;
	char c;

	become_subreaper();
	RL(pipe2(p, O_CLOEXEC));
	pid = kc_fork();
	if (pid == 0) {
		if (fork() == 0) {	/* the leak: blocks until p[1] closes */
			close(p[1]);
			_exit(read(p[0], &c, 1) == 0 ? 0 : 1);
		}
		_exit(0);
	}
	kc_require_exit(pid, 0);
	ATF_CHECK_MSG(process_left() != 0, "an orphaned grandchild was not seen");
	RL(close(p[1]));
	RL(close(p[0]));
	memset(&si, 0, sizeof(si));
	RL(kc_waitid(P_ALL, 0, &si, WEXITED | __WALL, NULL));
	ATF_CHECK_EQ(0, process_left());

	if (kc_cgroup_create("clone3", "detector", cg, sizeof(cg)) == -1)
		atf_tc_skip("cgroup2: cannot create a cgroup here (%s)", kc_errname(errno));
	n = count_cgroups(first, sizeof(first));
	RL(rmdir(cg));
	ATF_CHECK_MSG(n >= 1, "a kconform.clone3 cgroup was not seen");
}

/*
 * Run every cases/clone3 case (and the cleanup of those that have one),
 * then require that no cgroup, process or pinned namespace is left.
 */
ATF_TC(leftovers__clone3_cases_leave_nothing);
ATF_TC_HEAD(leftovers__clone3_cases_leave_nothing, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "after the cases/clone3 cases, no cgroup, process or namespace they created is left");
	atf_tc_set_md_var(tc, "timeout", "300");
}
ATF_TC_BODY(leftovers__clone3_cases_leave_nothing, tc)
{
	static struct sel3_case cases[SEL3_MAX];
	struct kc_atf_result r;
	char first[4096], cleanup[600];
	size_t i, n;
	int cg0, ns0, cg1;
	pid_t left;

	become_subreaper();
	cg0 = count_cgroups(first, sizeof(first));
	ATF_REQUIRE_MSG(cg0 <= 0, "a kconform.clone3 cgroup exists before the run: %s", first);
	ns0 = count_nsfs_mounts();
	n = sel3_list(tc, "clone3", cases, 0);
	ATF_REQUIRE_MSG(n > 0, "no case found in the built cases/clone3 programs");
	for (i = 0; i < n; i++) {
		ATF_REQUIRE(kc_atf_run(cases[i].prog, cases[i].name, NULL, &r) == 0);
		/* The case's cleanup part, as kyua would run it (no result file). */
		snprintf(cleanup, sizeof(cleanup), "%s:cleanup", cases[i].name);
		(void)kc_atf_run(cases[i].prog, cleanup, NULL, &r);
	}
	left = process_left();
	ATF_CHECK_MSG(left == 0, "a process was left behind (pid %d)", (int)left);
	cg1 = count_cgroups(first, sizeof(first));
	ATF_CHECK_MSG(cg1 <= 0, "%d kconform.clone3 cgroup(s) left, e.g. %s", cg1, first);
	ATF_CHECK_EQ_MSG(ns0, count_nsfs_mounts(), "a namespace bind mount was left");
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, leftovers__detector_sees_leaks);
	ATF_TP_ADD_TC(tp, leftovers__clone3_cases_leave_nothing);

	return (atf_no_error());
}
