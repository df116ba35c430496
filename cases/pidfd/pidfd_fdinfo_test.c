/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * /proc/<pid>/fdinfo of a pidfd: the Pid: and NSpid: fields as seen from
 * the reader's pid namespace, nested and sibling namespaces, and the -1 of
 * a reaped process (kselftest pidfd_fdinfo_test).
 */
#include <sys/mount.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_case.h"
#include "kc_child.h"
#include "kc_known.h"
#include "kc_macros.h"
#include "kc_pidfd.h"
#include "kc_pidsrc.h"
#include "kc_probe.h"
#include "kc_sys.h"
#include "kc_userns.h"

/* Longest field value kept ("NSpid:" of up to 32 levels fits). */
#define FIELD_LEN	128

/*
 * The value of field `name` ("Pid:", "NSpid:") of /proc/self/fdinfo/<fd>,
 * leading blanks stripped, into out; "(none)" when absent, "(unreadable)"
 * when the file cannot be read.  Uses open/read only: safe in fork children.
 */
static void
fdinfo_field(int fd, const char *name, char *out, size_t len)
{
	char path[64], buf[4096], *p, *e;
	size_t nl = strlen(name);
	ssize_t n, got = 0;
	int f;

	snprintf(out, len, "(unreadable)");
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = open(path, O_RDONLY | O_CLOEXEC);
	if (f == -1)
		return;
	while (got < (ssize_t)sizeof(buf) - 1 &&
	    (n = read(f, buf + got, sizeof(buf) - 1 - got)) > 0)
		got += n;
	(void)close(f);
	buf[got] = '\0';
	snprintf(out, len, "(none)");
	for (p = buf; p != NULL && *p != '\0'; p = strchr(p, '\n'), p = p ? p + 1 : p) {
		if (strncmp(p, name, nl) != 0)
			continue;
		p += nl;
		while (*p == ' ' || *p == '\t')
			p++;
		e = strchr(p, '\n');
		if (e != NULL)
			*e = '\0';
		snprintf(out, len, "%s", p);
		return;
	}
}

/*
 * Give this process a procfs of its own pid namespace: a private mount
 * namespace (nothing propagates back) with proc mounted on /proc.  The
 * fields of a pidfd's fdinfo are relative to the pid namespace of the procfs
 * instance that shows them (fs/pidfs.c pidfd_show_fdinfo:
 * proc_pid_ns(file_inode(m->file)->i_sb)), not to the reader's.  Returns 0,
 * or the errno of the step that failed.
 */
static int
private_proc(void)
{
	if (unshare(CLONE_NEWNS) == -1 ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == -1 ||
	    mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) == -1)
		return (errno);
	return (0);
}

/* Raw fork-like clone into a new pid namespace; -1 and errno. */
static pid_t
clone_newpid(void)
{
	return ((pid_t)kc_clone_raw(CLONE_NEWPID | SIGCHLD, NULL, NULL, NULL, 0));
}

/* Where the namespace cases take their pidfds (kc_pidfd_source, chosen by
 * the case before it forks). */
static enum kc_pidfd_src ns_src = KC_PIDFD_FROM_OPEN;

/* clone_newpid() with the child's pidfd in *fd from ns_src: CLONE_PIDFD,
 * or pidfd_open after the clone; *fd is -1 in the child, or on failure. */
static pid_t
clone_newpid_pidfd(int *fd)
{
	pid_t pid;

	*fd = -1;
	if (ns_src == KC_PIDFD_FROM_CLONE)
		return ((pid_t)kc_clone_raw(CLONE_NEWPID | CLONE_PIDFD | SIGCHLD, NULL, fd,
		    NULL, 0));
	pid = clone_newpid();
	if (pid > 0)
		*fd = kc_pidfd_open(pid, 0);
	return (pid);
}

/*
 * A live child of our own namespace: Pid: is its pid, NSpid: lists it once
 * per level from ours down, here one level.  Once it is a zombie the fields
 * still name it; once it is reaped both read -1 (fs/pidfs.c
 * pidfd_show_fdinfo: nr = -1 when the pid has no task any more).
 */
KC_CASE(pidfd_fdinfo__pid_then_minus_one,
    "fdinfo of a pidfd: Pid:/NSpid: name the child until the reap, then read -1")
{
	char want[32], live_pid[FIELD_LEN], live_ns[FIELD_LEN], z_pid[FIELD_LEN],
	    z_ns[FIELD_LEN], d_pid[FIELD_LEN], d_ns[FIELD_LEN];
	struct kc_held c;
	int fd;

	fd = kc_held_spawn_pidfd(&c, 0,
	    kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE));
	fdinfo_field(fd, "Pid:", live_pid, sizeof(live_pid));
	fdinfo_field(fd, "NSpid:", live_ns, sizeof(live_ns));
	kc_held_release(&c);
	kc_wait_zombie(c.pid);
	fdinfo_field(fd, "Pid:", z_pid, sizeof(z_pid));
	fdinfo_field(fd, "NSpid:", z_ns, sizeof(z_ns));
	kc_require_exit(c.pid, 0);
	fdinfo_field(fd, "Pid:", d_pid, sizeof(d_pid));
	fdinfo_field(fd, "NSpid:", d_ns, sizeof(d_ns));
	RL(close(fd));
	snprintf(want, sizeof(want), "%d", (int)c.pid);
	KC_CHECK_STREQ(want, live_pid);
	KC_CHECK_STREQ(want, live_ns);
	KC_CHECK_STREQ(want, z_pid);
	KC_CHECK_STREQ(want, z_ns);
	KC_CHECK_STREQ("-1", d_pid);
	KC_CHECK_STREQ("-1", d_ns);
}

/* What the namespace children of the cases below saw. */
struct ns_view {
	int	clone_err;		/* a clone(CLONE_NEWPID) failed with this; else 0 */
	int	mount_err;		/* private_proc() failed with this; else 0 */
	char	host_pid[FIELD_LEN];	/* sibling: fields through the inherited /proc */
	char	host_nspid[FIELD_LEN];
	pid_t	inner;			/* T's pid for its child U (nested) */
	pid_t	self_in_ns;		/* getpid() of the namespace init */
	char	pid[FIELD_LEN];		/* fields read in the innermost reader */
	char	nspid[FIELD_LEN];
	char	outer_pid[FIELD_LEN];	/* fields of T's pidfd read by its parent */
	char	outer_nspid[FIELD_LEN];
	pid_t	outer;			/* T's pid in its parent's namespace */
};

static void
report_view(int fd, const struct ns_view *v)
{
	KC_CHILD_REQUIRE(write(fd, v, sizeof(*v)) == (ssize_t)sizeof(*v));
}

/* Block on fd until EOF, then _exit(0). */
static void
hold_then_exit(int fd)
{
	char ch;

	while (read(fd, &ch, 1) == -1 && errno == EINTR)
		;
	_exit(0);
}

/*
 * Nested (in the namespace-capable child): T is pid 1 of namespace N1; T
 * creates U, pid 1 of N2 inside N1, and reads the fdinfo of U's pidfd,
 * where U is "k 1" (its pid in N1, then in N2); we read T's pidfd, where T
 * is "t 1".
 */
static int
nested_child(void *arg)
{
	struct ns_view v;
	int report = *(int *)arg, hold[2], tfd, st;
	pid_t t;

	memset(&v, 0, sizeof(v));
	KC_CHILD_REQUIRE(pipe2(hold, O_CLOEXEC) == 0);
	t = clone_newpid_pidfd(&tfd);
	if (t == 0) {
		int uhold[2], ufd;
		pid_t u;

		(void)close(hold[1]);
		v.self_in_ns = getpid();
		KC_CHILD_REQUIRE(pipe2(uhold, O_CLOEXEC) == 0);
		u = clone_newpid_pidfd(&ufd);
		if (u == 0) {
			(void)close(uhold[1]);
			hold_then_exit(uhold[0]);
		}
		if (u == -1) {
			v.clone_err = errno;
			report_view(report, &v);
			hold_then_exit(hold[0]);
		}
		(void)close(uhold[0]);
		v.inner = u;
		KC_CHILD_REQUIRE(ufd >= 0);
		v.mount_err = private_proc();
		fdinfo_field(ufd, "Pid:", v.pid, sizeof(v.pid));
		fdinfo_field(ufd, "NSpid:", v.nspid, sizeof(v.nspid));
		(void)close(uhold[1]);
		KC_CHILD_REQUIRE(waitpid(u, &st, 0) == u && WIFEXITED(st) &&
		    WEXITSTATUS(st) == 0);
		(void)close(ufd);
		report_view(report, &v);
		hold_then_exit(hold[0]);
	}
	if (t == -1) {
		v.clone_err = errno;
		report_view(report, &v);
		return (0);
	}
	(void)close(hold[0]);
	KC_CHILD_REQUIRE(tfd >= 0);
	/* T's report comes first on the pipe; ours follows. */
	v.outer = t;
	fdinfo_field(tfd, "Pid:", v.outer_pid, sizeof(v.outer_pid));
	fdinfo_field(tfd, "NSpid:", v.outer_nspid, sizeof(v.outer_nspid));
	(void)close(hold[1]);
	KC_CHILD_REQUIRE(waitpid(t, &st, 0) == t && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	(void)close(tfd);
	report_view(report, &v);
	return (0);
}

/* Run fn in a namespace-capable child; read `count` views from its pipe. */
static void
run_views(int (*fn)(void *), struct ns_view *v, int count)
{
	const char *how = geteuid() != 0 ? " in a user namespace" : "";
	int rep[2], r, i;
	ssize_t n;

	RL(pipe2(rep, O_CLOEXEC));
	r = kc_userns_run(KC_USERNS_IF_UNPRIVILEGED, fn, &rep[1]);
	RL(close(rep[1]));
	for (i = 0; i < count; i++) {
		n = read(rep[0], &v[i], sizeof(v[i]));
		if (n == (ssize_t)sizeof(v[i]) && v[i].clone_err != 0)
			break;
		KC_REQUIRE_EQ((ssize_t)sizeof(v[i]), n);
	}
	RL(close(rep[0]));
	KC_REQUIRE_EQ(0, r);
	for (int j = 0; j < i; j++) {
		if (v[j].mount_err == EPERM)
			atf_tc_skip("mount(proc)%s in a new pid and mount namespace: EPERM "
			    "(no fully visible procfs here)", how);
		ATF_REQUIRE_MSG(v[j].mount_err == 0, "unshare(CLONE_NEWNS)/mount(proc)%s: %s",
		    how, kc_errname(v[j].mount_err));
	}
	if (i < count) {
		if (v[i].clone_err == EPERM || v[i].clone_err == ENOSPC ||
		    v[i].clone_err == EUSERS)
			atf_tc_skip("clone(CLONE_NEWPID)%s: %s", how, kc_errname(v[i].clone_err));
		atf_tc_fail("clone(CLONE_NEWPID)%s: %s", how, kc_errname(v[i].clone_err));
	}
}

/*
 * NSpid: lists the process's pid in every namespace from the reader's down
 * to the process's own: a pid 1 of a namespace nested in the reader's reads
 * "<pid here> 1" (kselftest pidfd_fdinfo_test).  "Here" is the pid namespace
 * of the procfs read: T reads through a procfs of N1 (private_proc).  A new pid namespace needs
 * CAP_SYS_ADMIN: root has it, other users get it in a user namespace.
 */
KC_CASE(pidfd_fdinfo__nspid_nested,
    "fdinfo NSpid: of a pidfd lists the pid in each nested namespace down to 1")
{
	struct ns_view v[2];
	char want[64];

	ns_src = kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE);
	kc_known_expect_fail("qemu_clone_fork_flags_einval", kc_qemu_user_version(tc));	/* CLONE_NEWPID */
	run_views(nested_child, v, 2);
	/* v[0]: T (pid 1 of N1) reading U (pid 1 of N2 inside N1). */
	KC_CHECK_EQ(1, v[0].self_in_ns);
	KC_REQUIRE_GT(v[0].inner, 1);
	snprintf(want, sizeof(want), "%d", (int)v[0].inner);
	KC_CHECK_STREQ(want, v[0].pid);
	snprintf(want, sizeof(want), "%d\t1", (int)v[0].inner);
	KC_CHECK_STREQ(want, v[0].nspid);
	/* v[1]: the parent of N1 reading T. */
	snprintf(want, sizeof(want), "%d", (int)v[1].outer);
	KC_CHECK_STREQ(want, v[1].outer_pid);
	snprintf(want, sizeof(want), "%d\t1", (int)v[1].outer);
	KC_CHECK_STREQ(want, v[1].outer_nspid);
}

/*
 * Sibling (in the namespace-capable child): T is pid 1 of N1 and holds; we
 * open its pidfd; Q, pid 1 of N2 (a sibling of N1), inherits the pidfd and
 * reads its fdinfo, where T has no pid.
 */
static int
sibling_child(void *arg)
{
	struct ns_view v;
	int report = *(int *)arg, hold[2], tfd, st;
	pid_t t, q;

	memset(&v, 0, sizeof(v));
	KC_CHILD_REQUIRE(pipe2(hold, O_CLOEXEC) == 0);
	t = clone_newpid_pidfd(&tfd);
	if (t == 0) {
		(void)close(hold[1]);
		hold_then_exit(hold[0]);
	}
	if (t == -1) {
		v.clone_err = errno;
		report_view(report, &v);
		return (0);
	}
	(void)close(hold[0]);
	KC_CHILD_REQUIRE(tfd >= 0);
	q = clone_newpid();
	if (q == 0) {
		v.self_in_ns = getpid();
		v.outer = t;
		fdinfo_field(tfd, "Pid:", v.host_pid, sizeof(v.host_pid));
		fdinfo_field(tfd, "NSpid:", v.host_nspid, sizeof(v.host_nspid));
		v.mount_err = private_proc();
		fdinfo_field(tfd, "Pid:", v.pid, sizeof(v.pid));
		fdinfo_field(tfd, "NSpid:", v.nspid, sizeof(v.nspid));
		report_view(report, &v);
		_exit(0);
	}
	if (q == -1) {
		v.clone_err = errno;
		report_view(report, &v);
	}
	(void)close(hold[1]);
	KC_CHILD_REQUIRE(waitpid(t, &st, 0) == t && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	if (q != -1)
		KC_CHILD_REQUIRE(waitpid(q, &st, 0) == q && WIFEXITED(st) &&
		    WEXITSTATUS(st) == 0);
	(void)close(tfd);
	return (0);
}

/*
 * A reader in a sibling pid namespace, where the process has no pid, sees
 * Pid: 0 and NSpid: 0 (pid_nr_ns() is 0 outside the process's hierarchy;
 * kselftest pidfd_fdinfo_test), not the -1 of a dead process, when it reads
 * through a procfs of its own namespace; through the procfs it inherited
 * (that of our namespace) the same fd shows T as "<t> 1".
 */
KC_CASE(pidfd_fdinfo__sibling_ns_zero,
    "fdinfo of a pidfd read from a sibling pid namespace shows Pid: 0 and NSpid: 0")
{
	struct ns_view v;
	char want[64];

	ns_src = kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE);
	kc_known_expect_fail("qemu_clone_fork_flags_einval", kc_qemu_user_version(tc));	/* CLONE_NEWPID */
	run_views(sibling_child, &v, 1);
	KC_CHECK_EQ(1, v.self_in_ns);
	snprintf(want, sizeof(want), "%d", (int)v.outer);
	KC_CHECK_STREQ(want, v.host_pid);
	snprintf(want, sizeof(want), "%d\t1", (int)v.outer);
	KC_CHECK_STREQ(want, v.host_nspid);
	KC_CHECK_STREQ("0", v.pid);
	KC_CHECK_STREQ("0", v.nspid);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, pidfd_fdinfo__pid_then_minus_one);
	ATF_TP_ADD_TC(tp, pidfd_fdinfo__nspid_nested);
	ATF_TP_ADD_TC(tp, pidfd_fdinfo__sibling_ns_zero);

	return (atf_no_error());
}
