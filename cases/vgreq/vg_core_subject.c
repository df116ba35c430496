/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Subject of core_test: the core requests of valgrind.h (RUNNING_ON_VALGRIND,
 * REPLACES_MALLOC, GET_TOOLNAME, PRINTF[_BACKTRACE], MONITOR_COMMAND,
 * CLO_CHANGE, DISCARD_TRANSLATIONS, MAP_IP_TO_SRCLOC, NON_SIMD_CALL,
 * COUNT_ERRORS, DISABLE/ENABLE_ERROR_REPORTING).  See vg_subject.h.
 */
#include <sys/mman.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kc_arch.h"
#include "kc_vg.h"
#include "vg_subject.h"

static __attribute__((noinline)) void
sc_running(const char *sc)
{
	vg_put(sc, "running", kc_vg_running_on_valgrind());
}

/* REPLACES_MALLOC and GET_TOOLNAME: 0 before 3.27.0 (unknown requests). */
static __attribute__((noinline)) void
sc_probe(const char *sc)
{
	char buf[5];

	memset(buf, 'x', sizeof(buf));
	vg_put(sc, "replaces_malloc", kc_vg_replaces_malloc());
	vg_put(sc, "toolname_len", kc_vg_get_toolname(NULL, 0));
	vg_put(sc, "toolname5_ret", kc_vg_get_toolname(buf, sizeof(buf)));
	buf[sizeof(buf) - 1] = buf[sizeof(buf) - 1] == '\0' ? '\0' : '?';
	vg_puts(sc, "toolname5", buf[0] == 'x' ? "untouched" : buf);
}

static __attribute__((noinline)) void
sc_printf(const char *sc)
{
	vg_put(sc, "ret", kc_vg_printf("hello <> %s%%s world\n", "<&>"));
	vg_put(sc, "bt_ret", kc_vg_printf_backtrace("kc-bt %d\n", 42));
}

static __attribute__((noinline)) void
sc_monitor(const char *sc)
{
	vg_put(sc, "known", kc_vg_monitor_command("v.info all_errors"));
	vg_put(sc, "unknown", kc_vg_monitor_command("kc-no-such-command"));
}

static __attribute__((noinline)) void
sc_clo(const char *sc)
{
	kc_vg_clo_change("--max-stackframe=4000000");
	(void)sc;
}

/*
 * A dynamic option: a 24-byte block is leaked and, in clo_dynamic only,
 * CLO_CHANGE turns on --leak-check=full, so the leak check at exit lists
 * it.  The pointer is overwritten, never passed to VG_USE (vg_sink would
 * keep it reachable).
 */
static void
leak24(bool change)
{
	char *volatile p = malloc(24);

	if (p == NULL)
		exit(3);
	p[0] = 1;
	if (change)
		kc_vg_clo_change("--leak-check=full");
	p = NULL;
}

static __attribute__((noinline)) void
sc_clo_dynamic(const char *sc)
{
	leak24(true);
	(void)sc;
}

static __attribute__((noinline)) void
sc_leak_no_clo(const char *sc)
{
	leak24(false);
	(void)sc;
}

/*
 * Code generated at run time, patched in place: after DISCARD_TRANSLATIONS
 * the patched code runs (without it Valgrind may run the stale translation).
 * The two functions are the arch's KC_ARCH_DISCARD_RET1/RET2 bytes
 * (lib/arch/<arch>/kc_arch.h); an arch without them prints
 * "discard.absent=<reason>" and none of the values the case expects.
 */
static __attribute__((noinline)) void
sc_discard(const char *sc)
{
#if defined(KC_ARCH_DISCARD_RET1) && defined(KC_ARCH_DISCARD_RET2) && \
    defined(KC_ARCH_FUNC_DESC)
	static const unsigned char ret1[] = KC_ARCH_DISCARD_RET1;
	static const unsigned char ret2[] = KC_ARCH_DISCARD_RET2;
	static uintptr_t desc[3];
	unsigned char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int (*fn)(void);

	_Static_assert(sizeof(ret1) == sizeof(ret2), "RET1 and RET2 differ in length");
	if (page == MAP_FAILED)
		exit(3);
	memcpy(page, ret1, sizeof(ret1));
	__builtin___clear_cache((char *)page, (char *)page + sizeof(ret1));
	if (KC_ARCH_FUNC_DESC) {
		/* { entry, toc, env }: this function's toc and env. */
		memcpy(desc, (const void *)(uintptr_t)sc_discard, sizeof(desc));
		desc[0] = (uintptr_t)page;
		fn = (int (*)(void))(uintptr_t)desc;
	} else
		fn = (int (*)(void))(uintptr_t)page;
	vg_put(sc, "before", (unsigned long)fn());
	memcpy(page, ret2, sizeof(ret2));
	__builtin___clear_cache((char *)page, (char *)page + sizeof(ret2));
	kc_vg_discard_translations(page, sizeof(ret2));
	vg_put(sc, "after", (unsigned long)fn());
	munmap(page, 4096);
#else
	vg_puts(sc, "absent", "no KC_ARCH_DISCARD_RET1/RET2 for " KC_ARCH_TRIPLET
	    " (lib/arch/<arch>/kc_arch.h)");
#endif
}

static __attribute__((noinline)) void
sc_srcloc(const char *sc)
{
	char buf[64];

	memset(buf, 0, sizeof(buf));
	vg_put(sc, "ret", kc_vg_map_ip_to_srcloc((const void *)(uintptr_t)sc_srcloc, buf));
	vg_puts(sc, "loc", buf[0] != '\0' ? buf : "none");
}

/* Runs on the real CPU: returns 2 * a1, plus 1 if a thread id was passed. */
static uintptr_t
nonsimd_fn(uintptr_t tid, uintptr_t a1)
{
	return (2 * a1 + (tid != 0));
}

static __attribute__((noinline)) void
sc_nonsimd(const char *sc)
{
	vg_put(sc, "ret", kc_vg_non_simd_call1(nonsimd_fn, 21));
}

/* COUNT_ERRORS does not move while reporting is disabled. */
static __attribute__((noinline)) void
sc_err_disable(const char *sc)
{
	char *buf = malloc(8);
	volatile char *v = buf;
	uintptr_t c0;

	if (buf == NULL)
		exit(3);
	c0 = kc_vg_count_errors();
	kc_vg_disable_error_reporting();
	if (v[1] == 7)			/* suppressed */
		vg_put(sc, "seven", 1);
	vg_put(sc, "errors_disabled", kc_vg_count_errors() - c0);
	kc_vg_enable_error_reporting();
	if (v[2] == 7)			/* reported */
		vg_put(sc, "seven", 2);
	vg_put(sc, "errors_enabled", kc_vg_count_errors() - c0);
	free(buf);
}

const struct vg_scenario vg_scenarios[] = {
	{ "running", sc_running },
	{ "probe", sc_probe },
	{ "printf", sc_printf },
	{ "monitor", sc_monitor },
	{ "clo", sc_clo },
	{ "clo_dynamic", sc_clo_dynamic },
	{ "leak_no_clo", sc_leak_no_clo },
	{ "discard", sc_discard },
	{ "srcloc", sc_srcloc },
	{ "nonsimd", sc_nonsimd },
	{ "err_disable", sc_err_disable },
	{ NULL, NULL },
};
