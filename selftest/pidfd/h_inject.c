/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Exec wrapper of pidfd_fault_test for injections that a kc_sandbox_rule
 * (one errno, optionally for one exact arg0) cannot express:
 *
 *	h_inject <mode> <program> [args...]
 *
 * installs the filter of <mode>, then execs <program> with its args.
 *   none              no filter (the control run)
 *   send_signal_noop  pidfd_send_signal(2) on an fd in [0, 1024) returns 0
 *                     without running: no check is made, no signal sent.
 *                     fd -1, which kc_require_pidfd_send_signal probes,
 *                     still reaches the kernel (EBADF), so the cases get
 *                     past the probe to their own assertions.
 * Exits 125 when the filter cannot be installed, 126 when exec fails
 * (kc_atf_run reports both as a broken setup).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <seccomp.h>

static int
send_signal_noop(void)
{
	scmp_filter_ctx ctx;
	int nr, r;

	nr = seccomp_syscall_resolve_name("pidfd_send_signal");
	if (nr == __NR_SCMP_ERROR)
		return (-ENOSYS);
	ctx = seccomp_init(SCMP_ACT_ALLOW);	/* sets no_new_privs on load */
	if (ctx == NULL)
		return (-ENOMEM);
	r = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(0), nr, 1, SCMP_A0(SCMP_CMP_LT, 1024));
	if (r == 0)
		r = seccomp_load(ctx);
	seccomp_release(ctx);
	return (r);
}

int
main(int argc, char **argv)
{
	int r = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: h_inject none|send_signal_noop program [args...]\n");
		return (125);
	}
	if (strcmp(argv[1], "send_signal_noop") == 0)
		r = send_signal_noop();
	else if (strcmp(argv[1], "none") != 0)
		r = -EINVAL;
	if (r < 0) {
		fprintf(stderr, "h_inject %s: %s\n", argv[1], strerror(-r));
		return (125);
	}
	execv(argv[2], argv + 2);
	fprintf(stderr, "h_inject: exec %s: %s\n", argv[2], strerror(errno));
	return (126);
}
