/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Subject of client_msg_test: what makes Valgrind print a client message
 * outside the XML report (FACTS-valgrind.md §8, text-only messages and the
 * logging pitfall).  See vg_subject.h.
 */
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kc_arch.h"
#include "kc_vg.h"
#include "vg_subject.h"

/* Above the 256 MiB at which memcheck warns (mc_main.c
 * set_address_range_perms); MAP_NORESERVE: nothing is touched. */
#define LARGE_MAP	((size_t)320 << 20)
#define SMALL_MAP	((size_t)128 << 20)

static void
on_signal(int s)
{
	(void)s;
}

#ifdef KC_ARCH_NSIG
/*
 * The kernel's struct sigaction of rt_sigaction(2) (kc_arch.h); what
 * follows the handler and the flags (the restorer where the arch has one,
 * the mask) stays zero: no restorer, an empty mask.
 */
struct k_sigaction {
#if defined(KC_ARCH_KSIGACTION_FLAGS_FIRST) && KC_ARCH_KSIGACTION_FLAGS_FIRST
	unsigned int	  flags;
	void		(*handler)(int);
#else
	void		(*handler)(int);
	unsigned long	  flags;
#endif
	unsigned long	  rest[8];
};

/* rt_sigaction(signo) itself: glibc's sigaction refuses what is above its
 * SIGRTMAX (mips' 128). */
static int
k_sigaction(int signo, void (*handler)(int))
{
	struct k_sigaction ka;

	memset(&ka, 0, sizeof(ka));
	ka.handler = handler;
	return ((int)syscall(SYS_rt_sigaction, signo, &ka, NULL,
	    (size_t)KC_ARCH_NSIG / 8));
}

#define TOP_SIGNAL	KC_ARCH_NSIG
#else
#define TOP_SIGNAL	SIGRTMAX
#endif

/* Set signo's handler, an empty mask, no flags: through rt_sigaction(2)
 * itself above glibc's SIGRTMAX (k_sigaction), else sigaction(2). */
static int
set_handler(int signo, void (*handler)(int))
{
	struct sigaction sa;

#ifdef KC_ARCH_NSIG
	if (signo > SIGRTMAX)
		return (k_sigaction(signo, handler));
#endif
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	if (sigemptyset(&sa.sa_mask) == -1)
		exit(3);
	return (sigaction(signo, &sa, NULL));
}

/* sigaction(signo): printed: signo, failed (0/1), errno. */
static void
try_sigaction(const char *sc, int signo)
{
	int r, e;

	errno = 0;
	r = set_handler(signo, on_signal);
	e = errno;
	vg_put(sc, "signo", (unsigned long)signo);
	vg_put(sc, "failed", r == -1);
	vg_put(sc, "errno", r == -1 ? (unsigned long)e : 0);
	if (r == 0 && set_handler(signo, SIG_DFL) == -1)
		exit(3);
}

/* The kernel's highest signal (SIGRTMAX, or KC_ARCH_NSIG above it): 0
 * natively. */
static __attribute__((noinline)) void
sc_sigaction_rtmax(const char *sc)
{
	try_sigaction(sc, TOP_SIGNAL);
}

/* Fault variant (client_msg_fault=rtmax_minus_1): a signal Valgrind lets be. */
static __attribute__((noinline)) void
sc_sigaction_rtmax_minus_1(const char *sc)
{
	try_sigaction(sc, TOP_SIGNAL - 1);
}

/*
 * MAKE_MEM_NOACCESS over LARGE_MAP minus a page at each end, so that the
 * warning it gives ("large range [start, end) (noaccess)") is told apart
 * from the ones of the mmap and munmap themselves: the range is printed.
 */
static void
noaccess_range(const char *sc, size_t len)
{
	long pg = sysconf(_SC_PAGESIZE);
	unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	char range[64];
	intptr_t r;

	if (p == MAP_FAILED || pg <= 0)
		exit(3);
	r = kc_vg_make_mem_noaccess(p + pg, len - 2 * (size_t)pg);
	snprintf(range, sizeof(range), "[%p, %p)", (void *)(p + pg),
	    (void *)(p + len - pg));
	vg_puts(sc, "range", range);
	vg_put(sc, "minus_one", r == -1);
	if (munmap(p, len) == -1)
		exit(3);
}

static __attribute__((noinline)) void
sc_large_range(const char *sc)
{
	noaccess_range(sc, LARGE_MAP);
}

/* Fault variant (client_msg_fault=small_range): below the threshold. */
static __attribute__((noinline)) void
sc_large_range_small(const char *sc)
{
	noaccess_range(sc, SMALL_MAP);
}

/*
 * A forked child that makes one memcheck error (a branch on a byte made
 * undefined) and exits; the parent reaps it, prints its exit status, and
 * makes none.
 */
static __attribute__((noinline)) void
sc_fork_child_error(const char *sc)
{
	pid_t pid;
	int st;

	pid = fork();
	if (pid == -1)
		exit(3);
	if (pid == 0) {
		unsigned char *buf = calloc(1, 8);
		volatile unsigned char *b = buf;

		if (buf == NULL)
			_exit(3);
		/* Undefined for memcheck: the child's one error. */
		(void)kc_vg_make_mem_undefined(buf + 3, 1);
		if (b[3] == 0x5a)
			VG_USE(1);
		free(buf);
		_exit(0);
	}
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		exit(3);
	vg_put(sc, "child", (unsigned long)pid);
	/* 0, or Valgrind's --error-exitcode for the child's error. */
	vg_put(sc, "child_exit", (unsigned long)WEXITSTATUS(st));
}

const struct vg_scenario vg_scenarios[] = {
	{ "sigaction_rtmax", sc_sigaction_rtmax },
	{ "sigaction_rtmax_minus_1", sc_sigaction_rtmax_minus_1 },
	{ "large_range", sc_large_range },
	{ "large_range_small", sc_large_range_small },
	{ "fork_child_error", sc_fork_child_error },
	{ NULL, NULL },
};
