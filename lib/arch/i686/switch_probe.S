/*
 * Test mechanism for lib/arch/i686/stack_switch.S (selftest only).
 * See x86_64/switch_probe.S for the contracts.
 *
 * unsigned kc_test_callee_saved(void *stack_top@4(%esp),
 *                               void *(*fn)(void *)@8(%esp),
 *                               void **resume_sp@12(%esp))
 *	Bits: 0 %ebx, 1 %esi, 2 %edi, 3 %ebp.
 *
 * void *kc_test_entry_sp(void *arg@4(%esp))
 *	Return %esp at entry (KC_ARCH_ENTRY_SP_BIAS: %esp+4 16-aligned).
 */
#include "asm.h"

#define PAT_EBX	0x11111101
#define PAT_ESI	0x22222202
#define PAT_EDI	0x33333303
#define PAT_EBP	0x44444404

/* Compare reg with pat; set bit in %eax if they differ. */
#define CHECK(reg, pat, bit)	\
	cmpl	$pat, reg;	\
	je	1f;		\
	orl	$bit, %eax;	\
1:

ENTRY(kc_test_callee_saved)
	pushl	%ebp			/* our caller's callee-saved registers */
	pushl	%ebx
	pushl	%esi
	pushl	%edi
	movl	20(%esp), %eax		/* stack_top */
	movl	24(%esp), %ecx		/* fn */
	movl	28(%esp), %edx		/* resume_sp */
	subl	$12, %esp		/* keep the 16-byte call alignment */
	pushl	%edx			/* kc_stack_switch(stack_top, fn, */
	pushl	$0			/*     NULL, resume_sp) */
	pushl	%ecx
	pushl	%eax
	movl	$PAT_EBX, %ebx		/* the patterns */
	movl	$PAT_ESI, %esi
	movl	$PAT_EDI, %edi
	movl	$PAT_EBP, %ebp
	call	kc_stack_switch
	addl	$28, %esp
	xorl	%eax, %eax		/* mask of registers that changed */
	CHECK(%ebx, PAT_EBX, 0x01)
	CHECK(%esi, PAT_ESI, 0x02)
	CHECK(%edi, PAT_EDI, 0x04)
	CHECK(%ebp, PAT_EBP, 0x08)
	popl	%edi
	popl	%esi
	popl	%ebx
	popl	%ebp
	ret
END(kc_test_callee_saved)

ENTRY(kc_test_entry_sp)
	movl	%esp, %eax		/* %esp at entry */
	ret
END(kc_test_entry_sp)

	.section .rodata
	.globl	kc_switch_probe_native
	.type	kc_switch_probe_native, @object
	.size	kc_switch_probe_native, 4
	.p2align 2
kc_switch_probe_native:
	.long	1			/* this arch has the probes */

	.section .note.GNU-stack, "", %progbits
