/* SPDX-License-Identifier: BSD-2-Clause */
/* ABI facts of ppc64 (Linux, big-endian 64-bit PowerPC, ELFv1), for lib and the selftests. */
#ifndef LIB_ARCH_PPC64_KC_ARCH_H
#define LIB_ARCH_PPC64_KC_ARCH_H

#include "../kc_arch_common.h"

#define KC_ARCH_NAME		"ppc64"

/* arch/powerpc/Kconfig: select CLONE_BACKWARDS (FACTS-kernel.md §3.1;
 * FACTS-environments.md §8: not yet checked on a real kernel). */
#define KC_ARCH_CLONE_ORDER	KC_CLONE_ORDER_BACKWARDS

/*
 * valgrind.h PLAT_ppc64be_linux, VALGRIND_DO_CLIENT_REQUEST_EXPR: rotldi
 * 0,0,3/13/61/51 = 78001800 78006800 7800E802 78009802, then or 1,1,1 =
 * 7C210B78; big-endian words (FACTS-valgrind.md §2).
 */
#define KC_ARCH_VG_SEQ { \
	0x78, 0x00, 0x18, 0x00, 0x78, 0x00, 0x68, 0x00, \
	0x78, 0x00, 0xe8, 0x02, 0x78, 0x00, 0x98, 0x02, \
	0x7c, 0x21, 0x0b, 0x78 }

/* li 3, 1 (38600001) / li 3, 2 (38600002); blr (4E800020): Power ISA addi
 * and bclr encodings; big-endian words.  The code uses no TOC, so a
 * descriptor with any TOC value calls it (KC_ARCH_FUNC_DESC). */
#define KC_ARCH_DISCARD_RET1	{ 0x38, 0x60, 0x00, 0x01, 0x4e, 0x80, 0x00, 0x20 }
#define KC_ARCH_DISCARD_RET2	{ 0x38, 0x60, 0x00, 0x02, 0x4e, 0x80, 0x00, 0x20 }

/* ELFv1 (64-bit PowerPC ELF ABI Supplement 1.9, "Function Descriptors"):
 * a function pointer points to a descriptor { entry, TOC, environment }. */
#define KC_ARCH_FUNC_DESC	1

/* ELFv1 ABI "Stack Frame": the stack pointer is quadword (16-byte)
 * aligned; r1 at entry is the caller's aligned stack pointer. */
#define KC_ARCH_STACK_ALIGN	16
#define KC_ARCH_ENTRY_SP_BIAS	0

/* The same section: the 48-byte frame header (back chain, CR, LR,
 * compiler and linker words, TOC save) plus the 64-byte parameter save
 * area every calling function provides. */
#define KC_ARCH_FRAME_HEADER	112

/* The same section: 0(r1) of every frame is the back chain (the caller's
 * r1), and a leaf may run without a frame, its return address in lr. */
#define KC_ARCH_STACK_BACKCHAIN	1

/* access_ok() checks the user range (arch/powerpc/include/asm/uaccess.h). */
#define KC_ARCH_ACCESS_OK_NOOP	0

/* O_NONBLOCK 04000 and O_EXCL 0200 as in include/uapi/asm-generic/fcntl.h,
 * and the asm-generic signal numbers (SIGUSR1 10, SIGCHLD 17, SIGBUS 7). */
#define KC_ARCH_OFLAGS_GENERIC	1
#define KC_ARCH_SIGNUM_GENERIC	1

/* The thread pointer is r13 (64-bit PowerPC ELF ABI, "Thread Local Storage";
 * the kernel's copy_thread sets r13 to clone's tls): gcc has no
 * __builtin_thread_pointer for powerpc. */
#define KC_ARCH_THREAD_POINTER() \
	({ void *kc__tp; __asm__ volatile ("mr %0,13" : "=r" (kc__tp)); kc__tp; })

/* Syscall numbers of its own, not x86_64's (e.g. waitid is not 247). */
#define KC_ARCH_NR_AS_X86_64	0

#endif /* LIB_ARCH_PPC64_KC_ARCH_H */
