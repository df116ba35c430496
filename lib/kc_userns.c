/* SPDX-License-Identifier: BSD-2-Clause */
/* Run a function with capabilities only in its own user namespace (see kc_userns.h). */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_child.h"
#include "kc_macros.h"
#include "kc_userns.h"

#define KC_NOBODY	65534

int
kc_userns_run(enum kc_userns_mode mode, int (*fn)(void *), void *arg)
{
	siginfo_t si;
	char buf[64];
	int p[2], e = 0;
	ssize_t n;
	pid_t pid;

	if (mode == KC_USERNS_AS_NOBODY && geteuid() != 0)
		atf_tc_skip("dropping to nobody needs root (euid %d)", (int)geteuid());
	RL(pipe2(p, O_CLOEXEC));
	pid = kc_fork();
	if (pid == 0) {
		int r = 0;

		close(p[0]);
		if (mode == KC_USERNS_ALWAYS ||
		    (mode == KC_USERNS_IF_UNPRIVILEGED && geteuid() != 0))
			r = unshare(CLONE_NEWUSER);
		else if (mode == KC_USERNS_AS_NOBODY)
			r = (setgroups(0, NULL) == -1 || setresgid(KC_NOBODY, KC_NOBODY,
			    KC_NOBODY) == -1 || setresuid(KC_NOBODY, KC_NOBODY, KC_NOBODY) == -1) ?
			    -1 : 0;
		if (r == -1) {
			e = errno;
			if (write(p[1], &e, sizeof(e)) != (ssize_t)sizeof(e))
				_exit(KC_CHILD_FAILED);
			_exit(0);
		}
		close(p[1]);
		_exit(fn(arg));
	}
	close(p[1]);
	n = read(p[0], &e, sizeof(e));
	close(p[0]);
	kc_require_reaped(pid, &si);
	/* Root that cannot become nobody is a broken setup, not an absence. */
	if (n == (ssize_t)sizeof(e) && mode == KC_USERNS_AS_NOBODY)
		atf_tc_fail("setgroups/setresgid/setresuid(nobody) as root (euid 0): %s",
		    kc_errname(e));
	if (n == (ssize_t)sizeof(e))
		atf_tc_skip("unshare(CLONE_NEWUSER): %s", kc_errname(e));
	if (si.si_code == CLD_EXITED && si.si_status == KC_CHILD_FAILED)
		atf_tc_fail("child %d: a KC_CHILD_REQUIRE failed (see stderr)", (int)pid);
	ATF_REQUIRE_MSG(si.si_code == CLD_EXITED, "child %d: %s", (int)pid,
	    kc_describe_status(&si, buf, sizeof(buf)));
	return (si.si_status);
}
