/* SPDX-License-Identifier: BSD-2-Clause */
/* ABI facts of arm (Linux EABI, hard-float: Debian armhf), for lib and the selftests. */
#ifndef LIB_ARCH_ARM_KC_ARCH_H
#define LIB_ARCH_ARM_KC_ARCH_H

#include "../kc_arch_common.h"

#define KC_ARCH_NAME		"arm"

/* glibc sysdeps/unix/sysv/linux/arm kernel-features.h __ASSUME_CLONE_BACKWARDS
 * (FACTS-kernel.md §3.1). */
#define KC_ARCH_CLONE_ORDER	KC_CLONE_ORDER_BACKWARDS

/*
 * valgrind.h PLAT_arm_linux, VALGRIND_DO_CLIENT_REQUEST_EXPR as Debian's
 * armhf gcc assembles it (Thumb-2, its default): mov r12,r12,ror
 * #3,#13,#29,#19 = EA4F0CFC EA4F3C7C EA4F7C7C EA4F4CFC, then orr
 * r10,r10,r10 = EA4A0A0A; each 32-bit Thumb instruction is two
 * little-endian halfwords (FACTS-valgrind.md §2).  With -marm the same
 * macro gives the ARM-state words E1A0C1EC E1A0C6EC E1A0CEEC E1A0C9EC
 * E18AA00A instead.
 */
#define KC_ARCH_VG_SEQ { \
	0x4f, 0xea, 0xfc, 0x0c, 0x4f, 0xea, 0x7c, 0x3c, \
	0x4f, 0xea, 0x7c, 0x7c, 0x4f, 0xea, 0xfc, 0x4c, \
	0x4a, 0xea, 0x0a, 0x0a }

/* ARM state: mov r0, #1 (E3A00001) / mov r0, #2 (E3A00002); bx lr (E12FFF1E),
 * little-endian words (ARM ARM A8.8.102, A8.8.27).  Called through an even
 * address, blx enters ARM state. */
#define KC_ARCH_DISCARD_RET1	{ 0x01, 0x00, 0xa0, 0xe3, 0x1e, 0xff, 0x2f, 0xe1 }
#define KC_ARCH_DISCARD_RET2	{ 0x02, 0x00, 0xa0, 0xe3, 0x1e, 0xff, 0x2f, 0xe1 }

/* A function pointer is the code address (bit 0 set for Thumb code). */
#define KC_ARCH_FUNC_DESC	0

/* AAPCS (ARM IHI 0042) §6.2.1.2: sp mod 8 = 0 at a public interface. */
#define KC_ARCH_STACK_ALIGN	8
#define KC_ARCH_ENTRY_SP_BIAS	0

/* access_ok() checks the user range (arch/arm/include/asm/uaccess.h). */
#define KC_ARCH_ACCESS_OK_NOOP	0

/* O_NONBLOCK 04000 and O_EXCL 0200 as in include/uapi/asm-generic/fcntl.h,
 * and the asm-generic signal numbers (SIGUSR1 10, SIGCHLD 17, SIGBUS 7). */
#define KC_ARCH_OFLAGS_GENERIC	1
#define KC_ARCH_SIGNUM_GENERIC	1

/* Syscall numbers of its own, not x86_64's (e.g. waitid is not 247). */
#define KC_ARCH_NR_AS_X86_64	0

/*
 * Debian's armhf Valgrind (3.27.1 measured) has in its default.supp (line
 * 1606) "stack-clash-protection-armhf": Memcheck:Addr4 in obj:*, for glibc's
 * stack-clash probes below the stack (Red Hat bugzilla 1522678).  It matches
 * every 4-byte invalid access in any object, the client's own included.
 */
#define KC_ARCH_VG_SUPP_ADDR4_ALL	1

#endif /* LIB_ARCH_ARM_KC_ARCH_H */
