/* SPDX-License-Identifier: BSD-2-Clause */
/* ABI facts of x86_64 (meanings: ../kc_arch_common.h). */
#ifndef LIB_ARCH_X86_64_KC_ARCH_H
#define LIB_ARCH_X86_64_KC_ARCH_H

#include "kc_arch_common.h"

#define KC_ARCH_NAME		"x86_64"

/* Default order: arch/x86/Kconfig selects CLONE_BACKWARDS only if X86_32. */
#define KC_ARCH_CLONE_ORDER	KC_CLONE_ORDER_DEFAULT

/*
 * valgrind.h PLAT_amd64_linux: __SPECIAL_INSTRUCTION_PREAMBLE
 * rolq $3,%rdi; rolq $13,%rdi; rolq $61,%rdi; rolq $51,%rdi, then
 * xchgq %rbx,%rbx (VALGRIND_DO_CLIENT_REQUEST_EXPR); FACTS-valgrind.md §2.
 */
#define KC_ARCH_VG_SEQ {						\
	0x48, 0xc1, 0xc7, 0x03, 0x48, 0xc1, 0xc7, 0x0d,			\
	0x48, 0xc1, 0xc7, 0x3d, 0x48, 0xc1, 0xc7, 0x33,			\
	0x48, 0x87, 0xdb,						\
}

/* mov $1,%eax (b8 imm32); ret (c3) -- and the same with $2. */
#define KC_ARCH_DISCARD_RET1	{ 0xb8, 0x01, 0x00, 0x00, 0x00, 0xc3 }
#define KC_ARCH_DISCARD_RET2	{ 0xb8, 0x02, 0x00, 0x00, 0x00, 0xc3 }

#define KC_ARCH_FUNC_DESC	0

/*
 * SysV AMD64 psABI §3.2.2: %rsp+8 is a multiple of 16 when control is
 * transferred to a function's entry point (the call pushed 8 bytes).
 */
#define KC_ARCH_STACK_ALIGN	16
#define KC_ARCH_ENTRY_SP_BIAS	8

/* One address space split at TASK_SIZE_MAX: access_ok() checks the range. */
#define KC_ARCH_ACCESS_OK_NOOP	0

/* O_NONBLOCK 04000 and O_EXCL 0200 as in include/uapi/asm-generic/fcntl.h,
 * and the asm-generic signal numbers (SIGUSR1 10, SIGCHLD 17, SIGBUS 7). */
#define KC_ARCH_OFLAGS_GENERIC	1
#define KC_ARCH_SIGNUM_GENERIC	1

/* The syscall numbers are x86_64's own (arch/x86/entry/syscalls/syscall_64.tbl),
 * those of the x86_64 host qemu-user runs on. */
#define KC_ARCH_NR_AS_X86_64	1

#endif /* LIB_ARCH_X86_64_KC_ARCH_H */
