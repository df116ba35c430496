/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Helper: check, in this very binary, that both client-request encodings
 * carry the exact instruction bytes Valgrind's decoder matches
 * (FACTS-valgrind.md §2; valgrind.h PLAT_amd64_linux / PLAT_arm64_linux):
 * kc_vg_request (lib/arch/<arch>/vg_request.S) and a function built from
 * valgrind.h's VALGRIND_DO_CLIENT_REQUEST_EXPR.  A control function without
 * a request must not match, so the scanner itself can fail.  Built natively
 * and, where a cross compiler exists, static for aarch64 (run under qemu).
 * Exit 0 when all three hold; 1 with a message otherwise; 2 when this arch
 * has no expected sequence.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <valgrind/valgrind.h>

uintptr_t kc_vg_request(uintptr_t dflt, const uintptr_t args[6]);

#if defined(__x86_64__)
/* rolq $3,$13,$61,$51 %rdi; xchgq %rbx,%rbx */
static const unsigned char kc_seq[] = {
	0x48, 0xc1, 0xc7, 0x03, 0x48, 0xc1, 0xc7, 0x0d,
	0x48, 0xc1, 0xc7, 0x3d, 0x48, 0xc1, 0xc7, 0x33,
	0x48, 0x87, 0xdb,
};
#elif defined(__aarch64__)
/* ror x12,x12,#3,#13,#51,#61; orr x10,x10,x10 (little-endian words) */
static const unsigned char kc_seq[] = {
	0x8c, 0x0d, 0xcc, 0x93, 0x8c, 0x35, 0xcc, 0x93,
	0x8c, 0xcd, 0xcc, 0x93, 0x8c, 0xf5, 0xcc, 0x93,
	0x4a, 0x01, 0x0a, 0xaa,
};
#else
#define KC_NO_SEQUENCE
#endif

__attribute__((noinline)) static uintptr_t
kc_macro_request(uintptr_t dflt, const uintptr_t *a)
{
	return ((uintptr_t)VALGRIND_DO_CLIENT_REQUEST_EXPR(dflt, a[0], a[1], a[2], a[3], a[4], a[5]));
}

__attribute__((noinline)) static uintptr_t
kc_control(uintptr_t dflt, const uintptr_t *a)
{
	return (dflt ^ a[0] ^ a[1]);
}

#ifndef KC_NO_SEQUENCE
/* Does the sequence start within the first `len` bytes of fn? */
static int
kc_has_seq(const void *fn, size_t len)
{
	const unsigned char *p = fn;
	size_t i;

	for (i = 0; i + sizeof(kc_seq) <= len; i++) {
		if (memcmp(p + i, kc_seq, sizeof(kc_seq)) == 0)
			return (1);
	}
	return (0);
}
#endif

int
main(void)
{
#ifdef KC_NO_SEQUENCE
	printf("no expected client-request sequence for this arch\n");
	return (2);
#else
	static const uintptr_t args[6] = { 0x1001, 0, 0, 0, 0, 0 };
	int bad = 0;

	/* Natively both return the default: RUNNING_ON_VALGRIND is 0. */
	if (kc_vg_request(7, args) != 7 || kc_macro_request(7, args) != 7) {
		printf("FAIL: a request did not return its default natively\n");
		bad = 1;
	}
	if (!kc_has_seq((const void *)kc_vg_request, 64)) {
		printf("FAIL: kc_vg_request lacks the preamble+request bytes\n");
		bad = 1;
	}
	if (!kc_has_seq((const void *)kc_macro_request, 256)) {
		printf("FAIL: valgrind.h's macro lacks the preamble+request bytes\n");
		bad = 1;
	}
	if (kc_has_seq((const void *)kc_control, 32)) {
		printf("FAIL: the scanner matched a function without a request\n");
		bad = 1;
	}
	if (!bad)
		printf("ok: kc_vg_request and valgrind.h carry the same %zu bytes\n", sizeof(kc_seq));
	return (bad);
#endif
}
