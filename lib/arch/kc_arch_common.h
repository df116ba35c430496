/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Constants the lib/arch/<arch>/kc_arch.h files use for their facts; each of
 * them includes this header.  What every fact means:
 *
 *   KC_ARCH_NAME		the folder name, "<arch>" (uname -m style)
 *   KC_ARCH_CLONE_ORDER	raw clone(2) argument order, a KC_CLONE_ORDER_*
 *   KC_ARCH_VG_SEQ		{ bytes }: valgrind.h's special-instruction
 *				preamble plus the request instruction, in
 *				memory order (what Valgrind's decoder matches)
 *   KC_ARCH_DISCARD_RET1	{ bytes }: machine code of a leaf function
 *				returning int 1 ...
 *   KC_ARCH_DISCARD_RET2	... and, of the same length, returning 2
 *				(cases/vgreq DISCARD_TRANSLATIONS)
 *   KC_ARCH_FUNC_DESC		1 when a C function pointer points at a
 *				descriptor { entry, toc, env } (ppc64 ELFv1)
 *   KC_ARCH_STACK_ALIGN	n, and
 *   KC_ARCH_ENTRY_SP_BIAS	b: at a function's entry (sp + b) % n == 0
 *   KC_ARCH_ACCESS_OK_NOOP	1 where the kernel's access_ok() accepts every
 *				address (separate user address space: s390)
 *   KC_ARCH_OFLAGS_GENERIC	1 where O_NONBLOCK and O_EXCL (so PIDFD_NONBLOCK
 *				and PIDFD_THREAD) have asm-generic/fcntl.h's
 *				values, those of the x86_64 host qemu-user
 *				runs on; 0 elsewhere (mips)
 *   KC_ARCH_SIGNUM_GENERIC	1 where the signal numbers are asm-generic's
 *				(as on x86_64); 0 elsewhere (mips)
 *   KC_ARCH_THREAD_POINTER()	the thread pointer (what clone's CLONE_SETTLS
 *				installs), where gcc has no
 *				__builtin_thread_pointer for the arch (ppc64)
 *   KC_ARCH_NR_AS_X86_64	1 where the syscall numbers are x86_64's (the
 *				host qemu-user runs on): only x86_64
 *   KC_ARCH_QEMU_CORE_DUMP_LATE	1 where qemu-user dumps the guest's core
 *				itself only from a later version (riscv64);
 *				absent: from the version of the general row
 *   KC_ARCH_SETTLS_USER_DESC	1 where CLONE_SETTLS takes a struct user_desc
 *				(i686), not the thread pointer itself
 *   KC_ARCH_DCACHE_LINE()	the data cache line size the CPU reports, in
 *				bytes, where user space can read it (aarch64:
 *				CTR_EL0); an environment fact for Valgrind's
 *				cache-flush assumptions
 *   KC_ARCH_NSIG		the kernel's highest signal number (_NSIG), where
 *				it is not glibc's SIGRTMAX (mips: 128);
 *				absent: SIGRTMAX (asm-generic's 64)
 *   KC_ARCH_KSIGACTION_FLAGS_FIRST  1 where the kernel's struct sigaction
 *				(rt_sigaction(2)) has sa_flags before
 *				sa_handler (mips)
 *   KC_ARCH_USER_VA_BITS	bits of the user address space where it is
 *				below 32 (mips o32: 31, 2 GiB); absent: 32 or
 *				more
 *   KC_ARCH_STACK_BACKCHAIN	1 where 0(sp) of every frame is the back chain
 *				and a leaf may run frameless with its return
 *				address in a link register (Power ELF ABIs)
 *   KC_ARCH_FRAME_HEADER	bytes of the fixed area the ABI puts in every
 *				frame of a function that calls another, below
 *				its locals (s390x's register save area);
 *				absent: none beyond a return address and a
 *				frame pointer
 *   KC_ARCH_VG_SUPP_ADDR4_ALL	1 where the arch's Debian Valgrind suppresses
 *				every Memcheck:Addr4 error by default (its
 *				default.supp; armhf): a client's own 4-byte
 *				invalid access is never reported there
 *
 * lib/arch/generic/kc_arch.h (a target without a folder) defines none but
 * KC_ARCH_NAME: every consumer tests a fact with #ifdef and, without it,
 * reports the missing arch support instead of guessing.
 */
#ifndef LIB_ARCH_KC_ARCH_COMMON_H
#define LIB_ARCH_KC_ARCH_COMMON_H

/*
 * Legacy clone(2) argument orders (kernel/fork.c SYSCALL_DEFINE5(clone),
 * arch/Kconfig CLONE_BACKWARDS*; FACTS-kernel.md §3.1).
 */
#define KC_CLONE_ORDER_DEFAULT		0	/* flags, newsp, ptid, ctid, tls */
#define KC_CLONE_ORDER_BACKWARDS	1	/* flags, newsp, ptid, tls, ctid */
#define KC_CLONE_ORDER_BACKWARDS2	2	/* newsp, flags, ptid, ctid, tls */
#define KC_CLONE_ORDER_BACKWARDS3	3	/* flags, newsp, stack_size, ptid, ctid, tls */

#endif /* LIB_ARCH_KC_ARCH_COMMON_H */
