/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The bodies of children that need a process of their own libc (threads,
 * id changes), exec'd by kc_spawn_exec_pidfd (lib/kc_pidsrc.h) so that
 * their pidfd can come from clone(CLONE_PIDFD) or pidfd_open alike:
 *
 *   pidfd_body_helper ids <ready_w> <hold_r>
 *	setresgid(0, 65534, 0) and setresuid(0, 65534, 0) (needs root), write
 *	one byte to ready_w, block reading hold_r (EOF releases), exit 0.
 *   pidfd_body_helper leader_exit <gone_w> <quit_r>
 *	the leader thread exits alone (SYS_exit) while a second thread lives;
 *	that thread writes one byte to gone_w once the kernel has cleared the
 *	leader's clear-tid word, blocks reading quit_r, then exits the
 *	process with 7.
 *   pidfd_body_helper exec_thread <ready_w> <path> <code> <hold_r>
 *	a second thread execs "<path> <code> <hold_r>" (pidfd_exec_helper)
 *	while the leader waits to be replaced; ready_w is close-on-exec, so
 *	its reader sees EOF once the exec is done.
 *
 * A failed step prints it on stderr and exits 32 (KC_CHILD_FAILED); a
 * usage error exits 2.
 */
#include <sys/syscall.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kc_child.h"

static void
fail(const char *what)
{
	fprintf(stderr, "pidfd_body_helper: %s: %s\n", what, strerror(errno));
	_exit(KC_CHILD_FAILED);
}

static void
block_on(int fd)
{
	char c;

	while (read(fd, &c, 1) == -1 && errno == EINTR)
		;
}

/* leader_exit: the leader's clear-tid word and the pipes. */
static int leader_word, gone_w, quit_r;

static void *
survivor(void *a)
{
	(void)a;
	/* The kernel zeroes leader_word and wakes us when the leader has exited. */
	while (__atomic_load_n(&leader_word, __ATOMIC_ACQUIRE) != 0)
		syscall(SYS_futex, &leader_word, FUTEX_WAIT, leader_word, NULL, NULL, 0);
	if (write(gone_w, "g", 1) != 1)
		fail("write(gone)");
	block_on(quit_r);
	_exit(7);
}

/* exec_thread: what the second thread execs. */
static char *exec_argv[4];

static void *
exec_fn(void *a)
{
	(void)a;
	execv(exec_argv[0], exec_argv);
	fail("execv");
	return (NULL);
}

int
main(int argc, char **argv)
{
	pthread_t t;
	int e;

	if (argc == 4 && strcmp(argv[1], "ids") == 0) {
		if (setresgid(0, 65534, 0) == -1)
			fail("setresgid(0, 65534, 0)");
		if (setresuid(0, 65534, 0) == -1)
			fail("setresuid(0, 65534, 0)");
		if (write(atoi(argv[2]), "r", 1) != 1)
			fail("write(ready)");
		block_on(atoi(argv[3]));
		return (0);
	}
	if (argc == 4 && strcmp(argv[1], "leader_exit") == 0) {
		gone_w = atoi(argv[2]);
		quit_r = atoi(argv[3]);
		leader_word = (int)syscall(SYS_gettid);
		syscall(SYS_set_tid_address, &leader_word);
		if ((e = pthread_create(&t, NULL, survivor, NULL)) != 0) {
			errno = e;
			fail("pthread_create");
		}
		syscall(SYS_exit, 0);	/* this thread only */
		fail("SYS_exit returned");
	}
	if (argc == 6 && strcmp(argv[1], "exec_thread") == 0) {
		if (fcntl(atoi(argv[2]), F_SETFD, FD_CLOEXEC) == -1)
			fail("fcntl(ready, FD_CLOEXEC)");
		exec_argv[0] = argv[3];
		exec_argv[1] = argv[4];
		exec_argv[2] = argv[5];
		exec_argv[3] = NULL;
		if ((e = pthread_create(&t, NULL, exec_fn, NULL)) != 0) {
			errno = e;
			fail("pthread_create");
		}
		for (;;)
			pause();	/* the leader waits to be replaced by the exec */
	}
	fprintf(stderr, "usage: pidfd_body_helper ids <ready_w> <hold_r> | leader_exit "
	    "<gone_w> <quit_r> | exec_thread <ready_w> <path> <code> <hold_r>\n");
	return (2);
}
