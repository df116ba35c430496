/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The requests of valgrind.h and memcheck.h no other program issues
 * (FACTS-valgrind.md §1.1, §7): NON_SIMD_CALL0/2/3, the header's
 * VALGRIND_PRINTF/VALGRIND_PRINTF_BACKTRACE functions, the deprecated
 * by-value PRINTF/PRINTF_BACKTRACE, VALGRIND_CHECK_VALUE_IS_DEFINED and the
 * statement form VALGRIND_DO_CLIENT_REQUEST, each in both encodings (the
 * two reports must be identical, vg_run_pair).  Subject: vg_req_subject.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_case.h"
#include "kc_expect.h"
#include "kc_known.h"
#include "kc_vg.h"
#include "kc_vgrun.h"
#include "vg_case.h"

#define SUBJ	"vg_req_subject"
#define SRC	"vg_req_subject.c"
#define DEADLINE_S	40

/* Run scenario sc natively in the given encoding (exit 0). */
static void
run_native(const atf_tc_t *tc, const char *enc, const char *sc,
    struct kc_vgrun_result *res)
{
	char *argv[] = { (char *)kc_vgrun_subject(tc, SUBJ), (char *)enc,
		(char *)sc, NULL };

	kc_vgrun_native(argv, res);
	kc_vgrun_require_exit(res, 0);
}

/*
 * NON_SIMD_CALL0/2/3 run the function on the real CPU with the thread id
 * first (the main thread is 1) and return its result; natively they return
 * the default 0 without calling it.
 */
KC_CASE_MD(non_simd_call__0_2_3_args_and_tid,
    "NON_SIMD_CALL0/2/3: fn(tid, args...) under Valgrind, 0 and no call natively",
    .deadline_s = DEADLINE_S)
{
	static const char *const sc[] = { "nonsimd", NULL };
	struct kc_vgrun_result nat;
	struct vg_pair p;
	int e;

	vg_run_pair(tc, SUBJ, SRC, NULL, sc, 0, &p);
	KC_CHECK_EQ(101ul, vg_value(&p.r[0], "nonsimd", "call0"));
	KC_CHECK_EQ(1042ul, vg_value(&p.r[0], "nonsimd", "call2"));
	KC_CHECK_EQ(1123ul, vg_value(&p.r[0], "nonsimd", "call3"));
	KC_CHECK_EQ(3ul, vg_value(&p.r[0], "nonsimd", "calls"));
	KC_CHECK_EQ(0, VG_REPORT(&p)->nerrors);
	vg_pair_free(&p);
	for (e = 0; e < 2; e++) {
		run_native(tc, e == 0 ? "macro" : "raw", "nonsimd", &nat);
		KC_CHECK_EQ(0ul, vg_value(&nat, "nonsimd", "call0"));
		KC_CHECK_EQ(0ul, vg_value(&nat, "nonsimd", "call2"));
		KC_CHECK_EQ(0ul, vg_value(&nat, "nonsimd", "call3"));
		KC_CHECK_EQ(0ul, vg_value(&nat, "nonsimd", "calls"));
		kc_vgrun_free(&nat);
	}
}

/* The client message whose text starts with prefix; NULL if none. */
static const struct kc_vg_clientmsg *
find_msg(const struct kc_vg_report *r, const char *prefix)
{
	int i;

	for (i = 0; i < r->nmsgs; i++)
		if (strncmp(r->msgs[i].text, prefix, strlen(prefix)) == 0)
			return (&r->msgs[i]);
	return (NULL);
}

/*
 * The header's VALGRIND_PRINTF gives a <clientmsg> with the text
 * (XML-escaped on the way, unescaped by the reader) and returns at least
 * its length; VALGRIND_PRINTF_BACKTRACE adds a stack through the caller
 * (on ppc Valgrind drops the caller from it: vg_ppc_unwind_frameless_leaf).
 * Natively both return 0.
 */
KC_CASE_MD(printf__header_functions_clientmsg,
    "valgrind.h VALGRIND_PRINTF/_BACKTRACE: <clientmsg> text, length, stack",
    .deadline_s = DEADLINE_S)
{
	static const char *const sc[] = { "printf_header", NULL };
	const struct kc_vg_clientmsg *m;
	struct kc_vgrun_result nat;
	struct vg_pair p;
	int i, bt = 0;

	vg_run_pair(tc, SUBJ, SRC, NULL, sc, 0, &p);
	m = find_msg(VG_REPORT(&p), "kc-hdr <&> 7\n");
	KC_CHECK_NE(NULL, m);
	KC_CHECK_GE(vg_value(&p.r[0], "printf_header", "ret"), 13ul);
	m = find_msg(VG_REPORT(&p), "kc-hdr-bt 8\n");
	KC_CHECK_NE(NULL, m);
	for (i = 0; m != NULL && i < m->stack.nframes; i++)
		if (m->stack.frames[i].fn != NULL &&
		    strcmp(m->stack.frames[i].fn, "sc_printf_header") == 0)
			bt++;
	kc_known_expect_fail("vg_ppc_unwind_frameless_leaf", p.version);
	KC_CHECK_EQ(1, bt);
	if (kc_known_applies("vg_ppc_unwind_frameless_leaf", p.version))
		kc_expect_pass();
	KC_CHECK_GE(vg_value(&p.r[0], "printf_header", "bt_ret"), 12ul);
	vg_pair_free(&p);
	run_native(tc, "macro", "printf_header", &nat);
	KC_CHECK_EQ(0ul, vg_value(&nat, "printf_header", "ret"));
	KC_CHECK_EQ(0ul, vg_value(&nat, "printf_header", "bt_ret"));
	kc_vgrun_free(&nat);
}

/*
 * VALGRIND_CHECK_VALUE_IS_DEFINED is 0 for a defined word; for a word made
 * undefined it returns the word's address and reports one ClientCheck
 * error "Uninitialised byte(s) found during client check request".
 */
KC_CASE_MD(check_value_is_defined__address_and_clientcheck,
    "CHECK_VALUE_IS_DEFINED: 0 when defined; the address and a ClientCheck "
    "error when not", .deadline_s = DEADLINE_S)
{
	static const char *const sc[] = { "check_value", NULL };
	const struct kc_vg_report *r;
	struct vg_pair p;
	char inside[64];

	/* The subject's block: two unsigned longs, the second undefined. */
	snprintf(inside, sizeof(inside), "%zu bytes inside a block of size %zu alloc'd",
	    sizeof(unsigned long), 2 * sizeof(unsigned long));
	vg_run_pair(tc, SUBJ, SRC, NULL, sc, KC_VGRUN_ERREXIT, &p);
	r = VG_REPORT(&p);
	KC_CHECK_EQ(0ul, vg_value(&p.r[0], "check_value", "defined"));
	KC_CHECK_EQ(1ul, vg_value(&p.r[0], "check_value", "undefined_is_addr"));
	KC_CHECK_EQ(1, vg_count(r, "check_value", "ClientCheck",
	    "Uninitialised byte(s) found during client check request"));
	KC_CHECK_EQ(1, vg_count(r, "check_value", NULL, NULL));
	KC_CHECK_EQ(1, vg_count(r, "check_value", "ClientCheck", inside));
	vg_pair_free(&p);
}

/*
 * The statement form VALGRIND_DO_CLIENT_REQUEST assigns the result:
 * RUNNING_ON_VALGRIND 1 under Valgrind (0 natively), and the default for a
 * request no tool knows.
 */
KC_CASE_MD(do_client_request__legacy_statement_form,
    "VALGRIND_DO_CLIENT_REQUEST(rlval, ...): RUNNING_ON_VALGRIND 1, unknown "
    "request its default", .deadline_s = DEADLINE_S)
{
	static const char *const sc[] = { "legacy", NULL };
	struct kc_vgrun_result nat;
	struct vg_pair p;

	vg_run_pair(tc, SUBJ, SRC, NULL, sc, 0, &p);
	KC_CHECK_EQ(1ul, vg_value(&p.r[0], "legacy", "running"));
	KC_CHECK_EQ(77ul, vg_value(&p.r[0], "legacy", "dflt"));
	vg_pair_free(&p);
	run_native(tc, "macro", "legacy", &nat);
	KC_CHECK_EQ(0ul, vg_value(&nat, "legacy", "running"));
	KC_CHECK_EQ(77ul, vg_value(&nat, "legacy", "dflt"));
	kc_vgrun_free(&nat);
}

/*
 * The deprecated PRINTF and PRINTF_BACKTRACE (0x1401/0x1402) take the
 * va_list by value in one word (scheduler.c do_client_request): where
 * va_list is one word the message is printed as with the _VALIST_BY_REF
 * forms; where it is not (x86_64, aarch64: a structure) Valgrind stops the
 * process with exit status 1 and "use of the deprecated client requests
 * VG_USERREQ__PRINTF or VG_USERREQ__PRINTF_BACKTRACE on a platform where
 * they cannot be supported".  Which one is this build's ABI, not a guess:
 * sizeof(va_list) of the same compiler.  Both requests, both encodings.
 */
KC_CASE_MD(printf__deprecated_by_value_per_abi,
    "PRINTF/PRINTF_BACKTRACE by value: printed where va_list is a word, a "
    "fatal refusal elsewhere", .deadline_s = DEADLINE_S)
{
	static const char *const scs[] = { "printf_by_value", "printf_bt_by_value" };
	static const char *const texts[] = { "kc-byval 5", "kc-byval-bt 6" };
	static const char refused[] =
	    "client requests VG_USERREQ__PRINTF or VG_USERREQ__PRINTF_BACKTRACE";
	const bool word = sizeof(va_list) == sizeof(uintptr_t);
	struct kc_vgrun_opts o = { .no_xml = true, .xml_optional = true };
	struct kc_vgrun_result res;
	int e, s;

	kc_vgrun_require(tc);
	for (s = 0; s < 2; s++) {
		for (e = 0; e < 2; e++) {
			char *argv[] = { (char *)kc_vgrun_subject(tc, SUBJ),
				e == 0 ? "macro" : "raw", (char *)scs[s], NULL };

			if (e == 1 && !kc_vg_request_native)
				break;
			kc_vgrun(tc, &o, argv, &res);
			KC_CHECK_EQ(true, res.exited);
			KC_CHECK_EQ(word ? 0 : 1, res.code);
			KC_CHECK_EQ(word ? 0 : 1, kc_vgrun_count_text(&res, refused));
			KC_CHECK_EQ(word ? 1 : 0, kc_vgrun_count_text(&res, texts[s]));
			/* The subject got as far as the request, not past it. */
			KC_CHECK_EQ(word ? 1 : 0,
			    strstr(res.out, ".ret=") != NULL ? 1 : 0);
			KC_CHECK_NE(NULL, strstr(res.out, ".va_list_is_word="));
			kc_vgrun_free(&res);
		}
	}
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, non_simd_call__0_2_3_args_and_tid);
	ATF_TP_ADD_TC(tp, printf__header_functions_clientmsg);
	ATF_TP_ADD_TC(tp, check_value_is_defined__address_and_clientcheck);
	ATF_TP_ADD_TC(tp, do_client_request__legacy_statement_form);
	ATF_TP_ADD_TC(tp, printf__deprecated_by_value_per_abi);

	return (atf_no_error());
}
