/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The core requests of valgrind.h, in both encodings: their results natively
 * and under Valgrind, and what Valgrind reports (FACTS-valgrind.md §1.1, §7).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <atf-c.h>

#include "kc_arch.h"
#include "kc_assert.h"
#include "kc_case.h"
#include "kc_known.h"
#include "kc_vg.h"
#include "kc_vgrun.h"
#include "vg_case.h"

#define SUBJ	"vg_core_subject"
#define SRC	"vg_core_subject.c"

/*
 * The memcheck scenarios of the cases below that change no option, in one
 * launch per encoding shared by all of them (vg_run_shared); "err_disable"
 * first, because its COUNT_ERRORS values count every error of the process
 * so far (the others make none).
 */
static const char *const all[] = { "err_disable", "running", "probe",
	"printf", "srcloc", "nonsimd", NULL };
/* Valgrind's smc check would hide a missing DISCARD_TRANSLATIONS. */
#define CORE_OPTS { .opts = { "--smc-check=none", NULL } }

/*
 * RUNNING_ON_VALGRIND is 0 natively and 1 under Valgrind, for memcheck and
 * for --tool=none alike.
 */
/* Deadline: 4 Valgrind launches of its own and 2 native runs (module.mk). */
KC_CASE_MD(running_on_valgrind__native_memcheck_none, "RUNNING_ON_VALGRIND: 0 natively, 1 "
    "under memcheck and under --tool=none", .deadline_s = 30)
{
	static const char *const sc[] = { "running", NULL };
	static const struct kc_vgrun_opts none = { .tool = "none", .no_xml = true };
	struct kc_vgrun_result nat;
	struct vg_pair p;
	char *argv[4];
	int e;

	vg_run_shared(tc, SUBJ, SRC, NULL, all, sc, 0, &p);
	KC_CHECK_EQ(1, vg_value(&p.r[0], "running", "running"));
	vg_pair_free(&p);
	vg_run_pair(tc, SUBJ, SRC, &none, sc, 0, &p);
	KC_CHECK_EQ(1, vg_value(&p.r[0], "running", "running"));
	vg_pair_free(&p);
	/* Natively; the raw half only with a raw sequence (see below). */
	for (e = 0; e < (kc_vg_request_native ? 2 : 1); e++) {
		argv[0] = (char *)kc_vgrun_subject(tc, SUBJ);
		argv[1] = e == 0 ? "macro" : "raw";
		argv[2] = "running";
		argv[3] = NULL;
		kc_vgrun_native(argv, &nat);
		kc_vgrun_require_exit(&nat, 0);
		KC_CHECK_EQ(0, vg_value(&nat, "running", "running"));
		kc_vgrun_free(&nat);
	}
}

/*
 * Natively every EXPR request returns the caller's default, in both
 * encodings (this case runs in the test program itself).
 */
KC_CASE(expr_requests__native_default, "Natively, every EXPR request returns its default in "
    "both encodings")
{
	static const uintptr_t reqs[] = {
		KC_VGREQ_RUNNING_ON_VALGRIND, KC_VGREQ_REPLACES_MALLOC,
		KC_VGREQ_GET_TOOLNAME, KC_VGREQ_CLIENT_CALL0, KC_VGREQ_COUNT_ERRORS,
		KC_VGREQ_GDB_MONITOR_COMMAND, KC_VGREQ_MEMPOOL_EXISTS,
		KC_VGREQ_PRINTF_VALIST_BY_REF, KC_VGREQ_STACK_REGISTER,
		KC_VGREQ_MAP_IP_TO_SRCLOC, KC_MCREQ_MAKE_MEM_NOACCESS,
		KC_MCREQ_CHECK_MEM_IS_DEFINED, KC_MCREQ_GET_VBITS,
		KC_MCREQ_CREATE_BLOCK, KC_MCREQ_DISCARD, KC_MCREQ_COUNT_LEAKS,
	};
	const uintptr_t dflt = (uintptr_t)0x5a5a0000c0ffeeULL;
	char buf[8] = "";
	unsigned i;
	int e;

	if (kc_vg_running_on_valgrind() != 0)
		atf_tc_skip("this test program runs under Valgrind");
	/* Without a raw sequence (lib/vg_request.c returns the default by
	 * construction) only the valgrind.h half can fail. */
	if (!kc_vg_request_native)
		fprintf(stderr, "raw encoding not checked: no lib/arch/<arch>/vg_request.S\n");
	for (e = 0; e < (kc_vg_request_native ? 2 : 1); e++) {
		kc_vg_set_encoding(e == 0 ? KC_VG_MACRO : KC_VG_RAW);
		for (i = 0; i < sizeof(reqs) / sizeof(reqs[0]); i++) {
			uintptr_t r = kc_vg_req(dflt, reqs[i], 0, 0, 0, 0, 0);

			ATF_CHECK_MSG(r == dflt, "%s: request 0x%lx: expected the "
			    "default 0x%lx, seen 0x%lx", kc_vg_enc_name(kc_vg_encoding()),
			    (unsigned long)reqs[i], (unsigned long)dflt, (unsigned long)r);
		}
		KC_CHECK_EQ(0, kc_vg_running_on_valgrind());
		KC_CHECK_EQ(0, kc_vg_count_errors());
		KC_CHECK_EQ(0, kc_vg_mempool_exists(buf));
		KC_CHECK_EQ(0, kc_vg_make_mem_noaccess(buf, 1));
		KC_CHECK_EQ(0, kc_vg_check_mem_is_defined(buf, 1));
		KC_CHECK_EQ(0, kc_vg_stack_register(buf, buf + 7));
		KC_CHECK_EQ(0, kc_vg_get_toolname(buf, sizeof(buf)));
		KC_CHECK_EQ(0, kc_vg_printf("x"));
	}
	kc_vg_set_encoding(KC_VG_MACRO);
}

/*
 * REPLACES_MALLOC and GET_TOOLNAME exist from 3.27.0 (kc_vgfacts): memcheck
 * 1 and "memcheck" (length 9, truncated to "memc" in 5 bytes); before, both
 * return 0 and leave the buffer alone.
 */
KC_CASE(replaces_malloc__version_probe, "REPLACES_MALLOC/GET_TOOLNAME answer by Valgrind "
    "version (3.27.0)")
{
	static const char *const sc[] = { "probe", NULL };
	struct vg_pair p;
	bool has;

	vg_run_shared(tc, SUBJ, SRC, NULL, all, sc, 0, &p);
	has = p.facts.replaces_malloc;
	KC_CHECK_EQ(has ? 1 : 0, vg_value(&p.r[0], "probe", "replaces_malloc"));
	KC_CHECK_EQ(has ? 9 : 0, vg_value(&p.r[0], "probe", "toolname_len"));
	KC_CHECK_EQ(has ? 9 : 0, vg_value(&p.r[0], "probe", "toolname5_ret"));
	KC_CHECK_STREQ(has ? "memc" : "untouched",
	    vg_string(&p.r[0], "probe", "toolname5"));
	vg_pair_free(&p);
}

/*
 * PRINTF goes to the XML as an escaped <clientmsg> and returns the length;
 * PRINTF_BACKTRACE adds a stack through the calling function.
 */
KC_CASE(printf__clientmsg_and_backtrace, "PRINTF: <clientmsg> text and length; "
    "PRINTF_BACKTRACE: a stack through the caller")
{
	static const char *const sc[] = { "printf", NULL };
	const struct kc_vg_report *r;
	struct vg_pair p;
	int i, j, found = 0, bt = 0;

	vg_run_shared(tc, SUBJ, SRC, NULL, all, sc, 0, &p);
	r = VG_REPORT(&p);
	for (i = 0; i < r->nmsgs; i++) {
		const char *t = r->msgs[i].text;

		if (strncmp(t, "hello <> <&>%s world\n", 21) == 0)
			found++;
		if (strncmp(t, "kc-bt 42\n", 9) == 0)
			for (j = 0; j < r->msgs[i].stack.nframes; j++)
				if (r->msgs[i].stack.frames[j].fn != NULL &&
				    strcmp(r->msgs[i].stack.frames[j].fn, "sc_printf") == 0)
					bt++;
	}
	/* <clientmsg> "hello <> <&>%s world", once; a PRINTF_BACKTRACE stack
	 * through sc_printf, once. */
	KC_CHECK_EQ(1, found);
	KC_CHECK_EQ(1, bt);
	/* The count is Valgrind's (with --xml it includes its framing): at
	 * least the message's length, the same in both encodings. */
	KC_CHECK_GE(vg_value(&p.r[0], "printf", "ret"), 21);
	KC_CHECK_GE(vg_value(&p.r[0], "printf", "bt_ret"), 9);
	vg_pair_free(&p);
}

/*
 * MONITOR_COMMAND returns 0 for a known command and 1 for an unknown one;
 * CLO_CHANGE of a non-dynamic option says so in the text log.
 */
KC_CASE(monitor_command__known_unknown_clo_change, "MONITOR_COMMAND 0/1; CLO_CHANGE of "
    "--max-stackframe: \"Cannot change ... dynamically\"")
{
	static const char *const sc[] = { "monitor", "clo", NULL };
	struct vg_pair p;
	int e;

	vg_run_pair(tc, SUBJ, SRC, NULL, sc, 0, &p);
	KC_CHECK_EQ(0, vg_value(&p.r[0], "monitor", "known"));
	KC_CHECK_EQ(1, vg_value(&p.r[0], "monitor", "unknown"));
	for (e = 0; e < p.nenc; e++)
		KC_CHECK_EQ(1, kc_vgrun_count_text(&p.r[e],
		    "Cannot change --max-stackframe option dynamically"));
	vg_pair_free(&p);
}

/*
 * CLO_CHANGE of a dynamic option takes effect.  Text-only runs (in XML mode
 * memcheck lists leaks whatever --leak-check says, so XML cannot show the
 * change): with the default --leak-check=summary and -q, a leaked 24-byte
 * block is not listed (the control); after CLO_CHANGE("--leak-check=full")
 * it is, and the leak makes Valgrind exit with the error code.  Valgrind
 * says "Handling new value --leak-check=full for option --leak-check=full"
 * only when not -q, and never "Cannot change".
 */
/* Deadline: 6 Valgrind launches of its own (module.mk). */
KC_CASE_MD(clo_change__dynamic_option_applied, "CLO_CHANGE(\"--leak-check=full\") applies at "
    "run time and is announced unless -q", .deadline_s = 40)
{
	static const char *const dyn[] = { "clo_dynamic", NULL };
	static const char *const none[] = { "leak_no_clo", NULL };
	static const char handled[] =
	    "Handling new value --leak-check=full for option --leak-check=full";
	static const char lost[] =
	    "24 bytes in 1 blocks are definitely lost in loss record";
	struct kc_vgrun_opts o = { .no_xml = true };
	struct vg_pair p;
	int e, q;

	/* The control: no CLO_CHANGE, no loss record under -q. */
	vg_run_pair(tc, SUBJ, SRC, &o, none, 0, &p);
	for (e = 0; e < p.nenc; e++)
		ATF_CHECK_EQ_MSG(0, kc_vgrun_count_text(&p.r[e], lost),
		    "control listed the leak; text log: %.600s", p.r[e].text);
	vg_pair_free(&p);

	for (q = 0; q < 2; q++) {
		o.verbose = q == 0;
		vg_run_pair(tc, SUBJ, SRC, &o, dyn, KC_VGRUN_ERREXIT, &p);
		for (e = 0; e < p.nenc; e++) {
			ATF_CHECK_EQ_MSG(1, kc_vgrun_count_text(&p.r[e], lost),
			    "%s, %s encoding: leak not listed; text log: %.600s",
			    q ? "-q" : "verbose", e ? "raw" : "macro",
			    p.r[e].text);
			ATF_CHECK_EQ_MSG(q ? 0 : 1,
			    kc_vgrun_count_text(&p.r[e], handled),
			    "%s, %s encoding: text log: %.600s",
			    q ? "-q" : "verbose", e ? "raw" : "macro",
			    p.r[e].text);
			KC_CHECK_EQ(0, kc_vgrun_count_text(&p.r[e],
			    "Cannot change"));
		}
		vg_pair_free(&p);
	}
}

/*
 * Code patched in place runs after DISCARD_TRANSLATIONS (run with
 * --smc-check=none, so only the request can make Valgrind notice).
 */
KC_CASE(discard_translations__patched_code_runs, "DISCARD_TRANSLATIONS: patched code runs "
    "after the discard")
{
	static const char *const sc[] = { "discard", NULL };
	static const struct kc_vgrun_opts o = CORE_OPTS;
	struct vg_pair p;

#ifdef KC_ARCH_DCACHE_LINE
	/* The environment's CPU, not the value under test (kc_arch.h). */
	if (KC_ARCH_DCACHE_LINE() != 64 && KC_ARCH_DCACHE_LINE() != 128)
		kc_known_expect_fail("vg_arm64_flush_dcache_line", kc_vgrun_require(tc));
#endif
	vg_run_pair(tc, SUBJ, SRC, &o, sc, 0, &p);
	vg_skip_absent(&p.r[0], "discard");
	KC_CHECK_EQ(1, vg_value(&p.r[0], "discard", "before"));
	KC_CHECK_EQ(2, vg_value(&p.r[0], "discard", "after"));
	vg_pair_free(&p);
}

/*
 * MAP_IP_TO_SRCLOC gives "file:line" of a subject function; NON_SIMD_CALL1
 * runs a function on the real CPU with the thread id first.
 */
KC_CASE(map_ip_non_simd__srcloc_and_call, "MAP_IP_TO_SRCLOC names the subject file; "
    "NON_SIMD_CALL1 returns fn(tid, 21) = 43")
{
	static const char *const sc[] = { "srcloc", "nonsimd", NULL };
	struct vg_pair p;

	vg_run_shared(tc, SUBJ, SRC, NULL, all, sc, 0, &p);
	KC_CHECK_EQ(0, vg_value(&p.r[0], "srcloc", "ret"));
	ATF_CHECK_MATCH("^vg_core_subject\\.c:[0-9]+$",
	    vg_string(&p.r[0], "srcloc", "loc"));
	KC_CHECK_EQ(43, vg_value(&p.r[0], "nonsimd", "ret"));
	vg_pair_free(&p);
}

/*
 * DISABLE_ERROR_REPORTING suppresses errors (COUNT_ERRORS unchanged) until
 * ENABLE_ERROR_REPORTING.
 */
KC_CASE(error_reporting__disable_enable, "DISABLE/ENABLE_ERROR_REPORTING; COUNT_ERRORS 0 "
    "while disabled, 1 after")
{
	static const char *const sc[] = { "err_disable", NULL };
	const struct kc_vg_error *e;
	struct vg_pair p;

	vg_run_shared(tc, SUBJ, SRC, NULL, all, sc, KC_VGRUN_ERREXIT, &p);
	KC_CHECK_EQ(0, vg_value(&p.r[0], "err_disable", "errors_disabled"));
	KC_CHECK_EQ(1, vg_value(&p.r[0], "err_disable", "errors_enabled"));
	e = vg_require(VG_REPORT(&p), "err_disable", "UninitCondition", NULL);
	vg_require_frame(e, 0, SRC, "sc_err_disable");
	KC_CHECK_EQ(1, vg_count(VG_REPORT(&p), "err_disable", NULL, NULL));
	vg_pair_free(&p);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, running_on_valgrind__native_memcheck_none);
	ATF_TP_ADD_TC(tp, expr_requests__native_default);
	ATF_TP_ADD_TC(tp, replaces_malloc__version_probe);

	ATF_TP_ADD_TC(tp, printf__clientmsg_and_backtrace);
	ATF_TP_ADD_TC(tp, monitor_command__known_unknown_clo_change);
	ATF_TP_ADD_TC(tp, clo_change__dynamic_option_applied);
	ATF_TP_ADD_TC(tp, discard_translations__patched_code_runs);
	ATF_TP_ADD_TC(tp, map_ip_non_simd__srcloc_and_call);
	ATF_TP_ADD_TC(tp, error_reporting__disable_enable);

	return (atf_no_error());
}
