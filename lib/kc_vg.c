/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Valgrind client requests over two encodings (see kc_vg.h): the macros of
 * the installed valgrind.h/memcheck.h, or kc_vg_request() with the ids of
 * kc_vg.h.  Each raw call passes the default the macro passes (0).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <valgrind/valgrind.h>
#include <valgrind/memcheck.h>

#include "kc_vg.h"

static enum kc_vg_enc kc_vg_enc_cur = KC_VG_MACRO;

#define RAWP	(kc_vg_enc_cur == KC_VG_RAW)
#define U(x)	((uintptr_t)(x))

static uintptr_t
kc_vg_raw(uintptr_t dflt, uintptr_t req, uintptr_t a1, uintptr_t a2,
    uintptr_t a3, uintptr_t a4, uintptr_t a5)
{
	uintptr_t args[6] = { req, a1, a2, a3, a4, a5 };

	return (kc_vg_request(dflt, args));
}

void
kc_vg_set_encoding(enum kc_vg_enc enc)
{
	kc_vg_enc_cur = enc;
}

enum kc_vg_enc
kc_vg_encoding(void)
{
	return (kc_vg_enc_cur);
}

const char *
kc_vg_enc_name(enum kc_vg_enc enc)
{
	return (enc == KC_VG_RAW ? "raw" : "macro");
}

int
kc_vg_enc_parse(const char *name, enum kc_vg_enc *enc)
{
	if (strcmp(name, "macro") == 0)
		*enc = KC_VG_MACRO;
	else if (strcmp(name, "raw") == 0)
		*enc = KC_VG_RAW;
	else
		return (-1);
	return (0);
}

uintptr_t
kc_vg_req(uintptr_t dflt, uintptr_t req, uintptr_t a1, uintptr_t a2,
    uintptr_t a3, uintptr_t a4, uintptr_t a5)
{
	if (RAWP)
		return (kc_vg_raw(dflt, req, a1, a2, a3, a4, a5));
	return (VALGRIND_DO_CLIENT_REQUEST_EXPR(dflt, req, a1, a2, a3, a4, a5));
}

/* --- core requests -------------------------------------------------------- */

unsigned
kc_vg_running_on_valgrind(void)
{
	if (RAWP)
		return ((unsigned)kc_vg_raw(0, KC_VGREQ_RUNNING_ON_VALGRIND, 0, 0, 0, 0, 0));
	return (RUNNING_ON_VALGRIND);
}

uintptr_t
kc_vg_replaces_malloc(void)
{
	if (RAWP)
		return (kc_vg_raw(0, KC_VGREQ_REPLACES_MALLOC, 0, 0, 0, 0, 0));
#ifdef VALGRIND_REPLACES_MALLOC
	return (U(VALGRIND_REPLACES_MALLOC));
#else
	/* Header older than 3.27.0: the macro's encoding, by number. */
	return (VALGRIND_DO_CLIENT_REQUEST_EXPR(0, KC_VGREQ_REPLACES_MALLOC,
	    0, 0, 0, 0, 0));
#endif
}

uintptr_t
kc_vg_get_toolname(char *buf, size_t len)
{
	if (RAWP)
		return (kc_vg_raw(0, KC_VGREQ_GET_TOOLNAME, U(buf), len, 0, 0, 0));
#ifdef VALGRIND_GET_TOOLNAME
	return (U(VALGRIND_GET_TOOLNAME(buf, len)));
#else
	return (VALGRIND_DO_CLIENT_REQUEST_EXPR(0, KC_VGREQ_GET_TOOLNAME,
	    U(buf), len, 0, 0, 0));
#endif
}

void
kc_vg_discard_translations(const void *addr, size_t len)
{
	if (RAWP)
		(void)kc_vg_raw(0, KC_VGREQ_DISCARD_TRANSLATIONS, U(addr), len, 0, 0, 0);
	else
		VALGRIND_DISCARD_TRANSLATIONS(addr, len);
}

uintptr_t
kc_vg_count_errors(void)
{
	if (RAWP)
		return (kc_vg_raw(0, KC_VGREQ_COUNT_ERRORS, 0, 0, 0, 0, 0));
	return (VALGRIND_COUNT_ERRORS);
}

uintptr_t
kc_vg_monitor_command(const char *cmd)
{
	if (RAWP)
		return (kc_vg_raw(0, KC_VGREQ_GDB_MONITOR_COMMAND, U(cmd), 0, 0, 0, 0));
	return (VALGRIND_MONITOR_COMMAND(cmd));
}

void
kc_vg_clo_change(const char *option)
{
	if (RAWP)
		(void)kc_vg_raw(0, KC_VGREQ_CLO_CHANGE, U(option), 0, 0, 0, 0);
	else
		VALGRIND_CLO_CHANGE(option);
}

uintptr_t
kc_vg_non_simd_call0(kc_vg_fn0 fn)
{
	if (RAWP)
		return (kc_vg_raw(0, KC_VGREQ_CLIENT_CALL0, U(fn), 0, 0, 0, 0));
	return (VALGRIND_NON_SIMD_CALL0(fn));
}

uintptr_t
kc_vg_non_simd_call1(kc_vg_fn1 fn, uintptr_t a1)
{
	if (RAWP)
		return (kc_vg_raw(0, KC_VGREQ_CLIENT_CALL1, U(fn), a1, 0, 0, 0));
	return (VALGRIND_NON_SIMD_CALL1(fn, a1));
}

uintptr_t
kc_vg_non_simd_call2(kc_vg_fn2 fn, uintptr_t a1, uintptr_t a2)
{
	if (RAWP)
		return (kc_vg_raw(0, KC_VGREQ_CLIENT_CALL2, U(fn), a1, a2, 0, 0));
	return (VALGRIND_NON_SIMD_CALL2(fn, a1, a2));
}

uintptr_t
kc_vg_non_simd_call3(kc_vg_fn3 fn, uintptr_t a1, uintptr_t a2, uintptr_t a3)
{
	if (RAWP)
		return (kc_vg_raw(0, KC_VGREQ_CLIENT_CALL3, U(fn), a1, a2, a3, 0));
	return (VALGRIND_NON_SIMD_CALL3(fn, a1, a2, a3));
}

uintptr_t
kc_vg_req_legacy(uintptr_t dflt, uintptr_t req, uintptr_t a1, uintptr_t a2,
    uintptr_t a3, uintptr_t a4, uintptr_t a5)
{
	uintptr_t r;

	if (RAWP)
		return (kc_vg_raw(dflt, req, a1, a2, a3, a4, a5));
	VALGRIND_DO_CLIENT_REQUEST(r, dflt, req, a1, a2, a3, a4, a5);
	return (r);
}

void
kc_vg_malloclike_block(const void *addr, size_t size, size_t rz, int is_zeroed)
{
	if (RAWP)
		(void)kc_vg_raw(0, KC_VGREQ_MALLOCLIKE_BLOCK, U(addr), size, rz,
		    (uintptr_t)is_zeroed, 0);
	else
		VALGRIND_MALLOCLIKE_BLOCK(addr, size, rz, is_zeroed);
}

void
kc_vg_freelike_block(const void *addr, size_t rz)
{
	if (RAWP)
		(void)kc_vg_raw(0, KC_VGREQ_FREELIKE_BLOCK, U(addr), rz, 0, 0, 0);
	else
		VALGRIND_FREELIKE_BLOCK(addr, rz);
}

void
kc_vg_resizeinplace_block(const void *addr, size_t old_size, size_t new_size,
    size_t rz)
{
	if (RAWP)
		(void)kc_vg_raw(0, KC_VGREQ_RESIZEINPLACE_BLOCK, U(addr), old_size,
		    new_size, rz, 0);
	else
		VALGRIND_RESIZEINPLACE_BLOCK(addr, old_size, new_size, rz);
}

void
kc_vg_create_mempool(const void *pool, size_t rz, int is_zeroed)
{
	if (RAWP)
		(void)kc_vg_raw(0, KC_VGREQ_CREATE_MEMPOOL, U(pool), rz,
		    (uintptr_t)is_zeroed, 0, 0);
	else
		VALGRIND_CREATE_MEMPOOL(pool, rz, is_zeroed);
}

void
kc_vg_create_mempool_ext(const void *pool, size_t rz, int is_zeroed,
    unsigned flags)
{
	if (RAWP)
		(void)kc_vg_raw(0, KC_VGREQ_CREATE_MEMPOOL, U(pool), rz,
		    (uintptr_t)is_zeroed, flags, 0);
	else
		VALGRIND_CREATE_MEMPOOL_EXT(pool, rz, is_zeroed, flags);
}

void
kc_vg_destroy_mempool(const void *pool)
{
	if (RAWP)
		(void)kc_vg_raw(0, KC_VGREQ_DESTROY_MEMPOOL, U(pool), 0, 0, 0, 0);
	else
		VALGRIND_DESTROY_MEMPOOL(pool);
}

void
kc_vg_mempool_alloc(const void *pool, const void *addr, size_t size)
{
	if (RAWP)
		(void)kc_vg_raw(0, KC_VGREQ_MEMPOOL_ALLOC, U(pool), U(addr), size, 0, 0);
	else
		VALGRIND_MEMPOOL_ALLOC(pool, addr, size);
}

void
kc_vg_mempool_free(const void *pool, const void *addr)
{
	if (RAWP)
		(void)kc_vg_raw(0, KC_VGREQ_MEMPOOL_FREE, U(pool), U(addr), 0, 0, 0);
	else
		VALGRIND_MEMPOOL_FREE(pool, addr);
}

void
kc_vg_mempool_trim(const void *pool, const void *addr, size_t size)
{
	if (RAWP)
		(void)kc_vg_raw(0, KC_VGREQ_MEMPOOL_TRIM, U(pool), U(addr), size, 0, 0);
	else
		VALGRIND_MEMPOOL_TRIM(pool, addr, size);
}

void
kc_vg_move_mempool(const void *pool_a, const void *pool_b)
{
	if (RAWP)
		(void)kc_vg_raw(0, KC_VGREQ_MOVE_MEMPOOL, U(pool_a), U(pool_b), 0, 0, 0);
	else
		VALGRIND_MOVE_MEMPOOL(pool_a, pool_b);
}

void
kc_vg_mempool_change(const void *pool, const void *addr_a, const void *addr_b,
    size_t size)
{
	if (RAWP)
		(void)kc_vg_raw(0, KC_VGREQ_MEMPOOL_CHANGE, U(pool), U(addr_a),
		    U(addr_b), size, 0);
	else
		VALGRIND_MEMPOOL_CHANGE(pool, addr_a, addr_b, size);
}

uintptr_t
kc_vg_mempool_exists(const void *pool)
{
	if (RAWP)
		return (kc_vg_raw(0, KC_VGREQ_MEMPOOL_EXISTS, U(pool), 0, 0, 0, 0));
	return (VALGRIND_MEMPOOL_EXISTS(pool));
}

/*
 * The current header's VALGRIND_PRINTF is a variadic static function that
 * issues PRINTF_VALIST_BY_REF with &its va_list; a va_list cannot be
 * forwarded to it, so the macro encoding issues the same request through
 * VALGRIND_DO_CLIENT_REQUEST_EXPR, as that function does.  The va_list is
 * copied to a local so that &copy points at the va_list object itself (a
 * va_list parameter may be an array that decayed to a pointer).
 */
static uintptr_t
kc_vg_vprintf_req(uintptr_t req, const char *fmt, va_list ap)
{
	va_list cp;
	uintptr_t r;

	va_copy(cp, ap);
	if (RAWP)
		r = kc_vg_raw(0, req, U(fmt), U(&cp), 0, 0, 0);
	else
		r = VALGRIND_DO_CLIENT_REQUEST_EXPR(0, req, U(fmt), U(&cp), 0, 0, 0);
	va_end(cp);
	return (r);
}

uintptr_t
kc_vg_vprintf(const char *fmt, va_list ap)
{
	return (kc_vg_vprintf_req(KC_VGREQ_PRINTF_VALIST_BY_REF, fmt, ap));
}

uintptr_t
kc_vg_vprintf_backtrace(const char *fmt, va_list ap)
{
	return (kc_vg_vprintf_req(KC_VGREQ_PRINTF_BACKTRACE_VALIST_BY_REF, fmt, ap));
}

uintptr_t
kc_vg_printf(const char *fmt, ...)
{
	va_list ap;
	uintptr_t r;

	va_start(ap, fmt);
	r = kc_vg_vprintf(fmt, ap);
	va_end(ap);
	return (r);
}

uintptr_t
kc_vg_printf_backtrace(const char *fmt, ...)
{
	va_list ap;
	uintptr_t r;

	va_start(ap, fmt);
	r = kc_vg_vprintf_backtrace(fmt, ap);
	va_end(ap);
	return (r);
}

uintptr_t
kc_vg_header_printf(const char *s)
{
	if (RAWP)
		return (kc_vg_printf("%s", s));
	return (U(VALGRIND_PRINTF("%s", s)));
}

uintptr_t
kc_vg_header_printf_backtrace(const char *s)
{
	if (RAWP)
		return (kc_vg_printf_backtrace("%s", s));
	return (U(VALGRIND_PRINTF_BACKTRACE("%s", s)));
}

uintptr_t
kc_vg_printf_by_value(int backtrace, const char *fmt, ...)
{
	uintptr_t req = backtrace ? KC_VGREQ_PRINTF_BACKTRACE : KC_VGREQ_PRINTF;
	uintptr_t w = 0, r;
	va_list ap;

	va_start(ap, fmt);
	if (sizeof(va_list) == sizeof(w))
		memcpy(&w, &ap, sizeof(w));
	else
		w = U(&ap);
	if (RAWP)
		r = kc_vg_raw(0, req, U(fmt), w, 0, 0, 0);
	else
		r = VALGRIND_DO_CLIENT_REQUEST_EXPR(0, req, U(fmt), w, 0, 0, 0);
	va_end(ap);
	return (r);
}

uintptr_t
kc_vg_stack_register(const void *start, const void *end)
{
	if (RAWP)
		return (kc_vg_raw(0, KC_VGREQ_STACK_REGISTER, U(start), U(end), 0, 0, 0));
	return (VALGRIND_STACK_REGISTER(start, end));
}

void
kc_vg_stack_deregister(uintptr_t id)
{
	if (RAWP)
		(void)kc_vg_raw(0, KC_VGREQ_STACK_DEREGISTER, id, 0, 0, 0, 0);
	else
		VALGRIND_STACK_DEREGISTER(id);
}

void
kc_vg_stack_change(uintptr_t id, const void *start, const void *end)
{
	if (RAWP)
		(void)kc_vg_raw(0, KC_VGREQ_STACK_CHANGE, id, U(start), U(end), 0, 0);
	else
		VALGRIND_STACK_CHANGE(id, start, end);
}

uintptr_t
kc_vg_map_ip_to_srcloc(const void *ip, char buf64[64])
{
	if (RAWP)
		return (kc_vg_raw(0, KC_VGREQ_MAP_IP_TO_SRCLOC, U(ip), U(buf64), 0, 0, 0));
	return (VALGRIND_MAP_IP_TO_SRCLOC(ip, buf64));
}

void
kc_vg_disable_error_reporting(void)
{
	if (RAWP)
		(void)kc_vg_raw(0, KC_VGREQ_CHANGE_ERR_DISABLEMENT, 1, 0, 0, 0, 0);
	else
		VALGRIND_DISABLE_ERROR_REPORTING;
}

void
kc_vg_enable_error_reporting(void)
{
	if (RAWP)
		(void)kc_vg_raw(0, KC_VGREQ_CHANGE_ERR_DISABLEMENT, (uintptr_t)-1,
		    0, 0, 0, 0);
	else
		VALGRIND_ENABLE_ERROR_REPORTING;
}

/* --- memcheck requests ----------------------------------------------------- */

#define KC_MC_RANGE(name, req, macro)					\
intptr_t								\
name(const void *addr, size_t len)					\
{									\
	if (RAWP)							\
		return ((intptr_t)kc_vg_raw(0, req, U(addr), len, 0, 0, 0)); \
	return ((intptr_t)(macro(addr, len)));				\
}

KC_MC_RANGE(kc_vg_make_mem_noaccess, KC_MCREQ_MAKE_MEM_NOACCESS,
    VALGRIND_MAKE_MEM_NOACCESS)
KC_MC_RANGE(kc_vg_make_mem_undefined, KC_MCREQ_MAKE_MEM_UNDEFINED,
    VALGRIND_MAKE_MEM_UNDEFINED)
KC_MC_RANGE(kc_vg_make_mem_defined, KC_MCREQ_MAKE_MEM_DEFINED,
    VALGRIND_MAKE_MEM_DEFINED)
KC_MC_RANGE(kc_vg_make_mem_defined_if_addressable,
    KC_MCREQ_MAKE_MEM_DEFINED_IF_ADDRESSABLE,
    VALGRIND_MAKE_MEM_DEFINED_IF_ADDRESSABLE)

uintptr_t
kc_vg_check_mem_is_addressable(const void *addr, size_t len)
{
	if (RAWP)
		return (kc_vg_raw(0, KC_MCREQ_CHECK_MEM_IS_ADDRESSABLE, U(addr), len,
		    0, 0, 0));
	return (U(VALGRIND_CHECK_MEM_IS_ADDRESSABLE(addr, len)));
}

uintptr_t
kc_vg_check_value_is_defined(const volatile unsigned long *v)
{
	if (RAWP)
		return (kc_vg_raw(0, KC_MCREQ_CHECK_MEM_IS_DEFINED, U(v), sizeof(*v), 0, 0, 0));
	return (U(VALGRIND_CHECK_VALUE_IS_DEFINED(*v)));
}

uintptr_t
kc_vg_check_mem_is_defined(const void *addr, size_t len)
{
	if (RAWP)
		return (kc_vg_raw(0, KC_MCREQ_CHECK_MEM_IS_DEFINED, U(addr), len,
		    0, 0, 0));
	return (U(VALGRIND_CHECK_MEM_IS_DEFINED(addr, len)));
}

uintptr_t
kc_vg_create_block(const void *addr, size_t len, const char *desc)
{
	if (RAWP)
		return (kc_vg_raw(0, KC_MCREQ_CREATE_BLOCK, U(addr), len, U(desc), 0, 0));
	return (U(VALGRIND_CREATE_BLOCK(addr, len, desc)));
}

uintptr_t
kc_vg_discard(uintptr_t blkindex)
{
	if (RAWP)
		return (kc_vg_raw(0, KC_MCREQ_DISCARD, 0, blkindex, 0, 0, 0));
	return (U(VALGRIND_DISCARD(blkindex)));
}

uintptr_t
kc_vg_get_vbits(const void *addr, unsigned char *vbits, size_t n)
{
	if (RAWP)
		return (kc_vg_raw(0, KC_MCREQ_GET_VBITS, U(addr), U(vbits), n, 0, 0));
	return (VALGRIND_GET_VBITS(addr, vbits, n));
}

uintptr_t
kc_vg_set_vbits(const void *addr, const unsigned char *vbits, size_t n)
{
	if (RAWP)
		return (kc_vg_raw(0, KC_MCREQ_SET_VBITS, U(addr), U(vbits), n, 0, 0));
	return (VALGRIND_SET_VBITS(addr, vbits, n));
}

uintptr_t
kc_vg_enable_addr_error_reporting_in_range(const void *addr, size_t len)
{
	if (RAWP)
		return (kc_vg_raw(0, KC_MCREQ_ENABLE_ADDR_ERROR_REPORTING_IN_RANGE,
		    U(addr), len, 0, 0, 0));
	return (U(VALGRIND_ENABLE_ADDR_ERROR_REPORTING_IN_RANGE(addr, len)));
}

uintptr_t
kc_vg_disable_addr_error_reporting_in_range(const void *addr, size_t len)
{
	if (RAWP)
		return (kc_vg_raw(0, KC_MCREQ_DISABLE_ADDR_ERROR_REPORTING_IN_RANGE,
		    U(addr), len, 0, 0, 0));
	return (U(VALGRIND_DISABLE_ADDR_ERROR_REPORTING_IN_RANGE(addr, len)));
}

void
kc_vg_do_leak_check(enum kc_vg_leak_mode mode)
{
	/* a1: 0 full, 1 summary; a2: 0 any, 1 added, 2 changed, 3 new. */
	static const uintptr_t a1[] = { 0, 0, 0, 0, 1 };
	static const uintptr_t a2[] = { 0, 1, 2, 3, 0 };

	if (RAWP) {
		(void)kc_vg_raw(0, KC_MCREQ_DO_LEAK_CHECK, a1[mode], a2[mode], 0, 0, 0);
		return;
	}
	switch (mode) {
	case KC_VG_LEAK_FULL:
		VALGRIND_DO_LEAK_CHECK;
		break;
	case KC_VG_LEAK_ADDED:
		VALGRIND_DO_ADDED_LEAK_CHECK;
		break;
	case KC_VG_LEAK_CHANGED:
		VALGRIND_DO_CHANGED_LEAK_CHECK;
		break;
	case KC_VG_LEAK_NEW:
#ifdef VALGRIND_DO_NEW_LEAK_CHECK
		VALGRIND_DO_NEW_LEAK_CHECK;
#else
		/* Header older than 3.21: the macro's encoding, by number. */
		VALGRIND_DO_CLIENT_REQUEST_STMT(KC_MCREQ_DO_LEAK_CHECK, 0, 3, 0, 0, 0);
#endif
		break;
	case KC_VG_LEAK_QUICK:
		VALGRIND_DO_QUICK_LEAK_CHECK;
		break;
	}
}

/*
 * COUNT_LEAKS/COUNT_LEAK_BLOCKS write four words through the pointers; the
 * macros zero them first (so the result is 0 natively), and so do we.
 */
void
kc_vg_count_leaks(struct kc_vg_leaks *l)
{
	unsigned long d = 0, u = 0, r = 0, s = 0;

	if (RAWP)
		(void)kc_vg_raw(0, KC_MCREQ_COUNT_LEAKS, U(&d), U(&u), U(&r), U(&s), 0);
	else
		VALGRIND_COUNT_LEAKS(d, u, r, s);
	l->leaked = d;
	l->dubious = u;
	l->reachable = r;
	l->suppressed = s;
}

void
kc_vg_count_leak_blocks(struct kc_vg_leaks *l)
{
	unsigned long d = 0, u = 0, r = 0, s = 0;

	if (RAWP)
		(void)kc_vg_raw(0, KC_MCREQ_COUNT_LEAK_BLOCKS, U(&d), U(&u), U(&r),
		    U(&s), 0);
	else
		VALGRIND_COUNT_LEAK_BLOCKS(d, u, r, s);
	l->leaked = d;
	l->dubious = u;
	l->reachable = r;
	l->suppressed = s;
}
