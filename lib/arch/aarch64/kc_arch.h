/* SPDX-License-Identifier: BSD-2-Clause */
/* ABI facts of aarch64 (meanings: ../kc_arch_common.h; see ../x86_64/kc_arch.h). */
#ifndef LIB_ARCH_AARCH64_KC_ARCH_H
#define LIB_ARCH_AARCH64_KC_ARCH_H

#include "kc_arch_common.h"

#define KC_ARCH_NAME		"aarch64"

/* arch/arm64/Kconfig: select CLONE_BACKWARDS (glibc __ASSUME_CLONE_BACKWARDS). */
#define KC_ARCH_CLONE_ORDER	KC_CLONE_ORDER_BACKWARDS

/*
 * valgrind.h PLAT_arm64_linux: ror x12,x12,#3; ror x12,x12,#13;
 * ror x12,x12,#51; ror x12,x12,#61 (93cc0d8c 93cc358c 93cccd8c 93ccf58c),
 * then orr x10,x10,x10 (aa0a014a); little-endian words.
 */
#define KC_ARCH_VG_SEQ {						\
	0x8c, 0x0d, 0xcc, 0x93, 0x8c, 0x35, 0xcc, 0x93,			\
	0x8c, 0xcd, 0xcc, 0x93, 0x8c, 0xf5, 0xcc, 0x93,			\
	0x4a, 0x01, 0x0a, 0xaa,						\
}

/* movz w0,#1 (52800020); ret (d65f03c0) -- and movz w0,#2 (52800040). */
#define KC_ARCH_DISCARD_RET1	{ 0x20, 0x00, 0x80, 0x52, 0xc0, 0x03, 0x5f, 0xd6 }
#define KC_ARCH_DISCARD_RET2	{ 0x40, 0x00, 0x80, 0x52, 0xc0, 0x03, 0x5f, 0xd6 }

#define KC_ARCH_FUNC_DESC	0

/* AAPCS64 §6.4.5.1: sp mod 16 = 0 at every public interface. */
#define KC_ARCH_STACK_ALIGN	16
#define KC_ARCH_ENTRY_SP_BIAS	0

/* TTBR0 user half: access_ok() checks the range (arch/arm64 uaccess.h). */
#define KC_ARCH_ACCESS_OK_NOOP	0

/* O_NONBLOCK 04000 and O_EXCL 0200 as in include/uapi/asm-generic/fcntl.h,
 * and the asm-generic signal numbers (SIGUSR1 10, SIGCHLD 17, SIGBUS 7). */
#define KC_ARCH_OFLAGS_GENERIC	1
#define KC_ARCH_SIGNUM_GENERIC	1

/* Syscall numbers of its own, not x86_64's (e.g. waitid is not 247). */
#define KC_ARCH_NR_AS_X86_64	0

/*
 * The smallest data cache line this CPU reports, in bytes: 4 << CTR_EL0
 * bits 19:16 (DminLine, log2 of words; Arm ARM D19.2 "CTR_EL0"), readable
 * at EL0 on Linux (SCTLR_EL1.UCT).  qemu-user's default CPU ("max")
 * reports 0x80038003, 32 bytes (measured on 7.2.22, 10.0.13, 11.1.3;
 * -cpu cortex-a57: 64).
 */
static inline unsigned
kc_arch_dcache_line(void)
{
	unsigned long ctr;

	__asm__ __volatile__("mrs %0, ctr_el0" : "=r"(ctr));
	return (4u << ((ctr >> 16) & 0xf));
}
#define KC_ARCH_DCACHE_LINE()	kc_arch_dcache_line()

#endif /* LIB_ARCH_AARCH64_KC_ARCH_H */
