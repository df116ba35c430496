/* SPDX-License-Identifier: BSD-2-Clause */
/* Value-printing assertions (see kc_assert.h). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_kfacts.h"
#include "kc_macros.h"

struct kc_val
kc_val_s(intmax_t v)
{
	struct kc_val r = { KC_VAL_S, v, (uintmax_t)v };

	return (r);
}

struct kc_val
kc_val_u(uintmax_t v)
{
	struct kc_val r = { KC_VAL_U, (intmax_t)v, v };

	return (r);
}

struct kc_val
kc_val_p(const volatile void *v)
{
	struct kc_val r = { KC_VAL_P, (intmax_t)(uintptr_t)v, (uintmax_t)(uintptr_t)v };

	return (r);
}

/* <0, 0, >0 by value. */
static int
kc_val_order(struct kc_val a, struct kc_val b)
{
	if (a.kind == KC_VAL_S && b.kind == KC_VAL_S)
		return (a.s < b.s ? -1 : a.s > b.s);
	if (a.kind == KC_VAL_S && a.s < 0)
		return (-1);
	if (b.kind == KC_VAL_S && b.s < 0)
		return (1);
	return (a.u < b.u ? -1 : a.u > b.u);
}

bool
kc_cmp(enum kc_op op, struct kc_val a, struct kc_val b)
{
	int o = kc_val_order(a, b);

	switch (op) {
	case KC_OP_EQ:	return (o == 0);
	case KC_OP_NE:	return (o != 0);
	case KC_OP_LT:	return (o < 0);
	case KC_OP_LE:	return (o <= 0);
	case KC_OP_GT:	return (o > 0);
	case KC_OP_GE:	return (o >= 0);
	case KC_OP_BITS:	return ((a.u & b.u) == b.u);
	case KC_OP_NOBITS:	return ((a.u & b.u) == 0);
	}
	return (false);
}

static const char *
kc_val_str(struct kc_val v, bool hex, char *buf, size_t len)
{
	if (v.kind == KC_VAL_P)
		snprintf(buf, len, "%#jx", v.u);
	else if (hex)
		snprintf(buf, len, "%#jx", v.u);
	else if (v.kind == KC_VAL_S)
		snprintf(buf, len, "%jd", v.s);
	else
		snprintf(buf, len, "%ju", v.u);
	return (buf);
}

static void
kc_report(const char *file, int line, bool require, const char *msg)
{
	if (require)
		atf_tc_fail_requirement(file, (size_t)line, "%s", msg);
	else
		atf_tc_fail_check(file, (size_t)line, "%s", msg);
}

/* " (fact text)" / " (why)" / "". */
static void
kc_note(int kf, const char *why, char *buf, size_t len)
{
	char f[512];

	buf[0] = '\0';
	if (kf >= 0)
		snprintf(buf, len, " (%s)", kc_kfact_describe((enum kc_kfact)kf, f, sizeof(f)));
	else if (why != NULL)
		snprintf(buf, len, " (%s)", why);
}

void
kc_assert_fail(const char *file, int line, bool require, enum kc_op op, bool hex,
    const char *ta, const char *tb, struct kc_val a, struct kc_val b, int kf,
    const char *why)
{
	static const char *const opname[] = { "==", "!=", "<", "<=", ">", ">=", "has", "lacks" };
	char va[64], vb[64], note[640], msg[2048];

	kc_val_str(a, hex, va, sizeof(va));
	kc_val_str(b, hex, vb, sizeof(vb));
	kc_note(kf, why, note, sizeof(note));
	switch (op) {
	case KC_OP_EQ:
		snprintf(msg, sizeof(msg), "%s == %s: expected %s, seen %s%s", ta, tb, va, vb,
		    note);
		break;
	case KC_OP_NE:
		snprintf(msg, sizeof(msg), "%s != %s: both are %s%s", ta, tb, vb, note);
		break;
	case KC_OP_BITS:
		snprintf(msg, sizeof(msg), "%s = %s lacks %#jx (%s)%s", ta, va, b.u & ~a.u, tb,
		    note);
		break;
	case KC_OP_NOBITS:
		snprintf(msg, sizeof(msg), "%s = %s has %#jx (%s)%s", ta, va, a.u & b.u, tb,
		    note);
		break;
	default:
		snprintf(msg, sizeof(msg), "%s %s %s not met: %s = %s, %s = %s%s", ta,
		    opname[op], tb, ta, va, tb, vb, note);
	}
	kc_report(file, line, require, msg);
}

void
kc_assert_str(const char *file, int line, bool require, bool eq, const char *te,
    const char *ts, const char *e, const char *s)
{
	char msg[2048];
	bool same;

	same = (e == NULL || s == NULL) ? e == s : strcmp(e, s) == 0;
	if (same == eq)
		return;
	if (eq)
		snprintf(msg, sizeof(msg), "%s == %s: expected %s%s%s, seen %s%s%s", te, ts,
		    e ? "\"" : "", e ? e : "NULL", e ? "\"" : "", s ? "\"" : "",
		    s ? s : "NULL", s ? "\"" : "");
	else
		snprintf(msg, sizeof(msg), "%s != %s: both are %s%s%s", te, ts, s ? "\"" : "",
		    s ? s : "NULL", s ? "\"" : "");
	kc_report(file, line, require, msg);
}

void
kc_assert_err(const char *file, int line, bool require, const char *tr, int want,
    long r, int e, int kf, const char *why)
{
	char note[640], msg[1024];

	if (r == -1 && e == want)
		return;
	kc_note(kf, why, note, sizeof(note));
	if (r == -1)
		snprintf(msg, sizeof(msg), "%s: expected %s, seen -1 %s%s", tr,
		    kc_errname(want), kc_errname(e), note);
	else
		snprintf(msg, sizeof(msg), "%s: expected %s, seen %ld (success)%s", tr,
		    kc_errname(want), r, note);
	kc_report(file, line, require, msg);
}

void
kc_assert_ok(const char *file, int line, bool require, const char *tr, long r, int e,
    int kf, const char *why)
{
	char note[640], msg[1024];

	if (r != -1)
		return;
	kc_note(kf, why, note, sizeof(note));
	snprintf(msg, sizeof(msg), "%s: expected success, seen -1 %s%s", tr, kc_errname(e),
	    note);
	kc_report(file, line, require, msg);
}
