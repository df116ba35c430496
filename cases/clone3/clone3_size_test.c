/* SPDX-License-Identifier: BSD-2-Clause */
/* clone3(2): the extensible-struct size rules (VER0-VER2, tails, page size, faults). */
#include <sys/mman.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_child.h"
#include "kc_clone3.h"
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
ATF_TC(clone3__size_ver0_ok);
ATF_TC_HEAD(clone3__size_ver0_ok, tc)
{
	atf_tc_set_md_var(tc, "descr", "clone3(2) accepts CLONE_ARGS_SIZE_VER0 (64)");
}
ATF_TC_BODY(clone3__size_ver0_ok, tc)
{
	struct kc_hygiene h;
	struct kc_clone_args a;

	kc_hygiene_begin(&h);
	kc_require_clone3();
	fork_args(&a);
	kc_clone3_require_child(&a, CLONE_ARGS_SIZE_VER0, "VER0");
	kc_hygiene_end(&h);
}

/* VER1 (80 bytes: set_tid, set_tid_size; 5.5) is accepted. */
ATF_TC(clone3__size_ver1_ok);
ATF_TC_HEAD(clone3__size_ver1_ok, tc)
{
	atf_tc_set_md_var(tc, "descr", "clone3(2) accepts CLONE_ARGS_SIZE_VER1 (80)");
}
ATF_TC_BODY(clone3__size_ver1_ok, tc)
{
	struct kc_hygiene h;
	struct kc_clone_args a;

	kc_hygiene_begin(&h);
	kc_require_clone3();
	fork_args(&a);
	kc_clone3_require_child(&a, CLONE_ARGS_SIZE_VER1, "VER1");
	kc_hygiene_end(&h);
}

/* VER2 (88 bytes: cgroup; 5.7) is accepted. */
ATF_TC(clone3__size_ver2_ok);
ATF_TC_HEAD(clone3__size_ver2_ok, tc)
{
	atf_tc_set_md_var(tc, "descr", "clone3(2) accepts CLONE_ARGS_SIZE_VER2 (88)");
}
ATF_TC_BODY(clone3__size_ver2_ok, tc)
{
	struct kc_hygiene h;
	struct kc_clone_args a;

	kc_hygiene_begin(&h);
	kc_require_clone3();
	fork_args(&a);
	kc_clone3_require_child(&a, CLONE_ARGS_SIZE_VER2, "VER2");
	kc_hygiene_end(&h);
}

/*
 * A newer userspace may pass a bigger struct: a zeroed tail past the known
 * struct is accepted, up to the real page size (sysconf, not 4096).
 */
ATF_TC(clone3__tail_zero_to_pagesize_ok);
ATF_TC_HEAD(clone3__tail_zero_to_pagesize_ok, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "clone3(2) accepts a zeroed tail past VER2 up to sysconf(_SC_PAGESIZE) bytes");
}
ATF_TC_BODY(clone3__tail_zero_to_pagesize_ok, tc)
{
	struct kc_hygiene h;
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	struct kc_clone_args *a;
	char *buf;

	kc_hygiene_begin(&h);
	kc_require_clone3();
	buf = map_pages(1, 0);
	a = (struct kc_clone_args *)(void *)buf;
	fork_args(a);
	kc_clone3_require_child(a, CLONE_ARGS_SIZE_VER2 + 8, "VER2 + 8 zero bytes");
	kc_clone3_require_child(a, pg, "a whole zeroed page");
	RL(munmap(buf, pg));
	kc_hygiene_end(&h);
}

/* Any non-zero byte past the known struct means a field this kernel does
 * not know was set: E2BIG, never silently ignored. */
ATF_TC(clone3__tail_nonzero_e2big);
ATF_TC_HEAD(clone3__tail_nonzero_e2big, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "clone3(2) rejects a non-zero byte past the known struct with E2BIG");
}
ATF_TC_BODY(clone3__tail_nonzero_e2big, tc)
{
	struct kc_hygiene h;
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	size_t offs[] = { CLONE_ARGS_SIZE_VER2, CLONE_ARGS_SIZE_VER2 + 7, 2 * 88, pg - 1 };
	struct kc_clone_args *a;
	char *buf, what[64];
	size_t i;

	kc_hygiene_begin(&h);
	kc_require_clone3();
	buf = map_pages(1, 0);
	a = (struct kc_clone_args *)(void *)buf;
	fork_args(a);
	for (i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
		buf[offs[i]] = 1;
		snprintf(what, sizeof(what), "byte %zu set, size %zu", offs[i], pg);
		KC_CLONE3_CHECK_ERRNO(E2BIG, a, pg, what);
		buf[offs[i]] = 0;
	}
	buf[CLONE_ARGS_SIZE_VER2] = (char)0x80;
	KC_CLONE3_CHECK_ERRNO(E2BIG, a, CLONE_ARGS_SIZE_VER2 + 1, "byte 88 set, size 89");
	RL(munmap(buf, pg));
	kc_hygiene_end(&h);
}

/* A size above the page size is E2BIG, even when every byte is zero and
 * mapped (so the errno is about the size, not a fault). */
ATF_TC(clone3__size_over_page_e2big);
ATF_TC_HEAD(clone3__size_over_page_e2big, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "clone3(2) rejects size > sysconf(_SC_PAGESIZE) with E2BIG");
}
ATF_TC_BODY(clone3__size_over_page_e2big, tc)
{
	struct kc_hygiene h;
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	struct kc_clone_args *a;
	char *buf;

	kc_hygiene_begin(&h);
	kc_require_clone3();
	buf = map_pages(2, 0);
	a = (struct kc_clone_args *)(void *)buf;
	fork_args(a);
	KC_CLONE3_CHECK_ERRNO(E2BIG, a, pg + 1, "page size + 1");
	KC_CLONE3_CHECK_ERRNO(E2BIG, a, pg + 8, "page size + 8");
	KC_CLONE3_CHECK_ERRNO(E2BIG, a, 2 * pg, "two pages");
	RL(munmap(buf, 2 * pg));
	kc_hygiene_end(&h);
}

/* Anything shorter than VER0 is EINVAL (there is no smaller version). */
ATF_TC(clone3__size_under_ver0_einval);
ATF_TC_HEAD(clone3__size_under_ver0_einval, tc)
{
	atf_tc_set_md_var(tc, "descr", "clone3(2) rejects size < 64 (VER0) with EINVAL");
}
ATF_TC_BODY(clone3__size_under_ver0_einval, tc)
{
	struct kc_hygiene h;
	struct kc_clone_args a;
	size_t sizes[] = { 0, 1, 8, 56, CLONE_ARGS_SIZE_VER0 - 1 };
	char what[32];
	size_t i;

	kc_hygiene_begin(&h);
	kc_require_clone3();
	fork_args(&a);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		snprintf(what, sizeof(what), "size %zu", sizes[i]);
		KC_CLONE3_CHECK_ERRNO(EINVAL, &a, sizes[i], what);
	}
	kc_hygiene_end(&h);
}

/* An args pointer that cannot be read (NULL, a PROT_NONE page) is EFAULT. */
ATF_TC(clone3__args_bad_pointer_efault);
ATF_TC_HEAD(clone3__args_bad_pointer_efault, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "clone3(2) with an unreadable args pointer fails with EFAULT");
}
ATF_TC_BODY(clone3__args_bad_pointer_efault, tc)
{
	struct kc_hygiene h;
	void *bad;

	kc_hygiene_begin(&h);
	kc_require_clone3();
	bad = kc_fault_page();
	ATF_REQUIRE_MSG(bad != NULL, "mmap PROT_NONE: %s", strerror(errno));
	KC_CLONE3_CHECK_ERRNO(EFAULT, (struct kc_clone_args *)NULL, CLONE_ARGS_SIZE_VER0,
	    "NULL");
	KC_CLONE3_CHECK_ERRNO(EFAULT, (struct kc_clone_args *)bad, CLONE_ARGS_SIZE_VER0,
	    "a PROT_NONE page");
	kc_hygiene_end(&h);
}

/*
 * The struct or its tail running into an unmapped page is EFAULT: the
 * kernel reads every byte up to `size` (LTP clone302's guarded buffer).
 */
ATF_TC(clone3__tail_unmapped_efault);
ATF_TC_HEAD(clone3__tail_unmapped_efault, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "clone3(2) with a struct or tail that runs into an unmapped page fails with EFAULT");
}
ATF_TC_BODY(clone3__tail_unmapped_efault, tc)
{
	struct kc_hygiene h;
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	struct kc_clone_args *a;
	char *buf;

	kc_hygiene_begin(&h);
	kc_require_clone3();
	buf = map_pages(2, 1);
	/* The known 88 bytes mapped and zero, the tail in the guard page. */
	a = (struct kc_clone_args *)(void *)(buf + pg - CLONE_ARGS_SIZE_VER2);
	fork_args(a);
	KC_CLONE3_CHECK_ERRNO(EFAULT, a, CLONE_ARGS_SIZE_VER2 + 8, "tail in a PROT_NONE page");
	/* VER0 mapped, the rest of VER2 in the guard page. */
	a = (struct kc_clone_args *)(void *)(buf + pg - CLONE_ARGS_SIZE_VER0);
	memset(a, 0, CLONE_ARGS_SIZE_VER0);	/* only VER0 is writable */
	a->exit_signal = SIGCHLD;
	KC_CLONE3_CHECK_ERRNO(EFAULT, a, CLONE_ARGS_SIZE_VER2, "VER2 crossing into PROT_NONE");
	RL(munmap(buf, 2 * pg));
	kc_hygiene_end(&h);
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
