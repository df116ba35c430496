/* SPDX-License-Identifier: BSD-2-Clause */
/* ABI facts of mipsel (Linux, little-endian 32-bit MIPS, o32 ABI), for lib and the selftests. */
#ifndef LIB_ARCH_MIPSEL_KC_ARCH_H
#define LIB_ARCH_MIPSEL_KC_ARCH_H

#include "../kc_arch_common.h"

#define KC_ARCH_NAME		"mipsel"

/* arch/mips/Kconfig: select CLONE_BACKWARDS (FACTS-kernel.md §3.1, §3.3). */
#define KC_ARCH_CLONE_ORDER	KC_CLONE_ORDER_BACKWARDS

/*
 * valgrind.h PLAT_mips32_linux, VALGRIND_DO_CLIENT_REQUEST_EXPR: srl
 * $0,$0,13/29/3/19 = 00000342 00000742 000000C2 000004C2, then or
 * $13,$13,$13 = 01AD6825; little-endian words (FACTS-valgrind.md §2).
 */
#define KC_ARCH_VG_SEQ { \
	0x42, 0x03, 0x00, 0x00, 0x42, 0x07, 0x00, 0x00, \
	0xc2, 0x00, 0x00, 0x00, 0xc2, 0x04, 0x00, 0x00, \
	0x25, 0x68, 0xad, 0x01 }

/* jr $ra (03E00008) with addiu $v0, $zero, 1 (24020001) / 2 (24020002) in
 * its delay slot (MIPS32 ISA, JR and ADDIU); little-endian words. */
#define KC_ARCH_DISCARD_RET1	{ 0x08, 0x00, 0xe0, 0x03, 0x01, 0x00, 0x02, 0x24 }
#define KC_ARCH_DISCARD_RET2	{ 0x08, 0x00, 0xe0, 0x03, 0x02, 0x00, 0x02, 0x24 }

/* A function pointer is the code address. */
#define KC_ARCH_FUNC_DESC	0

/* o32 (SYSV MIPS psABI 3rd ed., "Stack Frame"): sp doubleword (8-byte)
 * aligned at entry (gcc mips.h: 8 for o32); a 16-byte argument area for
 * a0-a3 lies above it, in the caller's frame. */
#define KC_ARCH_STACK_ALIGN	8
#define KC_ARCH_ENTRY_SP_BIAS	0

/* access_ok() checks the user range (arch/mips/include/asm/uaccess.h). */
#define KC_ARCH_ACCESS_OK_NOOP	0

/* O_NONBLOCK 0x0080 and O_EXCL 0x0400 (arch/mips/include/uapi/asm/fcntl.h),
 * not asm-generic's; signal numbers of arch/mips/include/uapi/asm/signal.h
 * (SIGUSR1 16, SIGCHLD 18, SIGBUS 10), not asm-generic's. */
#define KC_ARCH_OFLAGS_GENERIC	0
#define KC_ARCH_SIGNUM_GENERIC	0

/* The same header: _NSIG 128, so the kernel's highest signal, which
 * Valgrind reserves (VG_SIGVGKILL = VG_(max_signal), m_signals.c; measured
 * "VG_SIGVGKILL is 128" under qemu 11.1.3), is 128, beyond glibc's
 * SIGRTMAX 127 (glibc's NSIG = __SIGRTMAX + 1 keeps 128 out of sigaction);
 * and the kernel's struct sigaction starts with its flags: { unsigned int
 * sa_flags; __sighandler_t sa_handler; sigset_t sa_mask; }. */
#define KC_ARCH_NSIG		128
#define KC_ARCH_KSIGACTION_FLAGS_FIRST	1

/* o32's user space is 2 GiB (arch/mips/include/asm/processor.h TASK_SIZE
 * 0x80000000; qemu-user's mips32 guest space is 2^31 bytes as well). */
#define KC_ARCH_USER_VA_BITS	31

/* Syscall numbers of its own, not x86_64's (e.g. waitid is not 247). */
#define KC_ARCH_NR_AS_X86_64	0

#endif /* LIB_ARCH_MIPSEL_KC_ARCH_H */
