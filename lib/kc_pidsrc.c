/* SPDX-License-Identifier: BSD-2-Clause */
/* Where the pidfd of a child comes from (see kc_pidsrc.h). */
#include <sched.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_macros.h"
#include "kc_pidsrc.h"
#include "kc_probe.h"
#include "kc_probe_pidfd.h"
#include "kc_sys.h"

const char *
kc_pidfd_src_name(enum kc_pidfd_src src)
{
	return (src == KC_PIDFD_FROM_CLONE ? "clone(CLONE_PIDFD)" : "pidfd_open");
}

enum kc_pidfd_src
kc_pidfd_source(const atf_tc_t *tc, unsigned allowed)
{
	const char *force = atf_tc_has_config_var(tc, "pidfd_source") ?
	    atf_tc_get_config_var(tc, "pidfd_source") : NULL;
	int fd, e;

	/* The kyua config variable pidfd_source (clone|open) narrows the
	 * choice, so that each source is run natively too. */
	if (force != NULL && strcmp(force, "clone") == 0)
		allowed &= KC_PIDFD_FROM_CLONE;
	else if (force != NULL && strcmp(force, "open") == 0)
		allowed &= KC_PIDFD_FROM_OPEN;
	else if (force != NULL)
		atf_tc_fail("pidfd_source '%s': expected clone or open", force);
	if (allowed == 0)
		atf_tc_skip("pidfd_source=%s: this case takes no pidfd from that source",
		    force);
	fd = kc_pidfd_open(getpid(), 0);
	e = errno;
	if (fd >= 0) {
		RL(close(fd));
		if (allowed & KC_PIDFD_FROM_OPEN) {
			fprintf(stderr, "pidfd source: pidfd_open\n");
			return (KC_PIDFD_FROM_OPEN);
		}
	} else if (e == ENOSYS && (allowed & KC_PIDFD_FROM_CLONE)) {
		kc_require_clone_pidfd_consistent(tc);
		fprintf(stderr, "pidfd source: clone(CLONE_PIDFD) (pidfd_open(2): ENOSYS)\n");
		return (KC_PIDFD_FROM_CLONE);
	} else {
		kc_require_pidfd_open();	/* skips or fails; returns if it works */
		atf_tc_fail("pidfd_open(getpid(), 0): %s, then the probe succeeded",
		    kc_errname(e));
	}
	/* pidfd_open works but only the clone source is allowed. */
	kc_require_clone_pidfd_consistent(tc);
	fprintf(stderr, "pidfd source: clone(CLONE_PIDFD)\n");
	return (KC_PIDFD_FROM_CLONE);
}

int
kc_held_spawn_pidfd(struct kc_held *h, int code, enum kc_pidfd_src src)
{
	int p[2], fd = -1;
	long pid;
	char c;

	if (src == KC_PIDFD_FROM_OPEN) {
		kc_held_spawn(h, code);
		fd = kc_pidfd_open(h->pid, 0);
		ATF_REQUIRE_MSG(fd >= 0, "pidfd_open(child %d, 0): %s", (int)h->pid,
		    kc_errname(errno));
		return (fd);
	}
	RL(pipe2(p, O_CLOEXEC));
	pid = kc_clone_raw(CLONE_PIDFD | SIGCHLD, NULL, &fd, NULL, 0);
	if (pid == 0) {
		close(p[1]);
		while (read(p[0], &c, 1) == -1 && errno == EINTR)
			;
		_exit(code);
	}
	ATF_REQUIRE_MSG(pid > 0, "clone(CLONE_PIDFD|SIGCHLD): %s", kc_errname(errno));
	RL(close(p[0]));
	h->pid = (pid_t)pid;
	h->release_fd = p[1];
	ATF_REQUIRE_MSG(fd >= 0, "clone(CLONE_PIDFD|SIGCHLD) left the pidfd slot at %d", fd);
	return (fd);
}
