/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Helper: run this arch's two vfork routines (lib/arch/<arch>/vfork_clone.S
 * and vfork_clone3.S) once each through every path of their contract
 * (lib/kc_sys.h): the child's exit code, the mark store, an exec with its
 * argv, a failed exec reported as -ENOENT in err_slot.  Built natively and,
 * static, for every other arch of lib/arch whose cross gcc is installed
 * (mk/arch-rules.mk); selftest/lib/arch_qemu_test runs it under qemu-user.
 * No CLONE_PIDFD (qemu 7.2 rejects it) and no assertion on sharing: under
 * qemu-user a vfork-style clone is a fork (lib/kc_known.c qemu_vfork_as_fork),
 * so the mark is checked only when the memory is shared (argv[1] "shared").
 *   h_vfork shared|any
 * Exit 0 when every check holds, 1 with a FAIL line otherwise.  clone3 is
 * ENOSYS under qemu-user: with "any", -1/ENOSYS from vfork_clone3 is printed
 * as such and accepted.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kc_sys.h"

#define KC_MARK		0x4b43L		/* "KC" */

static int bad;

static void
check(int ok, const char *what, long got)
{
	if (!ok) {
		printf("FAIL: %s (got %ld)\n", what, got);
		bad = 1;
	}
}

/* Reap pid and return its exit code, or -1 (with a FAIL line). */
static int
reap(long pid, const char *what)
{
	int st;

	if (waitpid((pid_t)pid, &st, 0) != (pid_t)pid) {
		printf("FAIL: %s: waitpid: %s\n", what, strerror(errno));
		bad = 1;
		return (-1);
	}
	if (!WIFEXITED(st)) {
		printf("FAIL: %s: status %#x, not an exit\n", what, st);
		bad = 1;
		return (-1);
	}
	return (WEXITSTATUS(st));
}

/* One routine; clone3 when use3. */
static void
run(int use3, int shared)
{
	const char *name = use3 ? "vfork_clone3" : "vfork_clone";
	char *const sh_argv[] = { (char *)"/bin/sh", (char *)"-c", (char *)"exit $0", (char *)"9", NULL };
	char *const env[] = { NULL };
	struct kc_vfork_child c;
	struct kc_clone_args ca;
	volatile long mark = 0, err = 1;
	long pid;
	int code;

	/* 1. exit code and mark. */
	memset(&c, 0, sizeof(c));
	c.mark_slot = (long *)&mark;
	c.mark = KC_MARK;
	c.exit_code = 5;
	memset(&ca, 0, sizeof(ca));
	ca.flags = CLONE_VM | CLONE_VFORK;
	ca.exit_signal = SIGCHLD;
	pid = use3 ? kc_vfork_clone3(&ca, sizeof(ca), &c, NULL) :
	    kc_vfork_clone(CLONE_VM | CLONE_VFORK | SIGCHLD, NULL, &c);
	if (use3 && pid == -1 && errno == ENOSYS && !shared) {
		printf("%s: clone3(2): ENOSYS (qemu-user implements no clone3, "
		    "lib/kc_known.c qemu_clone3_enosys): not run\n", name);
		return;
	}
	if (pid <= 0) {
		printf("FAIL: %s: %s\n", name, strerror(errno));
		bad = 1;
		return;
	}
	code = reap(pid, name);
	check(code == 5, "exit code 5", code);
	if (shared)
		check(mark == KC_MARK, "mark visible in the shared memory", mark);

	/* 2. exec with argv: /bin/sh -c 'exit $0' 9 exits 9. */
	memset(&c, 0, sizeof(c));
	c.path = "/bin/sh";
	c.argv = sh_argv;
	c.envp = env;
	c.err_slot = (long *)&err;
	c.exit_code = 127;
	pid = use3 ? kc_vfork_clone3(&ca, sizeof(ca), &c, NULL) :
	    kc_vfork_clone(CLONE_VM | CLONE_VFORK | SIGCHLD, NULL, &c);
	check(pid > 0, "exec clone", pid);
	if (pid > 0) {
		code = reap(pid, name);
		check(code == 9, "exec'd /bin/sh exit code 9", code);
		check(err == 1, "err_slot untouched by a successful exec", err);
	}

	/* 3. a failed exec: -ENOENT in err_slot (shared memory only), exit 3. */
	c.path = "/nonexistent/kc-no-such-program";
	c.exit_code = 3;
	err = 1;
	pid = use3 ? kc_vfork_clone3(&ca, sizeof(ca), &c, NULL) :
	    kc_vfork_clone(CLONE_VM | CLONE_VFORK | SIGCHLD, NULL, &c);
	check(pid > 0, "failed-exec clone", pid);
	if (pid > 0) {
		code = reap(pid, name);
		check(code == 3, "exit code 3 after the failed exec", code);
		if (shared)
			check(err == -ENOENT, "err_slot -ENOENT", err);
	}
	if (!bad)
		printf("ok: %s: exit code, exec with argv, failed exec%s\n", name,
		    shared ? ", shared mark and err_slot" : "");
}

int
main(int argc, char **argv)
{
	int shared = argc > 1 && strcmp(argv[1], "shared") == 0;

	if (!kc_vfork_clone_native || !kc_vfork_clone3_native) {
		printf("FAIL: no lib/arch/<arch>/vfork_clone%s.S for %s\n",
		    kc_vfork_clone_native ? "3" : "", KC_ARCH_TRIPLET);
		return (1);
	}
	run(0, shared);
	run(1, shared);
	return (bad);
}
