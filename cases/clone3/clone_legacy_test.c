/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Legacy clone(2) basics: the return value and the child's view of itself,
 * CLONE_PARENT, CLONE_PARENT_SETTID, CLONE_CHILD_SETTID/CLEARTID with the
 * futex wake, CLONE_SETTLS, the sharing flags, and the child function's
 * return (LTP clone01/02/03/06/07/08/10).  Fork-like children
 * use the raw call (lib/kc_sys.h kc_clone_raw); thread-like ones glibc's
 * clone(3), which runs a function on a new stack on every arch.
 */
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_case.h"
#include "kc_child.h"
#include "kc_known.h"
#include "kc_macros.h"
#include "kc_pidfd.h"
#include "kc_sys.h"

#if defined(KC_ARCH_SETTLS_USER_DESC)
#include <asm/ldt.h>
typedef struct user_desc settls_buf;
#else
typedef char settls_buf;	/* unused: tls is the thread pointer */
#endif

#define STACK_SIZE	(256 * 1024)
#define WAIT_S		10	/* bound on a futex wake that must come */

/* A thread-like clone(3) in the flags every thread shares. */
#define THREAD_FLAGS	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
			 CLONE_SYSVSEM)

struct two_pids {
	pid_t	self, parent;
};

/*
 * clone() returns the child's pid in the parent and 0 in the child, whose
 * getpid() is that pid and whose getppid() is us; the child's exit status
 * reaches the parent (LTP clone01, clone03).
 */
KC_CASE(clone_legacy__returns_child_pid,
    "clone(2) returns the child's pid, the child's getpid(); its exit status 0 is reported")
{
	struct two_pids seen;
	int rep[2];
	ssize_t n;
	long pid;

	RL(pipe2(rep, O_CLOEXEC));
	pid = kc_clone_raw(SIGCHLD, NULL, NULL, NULL, 0);
	if (pid == 0) {
		seen.self = getpid();
		seen.parent = getppid();
		_exit(write(rep[1], &seen, sizeof(seen)) == (ssize_t)sizeof(seen) ? 0 : 1);
	}
	ATF_REQUIRE_MSG(pid > 0, "clone(SIGCHLD): %s", strerror(errno));
	RL(close(rep[1]));
	n = read(rep[0], &seen, sizeof(seen));
	RL(close(rep[0]));
	kc_require_exit((pid_t)pid, 0);
	KC_REQUIRE_EQ((ssize_t)sizeof(seen), n);
	KC_CHECK_EQ(pid, (long)seen.self);
	KC_CHECK_EQ(getpid(), seen.parent);
}

/*
 * CLONE_PARENT gives the new process the caller's parent: M, our child,
 * clones G with CLONE_PARENT; G's getppid() is us, and we reap G (LTP
 * clone08).  M itself is never our ATF runner's problem.
 */
KC_CASE(clone_legacy__parent_same_parent,
    "clone(2) CLONE_PARENT: the child's parent is the caller's parent")
{
	int mrep[2], grep_[2];
	pid_t m, g, gparent;
	ssize_t n1, n2;

	RL(pipe2(mrep, O_CLOEXEC));
	RL(pipe2(grep_, O_CLOEXEC));
	m = kc_fork();
	if (m == 0) {
		long r;

		r = kc_clone_raw(CLONE_PARENT | SIGCHLD, NULL, NULL, NULL, 0);
		if (r == 0) {
			pid_t pp = getppid();

			_exit(write(grep_[1], &pp, sizeof(pp)) == (ssize_t)sizeof(pp) ? 0 : 1);
		}
		g = (pid_t)r;
		_exit(write(mrep[1], &g, sizeof(g)) == (ssize_t)sizeof(g) && r > 0 ? 0 : 1);
	}
	RL(close(mrep[1]));
	RL(close(grep_[1]));
	n1 = read(mrep[0], &g, sizeof(g));
	kc_known_expect_fail("qemu_clone_fork_flags_einval", kc_qemu_user_version(tc));
	kc_require_exit(m, 0);
	KC_REQUIRE_EQ((ssize_t)sizeof(g), n1);
	n2 = read(grep_[0], &gparent, sizeof(gparent));
	RL(close(mrep[0]));
	RL(close(grep_[0]));
	kc_require_exit(g, 0);		/* G is our child, not M's */
	KC_REQUIRE_EQ((ssize_t)sizeof(gparent), n2);
	KC_CHECK_EQ(getpid(), gparent);
}

/*
 * Legacy CLONE_PARENT_SETTID stores the child's tid at parent_tid in the
 * parent's memory before clone returns (LTP clone08).
 */
KC_CASE(clone_legacy__parent_settid,
    "clone(2) CLONE_PARENT_SETTID writes the child's tid at parent_tid before returning")
{
	int ptid = -1;
	long pid;

	pid = kc_clone_raw(CLONE_PARENT_SETTID | SIGCHLD, NULL, &ptid, NULL, 0);
	if (pid == 0)
		_exit(0);
	ATF_REQUIRE_MSG(pid > 0, "clone(CLONE_PARENT_SETTID): %s", strerror(errno));
	kc_require_exit((pid_t)pid, 0);
	kc_known_expect_fail("qemu_parent_settid_child_only", kc_qemu_user_version(tc));
	KC_CHECK_EQ(pid, (long)ptid);
}

/* Wait (futex, bounded) until the kernel has cleared *ctid; 0, or the futex errno. */
static int
wait_cleared(volatile int *ctid)
{
	struct timespec ts = { WAIT_S, 0 };
	int v;

	while ((v = __atomic_load_n(ctid, __ATOMIC_ACQUIRE)) != 0) {
		if (syscall(__NR_futex, ctid, FUTEX_WAIT, v, &ts, NULL, 0) == -1 &&
		    errno != EAGAIN && errno != EINTR)
			return (errno);
	}
	return (0);
}

static void *
stack_alloc(void)
{
	void *s;

	s = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS |
	    MAP_STACK, -1, 0);
	ATF_REQUIRE_MSG(s != MAP_FAILED, "mmap(stack): %s", strerror(errno));
	return (s);
}

struct settid_thread {
	int	ready_w, release_r;
};

/* Thread-like child: say it runs, wait for the release, return (exits the thread). */
static int
settid_fn(void *arg)
{
	const struct settid_thread *t = arg;
	char c;

	if (write(t->ready_w, "r", 1) != 1)
		return (1);
	while (read(t->release_r, &c, 1) == -1 && errno == EINTR)
		;
	return (0);
}

/*
 * A CLONE_THREAD child with CLONE_CHILD_SETTID and CLONE_CHILD_CLEARTID:
 * child_tid holds its tid while it runs; when it exits, the kernel zeroes
 * child_tid and wakes a futex waiter on it (mm_release), the mechanism
 * pthread_join relies on (LTP clone08).
 */
KC_CASE(clone_legacy__thread_settid_cleartid_futex,
    "clone(2) CLONE_THREAD|CHILD_SETTID|CHILD_CLEARTID: tid stored, then cleared with a futex wake")
{
	struct settid_thread t;
	int ready[2], release[2], werr, tid;
	volatile int ctid = -1;
	char *stack, c;
	ssize_t n;

	RL(pipe2(ready, O_CLOEXEC));
	RL(pipe2(release, O_CLOEXEC));
	t.ready_w = ready[1];
	t.release_r = release[0];
	stack = stack_alloc();
	tid = clone(settid_fn, stack + STACK_SIZE, THREAD_FLAGS | CLONE_CHILD_SETTID |
	    CLONE_CHILD_CLEARTID, &t, NULL, NULL, &ctid);
	ATF_REQUIRE_MSG(tid > 0, "clone(CLONE_THREAD|CLONE_CHILD_SETTID|CLONE_CHILD_CLEARTID): "
	    "%s", strerror(errno));
	n = read(ready[0], &c, 1);
	KC_CHECK_EQ(tid, ctid);		/* stored before the thread ran */
	RL(close(release[1]));
	werr = wait_cleared(&ctid);
	RL(munmap(stack, STACK_SIZE));
	RL(close(ready[0]));
	RL(close(ready[1]));
	RL(close(release[0]));
	KC_CHECK_EQ((ssize_t)1, n);
	KC_CHECK_EQ(0, werr);		/* ETIMEDOUT: no wake, or child_tid never cleared */
	KC_CHECK_EQ(0, ctid);
}

/* The thread-local word the CLONE_SETTLS case reads, in every thread's own block. */
static __thread int tls_mark;

/* The pthread whose TLS block the CLONE_SETTLS child borrows. */
struct tls_owner {
	void		*tp;		/* its thread pointer */
	int		*mark_addr;	/* &tls_mark in it */
	int		 ready_w, release_r;
};

static void *
tls_owner_fn(void *arg)
{
	struct tls_owner *o = arg;
	char c;

	tls_mark = 0x7777;
#if defined(KC_ARCH_THREAD_POINTER)
	o->tp = KC_ARCH_THREAD_POINTER();
#else
	o->tp = __builtin_thread_pointer();
#endif
	o->mark_addr = &tls_mark;
	if (write(o->ready_w, "r", 1) != 1)
		return (NULL);
	while (read(o->release_r, &c, 1) == -1 && errno == EINTR)
		;
	return (NULL);
}

/*
 * clone's tls argument that installs thread pointer tp: tp itself, or on
 * i686 (KC_ARCH_SETTLS_USER_DESC) a user_desc of our %gs TLS slot with base
 * tp, filled in *d.
 */
#if defined(KC_ARCH_SETTLS_USER_DESC)
static void *
settls_arg(void *tp, settls_buf *d)
{
	unsigned short gs;

	__asm__ volatile ("movw %%gs, %0" : "=r" (gs));
	memset(d, 0, sizeof(*d));
	d->entry_number = gs >> 3;	/* the selector's index */
	RL(syscall(SYS_get_thread_area, d));
	d->base_addr = (unsigned int)(uintptr_t)tp;
	return (d);
}
#else
static void *
settls_arg(void *tp, settls_buf *d)
{
	(void)d;
	return (tp);
}
#endif

/* What a thread-like child saw of tls_mark. */
struct tls_seen {
	int	value;
	int	*addr;
};

static int
tls_reader_fn(void *arg)
{
	struct tls_seen *s = arg;

	s->value = tls_mark;
	s->addr = &tls_mark;
	return (0);
}

/* Run tls_reader_fn as a thread-like child with extra flags and tls; wait for its exit. */
static int
run_tls_reader(struct tls_seen *s, int extra, void *tls)
{
	volatile int ctid = -1;
	char *stack;
	int tid, werr;

	stack = stack_alloc();
	tid = clone(tls_reader_fn, stack + STACK_SIZE, THREAD_FLAGS | CLONE_CHILD_CLEARTID |
	    CLONE_CHILD_SETTID | extra, s, NULL, tls, &ctid);
	if (tid == -1) {
		werr = errno;
		RL(munmap(stack, STACK_SIZE));
		atf_tc_fail("clone(CLONE_THREAD%s): %s", extra ? "|CLONE_SETTLS" : "",
		    strerror(werr));
	}
	werr = wait_cleared(&ctid);
	RL(munmap(stack, STACK_SIZE));
	return (werr);
}

/*
 * CLONE_SETTLS gives the child the thread pointer passed in tls; without
 * it the child keeps the caller's.  Portable form, no arch code: the tls
 * value is another thread's own thread pointer (__builtin_thread_pointer(),
 * the value CLONE_SETTLS installs on the arches whose clone takes the
 * pointer itself; on i686 a user_desc with that base, KC_ARCH_SETTLS_USER_DESC),
 * and the child reads a __thread variable: with
 * CLONE_SETTLS it sees that thread's copy (value and address), without it
 * ours (LTP clone10, which builds a TLS block per arch).
 */
KC_CASE(clone_legacy__settls_switches_tls,
    "clone(2) CLONE_SETTLS: the child's __thread variables are those of the block given")
{
	struct tls_seen with, without;
	settls_buf desc;
	struct tls_owner o;
	int ready[2], release[2], w1, w2;
	pthread_t t;
	char c;

	RL(pipe2(ready, O_CLOEXEC));
	RL(pipe2(release, O_CLOEXEC));
	memset(&o, 0, sizeof(o));
	o.ready_w = ready[1];
	o.release_r = release[0];
	tls_mark = 0x1111;
	RZ(pthread_create(&t, NULL, tls_owner_fn, &o));
	ATF_REQUIRE_MSG(read(ready[0], &c, 1) == 1, "the TLS owner thread did not start");
	memset(&with, 0, sizeof(with));
	memset(&without, 0, sizeof(without));
	w1 = run_tls_reader(&with, CLONE_SETTLS, settls_arg(o.tp, &desc));
	w2 = run_tls_reader(&without, 0, NULL);
	RL(close(release[1]));
	RZ(pthread_join(t, NULL));
	RL(close(ready[0]));
	RL(close(ready[1]));
	RL(close(release[0]));
	KC_REQUIRE_EQ(0, w1);
	KC_REQUIRE_EQ(0, w2);
	KC_CHECK_EQ(0x7777, with.value);
	KC_CHECK_EQ((void *)o.mark_addr, (void *)with.addr);
	KC_CHECK_EQ(0x1111, without.value);
	KC_CHECK_EQ((void *)&tls_mark, (void *)without.addr);
}

/* What a clone child changes, for the sharing case. */
static volatile int shared_word;
static volatile sig_atomic_t handler_ran;

static void
usr1_handler(int sig)
{
	(void)sig;
	handler_ran = 1;
}

struct share_child {
	int	fd;		/* the fd it opened */
	int	release_r;
};

/* Change memory, the fd table, a signal disposition and the umask; then return. */
static int
share_fn(void *arg)
{
	struct share_child *c = arg;
	struct sigaction sa;

	shared_word = 0x5151;
	c->fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = usr1_handler;
	(void)sigaction(SIGUSR1, &sa, NULL);
	(void)umask(027);
	return (0);
}

/* What the parent sees after a share_fn child (flags) has exited. */
struct share_seen {
	int	word;		/* shared_word */
	int	fd_open;	/* fcntl(child's fd, F_GETFD) != -1 */
	int	handler;	/* SIGUSR1's handler is usr1_handler */
	int	mask;		/* our umask */
};

static void
run_share_child(int flags, struct share_seen *seen)
{
	struct sigaction sa, old;
	struct share_child c;
	volatile int ctid = -1;
	mode_t before;
	char *stack;
	long r;
	int werr = 0;

	shared_word = 0;
	c.fd = -1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	RL(sigaction(SIGUSR1, &sa, &old));
	before = umask(022);
	stack = stack_alloc();
	if (flags & CLONE_THREAD) {
		r = clone(share_fn, stack + STACK_SIZE, flags | CLONE_CHILD_CLEARTID |
		    CLONE_CHILD_SETTID, &c, NULL, NULL, &ctid);
		if (r > 0)
			werr = wait_cleared(&ctid);
	} else {
		r = clone(share_fn, stack + STACK_SIZE, flags | SIGCHLD, &c);
		if (r > 0)
			kc_require_exit((pid_t)r, 0);
	}
	if (r == -1) {
		werr = errno;
		(void)umask(before);
		atf_tc_fail("clone(%#x): %s", (unsigned)flags, strerror(werr));
	}
	RL(munmap(stack, STACK_SIZE));
	KC_REQUIRE_EQ(0, werr);
	seen->word = shared_word;
	seen->fd_open = c.fd >= 0 && fcntl(c.fd, F_GETFD) != -1;
	RL(sigaction(SIGUSR1, &old, &sa));
	seen->handler = sa.sa_handler == usr1_handler;
	seen->mask = (int)umask(before);
	if (seen->fd_open)
		RL(close(c.fd));
}

/*
 * CLONE_VM, CLONE_FILES, CLONE_SIGHAND and CLONE_FS share memory, the fd
 * table, signal dispositions and the umask: a thread-like child's changes
 * to each are the parent's; a fork-like child (none of the flags) changes
 * only its own copies (LTP clone02; its CLONE_VM child without
 * CLONE_THREAD is left to a Valgrind parity case, FACTS-peers §2).
 */
KC_CASE(clone_legacy__sharing_flags,
    "clone(2) CLONE_VM|FS|FILES|SIGHAND share memory, fds, handlers, umask; without them not")
{
	struct share_seen with, without;

	run_share_child(THREAD_FLAGS, &with);
	run_share_child(0, &without);
	KC_CHECK_EQ(0x5151, with.word);
	KC_CHECK_EQ(1, with.fd_open);
	KC_CHECK_EQ(1, with.handler);
	KC_CHECK_EQ(027, with.mask);
	KC_CHECK_EQ(0, without.word);
	KC_CHECK_EQ(0, without.fd_open);
	KC_CHECK_EQ(0, without.handler);
	KC_CHECK_EQ(022, without.mask);
}

#define FN_RETURN	23

/* Return from the child function, with the environment variable's verdict folded in. */
static int
return_fn(void *arg)
{
	const char *v = getenv("KC_CLONE_ENV");

	(void)arg;
	return (v != NULL && strcmp(v, "inherited") == 0 ? FN_RETURN : 1);
}

/*
 * A fork-like clone(3) child that returns from its function exits with the
 * returned value as its status, and it sees the parent's environment
 * (LTP clone07, clone06).
 */
KC_CASE(clone_legacy__fn_return_is_exit_status,
    "clone(3): the child function's return value is its exit status; it sees the environment")
{
	char *stack;
	long r;
	int e;

	RL(setenv("KC_CLONE_ENV", "inherited", 1));
	stack = stack_alloc();
	r = clone(return_fn, stack + STACK_SIZE, SIGCHLD, NULL);
	e = errno;
	RL(unsetenv("KC_CLONE_ENV"));
	if (r == -1) {
		RL(munmap(stack, STACK_SIZE));
		atf_tc_fail("clone(SIGCHLD): %s", strerror(e));
	}
	kc_require_exit((pid_t)r, FN_RETURN);	/* 1: the variable was not inherited */
	RL(munmap(stack, STACK_SIZE));
}

#define VM_CHILD_EXIT	29
#define VM_WORD		0x7a7a

/* A CLONE_VM child: store into the parent's memory, then _exit() (exit_group). */
static int
vm_store_exit_fn(void *arg)
{
	__atomic_store_n((int *)arg, VM_WORD, __ATOMIC_RELEASE);
	_exit(VM_CHILD_EXIT);
}

/* clone(3) a CLONE_VM child running vm_store_exit_fn with `flags`, reap it
 * (it must exit VM_CHILD_EXIT) and return the word it stored. */
static int
run_vm_child(int flags, const char *what, int *ptid)
{
	int word = 0, e;
	char *stack;
	long r;

	stack = stack_alloc();
	r = clone(vm_store_exit_fn, stack + STACK_SIZE, flags, &word, ptid);
	e = errno;
	if (r == -1) {
		RL(munmap(stack, STACK_SIZE));
		atf_tc_fail("clone(%s): %s", what, strerror(e));
	}
	kc_require_exit((pid_t)r, VM_CHILD_EXIT);	/* its _exit ended it, not us */
	RL(munmap(stack, STACK_SIZE));
	if (ptid != NULL)
		KC_CHECK_EQ(r, (long)*ptid);
	return (__atomic_load_n(&word, __ATOMIC_ACQUIRE));
}

/*
 * A child cloned with CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND but not
 * CLONE_THREAD is a process of its own that shares our memory: its store
 * is ours, its _exit() (exit_group) ends only its own thread group, and we
 * reap it with its exit status (LTP clone02's CLONE_VM child).  Valgrind
 * runs this clone as a thread of the client, whose exit_group ends the
 * whole process with status 0 (FACTS-peers §2; parity row
 * vg_clone_vm_process_as_thread).
 */
KC_CASE(clone_legacy__vm_process_exit_reaped,
    "clone(2) CLONE_VM|FS|FILES|SIGHAND without CLONE_THREAD: the child's _exit ends only it, "
    "reaped with its status")
{
	int word;

	kc_known_expect_fail("qemu_clone_vm_needs_thread_flags", kc_qemu_user_version(tc));
	word = run_vm_child(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | SIGCHLD,
	    "CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|SIGCHLD", NULL);
	KC_CHECK_EQ_HEX(VM_WORD, word);		/* the memory is shared */
}

/*
 * clone(CLONE_VM|CLONE_PARENT_SETTID) without the other sharing flags: a
 * process sharing only our memory; the kernel stores its tid at
 * parent_tid, its store is ours, and we reap it with its status (LTP
 * clone08 with CLONE_VM).  Valgrind supports only thread-, fork- and
 * vfork-like clones and stops the client with "Unsupported clone()
 * flags" and status 1 (FACTS-peers §2; parity row vg_clone_flags_unsupported).
 */
KC_CASE(clone_legacy__vm_parent_settid_reaped,
    "clone(2) CLONE_VM|CLONE_PARENT_SETTID: parent_tid holds the child's tid, the memory is "
    "shared, the child is reaped with its status")
{
	int ptid = -1, word;

	kc_known_expect_fail("qemu_clone_vm_needs_thread_flags", kc_qemu_user_version(tc));
	word = run_vm_child(CLONE_VM | CLONE_PARENT_SETTID | SIGCHLD,
	    "CLONE_VM|CLONE_PARENT_SETTID|SIGCHLD", &ptid);
	KC_CHECK_EQ_HEX(VM_WORD, word);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, clone_legacy__returns_child_pid);
	ATF_TP_ADD_TC(tp, clone_legacy__parent_same_parent);
	ATF_TP_ADD_TC(tp, clone_legacy__parent_settid);
	ATF_TP_ADD_TC(tp, clone_legacy__thread_settid_cleartid_futex);
	ATF_TP_ADD_TC(tp, clone_legacy__settls_switches_tls);
	ATF_TP_ADD_TC(tp, clone_legacy__sharing_flags);
	ATF_TP_ADD_TC(tp, clone_legacy__fn_return_is_exit_status);
	ATF_TP_ADD_TC(tp, clone_legacy__vm_process_exit_reaped);
	ATF_TP_ADD_TC(tp, clone_legacy__vm_parent_settid_reaped);

	return (atf_no_error());
}
