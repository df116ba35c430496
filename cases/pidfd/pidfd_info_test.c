/* SPDX-License-Identifier: BSD-2-Clause */
/* ioctl(PIDFD_GET_INFO) (6.13): identity and credentials, exit info (6.15). */
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_case.h"
#include "kc_child.h"
#include "kc_kfacts.h"
#include "kc_known.h"
#include "kc_macros.h"
#include "kc_pidfd.h"
#include "kc_pidsrc.h"
#include "kc_probe.h"
#include "kc_probe_pidfd.h"
#include "kc_sys.h"
#include "kc_userns.h"

/* pid, tgid, ppid and the credentials of a live child. */
KC_CASE(pidfd_info__child_fields,
    "PIDFD_GET_INFO on a live child reports its pid, tgid, ppid and credentials")
{
	struct kc_pidfd_info info;
	struct kc_held c;
	int fd;

	kc_require_pidfd_get_info(tc);
	fd = kc_held_spawn_pidfd(&c, 0,
	    kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE));
	memset(&info, 0, sizeof(info));
	info.mask = PIDFD_INFO_CREDS;
	RL(ioctl(fd, KC_PIDFD_GET_INFO, &info));
	kc_held_release(&c);
	kc_require_exit(c.pid, 0);
	RL(close(fd));
	KC_CHECK_BITS(info.mask, PIDFD_INFO_PID | PIDFD_INFO_CREDS);
	KC_CHECK_EQ((uint32_t)c.pid, info.pid);
	KC_CHECK_EQ((uint32_t)c.pid, info.tgid);
	KC_CHECK_EQ((uint32_t)getpid(), info.ppid);
	KC_CHECK_EQ((uint32_t)getuid(), info.ruid);
	KC_CHECK_EQ((uint32_t)geteuid(), info.euid);
	KC_CHECK_EQ((uint32_t)getgid(), info.rgid);
	KC_CHECK_EQ((uint32_t)getegid(), info.egid);
}

/* What a process sees through a pidfd of itself (kc_pidfd_call). */
struct self_query {
	pid_t			pid, ppid;	/* getpid(), getppid() there */
	int			r, e;		/* the ioctl */
	struct kc_pidfd_info	info;
	char			small[32];	/* short_size's buffer */
};

static void
self_info(int fd, void *out)
{
	struct self_query *q = out;

	q->pid = getpid();
	q->ppid = getppid();
	memset(&q->info, 0, sizeof(q->info));
	q->r = ioctl(fd, KC_PIDFD_GET_INFO, &q->info);
	q->e = errno;
}

/*
 * A pidfd of the calling process itself: PIDFD_GET_INFO reports its pid
 * and its parent.  The pidfd is pidfd_open(getpid()), or, where pidfd_open
 * is ENOSYS, the one clone(CLONE_PIDFD) gave the parent of a child, sent
 * to that child by SCM_RIGHTS (kc_pidfd_call; stderr says which).
 */
KC_CASE(pidfd_info__self,
    "PIDFD_GET_INFO on a pidfd of the calling process (pidfd_open, or clone(CLONE_PIDFD) "
    "sent to the child by SCM_RIGHTS) reports its pid and ppid")
{
	struct self_query q;

	kc_require_pidfd_get_info(tc);
	memset(&q, 0, sizeof(q));
	kc_pidfd_call(kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE),
	    KC_PIDFD_OF_SELF, self_info, &q, sizeof(q));
	KC_REQUIRE_OK(q.r, q.e);
	KC_CHECK_EQ((uint32_t)q.pid, q.info.pid);
	KC_CHECK_EQ((uint32_t)q.ppid, q.info.ppid);
}

/*
 * After the reap, PIDFD_INFO_EXIT returns the wait status from 6.15; before,
 * a reaped process gives ESRCH (kernel-facts row pidfd_get_info_exit).
 */
KC_CASE(pidfd_info__exit_after_reap,
    "PIDFD_GET_INFO with PIDFD_INFO_EXIT after the reap behaves as the kernel-facts table says")
{
	struct kc_pidfd_info info;
	struct kc_held c;
	int fd, r, e;

	kc_require_pidfd_get_info(tc);
	fd = kc_held_spawn_pidfd(&c, 37,
	    kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE));
	kc_held_release(&c);
	kc_require_exit(c.pid, 37);
	memset(&info, 0, sizeof(info));
	info.mask = PIDFD_INFO_EXIT;
	r = ioctl(fd, KC_PIDFD_GET_INFO, &info);
	e = errno;
	RL(close(fd));
	if (!kc_kfact(KC_KF_PIDFD_INFO_EXIT)) {
		KC_CHECK_ERR_KF(KC_KF_PIDFD_INFO_EXIT, ESRCH, r, e);
	} else {
		KC_REQUIRE_OK_KF(KC_KF_PIDFD_INFO_EXIT, r, e);
		KC_CHECK_BITS_KF(KC_KF_PIDFD_INFO_EXIT, info.mask, PIDFD_INFO_EXIT);
		/* The wait status of "exited 37". */
		KC_CHECK_EQ_HEX_KF(KC_KF_PIDFD_INFO_EXIT, 37 << 8, info.exit_code);
	}
}

/* Without PIDFD_INFO_EXIT a reaped process has no info: ESRCH. */
KC_CASE(pidfd_info__reaped_esrch,
    "PIDFD_GET_INFO without PIDFD_INFO_EXIT on a reaped child fails with ESRCH")
{
	struct kc_pidfd_info info;
	struct kc_held c;
	int fd;

	kc_require_pidfd_get_info(tc);
	fd = kc_held_spawn_pidfd(&c, 0,
	    kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE));
	kc_held_release(&c);
	kc_require_exit(c.pid, 0);
	memset(&info, 0, sizeof(info));
	info.mask = PIDFD_INFO_CREDS;
	KC_CHECK_ERRNO(ESRCH, ioctl(fd, KC_PIDFD_GET_INFO, &info));
	RL(close(fd));
}

static void
self_info_short(int fd, void *out)
{
	struct self_query *q = out;

	memset(q->small, 0, sizeof(q->small));
	q->r = ioctl(fd, _IOWR(PIDFS_IOCTL_MAGIC, 11, char[32]), q->small);
	q->e = errno;
}

/* A size below PIDFD_INFO_SIZE_VER0: EINVAL before 6.18 (stable 6.17.4),
 * ENOTTY from then on (kernel-facts row pidfd_get_info_enotty_size).  On a
 * pidfd of the calling process from either source (kc_pidfd_call). */
KC_CASE(pidfd_info__short_size,
    "PIDFD_GET_INFO with a size below 64 fails as the kernel-facts table says (pidfd of "
    "the calling process: pidfd_open, or clone(CLONE_PIDFD) sent by SCM_RIGHTS)")
{
	struct self_query q;
	int want;

	kc_require_pidfd_get_info(tc);
	want = kc_kfact(KC_KF_PIDFD_INFO_ENOTTY_SIZE) ? ENOTTY : EINVAL;
	memset(&q, 0, sizeof(q));
	kc_pidfd_call(kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE),
	    KC_PIDFD_OF_SELF, self_info_short, &q, sizeof(q));
	KC_CHECK_ERR_KF(KC_KF_PIDFD_INFO_ENOTTY_SIZE, want, q.r, q.e);
}

/* struct pidfd_info up to PIDFD_INFO_SIZE_VER3 (the 7.2 uapi header). */
struct info_ver3 {
	struct kc_pidfd_info	v0;
	uint32_t		coredump_mask, coredump_signal, coredump_code, coredump_pad;
	uint64_t		supported_mask;
};

/*
 * supported_mask (the last field of the 88-byte struct): the PIDFD_INFO_*
 * flags the kernel supports, set from 7.1 (0xff: PID ... COREDUMP_CODE),
 * 0 on 6.16-7.0 (kernel-facts row pidfd_info_supported_mask; FACTS-kernel
 * §6).  The 88-byte request itself is accepted wherever PIDFD_GET_INFO is.
 */
KC_CASE(pidfd_info__supported_mask,
    "PIDFD_GET_INFO (88 bytes) supported_mask as the kernel-facts table says: 0xff from 7.1, "
    "0 before")
{
	struct info_ver3 info;
	struct kc_held c;
	int fd, r, e;

	_Static_assert(sizeof(info) == PIDFD_INFO_SIZE_VER3, "struct pidfd_info VER3 is 88 bytes");
	kc_require_pidfd_get_info(tc);
	fd = kc_held_spawn_pidfd(&c, 0,
	    kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE));
	memset(&info, 0, sizeof(info));
	info.v0.mask = PIDFD_INFO_SUPPORTED_MASK;
	r = ioctl(fd, _IOWR(PIDFS_IOCTL_MAGIC, 11, struct info_ver3), &info);
	e = errno;
	kc_held_release(&c);
	kc_require_exit(c.pid, 0);
	RL(close(fd));
	KC_REQUIRE_OK_KF(KC_KF_PIDFD_INFO_SUPPORTED_MASK, r, e);
	if (kc_kfact(KC_KF_PIDFD_INFO_SUPPORTED_MASK)) {
		KC_CHECK_BITS_KF(KC_KF_PIDFD_INFO_SUPPORTED_MASK, info.v0.mask,
		    (uint64_t)PIDFD_INFO_SUPPORTED_MASK);
		KC_CHECK_BITS_KF(KC_KF_PIDFD_INFO_SUPPORTED_MASK, info.supported_mask,
		    (uint64_t)0xff);
	} else
		KC_CHECK_EQ_HEX_KF(KC_KF_PIDFD_INFO_SUPPORTED_MASK, (uint64_t)0, info.supported_mask);
}

/* What the probes of pidfd_info__sibling_pidns saw. */
struct sibling_result {
	int		clone_err;	/* clone(CLONE_NEWPID) failed with this; else 0 */
	int		ctl_r, ctl_err;	/* PIDFD_GET_INFO from the parent namespace */
	uint32_t	ctl_pid;
	int		r, err;		/* PIDFD_GET_INFO from the sibling namespace */
};

/* Raw fork-like clone into a new pid namespace; -1 and errno. */
static pid_t
clone_newpid(void)
{
	return ((pid_t)kc_clone_raw(CLONE_NEWPID | SIGCHLD, NULL, NULL, NULL, 0));
}

/* Where sibling_child takes T's pidfd (kc_pidfd_source, chosen by the case
 * before it forks). */
static enum kc_pidfd_src sibling_src = KC_PIDFD_FROM_OPEN;

/*
 * In the namespace-capable child (kc_userns_run): T, pid 1 of a new pid
 * namespace, holds on a pipe; we open its pidfd (our namespace sees T) and
 * query it; Q, pid 1 of a second new namespace (a sibling of T's), inherits
 * that pidfd and queries it, where T has no pid.  Both report through
 * `report`; T and Q are reaped here.
 */
static int
sibling_child(void *arg)
{
	struct sibling_result res;
	struct kc_pidfd_info info;
	int report = *(int *)arg, hold[2], tfd, st;
	pid_t t, q;

	memset(&res, 0, sizeof(res));
	KC_CHILD_REQUIRE(pipe2(hold, O_CLOEXEC) == 0);
	tfd = -1;
	if (sibling_src == KC_PIDFD_FROM_CLONE)
		t = (pid_t)kc_clone_raw(CLONE_NEWPID | CLONE_PIDFD | SIGCHLD, NULL, &tfd,
		    NULL, 0);
	else
		t = clone_newpid();
	if (t == 0) {
		char c;

		(void)close(hold[1]);
		(void)read(hold[0], &c, 1);
		_exit(0);
	}
	if (t == -1) {
		res.clone_err = errno;
		KC_CHILD_REQUIRE(write(report, &res, sizeof(res)) == (ssize_t)sizeof(res));
		return (0);
	}
	(void)close(hold[0]);
	if (sibling_src == KC_PIDFD_FROM_OPEN)
		tfd = kc_pidfd_open(t, 0);
	KC_CHILD_REQUIRE(tfd >= 0);
	memset(&info, 0, sizeof(info));
	res.ctl_r = ioctl(tfd, KC_PIDFD_GET_INFO, &info);
	res.ctl_err = errno;
	res.ctl_pid = info.pid;
	q = clone_newpid();
	if (q == 0) {
		memset(&info, 0, sizeof(info));
		res.r = ioctl(tfd, KC_PIDFD_GET_INFO, &info);
		res.err = errno;
		_exit(write(report, &res, sizeof(res)) == (ssize_t)sizeof(res) ? 0 :
		    KC_CHILD_FAILED);
	}
	if (q == -1)
		res.clone_err = errno;
	(void)close(hold[1]);
	KC_CHILD_REQUIRE(waitpid(t, &st, 0) == t && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	if (q == -1) {
		KC_CHILD_REQUIRE(write(report, &res, sizeof(res)) == (ssize_t)sizeof(res));
		return (0);
	}
	KC_CHILD_REQUIRE(waitpid(q, &st, 0) == q && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	(void)close(tfd);
	return (0);
}

/*
 * PIDFD_GET_INFO on a pidfd of a process that has no pid in the caller's
 * pid namespace (a sibling namespace): ESRCH before, EREMOTE from 7.0
 * (6.18.14, 6.19.10) (kernel-facts row pidfd_get_info_eremote).  The same
 * pidfd queried from the parent namespace works and names the process.
 * A new pid namespace needs CAP_SYS_ADMIN: root has it, other users get it
 * in a user namespace of their own.
 */
KC_CASE(pidfd_info__sibling_pidns,
    "PIDFD_GET_INFO from a sibling pid namespace fails as the kernel-facts table says")
{
	struct sibling_result res;
	const char *how = geteuid() != 0 ? " in a user namespace" : "";
	int rep[2], r, want;
	ssize_t n;

	kc_require_pidfd_get_info(tc);
	sibling_src = kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE);
	RL(pipe2(rep, O_CLOEXEC));
	r = kc_userns_run(KC_USERNS_IF_UNPRIVILEGED, sibling_child, &rep[1]);
	RL(close(rep[1]));
	n = read(rep[0], &res, sizeof(res));
	RL(close(rep[0]));
	KC_REQUIRE_EQ(0, r);
	KC_REQUIRE_EQ((ssize_t)sizeof(res), n);
	if (res.clone_err == EPERM || res.clone_err == ENOSPC || res.clone_err == EUSERS)
		atf_tc_skip("clone(CLONE_NEWPID)%s: %s", how, kc_errname(res.clone_err));
	ATF_REQUIRE_MSG(res.clone_err == 0, "clone(CLONE_NEWPID)%s: %s", how,
	    kc_errname(res.clone_err));
	KC_CHECK_OK(res.ctl_r, res.ctl_err);
	KC_CHECK_NE((uint32_t)0, res.ctl_pid);
	want = kc_kfact(KC_KF_PIDFD_INFO_EREMOTE) ? EREMOTE : ESRCH;
	KC_CHECK_ERR_KF(KC_KF_PIDFD_INFO_EREMOTE, want, res.r, res.err);
}

/*
 * A child killed by SIGKILL: after the reap PIDFD_INFO_EXIT carries a wait
 * status that says "killed by SIGKILL" (LTP ioctl_pidfd04); before 6.15 a
 * reaped process gives ESRCH (kernel-facts row pidfd_get_info_exit).
 */
KC_CASE(pidfd_info__exit_signalled,
    "PIDFD_GET_INFO with PIDFD_INFO_EXIT of a SIGKILLed child reports WIFSIGNALED, SIGKILL")
{
	struct kc_pidfd_info info;
	struct kc_held c;
	int fd, r, e;

	kc_require_pidfd_get_info(tc);
	fd = kc_held_spawn_pidfd(&c, 0,
	    kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE));
	RL(kill(c.pid, SIGKILL));
	kc_require_killed(c.pid, SIGKILL);
	kc_held_release(&c);
	memset(&info, 0, sizeof(info));
	info.mask = PIDFD_INFO_EXIT;
	r = ioctl(fd, KC_PIDFD_GET_INFO, &info);
	e = errno;
	RL(close(fd));
	if (!kc_kfact(KC_KF_PIDFD_INFO_EXIT)) {
		KC_CHECK_ERR_KF(KC_KF_PIDFD_INFO_EXIT, ESRCH, r, e);
		return;
	}
	KC_REQUIRE_OK_KF(KC_KF_PIDFD_INFO_EXIT, r, e);
	KC_REQUIRE_BITS(info.mask, PIDFD_INFO_EXIT);
	KC_CHECK_EQ(true, WIFSIGNALED(info.exit_code));
	KC_CHECK_EQ(false, WIFEXITED(info.exit_code));
	KC_CHECK_EQ(SIGKILL, WTERMSIG(info.exit_code));
}

/* What a before-reap query saw (pidfd_info__before_reap_*). */
struct before_reap {
	int		live_r, live_e;
	uint64_t	live_mask;
	int32_t		live_code;
	int		zombie_r, zombie_e;
	uint64_t	zombie_mask;
	int32_t		zombie_code;
};

/* Query fd with PIDFD_INFO_EXIT into *r, *e, *mask, *code. */
static void
query_exit(int fd, int *r, int *e, uint64_t *mask, int32_t *code)
{
	struct kc_pidfd_info info;

	memset(&info, 0, sizeof(info));
	info.mask = PIDFD_INFO_EXIT;
	info.exit_code = 0x5a5a;	/* must come back 0: no exit info yet */
	*r = ioctl(fd, KC_PIDFD_GET_INFO, &info);
	*e = errno;
	*mask = info.mask;
	*code = info.exit_code;
}

/*
 * Spawn a child with the raw clone flags given (SIGCHLD exit signal, fork
 * semantics), its pidfd from src (CLONE_PIDFD added to the flags, or
 * pidfd_open), query the pidfd while it lives and once it is a zombie.  The
 * child blocks on a pipe and exits 5.  No ATF calls in the child.
 */
static void
before_reap_query(unsigned long flags, enum kc_pidfd_src src, struct before_reap *b)
{
	int hold[2], fd = -1, e;
	pid_t pid;
	char ch;

	RL(pipe2(hold, O_CLOEXEC));
	pid = (pid_t)kc_clone_raw(flags | SIGCHLD |
	    (src == KC_PIDFD_FROM_CLONE ? CLONE_PIDFD : 0), NULL,
	    src == KC_PIDFD_FROM_CLONE ? &fd : NULL, NULL, 0);
	if (pid == 0) {
		(void)close(hold[1]);
		while (read(hold[0], &ch, 1) == -1 && errno == EINTR)
			;
		_exit(5);
	}
	if (pid == -1 && flags != 0 && (errno == EPERM || errno == ENOSPC || errno == EUSERS)) {
		e = errno;
		RL(close(hold[0]));
		RL(close(hold[1]));
		atf_tc_skip("clone(CLONE_NEWUSER|CLONE_NEWPID): %s (user namespaces off here)",
		    kc_errname(e));
	}
	ATF_REQUIRE_MSG(pid > 0, "clone(%#lx): %s", flags, strerror(errno));
	RL(close(hold[0]));
	if (src == KC_PIDFD_FROM_OPEN)
		fd = kc_pidfd_open_or_fail(pid);
	ATF_REQUIRE_MSG(fd >= 0, "clone(%#lx|CLONE_PIDFD) left the pidfd slot at %d",
	    flags, fd);
	query_exit(fd, &b->live_r, &b->live_e, &b->live_mask, &b->live_code);
	RL(close(hold[1]));
	kc_wait_zombie(pid);
	query_exit(fd, &b->zombie_r, &b->zombie_e, &b->zombie_mask, &b->zombie_code);
	kc_require_exit(pid, 5);
	RL(close(fd));
}

static void
check_before_reap(const struct before_reap *b)
{
	KC_CHECK_OK(b->live_r, b->live_e);
	KC_CHECK_NOBITS(b->live_mask, PIDFD_INFO_EXIT);
	KC_CHECK_EQ(0, b->live_code);
	KC_CHECK_OK(b->zombie_r, b->zombie_e);
	KC_CHECK_NOBITS(b->zombie_mask, PIDFD_INFO_EXIT);
	KC_CHECK_EQ(0, b->zombie_code);
}

/*
 * Before the reap there is no exit information: PIDFD_INFO_EXIT is not in
 * the returned mask and exit_code reads 0, both while the child runs and
 * once it is a zombie (LTP ioctl_pidfd02; the exit info is stored at the
 * reap, pidfs_exit()).  This holds below 6.15 too: the kernel copies its
 * zeroed struct, which has no exit field set.
 */
KC_CASE(pidfd_info__before_reap_no_exit,
    "PIDFD_GET_INFO before the reap reports no PIDFD_INFO_EXIT and exit_code 0")
{
	struct before_reap b;

	kc_require_pidfd_get_info(tc);
	before_reap_query(0, kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE),
	    &b);
	check_before_reap(&b);
}

/*
 * The same for a child isolated in its own user and pid namespaces
 * (clone(CLONE_NEWUSER|CLONE_NEWPID): pid 1 there), queried from here.
 * CLONE_NEWUSER needs no privilege, and with it CLONE_NEWPID is allowed.
 */
KC_CASE(pidfd_info__before_reap_isolated,
    "PIDFD_GET_INFO before the reap of a CLONE_NEWUSER|CLONE_NEWPID child: no exit info")
{
	struct before_reap b;

	kc_require_pidfd_get_info(tc);
	before_reap_query(CLONE_NEWUSER | CLONE_NEWPID,
	    kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE), &b);
	check_before_reap(&b);
}

/*
 * A NULL argument: EINVAL (fs/pidfs.c pidfd_info(): "if (!uinfo) return
 * -EINVAL"; LTP ioctl_pidfd05).  Under Valgrind also a SyscallParam report.
 */
KC_CASE(pidfd_info__null_pointer_einval, "PIDFD_GET_INFO with a NULL argument fails with EINVAL")
{
	struct kc_held c;
	int fd, r, e;

	kc_require_pidfd_get_info(tc);
	fd = kc_held_spawn_pidfd(&c, 0,
	    kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE));
	r = ioctl(fd, KC_PIDFD_GET_INFO, NULL);
	e = errno;
	RL(close(fd));
	kc_held_release(&c);
	kc_require_exit(c.pid, 0);
	KC_CHECK_ERR(EINVAL, r, e);
}

/* One kind of fd that is not a pidfd, and the errno PIDFD_GET_INFO gives on it. */
struct nonpidfd {
	const char	*kind;
	int		 want;
	int		 fd;
};

/*
 * PIDFD_GET_INFO on fds that are not pidfds (LTP ioctl_pidfd01 iterates
 * its tst_fd kinds and accepts any of EINVAL, EBADF, ENOTTY; here each kind
 * has its exact errno, measured on 6.18 and read from the source):
 * - files whose file_operations have no unlocked_ioctl (pipe, /dev/null,
 *   eventfd, a /proc/<pid> directory) or whose ioctl answers -ENOIOCTLCMD
 *   or -ENOTTY for a command it does not know (ext4/tmpfs files and
 *   directories, memfd, sockets: sock_do_ioctl): ENOTTY (fs/ioctl.c
 *   vfs_ioctl: "error = -ENOTTY" without the op, -ENOIOCTLCMD mapped to
 *   -ENOTTY);
 * - an O_PATH fd: EBADF (the ioctl syscall's fdget() refuses FMODE_PATH
 *   files); a closed fd: EBADF.
 * (epoll fds are left out: ep_eventpoll_ioctl, 6.9, answers EINVAL where
 * older kernels had no op and answered ENOTTY, a version fact with no row.)
 */
KC_CASE(pidfd_info__non_pidfd_errno,
    "PIDFD_GET_INFO on fds that are not pidfds fails with each kind's errno")
{
	struct kc_pidfd_info info;
	struct nonpidfd k[16];
	char path[] = "pidfd_info.XXXXXX";
	int n = 0, p[2], sp[2], i, r, e, closed;

	RL(pipe2(p, O_CLOEXEC));
	RL(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp));
	k[n++] = (struct nonpidfd){ "regular file", ENOTTY, mkostemp(path, O_CLOEXEC) };
	RL(k[n - 1].fd);
	RL(unlink(path));
	k[n++] = (struct nonpidfd){ "directory", ENOTTY,
	    open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC) };
	k[n++] = (struct nonpidfd){ "pipe read end", ENOTTY, p[0] };
	k[n++] = (struct nonpidfd){ "pipe write end", ENOTTY, p[1] };
	k[n++] = (struct nonpidfd){ "unix stream socket", ENOTTY, sp[0] };
	k[n++] = (struct nonpidfd){ "inet datagram socket", ENOTTY,
	    socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0) };
	k[n++] = (struct nonpidfd){ "/dev/null", ENOTTY, open("/dev/null", O_RDWR | O_CLOEXEC) };
	k[n++] = (struct nonpidfd){ "eventfd", ENOTTY, eventfd(0, EFD_CLOEXEC) };
	k[n++] = (struct nonpidfd){ "memfd", ENOTTY, memfd_create("kc_pidfd_info", MFD_CLOEXEC) };
	k[n++] = (struct nonpidfd){ "/proc/self directory", ENOTTY,
	    open("/proc/self", O_RDONLY | O_DIRECTORY | O_CLOEXEC) };
	k[n++] = (struct nonpidfd){ "O_PATH fd", EBADF, open(".", O_PATH | O_CLOEXEC) };
	for (i = 0; i < n; i++)
		ATF_REQUIRE_MSG(k[i].fd >= 0, "opening a %s: %s", k[i].kind, strerror(errno));
	RL(closed = open("/dev/null", O_RDONLY | O_CLOEXEC));
	RL(close(closed));
	k[n++] = (struct nonpidfd){ "closed fd", EBADF, closed };
	/* qemu-user answers the ioctl itself, before looking at the fd. */
	kc_known_expect_fail("qemu_pidfd_get_info_enosys", kc_qemu_user_version(tc));
	kc_known_expect_fail("qemu_pidfd_get_info_enotty", kc_qemu_user_version(tc));
	for (i = 0; i < n; i++) {
		memset(&info, 0, sizeof(info));
		r = ioctl(k[i].fd, KC_PIDFD_GET_INFO, &info);
		e = errno;
		KC_CHECK_ERR_WHY(k[i].kind, k[i].want, r, e);
	}
	for (i = 0; i < n - 1; i++)
		RL(close(k[i].fd));
	RL(close(sp[1]));
}

/*
 * The saved ids and the cgroup: a child that has switched its effective
 * ids away from the saved ones reports suid/sgid (the saved ids), not the
 * effective ones; asked for PIDFD_INFO_CGROUPID, the kernel sets that bit
 * and a non-zero id (the child's cgroup in the default hierarchy, root
 * included: id 1) (kselftest pidfd_open_test #4).  Switching euid needs
 * root: the child (pidfd_body_helper ids, exec'd by kc_spawn_exec_pidfd:
 * its pidfd from pidfd_open or, where that is ENOSYS, clone(CLONE_PIDFD))
 * keeps real and saved ids 0 and sets euid/egid to nobody.
 */
KC_CASE_MD(pidfd_info__saved_ids_cgroupid,
    "PIDFD_GET_INFO (pidfd from pidfd_open or clone(CLONE_PIDFD)) reports the saved uid/gid "
    "and, when asked, a non-zero cgroup id",
    .user = "root")
{
	struct kc_pidfd_info info;
	char path[512], rw[16], hr[16], *argv[5];
	int hold[2], ready[2], keep[2], fd, r, e;
	enum kc_pidfd_src src;
	pid_t pid;
	char ch;

	kc_require_root();		/* the child changes its ids (run directly, not by kyua) */
	kc_require_pidfd_get_info(tc);
	src = kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE);
	kc_helper_path(tc, "pidfd_body_helper", path, sizeof(path));
	RL(pipe2(hold, O_CLOEXEC));
	RL(pipe2(ready, O_CLOEXEC));
	snprintf(rw, sizeof(rw), "%d", ready[1]);
	snprintf(hr, sizeof(hr), "%d", hold[0]);
	argv[0] = path;
	argv[1] = "ids";
	argv[2] = rw;
	argv[3] = hr;
	argv[4] = NULL;
	keep[0] = ready[1];
	keep[1] = hold[0];
	pid = kc_spawn_exec_pidfd(src, argv, keep, 2, &fd);
	RL(close(hold[0]));
	RL(close(ready[1]));
	ATF_REQUIRE_MSG(read(ready[0], &ch, 1) == 1, "the child did not switch its ids");
	RL(close(ready[0]));
	memset(&info, 0, sizeof(info));
	info.mask = PIDFD_INFO_CREDS | PIDFD_INFO_CGROUPID;
	r = ioctl(fd, KC_PIDFD_GET_INFO, &info);
	e = errno;
	RL(close(hold[1]));
	kc_require_exit(pid, 0);
	RL(close(fd));
	KC_REQUIRE_OK(r, e);
	KC_CHECK_EQ(0u, info.ruid);
	KC_CHECK_EQ(65534u, info.euid);
	KC_CHECK_EQ(0u, info.suid);
	KC_CHECK_EQ(0u, info.rgid);
	KC_CHECK_EQ(65534u, info.egid);
	KC_CHECK_EQ(0u, info.sgid);
	KC_CHECK_BITS(info.mask, PIDFD_INFO_CGROUPID);
	KC_CHECK_NE((uint64_t)0, info.cgroupid);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, pidfd_info__child_fields);
	ATF_TP_ADD_TC(tp, pidfd_info__self);
	ATF_TP_ADD_TC(tp, pidfd_info__exit_after_reap);
	ATF_TP_ADD_TC(tp, pidfd_info__reaped_esrch);
	ATF_TP_ADD_TC(tp, pidfd_info__short_size);
	ATF_TP_ADD_TC(tp, pidfd_info__supported_mask);
	ATF_TP_ADD_TC(tp, pidfd_info__sibling_pidns);
	ATF_TP_ADD_TC(tp, pidfd_info__exit_signalled);
	ATF_TP_ADD_TC(tp, pidfd_info__before_reap_no_exit);
	ATF_TP_ADD_TC(tp, pidfd_info__before_reap_isolated);
	ATF_TP_ADD_TC(tp, pidfd_info__null_pointer_einval);
	ATF_TP_ADD_TC(tp, pidfd_info__non_pidfd_errno);
	ATF_TP_ADD_TC(tp, pidfd_info__saved_ids_cgroupid);

	return (atf_no_error());
}
