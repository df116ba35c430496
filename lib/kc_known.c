/* SPDX-License-Identifier: BSD-2-Clause */
/* The known-issues table (see kc_known.h).  Sources: FACTS-valgrind.md, FACTS-kernel.md §4. */
#include <sys/syscall.h>

#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>

#include <atf-c.h>

#include "kc_arch.h"
#include "kc_expect.h"
#include "kc_known.h"
#include "kc_version.h"

static const struct kc_known_row kc_known_rows[] = {
	/* --- Valgrind syscall wrappers (FACTS-valgrind.md §5) --- */
	{ "vg_clone3_enosys", KC_COMP_VALGRIND, "3.18.0", NULL,
	  "https://bugs.kde.org/show_bug.cgi?id=439590",
	  "valgrind returns ENOSYS for clone3 on every Linux arch (commit 52ed51fc3)" },
	{ "vg_pidfd_open_unwrapped", KC_COMP_VALGRIND, "0", "3.21.0",
	  "https://bugs.kde.org/show_bug.cgi?id=464609",
	  "valgrind < 3.21 has no pidfd_open wrapper (unhandled syscall 434: ENOSYS)" },
	{ "vg_pidfd_getfd_unwrapped", KC_COMP_VALGRIND, "0", "3.23.0",
	  "valgrind commit 6229cbd32 (NEWS 3.23)",
	  "valgrind < 3.23 has no pidfd_getfd wrapper (unhandled syscall 438: ENOSYS)" },
	{ "vg_pidfd_send_signal_unwrapped", KC_COMP_VALGRIND, "0", NULL,
	  "valgrind coregrind/m_syswrap/syswrap-*-linux.c: no entry for 424 (3.27.1, master)",
	  "valgrind has no pidfd_send_signal wrapper (unhandled syscall 424: ENOSYS)" },
	{ "vg_waitid_null_infop", KC_COMP_VALGRIND, "0", "3.26.0",
	  "https://bugs.kde.org/show_bug.cgi?id=508778",
	  "valgrind < 3.26 reports waitid(infop=NULL) as a SyscallParam error" },
	/* --- Memcheck client requests (FACTS-valgrind.md §0 item 4) --- */
	{ "vg_mempool_size_32bit", KC_COMP_VALGRIND, "0", NULL,
	  "https://bugs.kde.org/show_bug.cgi?id=323464",
	  "MEMPOOL_ALLOC/TRIM/CHANGE truncate the size to 32 bits (UInt in mc_main.c)" },
	{ "vg_mempool_trim_straddle", KC_COMP_VALGRIND, "0", NULL,
	  "valgrind memcheck/mc_malloc_wrappers.c MC_(mempool_trim): new end from the trim size",
	  "MEMPOOL_TRIM computes a straddling chunk's size from the trim size, not the chunk's" },
	{ "vg_stack_change_no_swap", KC_COMP_VALGRIND, "0", NULL,
	  "valgrind coregrind/m_stacks.c VG_(change_stack): FIXME, reversed bounds not swapped",
	  "STACK_CHANGE does not swap reversed bounds (STACK_REGISTER does)" },
	/* --- Valgrind thread stacks (FACTS-valgrind.md §8; same code 3.19.0 to master) --- */
	{ "vg_guessed_thread_stack", KC_COMP_VALGRIND, "3.19.0", NULL,
	  "valgrind coregrind/m_syswrap/syswrap-linux.c do_clone: "
	  "ML_(guess_and_register_stack) (syswrap-generic.c); coregrind/m_stacks.c "
	  "find_stack_by_addr (not reported upstream)",
	  "the stack valgrind guesses for a new thread (mapping start to SP) shadows the "
	  "stacks the client registered inside it: switches between them are not seen and "
	  "memcheck marks the memory between undefined / NOACCESS" },
	/* --- qemu-user (FACTS-kernel.md §4.1, FACTS-environments.md §1) --- */
	{ "qemu_clone_pidfd_einval", KC_COMP_QEMU_USER, "0", "8.0.0",
	  "https://github.com/golang/go/issues/68976",
	  "qemu-user 7.2 rejects every clone(2) with CLONE_PIDFD with EINVAL" },
	{ "qemu_clone3_enosys", KC_COMP_QEMU_USER, "0", NULL,
	  "qemu linux-user/syscall.c do_syscall1(): no TARGET_NR_clone3 case, the default "
	  "(\"Unsupported syscall\") returns ENOSYS (measured on 7.2.22, 10.0.13 and 11.1.3)",
	  "qemu-user returns ENOSYS for clone3" },
	{ "qemu_pidfd_get_info_enosys", KC_COMP_QEMU_USER, "0", "10.0.0",
	  "FACTS-environments.md §8 (measured on 7.2.22)",
	  "qemu-user 7.2 answers ioctl(PIDFD_GET_INFO) with ENOSYS instead of passing it on" },
	{ "qemu_pidfd_get_info_enotty", KC_COMP_QEMU_USER, "10.0.0", NULL,
	  "FACTS-environments.md §8 (measured on 10.0.13 and 11.1.3: \"Unsupported ioctl\")",
	  "qemu-user answers ioctl(PIDFD_GET_INFO) with ENOTTY instead of passing it on" },
	{ "qemu_vfork_as_fork", KC_COMP_QEMU_USER, "0", NULL,
	  "qemu linux-user do_fork(): CLONE_VFORK|CLONE_VM emulated as fork",
	  "qemu-user runs a vfork-style clone as fork: the child's writes are not shared" },
	{ "qemu_clone_exit_signal_einval", KC_COMP_QEMU_USER, "0", NULL,
	  "qemu linux-user/syscall.c do_fork(): \"We can't support custom termination "
	  "signals\": (flags & CSIGNAL) != TARGET_SIGCHLD -> -TARGET_EINVAL (7.2.22, "
	  "10.0.13, 11.1.3)",
	  "qemu-user rejects a fork-like clone(2) whose exit signal is not SIGCHLD "
	  "(0, or 0x91 from CLONE_NEWTIME's bit) with EINVAL" },
	{ "qemu_clone_detached_ignored", KC_COMP_QEMU_USER, "8.0.0", NULL,
	  "qemu linux-user/syscall.c: CLONE_DETACHED is in CLONE_IGNORED_FLAGS "
	  "(measured on 10.0.13 and 11.1.3)",
	  "qemu-user drops CLONE_DETACHED, so clone(CLONE_PIDFD|CLONE_DETACHED) "
	  "creates a child instead of failing with EINVAL" },
	{ "qemu_clone_pidfd_no_efault", KC_COMP_QEMU_USER, "8.0.0", NULL,
	  "qemu linux-user/syscall.c do_fork(): the CLONE_PIDFD pidfd is stored "
	  "with put_user after the fork, its fault unchecked (measured on 10.0.13 "
	  "and 11.1.3)",
	  "qemu-user's clone(CLONE_PIDFD) to an unwritable pidfd pointer succeeds "
	  "(child created, pidfd leaked) instead of EFAULT" },
	{ "qemu_clone_thread_pidfd_einval", KC_COMP_QEMU_USER, "8.0.0", NULL,
	  "qemu linux-user/syscall.c do_fork(): CLONE_PIDFD is not among the "
	  "thread clone's accepted flags (measured on 10.0.13 and 11.1.3)",
	  "qemu-user rejects clone(CLONE_THREAD|CLONE_PIDFD) with EINVAL "
	  "(the kernel gives a PIDFD_THREAD pidfd from 6.9)" },
	{ "qemu_proc_syscall_host_nr", KC_COMP_QEMU_USER, "0", NULL,
	  "qemu linux-user/syscall.c do_guest_openat(): /proc/<pid>/task/<tid>/"
	  "syscall is not emulated (measured on 7.2.22, 10.0.13, 11.1.3: an "
	  "aarch64 waitid shows as 247, x86_64's number)",
	  "under qemu-user /proc/<tid>/syscall shows the host's syscall number, "
	  "not the guest's, so a thread is never seen blocked in the guest's waitid "
	  "(arch-scoped: not where the guest's numbers are x86_64's, "
	  "KC_ARCH_NR_AS_X86_64)" },
	{ "qemu_clone_fork_flags_einval", KC_COMP_QEMU_USER, "0", NULL,
	  "qemu linux-user/syscall.c do_fork(): flags & CLONE_INVALID_FORK_FLAGS "
	  "(all but CSIGNAL, CLONE_OPTIONAL_FORK_FLAGS, CLONE_IGNORED_FLAGS) -> "
	  "-TARGET_EINVAL (measured on 7.2.22, 10.0.13, 11.1.3)",
	  "qemu-user rejects a fork-like clone(2) with CLONE_PARENT or a namespace "
	  "flag (CLONE_NEWPID) with EINVAL" },
	{ "qemu_clone_vm_needs_thread_flags", KC_COMP_QEMU_USER, "0", NULL,
	  "qemu linux-user/syscall.c do_fork(): CLONE_VM without every flag of "
	  "CLONE_THREAD_FLAGS -> -TARGET_EINVAL (measured on 7.2.22, 10.0.13, 11.1.3)",
	  "qemu-user rejects a CLONE_VM clone that is not a thread (without "
	  "CLONE_FS|FILES|SIGHAND|THREAD|SYSVSEM) with EINVAL" },
	{ "qemu_core_dump_by_qemu", KC_COMP_QEMU_USER, "10.0.0", NULL,
	  "qemu linux-user/signal.c dump_core_and_abort(): qemu writes the guest's "
	  "core (qemu_<prog>_<date>_<pid>.core) itself, then sets RLIMIT_CORE 0 and "
	  "dies by the signal (measured on 10.0.13 and 11.1.3; 7.2.22 writes none "
	  "and the kernel dumps qemu: CLD_DUMPED)",
	  "under qemu-user a child killed by a core-dumping signal is reported "
	  "CLD_KILLED, not CLD_DUMPED (arch-scoped: not where "
	  "KC_ARCH_QEMU_CORE_DUMP_LATE)" },
	{ "qemu_core_dump_by_qemu_late", KC_COMP_QEMU_USER, "11.1.0", NULL,
	  "qemu linux-user/elfload.c, <target>/target_elf.h HAVE_ELF_CORE_DUMP: "
	  "as qemu_core_dump_by_qemu, for the arches whose guest core qemu writes "
	  "only from later versions (riscv64: measured not on 10.0.13, on 11.1.3)",
	  "under qemu-user a child killed by a core-dumping signal is reported "
	  "CLD_KILLED, not CLD_DUMPED (arch-scoped: where KC_ARCH_QEMU_CORE_DUMP_LATE)" },
	{ "qemu_parent_settid_child_only", KC_COMP_QEMU_USER, "0", "8.0.0",
	  "qemu linux-user/syscall.c do_fork(): the fork path stores the "
	  "CLONE_PARENT_SETTID tid in the child, after the fork (FACTS-environments.md "
	  "§8: measured on 7.2.22; 10.0.13 and 11.1.3 store it in the parent)",
	  "qemu-user 7.2 writes a fork-like clone's CLONE_PARENT_SETTID tid only in "
	  "the child's memory: the parent's parent_tid is unchanged" },
	/* Arch-scoped: these apply only where kc_known_arch_holds() says so. */
	{ "qemu_pidfd_open_flags_untranslated", KC_COMP_QEMU_USER, "0", NULL,
	  "qemu linux-user/syscall.c do_syscall1() TARGET_NR_pidfd_open: "
	  "get_errno(pidfd_open(arg1, arg2)), the flags passed to the host as they "
	  "are (measured on 7.2.22, 10.0.13, 11.1.3)",
	  "qemu-user does not translate pidfd_open's flags: where the target's "
	  "O_NONBLOCK/O_EXCL differ from the host's (KC_ARCH_OFLAGS_GENERIC 0), "
	  "PIDFD_NONBLOCK opens a blocking PIDFD_THREAD pidfd and PIDFD_THREAD is "
	  "EINVAL" },
	{ "qemu_siginfo_signo_untranslated", KC_COMP_QEMU_USER, "0", NULL,
	  "qemu linux-user/signal.c target_to_host_siginfo(): si_signo copied as is "
	  "(tswap32), while syscall.c TARGET_NR_pidfd_send_signal translates the "
	  "signal (target_to_host_signal); the kernel's sig != si_signo check "
	  "(measured on 7.2.22, 10.0.13, 11.1.3)",
	  "qemu-user passes a caller's siginfo with the target's si_signo: where "
	  "the target's signal numbers differ from the host's "
	  "(KC_ARCH_SIGNUM_GENERIC 0), pidfd_send_signal with a siginfo fails "
	  "with EINVAL" },
	{ "qemu_stack_low_vg_client_space", KC_COMP_QEMU_USER, "0", NULL,
	  "qemu linux-user/elfload.c setup_arg_pages(): the guest stack is "
	  "target_mmap(0, ...)'d where mmap puts it (a third of the guest space), "
	  "not below its top as the kernel does; Valgrind sizes its address space "
	  "from the startup SP (coregrind/m_aspacemgr/aspacemgr-linux.c "
	  "VG_(am_startup)); measured on 11.1.3 with mipsel's 3.19.0: sp 0x2b2ab730, "
	  "client space 0x04000000-0x17955fff (313 MiB)",
	  "under qemu-user Valgrind on a 2 GiB guest (mips o32, KC_ARCH_USER_VA_BITS "
	  "31) has 313 MiB of client address space: an mmap of 320 MiB fails (EINVAL)" },
	/* --- Valgrind under qemu-user, per arch (matrix/run-qemu-user.sh) --- */
	{ "vg_armhf_glibc243_ldso_segv", KC_COMP_VALGRIND, "3.27.1", NULL,
	  "FACTS-environments.md §8 (measured: memcheck-arm-linux 3.27.1 under "
	  "qemu-arm 10.0.13 and 11.1.3, dynamic client on sid's glibc 2.43: SIGSEGV "
	  "\"Access not within mapped region\" in handle_preload_list (rtld.c:852), "
	  "a stack-clash probe 4 KiB below SP that Valgrind's stack-growth rule "
	  "refuses; static clients and bookworm's glibc 2.36 run)",
	  "armhf Valgrind kills a dynamic client in ld.so on glibc 2.43; the qemu-user "
	  "runs use the arm sysroot's glibc 2.36, where it does not occur, so no case "
	  "expects it" },
	{ "vg_arm64_flush_dcache_line", KC_COMP_VALGRIND, "0", NULL,
	  "valgrind coregrind/m_libcproc.c VG_(flush_dcache): vg_assert(cls == 64 || "
	  "cls == 128) on CTR_EL0's DminLine (3.27.1); the Arm ARM allows other sizes",
	  "arm64 Valgrind aborts DISCARD_TRANSLATIONS on a CPU whose data cache line "
	  "is not 64 or 128 bytes (qemu-user's default CPU reports 32)" },
	{ "vg_ppc_unwind_frameless_leaf", KC_COMP_VALGRIND, "0", NULL,
	  "valgrind coregrind/m_stacktrace.c VG_(get_StackTrace_wrk), ppc32/64 "
	  "branch: when lr is in another function it is taken as the first return "
	  "address and one back-chain link is stepped too, which presumes a frame "
	  "at r1 (measured: 3.27.1 under qemu-ppc64le 11.1.3, gcc's frameless "
	  "VALGRIND_PRINTF_BACKTRACE.constprop.0: at it, kc_vg_header_printf_"
	  "backtrace, main; not reported upstream)",
	  "ppc Valgrind drops the caller's caller from a stack taken in a leaf "
	  "function without a frame of its own (valgrind.h's "
	  "VALGRIND_PRINTF_BACKTRACE as gcc compiles it; arch-scoped: where "
	  "KC_ARCH_STACK_BACKCHAIN)" },
	/* --- Valgrind clone wrapper (cases/parity; still in 3.27.1) --- */
	{ "vg_vfork_as_fork", KC_COMP_VALGRIND, "0", NULL,
	  "valgrind coregrind/m_syswrap/syswrap-linux.c PRE(sys_clone): case "
	  "CLONE_VFORK|CLONE_VM clears CLONE_VM, 'assume vfork (somewhat) == fork', "
	  "ML_(do_fork_clone) (per-arch PRE(sys_clone) in older releases)",
	  "valgrind runs a vfork-style clone (CLONE_VM|CLONE_VFORK) as fork: the child's writes are not shared" },
	{ "vg_clone_exit_signal_checked", KC_COMP_VALGRIND, "0", NULL,
	  "valgrind coregrind/m_syswrap/syswrap-linux.c PRE(sys_clone): "
	  "!ML_(client_signal_OK)(flags & VKI_CSIGNAL) -> EINVAL (not reported upstream)",
	  "valgrind rejects a legacy clone(2) whose exit signal (flags & CSIGNAL, e.g. 0x91) "
	  "exceeds its signal range with EINVAL; the kernel does not check it" },
	/* --- Valgrind situations of FACTS-peers.md §2 (cases/parity; measured
	 *     on 3.19.0, 3.24.0 and 3.27.1) --- */
	{ "vg_clone_vm_process_as_thread", KC_COMP_VALGRIND, "0", NULL,
	  "valgrind coregrind/m_syswrap/syswrap-linux.c PRE(sys_clone): flags & "
	  "(CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_VFORK) == CLONE_VM|CLONE_FS|CLONE_FILES "
	  "is taken as thread creation (do_clone) whether or not CLONE_THREAD is set",
	  "valgrind runs a CLONE_VM|FS|FILES clone without CLONE_THREAD as a thread of the "
	  "client: the child's exit_group ends the whole client with status 0 (and the two "
	  "processes may write their exit output into one report, interleaved)" },
	{ "vg_clone_flags_unsupported", KC_COMP_VALGRIND, "0", NULL,
	  "valgrind coregrind/m_syswrap/syswrap-linux.c PRE(sys_clone), default case: "
	  "\"Unsupported clone() flags\", VG_(unimplemented)",
	  "valgrind stops the client with status 1 on a clone that is neither thread-, fork- "
	  "nor vfork-like (e.g. CLONE_VM|CLONE_PARENT_SETTID without CLONE_FS|CLONE_FILES)" },
	{ "vg_core_dump_by_valgrind", KC_COMP_VALGRIND, "0", NULL,
	  "valgrind coregrind/m_signals.c default_action(): a core-dumping signal is handled "
	  "by Valgrind, which writes its own vgcore.PID and kills the client with RLIMIT_CORE 0",
	  "under valgrind a child killed by a core-dumping signal is reported CLD_KILLED, "
	  "not CLD_DUMPED, and the kernel writes no core" },
	{ "vg_ioctl_generic_null_arg", KC_COMP_VALGRIND, "0", NULL,
	  "valgrind coregrind/m_syswrap/syswrap-linux.c PRE(sys_ioctl) -> "
	  "ML_(PRE_unknown_ioctl): no PIDFD_GET_INFO wrapper, the _IOWR size is checked at "
	  "arg even when it is NULL",
	  "valgrind reports ioctl(pidfd, PIDFD_GET_INFO, NULL) as a SyscallParam error "
	  "(\"ioctl(generic)\"); the kernel answers EINVAL" },
	{ "vg_mount_type_null", KC_COMP_VALGRIND, "0", "3.27.0",
	  "valgrind coregrind/m_syswrap/syswrap-linux.c PRE(sys_mount): "
	  "PRE_MEM_RASCIIZ(\"mount(type)\", ARG3) with no NULL check (source has one); "
	  "measured on 3.19.0 and 3.24.0, not on 3.27.1 (3.25/3.26 not measured)",
	  "valgrind < 3.27 reports mount(source, target, NULL, MS_PRIVATE...) as a "
	  "SyscallParam error (\"mount(type)\"); the kernel ignores type there" },
};

/*
 * The rows that apply only where an arch fact holds (lib/arch/<arch>/kc_arch.h),
 * besides their version range.  A target without the fact (lib/arch/generic)
 * has none of them apply: a deviation there fails, it is not guessed.
 */
#if defined(KC_ARCH_OFLAGS_GENERIC)
_Static_assert(KC_ARCH_OFLAGS_GENERIC == (O_NONBLOCK == 04000 && O_EXCL == 0200),
    "KC_ARCH_OFLAGS_GENERIC disagrees with this target's <fcntl.h>");
#define KC_OFLAGS_DIFFER	(!KC_ARCH_OFLAGS_GENERIC)
#else
#define KC_OFLAGS_DIFFER	0
#endif
#if defined(KC_ARCH_SIGNUM_GENERIC)
_Static_assert(KC_ARCH_SIGNUM_GENERIC == (SIGUSR1 == 10 && SIGCHLD == 17 && SIGBUS == 7),
    "KC_ARCH_SIGNUM_GENERIC disagrees with this target's <signal.h>");
#define KC_SIGNUM_DIFFER	(!KC_ARCH_SIGNUM_GENERIC)
#else
#define KC_SIGNUM_DIFFER	0
#endif
#if defined(KC_ARCH_NR_AS_X86_64)
_Static_assert(KC_ARCH_NR_AS_X86_64 == (__NR_waitid == 247), "KC_ARCH_NR_AS_X86_64 disagrees "
    "with this target's <sys/syscall.h>");
#define KC_NR_DIFFER		(!KC_ARCH_NR_AS_X86_64)
#else
#define KC_NR_DIFFER		0
#endif
#if defined(KC_ARCH_USER_VA_BITS)
#define KC_VA_2G		(KC_ARCH_USER_VA_BITS <= 31)
#else
#define KC_VA_2G		0
#endif
#if defined(KC_ARCH_STACK_BACKCHAIN)
#define KC_BACKCHAIN		KC_ARCH_STACK_BACKCHAIN
#else
#define KC_BACKCHAIN		0
#endif
#if defined(KC_ARCH_QEMU_CORE_DUMP_LATE)
#define KC_CORE_LATE		KC_ARCH_QEMU_CORE_DUMP_LATE
#else
#define KC_CORE_LATE		0
#endif
static const struct {
	const char	*id;
	bool		 holds;
} kc_known_arch_rows[] = {
	{ "qemu_pidfd_open_flags_untranslated", KC_OFLAGS_DIFFER },
	{ "qemu_siginfo_signo_untranslated", KC_SIGNUM_DIFFER },
	{ "qemu_proc_syscall_host_nr", KC_NR_DIFFER },
	{ "qemu_core_dump_by_qemu", !KC_CORE_LATE },
	{ "qemu_core_dump_by_qemu_late", KC_CORE_LATE },
	{ "qemu_stack_low_vg_client_space", KC_VA_2G },
	{ "vg_ppc_unwind_frameless_leaf", KC_BACKCHAIN },
};

bool
kc_known_arch_holds(const char *id)
{
	unsigned i;

	for (i = 0; i < sizeof(kc_known_arch_rows) / sizeof(kc_known_arch_rows[0]); i++) {
		if (strcmp(kc_known_arch_rows[i].id, id) == 0)
			return (kc_known_arch_rows[i].holds);
	}
	return (true);
}

const struct kc_known_row *
kc_known_table(unsigned *n)
{
	*n = sizeof(kc_known_rows) / sizeof(kc_known_rows[0]);
	return (kc_known_rows);
}

const struct kc_known_row *
kc_known(const char *id)
{
	unsigned i, n;
	const struct kc_known_row *t = kc_known_table(&n);

	for (i = 0; i < n; i++) {
		if (strcmp(t[i].id, id) == 0)
			return (&t[i]);
	}
	return (NULL);
}

bool
kc_known_applies(const char *id, const char *version)
{
	const struct kc_known_row *r = kc_known(id);

	if (r == NULL || version == NULL || !kc_known_arch_holds(id))
		return (false);
	if (kc_version_strcmp(version, r->from) < 0)
		return (false);
	if (r->until != NULL && kc_version_strcmp(version, r->until) >= 0)
		return (false);
	return (true);
}

void
kc_known_expect_fail(const char *id, const char *version)
{
	const struct kc_known_row *r = kc_known(id);

	ATF_REQUIRE_MSG(r != NULL, "known-issues table has no row '%s'", id);
	if (kc_known_applies(id, version))
		kc_expect_fail("%s: %s; %s %s", r->tracker, r->what,
		    r->comp == KC_COMP_VALGRIND ? "valgrind" : "qemu-user", version);
}
