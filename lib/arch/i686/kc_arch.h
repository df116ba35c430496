/* SPDX-License-Identifier: BSD-2-Clause */
/* ABI facts of i686 (Linux i386, 32-bit x86), for lib and the selftests. */
#ifndef LIB_ARCH_I686_KC_ARCH_H
#define LIB_ARCH_I686_KC_ARCH_H

#include "../kc_arch_common.h"

#define KC_ARCH_NAME		"i686"

/* arch/x86/Kconfig: select CLONE_BACKWARDS if X86_32 (FACTS-kernel.md §3.1). */
#define KC_ARCH_CLONE_ORDER	KC_CLONE_ORDER_BACKWARDS

/*
 * valgrind.h PLAT_x86_linux, VALGRIND_DO_CLIENT_REQUEST_EXPR: preamble
 * roll $3,$13,$29,$19 %edi, then xchgl %ebx,%ebx (FACTS-valgrind.md §2).
 */
#define KC_ARCH_VG_SEQ { \
	0xc1, 0xc7, 0x03, 0xc1, 0xc7, 0x0d, 0xc1, 0xc7, 0x1d, \
	0xc1, 0xc7, 0x13, 0x87, 0xdb }

/* movl $1, %eax; ret  and  movl $2, %eax; ret (Intel SDM: B8+rd id, C3). */
#define KC_ARCH_DISCARD_RET1	{ 0xb8, 0x01, 0x00, 0x00, 0x00, 0xc3 }
#define KC_ARCH_DISCARD_RET2	{ 0xb8, 0x02, 0x00, 0x00, 0x00, 0xc3 }

/* A function pointer is the code address. */
#define KC_ARCH_FUNC_DESC	0

/*
 * i386 psABI 1.1 §2.2.2: %esp 16-aligned at the call, so %esp+4 at entry;
 * gcc assumes it on Linux (-mpreferred-stack-boundary=4 and
 * -mincoming-stack-boundary default 4).
 */
#define KC_ARCH_STACK_ALIGN	16
#define KC_ARCH_ENTRY_SP_BIAS	4

/* access_ok() checks the user range (arch/x86/include/asm/uaccess.h). */
#define KC_ARCH_ACCESS_OK_NOOP	0

/* O_NONBLOCK 04000 and O_EXCL 0200 as in include/uapi/asm-generic/fcntl.h,
 * and the asm-generic signal numbers (SIGUSR1 10, SIGCHLD 17, SIGBUS 7). */
#define KC_ARCH_OFLAGS_GENERIC	1
#define KC_ARCH_SIGNUM_GENERIC	1

/* clone(2)'s CLONE_SETTLS tls is a struct user_desc *, not the thread
 * pointer (arch/x86/kernel/process.c set_new_tls -> do_set_thread_area on
 * a 32-bit task): the entry is the caller's %gs slot with a new base. */
#define KC_ARCH_SETTLS_USER_DESC	1

/* Syscall numbers of its own, not x86_64's (e.g. waitid is not 247). */
#define KC_ARCH_NR_AS_X86_64	0

#endif /* LIB_ARCH_I686_KC_ARCH_H */
