/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Value-printing assertions.  Each prints the expression text and both
 * values, type-generic over signed and unsigned integers and pointers:
 *
 *	KC_CHECK_EQ((long)getpid(), fpid)
 *	  -> "(long)getpid() == fpid: expected 1234, seen 1233"
 *	KC_REQUIRE_GE(n, 2)
 *	  -> "n >= 2 not met: n = 1, 2 = 2"
 *	KC_CHECK_EQ_HEX(0x800, fl & O_NONBLOCK)	values in hex
 *	KC_CHECK_BITS(fl, O_NONBLOCK)	"fl = 0x8002 lacks 0x800 (O_NONBLOCK)"
 *	KC_CHECK_NOBITS(fl, O_NONBLOCK)	"fl = 0x8802 has 0x800 (O_NONBLOCK)"
 *	KC_CHECK_STREQ("S", state)	both strings quoted; NULL-safe
 *	KC_CHECK_ERR(EINVAL, r, e)	a call that returned r with errno e
 *					must have failed with EINVAL
 *
 * The _KF forms take a kernel fact (lib/kc_kfacts.h) that chose the
 * expectation and append kc_kfact_describe() to the message; the _WHY forms
 * take any string (e.g. the Valgrind-facts row that chose it).  In _EQ the
 * expected value comes first.  CHECK records and continues; REQUIRE ends
 * the case.  ATF side; not for fork/clone children (KC_CHILD_REQUIRE).
 */
#ifndef LIB_KC_ASSERT_H
#define LIB_KC_ASSERT_H

#include <stdbool.h>
#include <stdint.h>

#include "kc_kfacts.h"

struct kc_val {
	int		kind;		/* KC_VAL_S, KC_VAL_U, KC_VAL_P */
	intmax_t	s;
	uintmax_t	u;
};
#define KC_VAL_S	0
#define KC_VAL_U	1
#define KC_VAL_P	2

struct kc_val kc_val_s(intmax_t v);
struct kc_val kc_val_u(uintmax_t v);
struct kc_val kc_val_p(const volatile void *v);

#define KC_VAL(x) _Generic((x),						\
	_Bool: kc_val_u, char: kc_val_s, signed char: kc_val_s,		\
	short: kc_val_s, int: kc_val_s, long: kc_val_s,			\
	long long: kc_val_s, unsigned char: kc_val_u,			\
	unsigned short: kc_val_u, unsigned int: kc_val_u,		\
	unsigned long: kc_val_u, unsigned long long: kc_val_u,		\
	default: kc_val_p)(x)

enum kc_op { KC_OP_EQ, KC_OP_NE, KC_OP_LT, KC_OP_LE, KC_OP_GT, KC_OP_GE, KC_OP_BITS,
	KC_OP_NOBITS };

/* Value semantics: a negative signed value is below every unsigned one. */
bool kc_cmp(enum kc_op op, struct kc_val a, struct kc_val b);

/* No kernel fact: the kf argument of kc_assert_fail. */
#define KC_KF_NONE	(-1)

/* Report a failed comparison (require: atf_tc_fail_requirement, noreturn
 * in effect; else atf_tc_fail_check). */
void kc_assert_fail(const char *file, int line, bool require, enum kc_op op, bool hex,
    const char *ta, const char *tb, struct kc_val a, struct kc_val b, int kf,
    const char *why);

/* ta, tb: the argument texts, stringized by the public macro (unexpanded). */
#define KC__CMP(req, op, hex, kf, why, a, b, ta, tb) do {		\
	struct kc_val kc_a_ = KC_VAL(a);				\
	struct kc_val kc_b_ = KC_VAL(b);				\
	if (!kc_cmp((op), kc_a_, kc_b_))				\
		kc_assert_fail(__FILE__, __LINE__, (req), (op), (hex),	\
		    (ta), (tb), kc_a_, kc_b_, (kf), (why));		\
} while (0)

#define KC_CHECK_EQ(e, s)	KC__CMP(false, KC_OP_EQ, false, KC_KF_NONE, NULL, e, s, #e, #s)
#define KC_CHECK_NE(e, s)	KC__CMP(false, KC_OP_NE, false, KC_KF_NONE, NULL, e, s, #e, #s)
#define KC_CHECK_LT(a, b)	KC__CMP(false, KC_OP_LT, false, KC_KF_NONE, NULL, a, b, #a, #b)
#define KC_CHECK_LE(a, b)	KC__CMP(false, KC_OP_LE, false, KC_KF_NONE, NULL, a, b, #a, #b)
#define KC_CHECK_GT(a, b)	KC__CMP(false, KC_OP_GT, false, KC_KF_NONE, NULL, a, b, #a, #b)
#define KC_CHECK_GE(a, b)	KC__CMP(false, KC_OP_GE, false, KC_KF_NONE, NULL, a, b, #a, #b)
#define KC_REQUIRE_EQ(e, s)	KC__CMP(true, KC_OP_EQ, false, KC_KF_NONE, NULL, e, s, #e, #s)
#define KC_REQUIRE_NE(e, s)	KC__CMP(true, KC_OP_NE, false, KC_KF_NONE, NULL, e, s, #e, #s)
#define KC_REQUIRE_LT(a, b)	KC__CMP(true, KC_OP_LT, false, KC_KF_NONE, NULL, a, b, #a, #b)
#define KC_REQUIRE_LE(a, b)	KC__CMP(true, KC_OP_LE, false, KC_KF_NONE, NULL, a, b, #a, #b)
#define KC_REQUIRE_GT(a, b)	KC__CMP(true, KC_OP_GT, false, KC_KF_NONE, NULL, a, b, #a, #b)
#define KC_REQUIRE_GE(a, b)	KC__CMP(true, KC_OP_GE, false, KC_KF_NONE, NULL, a, b, #a, #b)

/* Hex and flag forms. */
#define KC_CHECK_EQ_HEX(e, s)	KC__CMP(false, KC_OP_EQ, true, KC_KF_NONE, NULL, e, s, #e, #s)
#define KC_REQUIRE_EQ_HEX(e, s)	KC__CMP(true, KC_OP_EQ, true, KC_KF_NONE, NULL, e, s, #e, #s)
#define KC_CHECK_BITS(v, bits) \
	KC__CMP(false, KC_OP_BITS, true, KC_KF_NONE, NULL, v, bits, #v, #bits)
#define KC_CHECK_NOBITS(v, bits) \
	KC__CMP(false, KC_OP_NOBITS, true, KC_KF_NONE, NULL, v, bits, #v, #bits)
#define KC_REQUIRE_BITS(v, bits) \
	KC__CMP(true, KC_OP_BITS, true, KC_KF_NONE, NULL, v, bits, #v, #bits)

/* With the kernel fact that chose the expectation. */
#define KC_CHECK_EQ_KF(kf, e, s) \
	KC__CMP(false, KC_OP_EQ, false, (int)(kf), NULL, e, s, #e, #s)
#define KC_REQUIRE_EQ_KF(kf, e, s) \
	KC__CMP(true, KC_OP_EQ, false, (int)(kf), NULL, e, s, #e, #s)
#define KC_CHECK_EQ_HEX_KF(kf, e, s) \
	KC__CMP(false, KC_OP_EQ, true, (int)(kf), NULL, e, s, #e, #s)
#define KC_CHECK_BITS_KF(kf, v, bits) \
	KC__CMP(false, KC_OP_BITS, true, (int)(kf), NULL, v, bits, #v, #bits)
/* With a free-form reason (e.g. the Valgrind-facts row). */
#define KC_CHECK_EQ_WHY(why, e, s) \
	KC__CMP(false, KC_OP_EQ, false, KC_KF_NONE, (why), e, s, #e, #s)
#define KC_REQUIRE_EQ_WHY(why, e, s) \
	KC__CMP(true, KC_OP_EQ, false, KC_KF_NONE, (why), e, s, #e, #s)

/* Strings (NULL prints as NULL and equals only NULL). */
void kc_assert_str(const char *file, int line, bool require, bool eq, const char *te,
    const char *ts, const char *e, const char *s);
#define KC_CHECK_STREQ(e, s)	kc_assert_str(__FILE__, __LINE__, false, true, #e, #s, (e), (s))
#define KC_REQUIRE_STREQ(e, s)	kc_assert_str(__FILE__, __LINE__, true, true, #e, #s, (e), (s))
#define KC_CHECK_STRNE(e, s)	kc_assert_str(__FILE__, __LINE__, false, false, #e, #s, (e), (s))

/*
 * A call returned r and left errno e (saved by the caller right after it);
 * it must have failed with errno `want`.  Prints "expected -1 EINVAL, seen
 * 3 (success)" or "expected EINVAL, seen -1 ENOENT", plus the fact with _KF.
 */
void kc_assert_err(const char *file, int line, bool require, const char *tr, int want,
    long r, int e, int kf, const char *why);
#define KC_CHECK_ERR(want, r, e)					\
	kc_assert_err(__FILE__, __LINE__, false, #r, (want), (long)(r), (e), KC_KF_NONE, NULL)
#define KC_REQUIRE_ERR(want, r, e)					\
	kc_assert_err(__FILE__, __LINE__, true, #r, (want), (long)(r), (e), KC_KF_NONE, NULL)
#define KC_CHECK_ERR_KF(kf, want, r, e)					\
	kc_assert_err(__FILE__, __LINE__, false, #r, (want), (long)(r), (e), (int)(kf), NULL)
#define KC_REQUIRE_ERR_KF(kf, want, r, e)				\
	kc_assert_err(__FILE__, __LINE__, true, #r, (want), (long)(r), (e), (int)(kf), NULL)

/*
 * A call returned r with errno e and must have succeeded (r != -1):
 * "fd: expected success, seen -1 EINVAL", plus the fact with _KF.
 */
void kc_assert_ok(const char *file, int line, bool require, const char *tr, long r, int e,
    int kf, const char *why);
#define KC_CHECK_OK(r, e)						\
	kc_assert_ok(__FILE__, __LINE__, false, #r, (long)(r), (e), KC_KF_NONE, NULL)
#define KC_REQUIRE_OK(r, e)						\
	kc_assert_ok(__FILE__, __LINE__, true, #r, (long)(r), (e), KC_KF_NONE, NULL)
#define KC_CHECK_OK_KF(kf, r, e)					\
	kc_assert_ok(__FILE__, __LINE__, false, #r, (long)(r), (e), (int)(kf), NULL)
#define KC_REQUIRE_OK_KF(kf, r, e)					\
	kc_assert_ok(__FILE__, __LINE__, true, #r, (long)(r), (e), (int)(kf), NULL)

/* With a free-form reason instead of a fact (e.g. the argument and the fact). */
#define KC_CHECK_ERR_WHY(why, want, r, e)				\
	kc_assert_err(__FILE__, __LINE__, false, #r, (want), (long)(r), (e), KC_KF_NONE, (why))
#define KC_CHECK_OK_WHY(why, r, e)					\
	kc_assert_ok(__FILE__, __LINE__, false, #r, (long)(r), (e), KC_KF_NONE, (why))

#endif /* LIB_KC_ASSERT_H */
