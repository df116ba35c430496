/* SPDX-License-Identifier: BSD-2-Clause */
/* clone3 helpers (see kc_clone3.h). */
#include <sys/mman.h>
#include <sys/syscall.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_child.h"
#include "kc_clone3.h"
#include "kc_sys.h"

long
kc_clone3_nochild(struct kc_clone_args *args, size_t size)
{
	siginfo_t si;
	long r;

	r = kc_clone3(args, size);
	if (r == 0)
		syscall(__NR_exit, KC_CHILD_FAILED);	/* a child that should not exist */
	if (r > 0)
		(void)kc_wait_timeout((pid_t)r, WEXITED | __WALL, KC_REAP_TIMEOUT_MS, &si);
	return (r);
}

void *
kc_fault_page(void)
{
	static void *page;

	if (page == NULL) {
		page = mmap(NULL, (size_t)sysconf(_SC_PAGESIZE), PROT_NONE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (page == MAP_FAILED)
			page = NULL;
	}
	return (page);
}

int
kc_clone3_flags_known(uint64_t flags, uint64_t exit_signal)
{
	struct kc_clone_args a;
	void *bad = kc_fault_page();
	long r;

	if (bad == NULL)
		return (-1);
	memset(&a, 0, sizeof(a));
	a.flags = flags | CLONE_PIDFD;
	a.pidfd = kc_ptr(bad);
	a.exit_signal = exit_signal;
	r = kc_clone3_nochild(&a, sizeof(a));
	if (r == -1 && errno == EFAULT)
		return (1);
	if (r == -1 && errno == EINVAL)
		return (0);
	if (r != -1)
		errno = EEXIST;	/* a child was created despite the bad pidfd pointer */
	return (-1);
}

pid_t
kc_clone3_require_child(struct kc_clone_args *args, size_t size, const char *what)
{
	long r;

	r = kc_clone3(args, size);
	if (r == 0)
		_exit(KC_CLONE3_CHILD_EXIT);
	ATF_REQUIRE_MSG(r > 0, "clone3(%s, size %zu): expected a child, got %s", what, size,
	    kc_errname(errno));
	kc_require_exit((pid_t)r, KC_CLONE3_CHILD_EXIT);
	return ((pid_t)r);
}

void
kc_clone3_check_err(const char *file, int line, int want, struct kc_clone_args *args,
    size_t size, const char *what, int kf, const char *why)
{
	char text[256];
	long r;
	int e;

	r = kc_clone3_nochild(args, size);
	e = errno;
	snprintf(text, sizeof(text), "clone3(%s, size %zu)%s", what, size,
	    r == -1 ? "" : " created a child");
	kc_assert_err(file, line, false, text, want, r, e, kf, why);
}
