/* SPDX-License-Identifier: BSD-2-Clause */
/* ABI facts of riscv64 (Linux, LP64D), for lib and the selftests. */
#ifndef LIB_ARCH_RISCV64_KC_ARCH_H
#define LIB_ARCH_RISCV64_KC_ARCH_H

#include "../kc_arch_common.h"

#define KC_ARCH_NAME		"riscv64"

/* glibc sysdeps/unix/sysv/linux/riscv kernel-features.h __ASSUME_CLONE_BACKWARDS;
 * musl src/thread/riscv64/clone.s (FACTS-kernel.md §3.1, §3.3). */
#define KC_ARCH_CLONE_ORDER	KC_CLONE_ORDER_BACKWARDS

/*
 * valgrind.h PLAT_riscv64_linux (3.25+), VALGRIND_DO_CLIENT_REQUEST_EXPR:
 * srli zero,zero,3/13/51/61 = 00305013 00D05013 03305013 03D05013, then
 * or a0,a0,a0 = 00A56533, under .option norvc; little-endian words
 * (FACTS-valgrind.md §2).
 */
#define KC_ARCH_VG_SEQ { \
	0x13, 0x50, 0x30, 0x00, 0x13, 0x50, 0xd0, 0x00, \
	0x13, 0x50, 0x30, 0x03, 0x13, 0x50, 0xd0, 0x03, \
	0x33, 0x65, 0xa5, 0x00 }

/* addi a0, zero, 1 (00100513) / addi a0, zero, 2 (00200513); jalr zero, 0(ra)
 * (00008067): RISC-V unprivileged ISA, RV32I base encodings; no RVC. */
#define KC_ARCH_DISCARD_RET1	{ 0x13, 0x05, 0x10, 0x00, 0x67, 0x80, 0x00, 0x00 }
#define KC_ARCH_DISCARD_RET2	{ 0x13, 0x05, 0x20, 0x00, 0x67, 0x80, 0x00, 0x00 }

/* A function pointer is the code address. */
#define KC_ARCH_FUNC_DESC	0

/* RISC-V psABI, integer calling convention: sp 16-byte aligned at entry. */
#define KC_ARCH_STACK_ALIGN	16
#define KC_ARCH_ENTRY_SP_BIAS	0

/* access_ok() checks the user range (arch/riscv/include/asm/uaccess.h). */
#define KC_ARCH_ACCESS_OK_NOOP	0

/* O_NONBLOCK 04000 and O_EXCL 0200 as in include/uapi/asm-generic/fcntl.h,
 * and the asm-generic signal numbers (SIGUSR1 10, SIGCHLD 17, SIGBUS 7). */
#define KC_ARCH_OFLAGS_GENERIC	1
#define KC_ARCH_SIGNUM_GENERIC	1

/* Syscall numbers of its own, not x86_64's (e.g. waitid is not 247). */
#define KC_ARCH_NR_AS_X86_64	0

/* qemu-user writes a riscv64 guest's core itself only from 11.x: 10.0.13 has
 * no ELF core dump for riscv (linux-user/riscv/target_elf.h
 * HAVE_ELF_CORE_DUMP, measured on 10.0.13 and 11.1.3). */
#define KC_ARCH_QEMU_CORE_DUMP_LATE	1

#endif /* LIB_ARCH_RISCV64_KC_ARCH_H */
