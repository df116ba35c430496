/* SPDX-License-Identifier: BSD-2-Clause */
/* ABI facts of loongarch64 (Linux, LP64D), for lib and the selftests. */
#ifndef LIB_ARCH_LOONGARCH64_KC_ARCH_H
#define LIB_ARCH_LOONGARCH64_KC_ARCH_H

#include "../kc_arch_common.h"

#define KC_ARCH_NAME		"loongarch64"

/*
 * The default order, like x86_64: arch/loongarch/Kconfig selects no
 * CLONE_BACKWARDS*; glibc sysdeps/unix/sysv/linux/loongarch/clone.S and
 * musl src/thread/loongarch64/clone.s pass (flags, stack, ptid, ctid, tls)
 * (FACTS-kernel.md §3.1; FACTS-environments.md §8, under qemu-user only).
 */
#define KC_ARCH_CLONE_ORDER	KC_CLONE_ORDER_DEFAULT

/*
 * NOT from upstream valgrind.h, which has no LoongArch port (3.27.1): the
 * out-of-tree Loongson port's PLAT_loongarch64_linux (valgrind-loongarch64,
 * include/valgrind.h.in): srli.d $zero,$zero,3/13/29/19 = 00450C00
 * 00453400 00457400 00454C00, then or $t1,$t1,$t1 = 001535AD;
 * little-endian words.
 */
#define KC_ARCH_VG_SEQ { \
	0x00, 0x0c, 0x45, 0x00, 0x00, 0x34, 0x45, 0x00, \
	0x00, 0x74, 0x45, 0x00, 0x00, 0x4c, 0x45, 0x00, \
	0xad, 0x35, 0x15, 0x00 }

/* addi.w $a0, $zero, 1 (02800404) / 2 (02800804); jirl $zero, $ra, 0
 * (4C000020): LoongArch Reference Manual vol. 1, 2R-12 and 2RI16 formats. */
#define KC_ARCH_DISCARD_RET1	{ 0x04, 0x04, 0x80, 0x02, 0x20, 0x00, 0x00, 0x4c }
#define KC_ARCH_DISCARD_RET2	{ 0x04, 0x08, 0x80, 0x02, 0x20, 0x00, 0x00, 0x4c }

/* A function pointer is the code address. */
#define KC_ARCH_FUNC_DESC	0

/* LoongArch ELF psABI, "Procedure Calling Convention": sp 16-byte aligned. */
#define KC_ARCH_STACK_ALIGN	16
#define KC_ARCH_ENTRY_SP_BIAS	0

/* access_ok() checks the user range (asm-generic access_ok.h via
 * arch/loongarch/include/asm/uaccess.h). */
#define KC_ARCH_ACCESS_OK_NOOP	0

/* O_NONBLOCK 04000 and O_EXCL 0200 as in include/uapi/asm-generic/fcntl.h,
 * and the asm-generic signal numbers (SIGUSR1 10, SIGCHLD 17, SIGBUS 7). */
#define KC_ARCH_OFLAGS_GENERIC	1
#define KC_ARCH_SIGNUM_GENERIC	1

/* Syscall numbers of its own, not x86_64's (e.g. waitid is not 247). */
#define KC_ARCH_NR_AS_X86_64	0

#endif /* LIB_ARCH_LOONGARCH64_KC_ARCH_H */
