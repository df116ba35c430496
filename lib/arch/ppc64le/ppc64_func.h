/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Function entry, end and indirect call for the 64-bit PowerPC routines,
 * shared by ppc64le (ELFv2) and ppc64 (big-endian, ELFv1), which include
 * the ppc64le sources.
 *
 * ELFv2 (64-Bit ELF V2 ABI Specification, "Function Calling Sequence"): a
 * function symbol is its global entry point; none of these routines uses
 * the TOC, so there is no separate local entry.  An indirect call goes
 * through r12 (the callee computes its TOC from it) and ctr.
 *
 * ELFv1 (64-bit PowerPC ELF ABI Supplement 1.9, "Function Descriptors"):
 * the symbol names a three-doubleword descriptor in .opd (entry, TOC,
 * environment) and the code sits at .L.<name>; an indirect call loads
 * the entry, TOC (r2) and environment (r11) from the descriptor.
 *
 * Both: the callee may save its CR and LR into its caller's frame and
 * the caller's TOC pointer lives in r2, which we restore after an
 * indirect call.  PPC_MINFRAME is the frame a caller must provide: 32
 * bytes in ELFv2 (no parameter save area for a prototyped one-argument
 * callee), 112 in ELFv1 (48-byte header plus the 64-byte parameter save
 * area); 112 is used for both so one source serves both.
 */
#ifndef LIB_ARCH_PPC64LE_PPC64_FUNC_H
#define LIB_ARCH_PPC64LE_PPC64_FUNC_H

#include "asm.h"

#define PPC_MINFRAME	112

#if defined(_CALL_ELF) && _CALL_ELF == 2
	.abiversion 2
#define PPC_ENTRY(name)	ENTRY(name)
#define PPC_END(name)	END(name)
/* Call the function whose pointer is in reg (not r12). */
#define PPC_CALL(reg)	\
	mr	12, reg;	\
	mtctr	12;		\
	bctrl
#else
#define PPC_ENTRY(name)			\
	.section ".opd", "aw";		\
	.p2align 3;			\
	.globl	name;			\
name:					\
	.quad	.L.name, .TOC.@tocbase, 0;	\
	.previous;			\
	.type	name, @function;	\
	.text;				\
	.p2align 4;			\
.L.name:
#define PPC_END(name)	.size name, . - .L.name
/* Call through the descriptor whose address is in reg (not r0, r2, r11). */
#define PPC_CALL(reg)	\
	ld	0, 0(reg);	\
	ld	11, 16(reg);	\
	ld	2, 8(reg);	\
	mtctr	0;		\
	bctrl
#endif

#endif /* LIB_ARCH_PPC64LE_PPC64_FUNC_H */
