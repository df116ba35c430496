/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Subject of client_msg__dwarf5_addrx_unreadable: a program whose debug
 * information is DWARF 5 with DW_FORM_addrx (clang -gdwarf-5, as Go >= 1.25
 * emits for every function's DW_AT_low_pc; gcc 12 writes DW_FORM_addr).
 * Built by cases/vgreq/module.mk.  Prints "ok".
 */
#include <stdio.h>

static __attribute__((noinline)) int
dwarf5_subject_work(int n)
{
	return (n > 0 ? n + dwarf5_subject_work(n - 1) : 0);
}

int
main(void)
{
	printf("ok %d\n", dwarf5_subject_work(3));
	return (0);
}
