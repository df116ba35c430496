/* SPDX-License-Identifier: BSD-2-Clause */
/* Assembler helpers shared by every lib/arch/<arch>/<routine>.S. */
#ifndef LIB_ARCH_ASM_H
#define LIB_ARCH_ASM_H

#if defined(__arm__) || defined(__aarch64__)
#define KC_FUNC_TYPE	%function
#else
#define KC_FUNC_TYPE	@function
#endif

/* ENTRY/END: a global function with ELF type and size. */
#define ENTRY(name)			\
	.text;				\
	.globl	name;			\
	.type	name, KC_FUNC_TYPE;	\
	.p2align 4;			\
name:

#define END(name)			\
	.size	name, . - name

#endif /* LIB_ARCH_ASM_H */
