/* SPDX-License-Identifier: BSD-2-Clause */
/* ABI facts of s390x (Linux, 64-bit z/Architecture), for lib and the selftests. */
#ifndef LIB_ARCH_S390X_KC_ARCH_H
#define LIB_ARCH_S390X_KC_ARCH_H

#include "../kc_arch_common.h"

#define KC_ARCH_NAME		"s390x"

/* arch/s390/Kconfig: select CLONE_BACKWARDS2 (FACTS-kernel.md §3.1):
 * clone(newsp, flags, parent_tid, child_tid, tls). */
#define KC_ARCH_CLONE_ORDER	KC_CLONE_ORDER_BACKWARDS2

/*
 * valgrind.h PLAT_s390x_linux, VALGRIND_DO_CLIENT_REQUEST_EXPR: preamble
 * lr 15,15; lr 1,1; lr 2,2; lr 3,3 (18FF 1811 1822 1833), then the request
 * lr 2,2 (1822); big-endian halfwords (FACTS-valgrind.md §2).
 */
#define KC_ARCH_VG_SEQ { \
	0x18, 0xff, 0x18, 0x11, 0x18, 0x22, 0x18, 0x33, 0x18, 0x22 }

/* lghi %r2, 1 (A7290001) / lghi %r2, 2 (A7290002); br %r14 (07FE):
 * z/Architecture Principles of Operation, RI-a and RR formats. */
#define KC_ARCH_DISCARD_RET1	{ 0xa7, 0x29, 0x00, 0x01, 0x07, 0xfe }
#define KC_ARCH_DISCARD_RET2	{ 0xa7, 0x29, 0x00, 0x02, 0x07, 0xfe }

/* A function pointer is the code address. */
#define KC_ARCH_FUNC_DESC	0

/* s390x ELF ABI supplement, "Stack frame": r15 8-byte aligned (gcc's
 * STACK_BOUNDARY 64 for s390x); the caller's 160-byte frame is above it. */
#define KC_ARCH_STACK_ALIGN	8
#define KC_ARCH_ENTRY_SP_BIAS	0

/* The same section: every frame of a calling function starts with the
 * 160-byte register save area its callees store r6-r15 into (gcc:
 * STACK_POINTER_OFFSET 160 for 64-bit; measured: a calling function with
 * a 200-byte array and a long gets lay %r15,-368, 160 + 200 + 8). */
#define KC_ARCH_FRAME_HEADER	160

/* s390 runs user and kernel in separate address spaces, so access_ok()
 * accepts every address (arch/s390/include/asm/uaccess.h: __range_ok()
 * returns 1; historically `#define __access_ok(addr,size) (1)`): a bad
 * user pointer is caught only by the fault on access, never by a range
 * check that other arches do first. */
#define KC_ARCH_ACCESS_OK_NOOP	1

/* O_NONBLOCK 04000 and O_EXCL 0200 as in include/uapi/asm-generic/fcntl.h,
 * and the asm-generic signal numbers (SIGUSR1 10, SIGCHLD 17, SIGBUS 7). */
#define KC_ARCH_OFLAGS_GENERIC	1
#define KC_ARCH_SIGNUM_GENERIC	1

/* Syscall numbers of its own, not x86_64's (e.g. waitid is not 247). */
#define KC_ARCH_NR_AS_X86_64	0

#endif /* LIB_ARCH_S390X_KC_ARCH_H */
