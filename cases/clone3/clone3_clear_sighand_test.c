/* SPDX-License-Identifier: BSD-2-Clause */
/* clone3(2) CLONE_CLEAR_SIGHAND: handlers reset in the child, ignored signals kept. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_case.h"
#include "kc_child.h"
#include "kc_kfacts.h"
#include "kc_macros.h"
#include "kc_probe.h"
#include "kc_sys.h"

static void
handler(int sig)
{
	(void)sig;
}

/* Is `sig`'s disposition in this process `want` (SIG_DFL, SIG_IGN or a handler)? */
static int
disposition_is(int sig, void (*want)(int))
{
	struct sigaction sa;

	if (sigaction(sig, NULL, &sa) == -1)
		return (0);
	return (sa.sa_handler == want);
}

/*
 * Run a clone3 child with `flags`; the child checks (async-signal-safe
 * sigaction only) that SIGUSR1 has `usr1` and SIGUSR2 is still SIG_IGN.
 */
static void
run_child(uint64_t flags, void (*usr1)(int))
{
	struct kc_clone_args a;
	long pid;

	memset(&a, 0, sizeof(a));
	a.flags = flags;
	a.exit_signal = SIGCHLD;
	pid = kc_clone3(&a, sizeof(a));
	if (pid == 0) {
		KC_CHILD_REQUIRE(disposition_is(SIGUSR1, usr1));
		KC_CHILD_REQUIRE(disposition_is(SIGUSR2, SIG_IGN));
		_exit(0);
	}
	/* CLEAR_SIGHAND refused: skip below its floor (5.5), fail from it on. */
	if (pid == -1 && (flags & CLONE_CLEAR_SIGHAND))
		kc_require_kfeature(KC_KF_CLONE_CLEAR_SIGHAND, "clone3(2) CLONE_CLEAR_SIGHAND",
		    pid, errno);
	ATF_REQUIRE_MSG(pid > 0, "clone3(%#llx): expected a child, seen -1 %s",
	    (unsigned long long)flags, kc_errname(errno));
	kc_require_exit((pid_t)pid, 0);
}

/*
 * CLONE_CLEAR_SIGHAND resets every handled signal to SIG_DFL in the child
 * (a handler address means nothing after an exec-like start), while
 * signals set to SIG_IGN stay ignored.  The same child without the flag
 * inherits the handler: that control shows the check can fail.
 */
KC_CASE(clone3_clear_sighand__handlers_reset_ignored_kept,
    "clone3(2) CLONE_CLEAR_SIGHAND: handlers become SIG_DFL in the child, SIG_IGN stays")
{
	struct sigaction sa, old1, old2;

	kc_require_clone3();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	RL(sigaction(SIGUSR1, &sa, &old1));
	sa.sa_handler = SIG_IGN;
	RL(sigaction(SIGUSR2, &sa, &old2));

	run_child(0, handler);				/* control: inherited */
	run_child(CLONE_CLEAR_SIGHAND, SIG_DFL);	/* the property */
	ATF_CHECK_MSG(disposition_is(SIGUSR1, handler), "the parent's SIGUSR1: expected its "
	    "handler %p, seen another disposition (reset in the parent too)", (void *)handler);

	RL(sigaction(SIGUSR1, &old1, NULL));
	RL(sigaction(SIGUSR2, &old2, NULL));
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, clone3_clear_sighand__handlers_reset_ignored_kept);

	return (atf_no_error());
}
