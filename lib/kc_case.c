/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The case scaffolding (see kc_case.h): head metadata, hygiene, and the
 * watchdog thread.
 *
 * The watchdog waits on a condition variable with a CLOCK_MONOTONIC
 * deadline (no sleep).  At the deadline it (1) reads from /proc what each
 * other thread and each descendant is blocked in, (2) parks the other
 * threads of the case in a signal handler, so that none of them reports a
 * second verdict once their wait is released, (3) kills every descendant
 * and reaps its children, and (4) calls atf_tc_fail, which writes the
 * result file and exits the process from this thread (atf-c tc.c
 * fail_requirement: create_resfile, then exit(EXIT_FAILURE); proven by
 * selftest/lib/watchdog_test).  The watchdog thread runs with every signal
 * blocked, so process-directed signals of a case reach its own threads.
 */
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_batch.h"
#include "kc_blocked.h"
#include "kc_case.h"
#include "kc_child.h"
#include "kc_kfacts.h"
#include "kc_macros.h"
#include "kc_time.h"

/* Every program with a case also has the batch entry (lib/kc_batch.h). */
__attribute__((used)) static const char *const kc_case_batch = kc_batch_entry;

/*
 * Signal that parks the other threads when the watchdog fires: a low
 * real-time one.  Not SIGRTMAX: qemu-user cannot send a guest's three
 * highest (tgkill with SIGRTMAX-2..SIGRTMAX is EINVAL under qemu 10.0.13
 * and 11.1.3, measured on riscv64 and aarch64: its host reserves them), so
 * no thread was parked and the released case thread raced the watchdog's
 * result (EBADF, SIGABRT: a broken case); Valgrind reserves SIGRTMAX too.
 */
#define KC_PARK_SIG	(SIGRTMIN + 2)
/* How long to wait for the threads to park before going on anyway (ms). */
#define KC_PARK_MS	2000

unsigned
kc_case_scale(void)
{
	const char *v = getenv("KC_DEADLINE_SCALE");
	char *end;
	unsigned long n;

	if (v == NULL || *v == '\0')
		return (1);
	errno = 0;
	n = strtoul(v, &end, 10);
	if (errno != 0 || *end != '\0' || n < 1 || n > 100) {
		/* A runner's setup error: no deadline can be trusted, so no case runs. */
		fprintf(stderr, "KC_DEADLINE_SCALE=%s: not an integer in 1..100\n", v);
		exit(2);
	}
	return ((unsigned)n);
}

unsigned
kc_case_deadline(const struct kc_case_md *md)
{
	return ((md->deadline_s != 0 ? md->deadline_s : KC_CASE_DEADLINE_S) * kc_case_scale());
}

void
kc_case_head(atf_tc_t *tc, const struct kc_case_md *md)
{
	char buf[32];

	atf_tc_set_md_var(tc, "descr", "%s", md->descr);
	snprintf(buf, sizeof(buf), "%u", kc_case_deadline(md) + KC_CASE_MARGIN_S);
	atf_tc_set_md_var(tc, "timeout", "%s", buf);
	if (md->user != NULL)
		atf_tc_set_md_var(tc, "require.user", "%s", md->user);
	if (md->progs != NULL)
		atf_tc_set_md_var(tc, "require.progs", "%s", md->progs);
	if (md->machine != NULL)
		atf_tc_set_md_var(tc, "require.machine", "%s", md->machine);
	if (md->config != NULL)
		atf_tc_set_md_var(tc, "require.config", "%s", md->config);
}

static struct {
	pthread_mutex_t	mu;
	pthread_cond_t	cv;
	bool		stop;
	unsigned	deadline_s;
	pthread_t	thread;
} kc_wd = { .mu = PTHREAD_MUTEX_INITIALIZER };

static int kc_park_pipe[2] = { -1, -1 };

static void
kc_park(int sig)
{
	sigset_t all;

	(void)sig;
	if (write(kc_park_pipe[1], "p", 1) == -1) {
		/* nothing to do: the watchdog goes on after its timeout */
	}
	sigfillset(&all);
	for (;;)
		sigsuspend(&all);
}

/* Park every thread of this process but the caller; returns how many parked. */
static int
kc_park_others(pid_t self)
{
	struct sigaction sa;
	struct dirent *de;
	struct timespec t0;
	int sent = 0, parked = 0;
	DIR *d;

	if (pipe2(kc_park_pipe, O_CLOEXEC | O_NONBLOCK) == -1)
		return (0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = kc_park;
	sigfillset(&sa.sa_mask);
	sigaction(KC_PARK_SIG, &sa, NULL);
	d = opendir("/proc/self/task");
	if (d == NULL)
		return (0);
	while ((de = readdir(d)) != NULL) {
		pid_t tid = (pid_t)atoi(de->d_name);

		if (tid <= 0 || tid == self)
			continue;
		if (syscall(SYS_tgkill, getpid(), tid, KC_PARK_SIG) == 0)
			sent++;
	}
	closedir(d);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (parked < sent) {
		struct pollfd p = { .fd = kc_park_pipe[0], .events = POLLIN };
		char c[16];
		long ms;
		ssize_t n;

		ms = KC_PARK_MS - kc_ms_since(&t0);
		if (ms <= 0 || poll(&p, 1, (int)ms) <= 0)
			break;
		n = read(kc_park_pipe[0], c, sizeof(c));
		if (n > 0)
			parked += (int)n;
	}
	return (parked);
}

/* Kill every descendant (leaves included), then reap our own children. */
static void
kc_kill_descendants(void)
{
	pid_t kids[256];
	int n, i;

	n = kc_descendants(getpid(), kids, 256);
	for (i = 0; i < n; i++)
		(void)kill(kids[i], SIGKILL);
	(void)kc_reap_children(NULL);
}

static void
kc_watchdog_fire(void)
{
	static char why[8192];
	pid_t self = (pid_t)syscall(SYS_gettid);

	kc_blocked_watchdog(kc_wd.deadline_s, 0, self, why, sizeof(why));
	(void)kc_park_others(self);
	kc_kill_descendants();
	atf_tc_fail("%s", why);
}

static void *
kc_watchdog(void *arg)
{
	struct timespec dl;
	bool fire = false;

	(void)arg;
	clock_gettime(CLOCK_MONOTONIC, &dl);
	dl.tv_sec += kc_wd.deadline_s;
	pthread_mutex_lock(&kc_wd.mu);
	while (!kc_wd.stop) {
		if (pthread_cond_timedwait(&kc_wd.cv, &kc_wd.mu, &dl) == ETIMEDOUT) {
			fire = !kc_wd.stop;
			break;
		}
	}
	pthread_mutex_unlock(&kc_wd.mu);
	if (fire)
		kc_watchdog_fire();
	return (NULL);
}

/* Start the watchdog; false when no thread can be made (see below). */
static bool
kc_watchdog_start(unsigned deadline_s)
{
	pthread_condattr_t ca;
	sigset_t all, old;
	int r;

	kc_wd.stop = false;
	kc_wd.deadline_s = deadline_s;
	RZ(pthread_condattr_init(&ca));
	RZ(pthread_condattr_setclock(&ca, CLOCK_MONOTONIC));
	RZ(pthread_cond_init(&kc_wd.cv, &ca));
	RZ(pthread_condattr_destroy(&ca));
	sigfillset(&all);
	RZ(pthread_sigmask(SIG_SETMASK, &all, &old));
	r = pthread_create(&kc_wd.thread, NULL, kc_watchdog, NULL);
	RZ(pthread_sigmask(SIG_SETMASK, &old, NULL));
	/*
	 * A sandbox that refuses clone3 with EPERM (moby#42680; the
	 * clone3-eperm profile) leaves glibc no thread: the case still runs and
	 * judges what it tests, only without the watchdog (a hang is then
	 * kyua's timeout again).  Said on stderr, which kyua keeps.
	 */
	if (r != 0) {
		fprintf(stderr, "watchdog: pthread_create: %s (%s); running without the "
		    "watchdog\n", kc_errname(r), strerror(r));
		RZ(pthread_cond_destroy(&kc_wd.cv));
		return (false);
	}
	return (true);
}

static void
kc_watchdog_stop(void)
{
	pthread_mutex_lock(&kc_wd.mu);
	kc_wd.stop = true;
	pthread_cond_signal(&kc_wd.cv);
	pthread_mutex_unlock(&kc_wd.mu);
	RZ(pthread_join(kc_wd.thread, NULL));
	RZ(pthread_cond_destroy(&kc_wd.cv));
}

/*
 * Under a runner that asks for it (KC_KFACTS_REPORT=1 in the environment:
 * kc-run in a guest), one stderr line with the kernel-facts rows the case
 * consulted, "kconform-kfacts: kernel-facts: <row> >= <floor>, ...", so that
 * a pass records which version-gated expectations it asserted (kc-run makes
 * it the pass's reason; kc-compare's kernel mode attributes it to the row).
 */
static void
kc_case_report_kfacts(void)
{
	char buf[2048];
	const char *v = getenv("KC_KFACTS_REPORT");

	if (v == NULL || strcmp(v, "1") != 0)
		return;
	if (*kc_kfacts_used(buf, sizeof(buf)) != '\0')
		fprintf(stderr, "kconform-kfacts: %s\n", buf);
}

static const atf_tc_t *kc_case_tc;

const atf_tc_t *
kc_case_current(void)
{
	return (kc_case_tc);
}

void
kc_case_run(const atf_tc_t *tc, const struct kc_case_md *md,
    void (*body)(const atf_tc_t *))
{
	struct kc_hygiene h;
	bool wd;

	kc_case_tc = tc;
	/* In a Valgrind lane's child the lane keeps the deadline (kc_batch.h). */
	wd = !kc_batch_watched() && kc_watchdog_start(kc_case_deadline(md));
	if (!md->no_hygiene)
		kc_hygiene_begin(&h);
	body(tc);
	if (!md->no_hygiene)
		kc_hygiene_end(&h);
	if (wd)
		kc_watchdog_stop();
	kc_case_report_kfacts();
}

/* The cases of kc_case_add, found again by their atf_tc_t. */
static struct {
	const atf_tc_t			*tc;
	const struct kc_case_md		*md;
	void				(*body)(const atf_tc_t *);
} kc_dyn[KC_CASE_MAXDYN];
static unsigned kc_ndyn;

static unsigned
kc_dyn_of(const atf_tc_t *tc)
{
	unsigned i;

	for (i = 0; i < kc_ndyn; i++) {
		if (kc_dyn[i].tc == tc)
			return (i);
	}
	/* Not reached: kc_case_add records the case before atf_tc_init. */
	atf_tc_fail("kc_case: %s was not registered with kc_case_add", atf_tc_get_ident(tc));
}

static void
kc_dyn_head(atf_tc_t *tc)
{
	kc_case_head(tc, kc_dyn[kc_dyn_of(tc)].md);
}

static void
kc_dyn_body(const atf_tc_t *tc)
{
	unsigned i = kc_dyn_of(tc);

	kc_case_run(tc, kc_dyn[i].md, kc_dyn[i].body);
}

atf_error_t
kc_case_add(atf_tp_t *tp, atf_tc_t *tc, const char *ident, const struct kc_case_md *md,
    void (*body)(const atf_tc_t *), void (*cleanup)(const atf_tc_t *),
    const char *const *config)
{
	atf_error_t err;

	if (kc_ndyn >= KC_CASE_MAXDYN)
		return (atf_libc_error(E2BIG, "kc_case_add: more than %d cases",
		    KC_CASE_MAXDYN));
	kc_dyn[kc_ndyn].tc = tc;
	kc_dyn[kc_ndyn].md = md;
	kc_dyn[kc_ndyn].body = body;
	kc_ndyn++;
	err = atf_tc_init(tc, ident, kc_dyn_head, kc_dyn_body, cleanup, config);
	if (!atf_is_error(err))
		err = atf_tp_add_tc(tp, tc);
	return (err);
}
