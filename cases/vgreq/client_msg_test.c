/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What Valgrind prints outside the XML report, per version
 * (FACTS-valgrind.md §8, "Text-only messages" and "Logging pitfall"): each
 * case takes its expectation from the Valgrind-facts table (kc_vgfacts.c)
 * for the running version, never from what the run printed.
 *
 * Config variable (selftest knob, the fault table's):
 *   client_msg_fault   dwarf_gcc: the DWARF case runs the gcc-built twin;
 *                      rtmax_minus_1: sigaction(SIGRTMAX - 1) instead;
 *                      small_range: MAKE_MEM_NOACCESS over 128 MiB;
 *                      xml_pct_p_only: the fork case's first launch has %p
 *                      in --xml-file only.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_case.h"
#include "kc_file.h"
#include "kc_known.h"
#include "kc_macros.h"
#include "kc_pidfd.h"
#include "kc_vg.h"
#include "kc_vgfacts.h"
#include "kc_vgrun.h"
#include "vg_case.h"

#define SUBJ	"vg_msg_subject"
#define DWARF5	"vg_dwarf5_subject"	/* clang -gdwarf-5: DW_FORM_addrx */
#define DWARF5G	"vg_dwarf5gcc_subject"	/* gcc -gdwarf-5: DW_FORM_addr */
#define READELF	"/usr/bin/readelf"	/* binutils, with gcc */
#define DEADLINE_S	40

static bool
fault(const atf_tc_t *tc, const char *name)
{
	return (atf_tc_has_config_var(tc, "client_msg_fault") &&
	    strcmp(atf_tc_get_config_var(tc, "client_msg_fault"), name) == 0);
}

static void
facts(const atf_tc_t *tc, struct kc_vgfacts *f)
{
	kc_vgfacts_get(kc_vgrun_require(tc), f);
}

/* Run SUBJ <enc> <scenario> under Valgrind with o; require exit 0. */
static void
run_scenario(const atf_tc_t *tc, const struct kc_vgrun_opts *o, const char *enc,
    const char *sc, struct kc_vgrun_result *res)
{
	char *argv[] = { (char *)kc_vgrun_subject(tc, SUBJ), (char *)enc,
		(char *)sc, NULL };

	kc_vgrun(tc, o, argv, res);
	kc_vgrun_require_exit(res, 0);
}

/* Lines of the subject's DWARF abbreviations that name DW_FORM_addrx. */
static int
addrx_forms(const char *subject)
{
	char *argv[] = { READELF, "--debug-dump=abbrev", (char *)kc_vgrun_elf(subject), NULL };
	struct kc_vgrun_result res;
	int n;

	kc_vgrun_native(argv, &res);
	kc_vgrun_require_exit(&res, 0);
	n = 0;
	for (const char *p = res.out; (p = strstr(p, "DW_FORM_addrx")) != NULL; p++)
		if (p[13] == ' ' || p[13] == '\n')	/* not addrx1..4 */
			n++;
	kc_vgrun_free(&res);
	return (n);
}

/* Lines of Valgrind's log about DW_FORM_addrx (0x1b, 27). */
static int
addrx_messages(const struct kc_vgrun_result *res)
{
	return (kc_vgrun_count_text(res, "abbrev form code 0x1b") +
	    kc_vgrun_count_text(res, "(DW_FORM_addrx)"));
}

/*
 * Valgrind 3.19 cannot read DW_FORM_addrx (the form of DW_AT_low_pc in
 * clang's and Go's DWARF 5) and says so in its log ("### unhandled dwarf2
 * abbrev form code 0x1b", "get_Form_szB: unhandled 27 (DW_FORM_addrx)");
 * from 3.20.0 it reads it silently.  gcc's DWARF 5 (DW_FORM_addr) is read
 * silently by every version.  Both subjects must run to the end.
 */
KC_CASE_MD(client_msg__dwarf5_addrx_unreadable,
    "DWARF 5 DW_FORM_addrx: Valgrind's message by version (3.19 only), none "
    "for gcc's DWARF 5", .deadline_s = DEADLINE_S, .progs = READELF)
{
	struct kc_vgrun_opts o = { .inline_info = true };
	struct kc_vgrun_result res;
	struct kc_vgfacts f;
	const char *clang_subj, *gcc_subj;
	char *argv[2];
	int forms;

	facts(tc, &f);
	clang_subj = kc_vgrun_subject(tc, fault(tc, "dwarf_gcc") ? DWARF5G : DWARF5);
	clang_subj = strdup(clang_subj);
	gcc_subj = strdup(kc_vgrun_subject(tc, DWARF5G));
	KC_REQUIRE_NE(NULL, clang_subj);
	KC_REQUIRE_NE(NULL, gcc_subj);
	forms = addrx_forms(clang_subj);
	KC_REQUIRE_GT(forms, 0);	/* built by clang -gdwarf-5 (module.mk) */
	KC_CHECK_EQ(0, addrx_forms(gcc_subj));

	argv[0] = (char *)clang_subj;
	argv[1] = NULL;
	kc_vgrun(tc, &o, argv, &res);
	kc_vgrun_require_exit(&res, 0);
	KC_CHECK_STREQ("ok 6\n", res.out);
	KC_CHECK_EQ_WHY(KC_VGFACT_SRC(dwarf5_addrx_read), !f.dwarf5_addrx_read,
	    addrx_messages(&res) > 0);
	kc_vgrun_free(&res);

	argv[0] = (char *)gcc_subj;
	kc_vgrun(tc, &o, argv, &res);
	kc_vgrun_require_exit(&res, 0);
	KC_CHECK_STREQ("ok 6\n", res.out);
	KC_CHECK_EQ(0, addrx_messages(&res));
	kc_vgrun_free(&res);
	free((void *)clang_subj);
	free((void *)gcc_subj);
}

/*
 * Valgrind reserves the kernel's highest signal (its VG_SIGVGKILL: 64 on
 * x86_64 and aarch64, glibc's SIGRTMAX; 128 on mips, KC_ARCH_NSIG, which
 * the subject sets through rt_sigaction(2)): the client's sigaction on it
 * fails with EINVAL and the log says "ignored attempt to set SIGRT32
 * handler", in every version; Valgrind's name for the signal is its own
 * (m_signals.c VG_(signame); measured with 3.19.0: SIGRT96 on mipsel,
 * SIG128 on mips64el).  Natively it succeeds.
 */
KC_CASE_MD(client_msg__sigaction_64_refused,
    "sigaction(SIGRTMAX): 0 natively, EINVAL and a warning under Valgrind",
    .deadline_s = DEADLINE_S)
{
	const char *sc = fault(tc, "rtmax_minus_1") ? "sigaction_rtmax_minus_1" :
	    "sigaction_rtmax";
	struct kc_vgrun_opts o = { .no_xml = true, .verbose = true };
	char *argv[] = { NULL, "macro", (char *)sc, NULL };
	struct kc_vgrun_result res;
	struct kc_vgfacts f;
	const char *why;

	facts(tc, &f);
	why = KC_VGFACT_SRC(sigrtmax_reserved);
	argv[0] = (char *)kc_vgrun_subject(tc, SUBJ);
	kc_vgrun_native(argv, &res);
	kc_vgrun_require_exit(&res, 0);
	KC_CHECK_EQ(0, vg_value(&res, sc, "failed"));
	kc_vgrun_free(&res);

	run_scenario(tc, &o, "macro", sc, &res);
	KC_CHECK_EQ_WHY(why, f.sigrtmax_reserved ? 1ul : 0ul, vg_value(&res, sc, "failed"));
	KC_CHECK_EQ_WHY(why, f.sigrtmax_reserved ? (unsigned long)EINVAL : 0ul,
	    vg_value(&res, sc, "errno"));
	KC_CHECK_EQ_WHY(why, f.sigrtmax_reserved ? 1 : 0,
	    kc_vgrun_count_text(&res, "ignored attempt to set SIG"));
	KC_CHECK_EQ_WHY(why, f.sigrtmax_reserved ? 1 : 0,
	    kc_vgrun_count_text(&res, "signal is used internally by Valgrind"));
	kc_vgrun_free(&res);
}

/*
 * MAKE_MEM_NOACCESS over more than 256 MiB returns -1 and warns "set
 * address range perms: large range [start, end) (noaccess)" in the text log
 * only: at default verbosity up to 3.24, only with -v from 3.27
 * (kc_vgfacts), never with -q.  Both encodings.  Under qemu-user on a
 * 2 GiB guest Valgrind has no room for the 320 MiB mapping (the
 * qemu_stack_low_vg_client_space row).
 */
KC_CASE_MD(client_msg__large_range_warning,
    "MAKE_MEM_NOACCESS over 256 MiB: the \"large range\" warning by "
    "verbosity and version", .deadline_s = DEADLINE_S)
{
	static const char *const encs[] = { "macro", "raw" };
	const char *sc = fault(tc, "small_range") ? "large_range_small" : "large_range";
	struct kc_vgrun_result res;
	struct kc_vgfacts f;
	const char *why;
	char needle[128];
	int e, v, want;

	facts(tc, &f);
	kc_known_expect_fail("qemu_stack_low_vg_client_space", kc_qemu_user_version(tc));
	why = KC_VGFACT_SRC(large_range_verbose_only);
	for (e = 0; e < 2; e++) {
		if (e == 1 && !kc_vg_request_native)
			break;
		/* v: 0 -q, 1 default verbosity, 2 -v. */
		for (v = 0; v < 3; v++) {
			struct kc_vgrun_opts o = { .no_xml = true, .verbose = v > 0 };

			if (v == 2)
				o.opts[0] = "-v";
			run_scenario(tc, &o, encs[e], sc, &res);
			KC_CHECK_EQ(1, vg_value(&res, sc, "minus_one"));
			snprintf(needle, sizeof(needle), "large range %s (noaccess)",
			    vg_string(&res, sc, "range"));
			want = v == 2 || (v == 1 && !f.large_range_verbose_only);
			if (kc_vgrun_count_text(&res, needle) != want)
				atf_tc_fail_check(__FILE__, __LINE__, "%s encoding, %s: "
				    "'%s' %d times, expected %d (%s)", encs[e],
				    v == 0 ? "-q" : v == 1 ? "default verbosity" : "-v",
				    needle, kc_vgrun_count_text(&res, needle), want, why);
			kc_vgrun_free(&res);
		}
	}
}

/*
 * Names in the cwd (the ATF work directory) starting with prefix.
 * readdir64: a 32-bit readdir fails with EOVERFLOW on a 64-bit directory
 * offset (ext4's hash, under qemu-user on a 64-bit kernel: measured on
 * qemu-arm 11.1.3), and a failed read must not pass for the end.
 */
static int
list_files(const char *prefix, char names[][64], int max)
{
	DIR *d = opendir(".");
	struct dirent64 *de;
	int n = 0;

	ATF_REQUIRE_MSG(d != NULL, "opendir .: %s", strerror(errno));
	errno = 0;
	while ((de = readdir64(d)) != NULL)
		if (strncmp(de->d_name, prefix, strlen(prefix)) == 0 && n < max)
			snprintf(names[n++], 64, "%.63s", de->d_name);
	ATF_REQUIRE_MSG(errno == 0, "readdir .: %s", strerror(errno));
	ATF_REQUIRE_MSG(closedir(d) == 0, "closedir: %s", strerror(errno));
	return (n);
}

static int
count_str(const char *text, const char *needle)
{
	int n = 0;

	for (const char *p = text; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return (n);
}

static void
remove_files(char names[][64], int n)
{
	int i;

	for (i = 0; i < n; i++)
		RL(unlink(names[i]));
}

/*
 * With %p in both --log-file and --xml-file, a forked child's XML goes into
 * the parent's XML file (two documents in one file, no file for the child),
 * in every version (kc_vgfacts); with %p in --xml-file only, the child gets
 * its own file, holding its one error (the fix FACTS-valgrind.md §8 gives).
 */
KC_CASE_MD(client_msg__fork_xml_same_file,
    "%p in --log-file and --xml-file: the forked child's XML lands in the "
    "parent's file", .deadline_s = DEADLINE_S)
{
	struct kc_vgrun_opts both = { .no_xml = true, .verbose = false,
		.opts = { "--xml=yes", "--xml-file=kcfork.%p.xml",
		"--log-file=kcfork.%p.log", NULL } };
	struct kc_vgrun_opts xmlonly = { .no_xml = true, .verbose = false,
		.opts = { "--xml=yes", "--xml-file=kcfork2.%p.xml",
		"--log-file=kcfork2.log", NULL } };
	char names[8][64], want[64], err[256];
	struct kc_vgrun_result res;
	struct kc_vg_report rep;
	struct kc_vgfacts f;
	unsigned long child;
	const char *why;
	char *text;
	int n;

	facts(tc, &f);
	why = KC_VGFACT_SRC(fork_xml_in_parent_file);
	if (fault(tc, "xml_pct_p_only"))
		both.opts[2] = "--log-file=kcfork.log";

	/* %p in both. */
	run_scenario(tc, &both, "macro", "fork_child_error", &res);
	child = vg_value(&res, "fork_child_error", "child");
	/* The child's error made its Valgrind exit with the error code. */
	KC_CHECK_EQ((unsigned long)KC_VGRUN_ERREXIT,
	    vg_value(&res, "fork_child_error", "child_exit"));
	kc_vgrun_free(&res);
	n = list_files("kcfork.", names, 8);	/* .log and .xml alike */
	snprintf(want, sizeof(want), "kcfork.%lu.xml", child);
	{
		int i, xml = 0, childfile = 0, docs = 0;

		for (i = 0; i < n; i++) {
			if (strstr(names[i], ".xml") == NULL)
				continue;
			xml++;
			if (strcmp(names[i], want) == 0)
				childfile = 1;
			else {
				text = kc_file_slurp(names[i]);
				docs = count_str(text, "<valgrindoutput>");
				free(text);
			}
		}
		KC_CHECK_EQ_WHY(why, f.fork_xml_in_parent_file ? 1 : 2, xml);
		KC_CHECK_EQ_WHY(why, f.fork_xml_in_parent_file ? 0 : 1, childfile);
		KC_CHECK_EQ_WHY(why, f.fork_xml_in_parent_file ? 2 : 1, docs);
	}
	remove_files(names, n);

	/* %p in --xml-file only: the child's own file, with its error. */
	run_scenario(tc, &xmlonly, "macro", "fork_child_error", &res);
	child = vg_value(&res, "fork_child_error", "child");
	kc_vgrun_free(&res);
	n = list_files("kcfork2.", names, 8);
	KC_CHECK_EQ(3, n);	/* the log, the parent's XML, the child's XML */
	snprintf(want, sizeof(want), "kcfork2.%lu.xml", child);
	if (access(want, F_OK) == 0) {
		ATF_REQUIRE_MSG(kc_vgxml_parse_file(want, &rep, err, sizeof(err)) == 0,
		    "%s: %s", want, err);
		KC_CHECK_EQ(1, kc_vg_count_kind(&rep, "UninitCondition"));
		kc_vgxml_free(&rep);
	} else
		atf_tc_fail_check(__FILE__, __LINE__, "no %s: the child's XML file", want);
	remove_files(names, n);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, client_msg__dwarf5_addrx_unreadable);
	ATF_TP_ADD_TC(tp, client_msg__sigaction_64_refused);
	ATF_TP_ADD_TC(tp, client_msg__large_range_warning);
	ATF_TP_ADD_TC(tp, client_msg__fork_xml_same_file);

	return (atf_no_error());
}
