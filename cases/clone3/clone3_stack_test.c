/* SPDX-License-Identifier: BSD-2-Clause */
/* clone3(2): the stack rules (lowest address + size; both or neither; accessible). */
#include <sys/mman.h>

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_case.h"
#include "kc_child.h"
#include "kc_clone3.h"
#include "kc_macros.h"
#include "kc_probe.h"
#include "kc_sys.h"

#define STACK_SIZE	(64 * 1024)

static void
args_init(struct kc_clone_args *a, uint64_t stack, uint64_t size)
{
	memset(a, 0, sizeof(*a));
	a->exit_signal = SIGCHLD;
	a->stack = stack;
	a->stack_size = size;
}

/* A size without a stack is meaningless: stack 0 with stack_size > 0. */
KC_CASE(clone3__stack_zero_with_size_einval,
    "clone3(2) rejects stack 0 with a non-zero stack_size with EINVAL")
{
	struct kc_clone_args a;

	kc_require_clone3();
	args_init(&a, 0, 4);
	KC_CLONE3_CHECK_ERRNO(EINVAL, &a, sizeof(a), "stack 0, size 4");
	args_init(&a, 0, STACK_SIZE);
	KC_CLONE3_CHECK_ERRNO(EINVAL, &a, sizeof(a), "stack 0, size 64K");
}

/* clone3 takes the lowest address, so it cannot work without the size. */
KC_CASE(clone3__stack_without_size_einval,
    "clone3(2) rejects a stack with stack_size 0 with EINVAL")
{
	struct kc_clone_args a;
	char *stk;

	kc_require_clone3();
	stk = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ATF_REQUIRE_MSG(stk != MAP_FAILED, "mmap: %s", strerror(errno));
	args_init(&a, kc_ptr(stk), 0);
	KC_CLONE3_CHECK_ERRNO(EINVAL, &a, sizeof(a), "a mapped stack, size 0");
	RL(munmap(stk, STACK_SIZE));
}

/* A stack range outside the user address space (access_ok fails, or the
 * range wraps) is EINVAL, not a child that faults on its first push.  Where
 * access_ok() accepts every address (s390: the user address space is a
 * separate one, an arch fact) the kernel has no such check to test. */
KC_CASE(clone3__stack_inaccessible_einval,
    "clone3(2) rejects a stack range outside the user address space with EINVAL")
{
	struct kc_clone_args a;

#if !defined(KC_ARCH_ACCESS_OK_NOOP)
	atf_tc_skip("no KC_ARCH_ACCESS_OK_NOOP for %s (lib/arch/<arch>/kc_arch.h): whether "
	    "its kernel checks a stack range is not known", KC_ARCH_TRIPLET);
#else
	if (KC_ARCH_ACCESS_OK_NOOP)
		atf_tc_skip("clone3(2) stack range: access_ok() accepts every address on %s "
		    "(KC_ARCH_ACCESS_OK_NOOP, lib/arch/%s/kc_arch.h): no check to test",
		    KC_ARCH_NAME, KC_ARCH_NAME);
#endif
	kc_require_clone3();
	args_init(&a, ~0ULL - 4095, STACK_SIZE);
	KC_CLONE3_CHECK_ERRNO(EINVAL, &a, sizeof(a), "a stack that wraps the address space");
	args_init(&a, 1ULL << 63, STACK_SIZE);
	KC_CLONE3_CHECK_ERRNO(EINVAL, &a, sizeof(a), "a stack at 1<<63 (kernel half)");
	args_init(&a, 4096, ~0ULL - 8191);
	KC_CLONE3_CHECK_ERRNO(EINVAL, &a, sizeof(a), "a stack_size covering everything");
}

/*
 * A real stack works, and clone3 takes its *lowest* address: the child
 * starts with its stack pointer at the top, stack + stack_size (the kernel
 * adds the size itself).  A kernel that used `stack` as the top would start
 * the child at the bottom of the mapping.  The child (lib/arch stub, no
 * stack use) stores its stack pointer through CLONE_VM|CLONE_VFORK.
 */
KC_CASE(clone3__stack_lowest_address_ok,
    "clone3(2) with a real stack starts the child at stack + stack_size")
{
	struct kc_clone_args a;
	struct kc_vfork_child c;
	char *stk;
	uintptr_t lo, hi;
	long pid, sp = 0, mark = 0;

	kc_require_clone3();
	if (!kc_vfork_clone3_native)
		atf_tc_skip("lib/arch: no vfork_clone3 stub for this arch");
	stk = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ATF_REQUIRE_MSG(stk != MAP_FAILED, "mmap: %s", strerror(errno));
	args_init(&a, kc_ptr(stk), STACK_SIZE);
	a.flags = CLONE_VM | CLONE_VFORK;
	memset(&c, 0, sizeof(c));
	c.mark_slot = &mark;
	c.mark = 1;
	c.exit_code = 0;
	pid = kc_vfork_clone3(&a, sizeof(a), &c, &sp);
	ATF_REQUIRE_MSG(pid > 0, "clone3(VM|VFORK, stack): expected a child, seen -1 %s",
	    kc_errname(errno));
	kc_require_exit((pid_t)pid, 0);
	KC_REQUIRE_EQ(1, mark);	/* the child ran */
	lo = (uintptr_t)stk;
	hi = lo + STACK_SIZE;
	ATF_CHECK_MSG((uintptr_t)sp > lo && (uintptr_t)sp <= hi,
	    "child sp: expected in (%#lx, %#lx], seen %#lx", (unsigned long)lo,
	    (unsigned long)hi, (unsigned long)sp);
	ATF_CHECK_MSG((uintptr_t)sp > hi - 256,
	    "child sp: expected in (%#lx, %#lx] (the top of its stack), seen %#lx: stack "
	    "taken as the top?", (unsigned long)(hi - 256), (unsigned long)hi,
	    (unsigned long)sp);
	RL(munmap(stk, STACK_SIZE));
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, clone3__stack_zero_with_size_einval);
	ATF_TP_ADD_TC(tp, clone3__stack_without_size_einval);
	ATF_TP_ADD_TC(tp, clone3__stack_inaccessible_einval);
	ATF_TP_ADD_TC(tp, clone3__stack_lowest_address_ok);

	return (atf_no_error());
}
