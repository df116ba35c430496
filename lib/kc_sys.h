/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Raw system-call wrappers and the constants that older uapi headers lack.
 *
 * Wrappers are libc-like (-1 and errno on failure) and make no ATF calls.
 * Syscall numbers come from the target's <asm/unistd.h> (via <sys/syscall.h>);
 * one that these headers do not know becomes -1, so the call fails with
 * ENOSYS at run time, exactly like a kernel without the syscall.  Never a
 * hard-coded number: they differ per arch (MIPS n64 adds 5000).
 */
#ifndef LIB_KC_SYS_H
#define LIB_KC_SYS_H

#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <unistd.h>

#include <linux/sched.h>	/* CLONE_*, struct clone_args */

#include "kc_arch.h"		/* KC_ARCH_CLONE_ORDER */

/* --- syscall numbers ------------------------------------------------------ */
#ifndef __NR_pidfd_open
#define __NR_pidfd_open		-1	/* unknown to these headers: ENOSYS at run time */
#endif
#ifndef __NR_pidfd_send_signal
#define __NR_pidfd_send_signal	-1
#endif
#ifndef __NR_pidfd_getfd
#define __NR_pidfd_getfd	-1
#endif
#ifndef __NR_clone3
#define __NR_clone3		-1
#endif
#ifndef __NR_kcmp
#define __NR_kcmp		-1
#endif

/* --- clone flags (include/uapi/linux/sched.h) ------------------------------ */
#ifndef CLONE_PIDFD
#define CLONE_PIDFD		0x00001000	/* 5.2 */
#endif
#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME		0x00000080	/* 5.6, clone3 only (overlaps CSIGNAL) */
#endif
#ifndef CLONE_CLEAR_SIGHAND
#define CLONE_CLEAR_SIGHAND	0x100000000ULL	/* 5.5 */
#endif
#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP	0x200000000ULL	/* 5.7 */
#endif
#ifndef CLONE_AUTOREAP
#define CLONE_AUTOREAP		(1ULL << 34)	/* 7.1 */
#endif
#ifndef CLONE_NNP
#define CLONE_NNP		(1ULL << 35)	/* 7.1 */
#endif
#ifndef CLONE_PIDFD_AUTOKILL
#define CLONE_PIDFD_AUTOKILL	(1ULL << 36)	/* 7.1 */
#endif
#ifndef CLONE_EMPTY_MNTNS
#define CLONE_EMPTY_MNTNS	(1ULL << 37)	/* 7.1: include/uapi/linux/sched.h */
#endif
#ifndef CLONE_ARGS_SIZE_VER0
#define CLONE_ARGS_SIZE_VER0	64	/* 5.3 */
#endif
#ifndef CLONE_ARGS_SIZE_VER1
#define CLONE_ARGS_SIZE_VER1	80	/* 5.5: set_tid, set_tid_size */
#endif
#ifndef CLONE_ARGS_SIZE_VER2
#define CLONE_ARGS_SIZE_VER2	88	/* 5.7: cgroup */
#endif

/*
 * Our own copy of struct clone_args at its newest known size (VER2), so the
 * suite does not depend on which fields the build host's headers have.
 * Every pointer goes through kc_ptr() (a sign-extended 32-bit pointer gives
 * EFAULT: LTP commit 4ebee67c1).
 */
struct kc_clone_args {
	uint64_t flags;
	uint64_t pidfd;
	uint64_t child_tid;
	uint64_t parent_tid;
	uint64_t exit_signal;
	uint64_t stack;
	uint64_t stack_size;
	uint64_t tls;
	uint64_t set_tid;
	uint64_t set_tid_size;
	uint64_t cgroup;
} __attribute__((aligned(8)));

static inline uint64_t
kc_ptr(const void *p)
{
	return ((uint64_t)(uintptr_t)p);
}

/* --- pidfd flags (include/uapi/linux/pidfd.h) ------------------------------ */
#ifndef PIDFD_NONBLOCK
#define PIDFD_NONBLOCK		O_NONBLOCK	/* 5.10 */
#endif
#ifndef PIDFD_THREAD
#define PIDFD_THREAD		O_EXCL		/* 6.9 */
#endif
#ifndef PIDFD_SIGNAL_THREAD
#define PIDFD_SIGNAL_THREAD		(1UL << 0)	/* 6.9 */
#define PIDFD_SIGNAL_THREAD_GROUP	(1UL << 1)
#define PIDFD_SIGNAL_PROCESS_GROUP	(1UL << 2)
#endif
#ifndef P_PIDFD
#define P_PIDFD			3		/* 5.4 */
#endif
#ifndef __WCLONE
#define __WCLONE		0x80000000
#endif

/* --- raw wrappers ---------------------------------------------------------- */

static inline int
kc_pidfd_open(pid_t pid, unsigned int flags)
{
	return ((int)syscall(__NR_pidfd_open, pid, flags));
}

static inline int
kc_pidfd_send_signal(int pidfd, int sig, siginfo_t *info, unsigned int flags)
{
	return ((int)syscall(__NR_pidfd_send_signal, pidfd, sig, info, flags));
}

static inline int
kc_pidfd_getfd(int pidfd, int targetfd, unsigned int flags)
{
	return ((int)syscall(__NR_pidfd_getfd, pidfd, targetfd, flags));
}

/* waitid(2) without glibc in between: NULL infop and P_PIDFD pass through. */
static inline int
kc_waitid(int idtype, long id, siginfo_t *info, int options, struct rusage *ru)
{
	return ((int)syscall(__NR_waitid, idtype, id, info, options, ru));
}

static inline long
kc_clone3(struct kc_clone_args *args, size_t size)
{
	return (syscall(__NR_clone3, args, size));
}

static inline pid_t
kc_gettid(void)
{
	return ((pid_t)syscall(__NR_gettid));
}

static inline int
kc_tgkill(pid_t tgid, pid_t tid, int sig)
{
	return ((int)syscall(__NR_tgkill, tgid, tid, sig));
}

static inline int
kc_kcmp(pid_t pid1, pid_t pid2, int type, unsigned long idx1, unsigned long idx2)
{
	return ((int)syscall(__NR_kcmp, pid1, pid2, type, idx1, idx2));
}

/*
 * Legacy clone(2) in this arch's raw argument order, KC_ARCH_CLONE_ORDER of
 * lib/arch/<arch>/kc_arch.h (FACTS-kernel.md §3.1).  Arguments are given in
 * the canonical (flags, stack, parent_tid, child_tid, tls) order; the
 * CLONE_PIDFD slot is parent_tid on every target arch.  With a NULL stack
 * the child returns here on a copy of the parent's stack, like fork(): use
 * it only without CLONE_VM.  An arch without the fact (lib/arch/generic):
 * -1/ENOSYS, and KC_CLONE_RAW_NATIVE is 0.
 */
#ifdef KC_ARCH_CLONE_ORDER
#define KC_CLONE_RAW_NATIVE	1
#else
#define KC_CLONE_RAW_NATIVE	0
#endif
/* The skip reason where KC_CLONE_RAW_NATIVE is 0. */
#define KC_CLONE_RAW_ABSENT	"clone(2) argument order unknown: no KC_ARCH_CLONE_ORDER " \
	"for " KC_ARCH_TRIPLET " (lib/arch/<arch>/kc_arch.h)"

static inline long
kc_clone_raw(unsigned long flags, void *stack, int *ptid, int *ctid,
    unsigned long tls)
{
#if !defined(KC_ARCH_CLONE_ORDER)
	(void)flags;
	(void)stack;
	(void)ptid;
	(void)ctid;
	(void)tls;
	errno = ENOSYS;
	return (-1);
#elif KC_ARCH_CLONE_ORDER == KC_CLONE_ORDER_DEFAULT
	return (syscall(__NR_clone, flags, stack, ptid, ctid, tls));
#elif KC_ARCH_CLONE_ORDER == KC_CLONE_ORDER_BACKWARDS
	return (syscall(__NR_clone, flags, stack, ptid, tls, ctid));
#elif KC_ARCH_CLONE_ORDER == KC_CLONE_ORDER_BACKWARDS2
	return (syscall(__NR_clone, stack, flags, ptid, ctid, tls));
#elif KC_ARCH_CLONE_ORDER == KC_CLONE_ORDER_BACKWARDS3
	return (syscall(__NR_clone, flags, stack, 0UL, ptid, ctid, tls));
#else
#error "KC_ARCH_CLONE_ORDER: not a KC_CLONE_ORDER_* (lib/arch/kc_arch_common.h)"
#endif
}

/*
 * The vfork-style clone Go's forkExec issues (lib/arch/<arch>/vfork_clone.S):
 * clone(flags, newsp = 0, &pidfd) with CLONE_VM|CLONE_VFORK, where the child
 * touches no stack.  The child, from registers loaded before the trap:
 *   1. if mark_slot != NULL, stores mark into *mark_slot (shared memory);
 *   2. if path != NULL, calls execve(path, argv, envp); if that returns, stores
 *      its raw return value (-errno) into *err_slot (if not NULL);
 *   3. calls exit_group(exit_code).
 * Returns the child's pid in the parent, or -1 and errno.  The generic
 * fallback (lib/vfork_clone.c) returns -1/ENOSYS.
 */
struct kc_vfork_child {
	long		*mark_slot;
	long		 mark;
	const char	*path;
	char *const	*argv;
	char *const	*envp;
	long		*err_slot;
	long		 exit_code;
};

long kc_vfork_clone(unsigned long flags, int *pidfd, const struct kc_vfork_child *c);

/* True when lib/arch has a real kc_vfork_clone for this arch. */
extern const int kc_vfork_clone_native;


/* --- pidfd ioctls and kcmp (cases/pidfd; appended) ------------------------- */
/*
 * PIDFD_GET_INFO (6.13) and its struct, from include/uapi/linux/pidfd.h.  The
 * struct is ours (kc_pidfd_info) so newer headers that define struct
 * pidfd_info do not clash; the ioctl number encodes its 64-byte size
 * (PIDFD_INFO_SIZE_VER0), which every kernel with the ioctl accepts.
 */
#ifndef PIDFD_INFO_PID
#define PIDFD_INFO_PID		(1UL << 0)	/* always returned */
#define PIDFD_INFO_CREDS	(1UL << 1)	/* always returned */
#define PIDFD_INFO_CGROUPID	(1UL << 2)	/* returned if available */
#endif
#ifndef PIDFD_INFO_EXIT
#define PIDFD_INFO_EXIT		(1UL << 3)	/* 6.15: exit status after reap */
#endif
#ifndef PIDFD_INFO_SUPPORTED_MASK
#define PIDFD_INFO_SUPPORTED_MASK (1UL << 5)	/* want/got supported_mask (VER3) */
#endif
#ifndef PIDFD_INFO_SIZE_VER0
#define PIDFD_INFO_SIZE_VER0	64
#endif
#ifndef PIDFD_INFO_SIZE_VER3
#define PIDFD_INFO_SIZE_VER3	88	/* ... coredump_{mask,signal,code,pad}, supported_mask */
#endif
#ifndef PIDFS_IOCTL_MAGIC
#define PIDFS_IOCTL_MAGIC	0xFF
#endif

struct kc_pidfd_info {
	uint64_t mask;
	uint64_t cgroupid;
	uint32_t pid;
	uint32_t tgid;
	uint32_t ppid;
	uint32_t ruid;
	uint32_t rgid;
	uint32_t euid;
	uint32_t egid;
	uint32_t suid;
	uint32_t sgid;
	uint32_t fsuid;
	uint32_t fsgid;
	int32_t	 exit_code;	/* wait status; valid with PIDFD_INFO_EXIT */
};

#define KC_PIDFD_GET_INFO	_IOWR(PIDFS_IOCTL_MAGIC, 11, struct kc_pidfd_info)

#ifndef CLONE_DETACHED
#define CLONE_DETACHED		0x00400000	/* ignored alone; EINVAL with CLONE_PIDFD */
#endif

/* --- clone3 additions (cases/clone3; owner: the clone3 issue) -------------- */

/*
 * The vfork-style clone3 (lib/arch/<arch>/vfork_clone3.S): the raw
 * clone3(args, size) with the child running on registers only, so that
 * CLONE_VM|CLONE_VFORK without a stack (Go's path when it needs clone3:
 * UseCgroupFD, CLONE_NEWTIME), a child on a caller-given stack, or a
 * CLONE_THREAD child can all be issued from C.  The child, from registers
 * loaded before the trap:
 *   0. if sp_slot != NULL, stores its stack pointer at entry into *sp_slot
 *      (visible to the parent only with CLONE_VM);
 *   1.-2. as struct kc_vfork_child above (mark, then execve and err_slot);
 *   3. calls exit(exit_code), not exit_group: for a one-thread child that is
 *      the same, and a CLONE_THREAD child ends alone.
 * Returns the child's pid (or tid) in the parent, or -1 and errno.  The
 * generic fallback (lib/vfork_clone3.c) returns -1/ENOSYS; tell it from a
 * kernel ENOSYS with kc_vfork_clone3_native.
 */
long kc_vfork_clone3(struct kc_clone_args *args, size_t size,
    const struct kc_vfork_child *c, long *sp_slot);

/* True when lib/arch has a real kc_vfork_clone3 for this arch. */
extern const int kc_vfork_clone3_native;

#endif /* LIB_KC_SYS_H */
