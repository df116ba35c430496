/* SPDX-License-Identifier: BSD-2-Clause */
/* clone3(2): the extensible-struct size rules (VER0-VER2, tails, page size, faults). */
#include <sys/mman.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_case.h"
#include "kc_child.h"
#include "kc_clone3.h"
#include "kc_kfacts.h"
#include "kc_macros.h"
#include "kc_probe.h"
#include "kc_sys.h"

/* A fork-like request: the only field set is exit_signal. */
static void
fork_args(struct kc_clone_args *a)
{
	memset(a, 0, sizeof(*a));
	a->exit_signal = SIGCHLD;
}

/* The same in the first n bytes at p only (n >= VER0, which holds
 * exit_signal), for a struct that ends at a guard page. */
static struct kc_clone_args *
fork_args_n(char *p, size_t n)
{
	struct kc_clone_args *a = (struct kc_clone_args *)(void *)p;

	memset(p, 0, n);
	a->exit_signal = SIGCHLD;
	return (a);
}

/*
 * The newest clone_args this kernel knows (kernel-facts table: 64 from 5.3,
 * 80 from 5.5, 88 from 5.7), and the fact that chose it.
 */
static size_t
newest_size(char *why, size_t len)
{
	size_t n = kc_kf_clone_args_size();

	snprintf(why, len, "newest clone_args on this kernel: %zu bytes (kc_kf_clone_args_size)",
	    n);
	KC_REQUIRE_GE(n, (size_t)CLONE_ARGS_SIZE_VER0);
	return (n);
}

/* `npages` zeroed pages, the last `nnone` of them PROT_NONE. */
static char *
map_pages(size_t npages, size_t nnone)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	char *p;

	p = mmap(NULL, npages * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ATF_REQUIRE_MSG(p != MAP_FAILED, "mmap: %s", strerror(errno));
	if (nnone > 0)
		RL(mprotect(p + (npages - nnone) * pg, nnone * pg, PROT_NONE));
	return (p);
}

/* The first published size, VER0 (64 bytes, 5.3), is accepted. */
KC_CASE(clone3__size_ver0_ok, "clone3(2) accepts CLONE_ARGS_SIZE_VER0 (64)")
{
	struct kc_clone_args a;

	kc_require_clone3();
	fork_args(&a);
	kc_clone3_require_child(&a, CLONE_ARGS_SIZE_VER0, "VER0");
}

/* VER1 (80 bytes: set_tid, set_tid_size; 5.5) is accepted. */
KC_CASE(clone3__size_ver1_ok, "clone3(2) accepts CLONE_ARGS_SIZE_VER1 (80)")
{
	struct kc_clone_args a;

	kc_require_clone3();
	fork_args(&a);
	kc_clone3_require_child(&a, CLONE_ARGS_SIZE_VER1, "VER1");
}

/* VER2 (88 bytes: cgroup; 5.7) is accepted. */
KC_CASE(clone3__size_ver2_ok, "clone3(2) accepts CLONE_ARGS_SIZE_VER2 (88)")
{
	struct kc_clone_args a;

	kc_require_clone3();
	fork_args(&a);
	kc_clone3_require_child(&a, CLONE_ARGS_SIZE_VER2, "VER2");
}

/*
 * A newer userspace may pass a bigger struct: a zeroed tail past the known
 * struct (the newest size of the kernel-facts table) is accepted, up to the
 * real page size (sysconf, not 4096).
 */
KC_CASE(clone3__tail_zero_to_pagesize_ok,
    "clone3(2) accepts a zeroed tail past the newest known struct up to "
    "sysconf(_SC_PAGESIZE) bytes")
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE), newest;
	struct kc_clone_args *a;
	char *buf, why[96], what[192];

	kc_require_clone3();
	newest = newest_size(why, sizeof(why));
	buf = map_pages(1, 0);
	a = (struct kc_clone_args *)(void *)buf;
	fork_args(a);
	snprintf(what, sizeof(what), "%zu + 8 zero bytes (%s)", newest, why);
	kc_clone3_require_child(a, newest + 8, what);
	kc_clone3_require_child(a, pg, "a whole zeroed page");
	RL(munmap(buf, pg));
}

/* Any non-zero byte past the known struct (the newest size of the
 * kernel-facts table) means a field this kernel does not know was set:
 * E2BIG, never silently ignored. */
KC_CASE(clone3__tail_nonzero_e2big,
    "clone3(2) rejects a non-zero byte past the known struct with E2BIG")
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE), newest;
	size_t offs[4];
	struct kc_clone_args *a;
	char *buf, what[64], why[96];
	size_t i;

	kc_require_clone3();
	newest = newest_size(why, sizeof(why));
	offs[0] = newest;
	offs[1] = newest + 7;
	offs[2] = 2 * newest;
	offs[3] = pg - 1;
	buf = map_pages(1, 0);
	a = (struct kc_clone_args *)(void *)buf;
	fork_args(a);
	for (i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
		buf[offs[i]] = 1;
		snprintf(what, sizeof(what), "byte %zu set", offs[i]);
		KC_CLONE3_CHECK_ERR_WHY(why, E2BIG, a, pg, what);
		buf[offs[i]] = 0;
	}
	buf[newest] = (char)0x80;
	snprintf(what, sizeof(what), "byte %zu = 0x80", newest);
	KC_CLONE3_CHECK_ERR_WHY(why, E2BIG, a, newest + 1, what);
	RL(munmap(buf, pg));
}

/* A size above the page size is E2BIG, even when every byte is zero and
 * mapped (so the errno is about the size, not a fault). */
KC_CASE(clone3__size_over_page_e2big, "clone3(2) rejects size > sysconf(_SC_PAGESIZE) with E2BIG")
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	struct kc_clone_args *a;
	char *buf;

	kc_require_clone3();
	buf = map_pages(2, 0);
	a = (struct kc_clone_args *)(void *)buf;
	fork_args(a);
	KC_CLONE3_CHECK_ERRNO(E2BIG, a, pg + 1, "page size + 1");
	KC_CLONE3_CHECK_ERRNO(E2BIG, a, pg + 8, "page size + 8");
	KC_CLONE3_CHECK_ERRNO(E2BIG, a, 2 * pg, "two pages");
	RL(munmap(buf, 2 * pg));
}

/* Anything shorter than VER0 is EINVAL (there is no smaller version). */
KC_CASE(clone3__size_under_ver0_einval, "clone3(2) rejects size < 64 (VER0) with EINVAL")
{
	struct kc_clone_args a;
	size_t sizes[] = { 0, 1, 8, 56, CLONE_ARGS_SIZE_VER0 - 1 };
	char what[32];
	size_t i;

	kc_require_clone3();
	fork_args(&a);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		snprintf(what, sizeof(what), "size %zu", sizes[i]);
		KC_CLONE3_CHECK_ERRNO(EINVAL, &a, sizes[i], what);
	}
}

/* An args pointer that cannot be read (NULL, a PROT_NONE page) is EFAULT. */
KC_CASE(clone3__args_bad_pointer_efault,
    "clone3(2) with an unreadable args pointer fails with EFAULT")
{
	void *bad;

	kc_require_clone3();
	bad = kc_fault_page();
	ATF_REQUIRE_MSG(bad != NULL, "mmap PROT_NONE: %s", strerror(errno));
	KC_CLONE3_CHECK_ERRNO(EFAULT, (struct kc_clone_args *)NULL, CLONE_ARGS_SIZE_VER0,
	    "NULL");
	KC_CLONE3_CHECK_ERRNO(EFAULT, (struct kc_clone_args *)bad, CLONE_ARGS_SIZE_VER0,
	    "a PROT_NONE page");
}

/*
 * The struct or its tail running into an unmapped page is EFAULT: the
 * kernel reads every byte up to `size` (LTP clone302's guarded buffer).
 */
KC_CASE(clone3__tail_unmapped_efault,
    "clone3(2) with a struct or tail that runs into an unmapped page fails with EFAULT")
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE), newest;
	struct kc_clone_args *a;
	char *buf, why[96];

	kc_require_clone3();
	newest = newest_size(why, sizeof(why));
	buf = map_pages(2, 1);
	/* The known struct (newest size) mapped and zero, the tail in the
	 * guard page. */
	a = fork_args_n(buf + pg - newest, newest);
	KC_CLONE3_CHECK_ERR_WHY(why, EFAULT, a, newest + 8, "tail in a PROT_NONE page");
	/* VER0 mapped, the rest of VER2 in the guard page. */
	a = (struct kc_clone_args *)(void *)(buf + pg - CLONE_ARGS_SIZE_VER0);
	memset(a, 0, CLONE_ARGS_SIZE_VER0);	/* only VER0 is writable */
	a->exit_signal = SIGCHLD;
	KC_CLONE3_CHECK_ERRNO(EFAULT, a, CLONE_ARGS_SIZE_VER2, "VER2 crossing into PROT_NONE");
	RL(munmap(buf, 2 * pg));
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, clone3__size_ver0_ok);
	ATF_TP_ADD_TC(tp, clone3__size_ver1_ok);
	ATF_TP_ADD_TC(tp, clone3__size_ver2_ok);
	ATF_TP_ADD_TC(tp, clone3__tail_zero_to_pagesize_ok);

	ATF_TP_ADD_TC(tp, clone3__tail_nonzero_e2big);
	ATF_TP_ADD_TC(tp, clone3__size_over_page_e2big);
	ATF_TP_ADD_TC(tp, clone3__size_under_ver0_einval);

	ATF_TP_ADD_TC(tp, clone3__args_bad_pointer_efault);
	ATF_TP_ADD_TC(tp, clone3__tail_unmapped_efault);

	return (atf_no_error());
}
