/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Valgrind client requests, one C function per request, over either of two
 * encodings chosen at run time:
 *
 *   KC_VG_MACRO	the macros of the installed valgrind.h / memcheck.h;
 *   KC_VG_RAW	our own instruction sequence (lib/arch/<arch>/vg_request.S,
 *		byte-identical to valgrind.h's), fed with the request ids below.
 *
 * A differential case runs one scenario in both encodings and requires the
 * two Valgrind reports to be identical.  The encoding is process-global
 * (kc_vg_set_encoding); the default is KC_VG_MACRO.
 *
 * Every function passes the same default as the valgrind.h macro does, so
 * natively (not under Valgrind) an EXPR request returns that default: 0 for
 * all requests listed here.  STMT requests (MALLOCLIKE, FREELIKE, MEMPOOL_*,
 * ...) return void: their result register is indeterminate under memcheck
 * (FACTS-valgrind.md §0 item 3) and must never be asserted on.
 *
 * No ATF calls: these functions run in subject programs.
 */
#ifndef LIB_KC_VG_H
#define LIB_KC_VG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

enum kc_vg_enc {
	KC_VG_MACRO,		/* valgrind.h macros */
	KC_VG_RAW,		/* kc_vg_request(): our sequence */
};

/*
 * Request ids (FACTS-valgrind.md §1.1, §1.2; valgrind.h "DO NOT CHANGE THE
 * NUMERIC VALUES").  Used by the raw encoding and kc_vg_req().
 */
#define KC_VG_TOOL_BASE(a, b)	((uintptr_t)((a) & 0xff) << 24 | (uintptr_t)((b) & 0xff) << 16)
enum {
	KC_VGREQ_RUNNING_ON_VALGRIND		= 0x1001,
	KC_VGREQ_DISCARD_TRANSLATIONS		= 0x1002,
	KC_VGREQ_REPLACES_MALLOC		= 0x1003,	/* 3.27.0 */
	KC_VGREQ_GET_TOOLNAME			= 0x1004,	/* 3.27.0 */
	KC_VGREQ_CLIENT_CALL0			= 0x1101,
	KC_VGREQ_CLIENT_CALL1			= 0x1102,
	KC_VGREQ_CLIENT_CALL2			= 0x1103,
	KC_VGREQ_CLIENT_CALL3			= 0x1104,
	KC_VGREQ_COUNT_ERRORS			= 0x1201,
	KC_VGREQ_GDB_MONITOR_COMMAND		= 0x1202,
	KC_VGREQ_CLO_CHANGE			= 0x1203,
	KC_VGREQ_MALLOCLIKE_BLOCK		= 0x1301,
	KC_VGREQ_FREELIKE_BLOCK			= 0x1302,
	KC_VGREQ_CREATE_MEMPOOL			= 0x1303,
	KC_VGREQ_DESTROY_MEMPOOL		= 0x1304,
	KC_VGREQ_MEMPOOL_ALLOC			= 0x1305,
	KC_VGREQ_MEMPOOL_FREE			= 0x1306,
	KC_VGREQ_MEMPOOL_TRIM			= 0x1307,
	KC_VGREQ_MOVE_MEMPOOL			= 0x1308,
	KC_VGREQ_MEMPOOL_CHANGE			= 0x1309,
	KC_VGREQ_MEMPOOL_EXISTS			= 0x130a,
	KC_VGREQ_RESIZEINPLACE_BLOCK		= 0x130b,
	KC_VGREQ_PRINTF				= 0x1401,	/* deprecated: va_list by value */
	KC_VGREQ_PRINTF_BACKTRACE		= 0x1402,	/* deprecated: va_list by value */
	KC_VGREQ_PRINTF_VALIST_BY_REF		= 0x1403,
	KC_VGREQ_PRINTF_BACKTRACE_VALIST_BY_REF	= 0x1404,
	KC_VGREQ_STACK_REGISTER			= 0x1501,
	KC_VGREQ_STACK_DEREGISTER		= 0x1502,
	KC_VGREQ_STACK_CHANGE			= 0x1503,
	KC_VGREQ_MAP_IP_TO_SRCLOC		= 0x1701,
	KC_VGREQ_CHANGE_ERR_DISABLEMENT		= 0x1801,
};
/* Memcheck's requests: base VG_USERREQ_TOOL_BASE('M','C') = 0x4D430000. */
enum {
	KC_MCREQ_MAKE_MEM_NOACCESS		= 0x4D430000,
	KC_MCREQ_MAKE_MEM_UNDEFINED		= 0x4D430001,
	KC_MCREQ_MAKE_MEM_DEFINED		= 0x4D430002,
	KC_MCREQ_DISCARD			= 0x4D430003,
	KC_MCREQ_CHECK_MEM_IS_ADDRESSABLE	= 0x4D430004,
	KC_MCREQ_CHECK_MEM_IS_DEFINED		= 0x4D430005,
	KC_MCREQ_DO_LEAK_CHECK			= 0x4D430006,
	KC_MCREQ_COUNT_LEAKS			= 0x4D430007,
	KC_MCREQ_GET_VBITS			= 0x4D430008,
	KC_MCREQ_SET_VBITS			= 0x4D430009,
	KC_MCREQ_CREATE_BLOCK			= 0x4D43000A,
	KC_MCREQ_MAKE_MEM_DEFINED_IF_ADDRESSABLE = 0x4D43000B,
	KC_MCREQ_COUNT_LEAK_BLOCKS		= 0x4D43000C,
	KC_MCREQ_ENABLE_ADDR_ERROR_REPORTING_IN_RANGE  = 0x4D43000D,
	KC_MCREQ_DISABLE_ADDR_ERROR_REPORTING_IN_RANGE = 0x4D43000E,
};

/* CREATE_MEMPOOL_EXT flags (valgrind.h, since 3.12.0). */
#define KC_VG_MEMPOOL_AUTO_FREE	1
#define KC_VG_MEMPOOL_METAPOOL	2

/*
 * The mechanism (lib/arch/<arch>/vg_request.S; lib/vg_request.c where the
 * arch has none): issue request args[0] with arguments args[1..5]; return
 * the tool's result, or dflt when not running under Valgrind.
 */
uintptr_t kc_vg_request(uintptr_t dflt, const uintptr_t args[6]);

/* 1 when lib/arch has a real sequence for this arch, 0 for the fallback. */
extern const int kc_vg_request_native;

/* Encoding selection (process-global). */
void		 kc_vg_set_encoding(enum kc_vg_enc enc);
enum kc_vg_enc	 kc_vg_encoding(void);
const char	*kc_vg_enc_name(enum kc_vg_enc enc);	/* "macro", "raw" */
/* Parse "macro" / "raw"; returns 0, or -1 for anything else. */
int		 kc_vg_enc_parse(const char *name, enum kc_vg_enc *enc);

/*
 * Any request with a caller-chosen default, in the current encoding (the
 * macro encoding uses VALGRIND_DO_CLIENT_REQUEST_EXPR).  For requests this
 * header has no function for, or to check that a request returns `dflt`
 * natively.
 */
uintptr_t kc_vg_req(uintptr_t dflt, uintptr_t req, uintptr_t a1, uintptr_t a2,
    uintptr_t a3, uintptr_t a4, uintptr_t a5);

/* --- core requests (valgrind.h) ----------------------------------------- */
unsigned  kc_vg_running_on_valgrind(void);	/* nesting depth; 0 natively */
uintptr_t kc_vg_replaces_malloc(void);		/* 0 below 3.27.0 and natively */
/* strlen(tool)+1, copied NUL-terminated and truncated into buf (may be
 * NULL); 0 below 3.27.0 and natively. */
uintptr_t kc_vg_get_toolname(char *buf, size_t len);
void	  kc_vg_discard_translations(const void *addr, size_t len);
uintptr_t kc_vg_count_errors(void);
uintptr_t kc_vg_monitor_command(const char *cmd);	/* 0 known, 1 unknown */
void	  kc_vg_clo_change(const char *option);		/* "--opt=value" */

/* fn is called on the real CPU with the ThreadId first: fn(tid, a1, ...). */
typedef uintptr_t (*kc_vg_fn0)(uintptr_t tid);
typedef uintptr_t (*kc_vg_fn1)(uintptr_t tid, uintptr_t a1);
typedef uintptr_t (*kc_vg_fn2)(uintptr_t tid, uintptr_t a1, uintptr_t a2);
typedef uintptr_t (*kc_vg_fn3)(uintptr_t tid, uintptr_t a1, uintptr_t a2, uintptr_t a3);
uintptr_t kc_vg_non_simd_call0(kc_vg_fn0 fn);
uintptr_t kc_vg_non_simd_call1(kc_vg_fn1 fn, uintptr_t a1);
uintptr_t kc_vg_non_simd_call2(kc_vg_fn2 fn, uintptr_t a1, uintptr_t a2);
uintptr_t kc_vg_non_simd_call3(kc_vg_fn3 fn, uintptr_t a1, uintptr_t a2, uintptr_t a3);

/*
 * The pre-3.7 statement form VALGRIND_DO_CLIENT_REQUEST(rlval, dflt, req,
 * a1..a5), which assigns the result to rlval (macro encoding); the raw
 * encoding is kc_vg_req's.
 */
uintptr_t kc_vg_req_legacy(uintptr_t dflt, uintptr_t req, uintptr_t a1, uintptr_t a2,
    uintptr_t a3, uintptr_t a4, uintptr_t a5);

void kc_vg_malloclike_block(const void *addr, size_t size, size_t rz, int is_zeroed);
void kc_vg_freelike_block(const void *addr, size_t rz);
void kc_vg_resizeinplace_block(const void *addr, size_t old_size, size_t new_size, size_t rz);

void kc_vg_create_mempool(const void *pool, size_t rz, int is_zeroed);
void kc_vg_create_mempool_ext(const void *pool, size_t rz, int is_zeroed, unsigned flags);
void kc_vg_destroy_mempool(const void *pool);
void kc_vg_mempool_alloc(const void *pool, const void *addr, size_t size);
void kc_vg_mempool_free(const void *pool, const void *addr);
void kc_vg_mempool_trim(const void *pool, const void *addr, size_t size);
void kc_vg_move_mempool(const void *pool_a, const void *pool_b);
void kc_vg_mempool_change(const void *pool, const void *addr_a, const void *addr_b, size_t size);
uintptr_t kc_vg_mempool_exists(const void *pool);	/* 1/0 */

/* Chars printed (without the "**pid** " prefix); 0 natively. */
uintptr_t kc_vg_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
uintptr_t kc_vg_printf_backtrace(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
uintptr_t kc_vg_vprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
uintptr_t kc_vg_vprintf_backtrace(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
/*
 * The header's own variadic functions VALGRIND_PRINTF("%s", s) and
 * VALGRIND_PRINTF_BACKTRACE("%s", s) (macro encoding); raw: the same
 * requests (PRINTF_VALIST_BY_REF, _BACKTRACE_) through kc_vg_request.
 */
uintptr_t kc_vg_header_printf(const char *s);
uintptr_t kc_vg_header_printf_backtrace(const char *s);
/*
 * The deprecated requests PRINTF / PRINTF_BACKTRACE (0x1401/0x1402), the
 * va_list passed by value in one word: where sizeof(va_list) is not
 * sizeof(uintptr_t) Valgrind refuses them fatally before reading it (the
 * word is then &ap).  No header macro issues them any more: the macro
 * encoding is VALGRIND_DO_CLIENT_REQUEST_EXPR.
 */
uintptr_t kc_vg_printf_by_value(int backtrace, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Stacks: start and end are the lowest and highest addressable bytes (both
 * inclusive).  The id is the full result word in the raw encoding and the
 * macro's (unsigned) cast in the macro encoding; ids are small (first
 * client stack = 1), so the two agree.  0 natively.
 */
uintptr_t kc_vg_stack_register(const void *start, const void *end);
void	  kc_vg_stack_deregister(uintptr_t id);
void	  kc_vg_stack_change(uintptr_t id, const void *start, const void *end);

/* Writes "file:line" or "" into buf (64 bytes); returns 0. */
uintptr_t kc_vg_map_ip_to_srcloc(const void *ip, char buf64[64]);
void	  kc_vg_disable_error_reporting(void);
void	  kc_vg_enable_error_reporting(void);

/* --- memcheck requests (memcheck.h) ------------------------------------- */
intptr_t  kc_vg_make_mem_noaccess(const void *addr, size_t len);	/* -1 under memcheck */
intptr_t  kc_vg_make_mem_undefined(const void *addr, size_t len);
intptr_t  kc_vg_make_mem_defined(const void *addr, size_t len);
intptr_t  kc_vg_make_mem_defined_if_addressable(const void *addr, size_t len);
/* 0, or the first offending address. */
uintptr_t kc_vg_check_mem_is_addressable(const void *addr, size_t len);
uintptr_t kc_vg_check_mem_is_defined(const void *addr, size_t len);
/* VALGRIND_CHECK_VALUE_IS_DEFINED(*v) (macro); raw: CHECK_MEM_IS_DEFINED
 * over the word.  0, or the address of the first undefined byte. */
uintptr_t kc_vg_check_value_is_defined(const volatile unsigned long *v);
/* Block index, or -1 (as uintptr_t) if addr or len is 0. */
uintptr_t kc_vg_create_block(const void *addr, size_t len, const char *desc);
uintptr_t kc_vg_discard(uintptr_t blkindex);			/* 0 ok, 1 bad index */
/* 1 ok, 3 unaddressable, 0 natively. */
uintptr_t kc_vg_get_vbits(const void *addr, unsigned char *vbits, size_t n);
uintptr_t kc_vg_set_vbits(const void *addr, const unsigned char *vbits, size_t n);
uintptr_t kc_vg_enable_addr_error_reporting_in_range(const void *addr, size_t len);
uintptr_t kc_vg_disable_addr_error_reporting_in_range(const void *addr, size_t len);

enum kc_vg_leak_mode {
	KC_VG_LEAK_FULL,	/* VALGRIND_DO_LEAK_CHECK */
	KC_VG_LEAK_ADDED,	/* VALGRIND_DO_ADDED_LEAK_CHECK (3.7) */
	KC_VG_LEAK_CHANGED,	/* VALGRIND_DO_CHANGED_LEAK_CHECK (3.7) */
	KC_VG_LEAK_NEW,		/* VALGRIND_DO_NEW_LEAK_CHECK (3.21) */
	KC_VG_LEAK_QUICK,	/* VALGRIND_DO_QUICK_LEAK_CHECK (summary only) */
};
void kc_vg_do_leak_check(enum kc_vg_leak_mode mode);

struct kc_vg_leaks {
	unsigned long	leaked;		/* definite + indirect */
	unsigned long	dubious;
	unsigned long	reachable;
	unsigned long	suppressed;
};
/* Results of the last leak check; all 0 natively. */
void kc_vg_count_leaks(struct kc_vg_leaks *bytes);
void kc_vg_count_leak_blocks(struct kc_vg_leaks *blocks);

#endif /* LIB_KC_VG_H */
