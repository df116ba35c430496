/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Helper: check, in this very binary, that both client-request encodings
 * carry the exact instruction bytes Valgrind's decoder matches
 * (FACTS-valgrind.md §2; KC_ARCH_VG_SEQ of lib/arch/<arch>/kc_arch.h):
 * kc_vg_request (lib/arch/<arch>/vg_request.S) and a function built from
 * valgrind.h's VALGRIND_DO_CLIENT_REQUEST_EXPR.  A control function without
 * a request must not match, so the scanner itself can fail.  Built natively
 * and, where a cross compiler exists, static for every other arch of
 * lib/arch (mk/arch-rules.mk; run under qemu-user).
 * Exit 0 when all three hold; 1 with a message otherwise; 2 when this arch
 * has no expected sequence.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <valgrind/valgrind.h>

#include "kc_arch.h"

uintptr_t kc_vg_request(uintptr_t dflt, const uintptr_t args[6]);
extern const int kc_vg_request_native;

#ifdef KC_ARCH_VG_SEQ
/* valgrind.h's preamble + request instruction (lib/arch/<arch>/kc_arch.h). */
static const unsigned char kc_seq[] = KC_ARCH_VG_SEQ;
#else
#define KC_NO_SEQUENCE
#endif

/* A valgrind.h that does not know this arch expands to dflt, unused a. */
__attribute__((noinline, unused)) static uintptr_t
kc_macro_request(uintptr_t dflt, const uintptr_t *a)
{
	(void)a;
	return ((uintptr_t)VALGRIND_DO_CLIENT_REQUEST_EXPR(dflt, a[0], a[1], a[2], a[3], a[4], a[5]));
}

__attribute__((noinline, unused)) static uintptr_t
kc_control(uintptr_t dflt, const uintptr_t *a)
{
	return (dflt ^ a[0] ^ a[1]);
}

#ifndef KC_NO_SEQUENCE
/*
 * Does the sequence start within the first `len` bytes of the code of fn?
 * Where a function pointer is a descriptor (KC_ARCH_FUNC_DESC), the code
 * address is its first word.
 */
static int
kc_has_seq(const void *fn, size_t len)
{
	const unsigned char *p = KC_ARCH_FUNC_DESC ? *(const unsigned char *const *)fn :
	    (const unsigned char *)fn;
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
	printf("no KC_ARCH_VG_SEQ for %s (lib/arch/<arch>/kc_arch.h): no "
	    "expected client-request sequence\n", KC_ARCH_TRIPLET);
	return (2);
#else
	static const uintptr_t args[6] = { 0x1001, 0, 0, 0, 0, 0 };
	int bad = 0;

	/* Natively both return the default: RUNNING_ON_VALGRIND is 0. */
	if (kc_vg_request(7, args) != 7 || kc_macro_request(7, args) != 7) {
		printf("FAIL: a request did not return its default natively\n");
		bad = 1;
	}
#ifdef NVALGRIND
	/*
	 * valgrind.h defines NVALGRIND for a platform it does not know (it has
	 * no PLAT_<arch>_linux: loongarch64, whose vg_request.S follows
	 * Loongson's out-of-tree port, kc_arch.h names it): the macro emits
	 * nothing to compare, so only kc_vg_request's bytes are checked.
	 */
	printf("valgrind.h has no platform for %s (NVALGRIND): the macro is not "
	    "compared; kc_vg_request is checked against KC_ARCH_VG_SEQ only\n",
	    KC_ARCH_TRIPLET);
#else
	if (!kc_has_seq((const void *)kc_macro_request, 256)) {
		printf("FAIL: valgrind.h's macro lacks the preamble+request bytes\n");
		bad = 1;
	}
#endif
	if (kc_has_seq((const void *)kc_control, 32)) {
		printf("FAIL: the scanner matched a function without a request\n");
		bad = 1;
	}
	if (!bad && !kc_vg_request_native) {
		printf("valgrind.h's macro carries KC_ARCH_VG_SEQ; no lib/arch/"
		    "%s/vg_request.S: the raw bytes are not checked\n", KC_ARCH_NAME);
		return (2);
	}
	if (!kc_has_seq((const void *)kc_vg_request, 64)) {
		printf("FAIL: kc_vg_request lacks the preamble+request bytes\n");
		bad = 1;
	}
#ifdef NVALGRIND
	if (!bad)
		printf("ok: kc_vg_request carries KC_ARCH_VG_SEQ's %zu bytes\n", sizeof(kc_seq));
#else
	if (!bad)
		printf("ok: kc_vg_request and valgrind.h carry the same %zu bytes\n", sizeof(kc_seq));
#endif
	return (bad);
#endif
}
