/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The suite's own conventions, checked on the built tree: every ATF program
 * (<subject>_test) is registered in its directory's Kyuafile with a timeout,
 * and every case is named subject__scenario in [a-z0-9_] and has a descr.
 * kyua silently ignores a program its Kyuafile does not list, and LAVA and
 * KernelCI mangle other characters in case names.  And in the sources of
 * cases/: no bare ATF_CHECK/ATF_REQUIRE/_EQ/_STREQ (they print the source
 * text, not the values: lib/kc_assert.h does), and every case declared with
 * the case macro (lib/kc_case.h), or registered at run time through its
 * kc_case_add (cases/parity), never with a bare atf_tc_init, and every
 * expect-fail window opened and closed through lib/kc_expect.h (a lane's
 * watchdog must see it), never with atf_tc_expect_fail/_pass.  And no case's
 * timeout (the case macro's deadline + margin) exceeds its program's
 * Kyuafile timeout, which the runners that run one case at a time (faults,
 * parity, kc-run) give every case of the program: a case would be killed
 * before its watchdog reports.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_case.h"
#include "kc_file.h"
#include "kc_macros.h"

/* Does the Kyuafile text list program `name`, and with a timeout (into
 * *timeout, else 0)?  (The generated Kyuafiles quote every value:
 * timeout="60".) */
static int
kc_listed(const char *kyuafile, const char *name, int *timeout)
{
	char pat[512];
	const char *p;

	snprintf(pat, sizeof(pat), "name=\"%s\"", name);
	p = strstr(kyuafile, pat);
	if (p == NULL)
		return (0);
	{
		const char *end = strchr(p, '}');
		const char *t = strstr(p, "timeout=");

		*timeout = t != NULL && end != NULL && t < end ?
		    atoi(t + strlen("timeout=") + (t[8] == '"')) : 0;
	}
	return (1);
}

static int
kc_good_name(const char *s)
{
	const char *sep = strstr(s, "__");
	const char *p;

	if (sep == NULL || sep == s || sep[2] == '\0')
		return (0);
	for (p = s; *p; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return (0);
	}
	return (1);
}

/* Check one program's case list: names, descrs, and each case's timeout
 * against the program's (0: not checked).  Returns the case count. */
static int
kc_check_cases(const char *prog, int prog_timeout)
{
	char cmd[8500], line[1024], ident[1024] = "";
	int n = 0, has_descr = 1;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "'%s' -l 2>/dev/null", prog);
	p = popen(cmd, "r");
	ATF_REQUIRE_MSG(p != NULL, "popen %s: %s", prog, strerror(errno));
	while (fgets(line, sizeof(line), p) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "ident: ", 7) == 0) {
			if (n > 0)
				ATF_CHECK_MSG(has_descr, "%s:%s has no descr", prog, ident);
			snprintf(ident, sizeof(ident), "%s", line + 7);
			ATF_CHECK_MSG(kc_good_name(ident),
			    "%s:%s is not subject__scenario in [a-z0-9_]", prog, ident);
			has_descr = 0;
			n++;
		} else if (strncmp(line, "descr: ", 7) == 0 && line[7] != '\0') {
			has_descr = 1;
		} else if (strncmp(line, "timeout: ", 9) == 0 && prog_timeout > 0) {
			int t = atoi(line + 9);

			ATF_CHECK_MSG(t <= prog_timeout, "%s:%s: case timeout %d s exceeds the "
			    "program's Kyuafile timeout %d s (its TEST_METADATA): a runner "
			    "giving the program's timeout kills it before its watchdog reports",
			    prog, ident, t, prog_timeout);
		}
	}
	if (n > 0)
		ATF_CHECK_MSG(has_descr, "%s:%s has no descr", prog, ident);
	ATF_CHECK_MSG(pclose(p) == 0, "%s -l failed", prog);
	ATF_CHECK_MSG(n > 0, "%s lists no case", prog);
	return (n);
}

/* Walk <build>/<top>/<dir>/ for every source directory <src>/<top>/<dir>/ with a Kyuafile in the build. */
static void
kc_lint_tree(const atf_tc_t *tc, const char *top)
{
	const char *src = atf_tc_get_config_var(tc, "source_root");
	char srcdir[2048], build[2048];
	struct dirent *de;
	DIR *d;
	int programs = 0;

	snprintf(srcdir, sizeof(srcdir), "%s/%s", src, top);
	snprintf(build, sizeof(build), "%s/../../%s", atf_tc_get_config_var(tc, "srcdir"), top);
	d = opendir(srcdir);
	ATF_REQUIRE_MSG(d != NULL, "%s: %s", srcdir, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		char kpath[4200], bdir[4200], *kyua;
		struct dirent *be;
		DIR *bd;

		if (de->d_name[0] == '.')
			continue;
		/* The Kyuafile generated next to the binaries (mk/registry.mk). */
		snprintf(kpath, sizeof(kpath), "%s/%s/Kyuafile", build, de->d_name);
		kyua = kc_file_slurp(kpath);
		if (kyua == NULL)
			continue;
		snprintf(bdir, sizeof(bdir), "%s/%s", build, de->d_name);
		bd = opendir(bdir);
		ATF_REQUIRE_MSG(bd != NULL, "%s: %s (not built?)", bdir, strerror(errno));
		while ((be = readdir(bd)) != NULL) {
			size_t len = strlen(be->d_name);
			char prog[8400];
			struct stat st;
			int timeout = 0;

			if (len < 6 || strcmp(be->d_name + len - 5, "_test") != 0)
				continue;
			snprintf(prog, sizeof(prog), "%s/%s", bdir, be->d_name);
			if (stat(prog, &st) != 0 || !S_ISREG(st.st_mode) || !(st.st_mode & S_IXUSR))
				continue;
			ATF_CHECK_MSG(kc_listed(kyua, be->d_name, &timeout),
			    "%s/%s/%s is built but not in its Kyuafile: kyua never runs it",
			    top, de->d_name, be->d_name);
			ATF_CHECK_MSG(timeout, "%s/%s/Kyuafile: %s has no timeout", top, de->d_name,
			    be->d_name);
			kc_check_cases(prog, timeout);
			programs++;
		}
		closedir(bd);
		free(kyua);
	}
	closedir(d);
	ATF_CHECK_MSG(programs > 0, "no test program found under %s", build);
}

/* Bare ATF forms that print no value, and the hand-written case declarations. */
static const char *const kc_bare[] = {
	"ATF_CHECK(", "ATF_CHECK_EQ(", "ATF_CHECK_STREQ(", "ATF_REQUIRE(", "ATF_REQUIRE_EQ(",
	"ATF_REQUIRE_STREQ(",
};
/* atf_tc_init: a case registered at run time without the scaffolding (the
 * case macro's form for that is kc_case_add). */
static const char *const kc_handmade[] = {
	"ATF_TC(", "ATF_TC_WITH_CLEANUP(", "ATF_TC_WITHOUT_HEAD(", "ATF_TC_HEAD(", "ATF_TC_BODY(",
	"kc_hygiene_begin(", "kc_hygiene_end(",	/* the case macro owns hygiene */
	"atf_tc_init(",
};
/* ATF's expectation windows, which a lane's watchdog must see (lib/kc_expect.h). */
static const char *const kc_direct[] = {
	"atf_tc_expect_fail(", "atf_tc_expect_pass(",
};

/* Copy C source with comments and string/char literals blanked out. */
static void
kc_code_only(const char *src, char *out)
{
	enum { CODE, LINE, BLOCK, STR, CHR } st = CODE;
	const char *p;

	for (p = src; *p; p++, out++) {
		*out = *p;
		switch (st) {
		case CODE:
			if (p[0] == '/' && p[1] == '/')
				st = LINE;
			else if (p[0] == '/' && p[1] == '*')
				st = BLOCK;
			else if (*p == '"')
				st = STR;
			else if (*p == '\'')
				st = CHR;
			if (st != CODE)
				*out = ' ';
			break;
		case LINE:
			if (*p == '\n')
				st = CODE;
			else
				*out = ' ';
			break;
		case BLOCK:
			if (p[0] == '*' && p[1] == '/') {
				out[0] = ' ';
				out[1] = ' ';
				p++;
				out++;
				st = CODE;
			} else if (*p != '\n') {
				*out = ' ';
			}
			break;
		case STR:
		case CHR:
			if (*p == '\\' && p[1] != '\0') {
				out[0] = ' ';
				out[1] = ' ';
				p++;
				out++;
			} else {
				if (*p == (st == STR ? '"' : '\''))
					st = CODE;
				*out = ' ';
			}
			break;
		}
	}
	*out = '\0';
}

/* Is `word` at p a whole identifier occurrence (not ..._MSG( or KC_ATF_CHECK()? */
static int
kc_word_at(const char *code, const char *p)
{
	char c = p == code ? ' ' : p[-1];

	return (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	    c == '_'));
}

/*
 * Lint one source text: append one line per offence ("file:line: bare
 * ATF_CHECK(") to report.  Returns the number of offences.
 */
static int
kc_lint_source(const char *name, const char *src, char *report, size_t len)
{
	size_t n = strlen(src), i, k;
	char *code = malloc(n + 1);
	int bad = 0;

	ATF_REQUIRE_MSG(code != NULL, "malloc %zu", n + 1);
	kc_code_only(src, code);
	for (k = 0; k < sizeof(kc_bare) / sizeof(kc_bare[0]) +
	    sizeof(kc_handmade) / sizeof(kc_handmade[0]) +
	    sizeof(kc_direct) / sizeof(kc_direct[0]); k++) {
		size_t nb = sizeof(kc_bare) / sizeof(kc_bare[0]);
		size_t nh = nb + sizeof(kc_handmade) / sizeof(kc_handmade[0]);
		const char *w = k < nb ? kc_bare[k] : k < nh ? kc_handmade[k - nb] :
		    kc_direct[k - nh];
		const char *what = k < nb ? "bare" : k < nh ?
		    "hand-written scaffolding (use KC_CASE):" :
		    "ATF expectation outside lib/kc_expect.h:";
		const char *p;

		for (p = strstr(code, w); p != NULL; p = strstr(p + 1, w)) {
			int line = 1;
			size_t used = strlen(report);

			if (!kc_word_at(code, p))
				continue;
			for (i = 0; i < (size_t)(p - code); i++)
				line += code[i] == '\n';
			snprintf(report + used, len - used, "%s:%d: %s %.*s\n", name, line, what,
			    (int)strlen(w) - 1, w);
			bad++;
		}
	}
	free(code);
	return (bad);
}

/* Walk <src>/<dir> recursively for *.c: lint each; returns the files seen. */
static int
kc_lint_sources(const char *src, const char *dir, char *report, size_t len)
{
	char path[4096];
	struct dirent *de;
	int files = 0;
	DIR *d;

	snprintf(path, sizeof(path), "%s/%s", src, dir);
	d = opendir(path);
	ATF_REQUIRE_MSG(d != NULL, "%s: %s", path, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		char rel[4096], full[8200], one[16384];
		size_t l = strlen(de->d_name);
		struct stat st;
		char *text;
		size_t used;

		if (de->d_name[0] == '.')
			continue;
		snprintf(rel, sizeof(rel), "%s/%s", dir, de->d_name);
		snprintf(full, sizeof(full), "%s/%s", src, rel);
		if (stat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
			files += kc_lint_sources(src, rel, report, len);
			continue;
		}
		if (l < 3 || strcmp(de->d_name + l - 2, ".c") != 0)
			continue;
		text = kc_file_slurp(full);
		ATF_REQUIRE_MSG(text != NULL, "%s: %s", full, strerror(errno));
		one[0] = '\0';
		(void)kc_lint_source(rel, text, one, sizeof(one));
		free(text);
		used = strlen(report);
		snprintf(report + used, len - used, "%s", one);
		files++;
	}
	closedir(d);
	return (files);
}

/* A known-bad source is refused, a converted one accepted (the rule can fail). */
KC_CASE(lint__assert_rule_detects, "the bare-assert and case-macro rule flags every "
    "offending form and passes converted code, comments and strings")
{
	static const char bad[] =
	    "ATF_TC(x__y);\nATF_TC_HEAD(x__y, tc)\n{\n}\nATF_TC_BODY(x__y, tc)\n{\n"
	    "\tATF_CHECK(a);\n\tATF_CHECK_EQ(1, a);\n\tATF_REQUIRE(b);\n"
	    "\tATF_REQUIRE_EQ(2, b);\n\tATF_CHECK_STREQ(\"s\", c);\n"
	    "\tATF_REQUIRE_STREQ(\"s\", c);\n\tkc_hygiene_end(&h);\n}\n"
	    "\terr = atf_tc_init(&tcs[i], name, head, body, NULL, config);\n"
	    "\tatf_tc_expect_fail(\"x\");\n\tatf_tc_expect_pass();\n";
	static const char good[] =
	    "/* ATF_CHECK(a) in a comment */\nKC_CASE(x__y, \"ATF_REQUIRE(b) in a string\")\n"
	    "{\n\tKC_CHECK_EQ(1, a);\n\tATF_CHECK_MSG(a, \"%d\", a);\n"
	    "\tATF_REQUIRE_EQ_MSG(1, a, \"x\");\n\tchar q = '\"';\n}\n// ATF_TC(z)\n"
	    "\terr = kc_case_add(tp, &tcs[i], name, &mds[i], body, NULL, config);\n"
	    "\tkc_expect_fail(\"x\");\n\tkc_expect_pass();\n";
	char report[4096] = "";

	KC_CHECK_EQ(13, kc_lint_source("bad.c", bad, report, sizeof(report)));
	ATF_CHECK_MSG(strstr(report, "bad.c:7: bare ATF_CHECK\n") != NULL, "report: %s", report);
	ATF_CHECK_MSG(strstr(report, "bad.c:1: hand-written scaffolding (use KC_CASE): ATF_TC\n") != NULL,
	    "report: %s", report);
	ATF_CHECK_MSG(strstr(report, "bad.c:15: hand-written scaffolding (use KC_CASE): atf_tc_init\n") !=
	    NULL, "report: %s", report);
	ATF_CHECK_MSG(strstr(report, "bad.c:16: ATF expectation outside lib/kc_expect.h: "
	    "atf_tc_expect_fail\n") != NULL, "report: %s", report);
	report[0] = '\0';
	KC_CHECK_EQ(0, kc_lint_source("good.c", good, report, sizeof(report)));
	KC_CHECK_STREQ("", report);
}

/* cases/ sources: value-printing asserts and the case macro, in every file. */
KC_CASE_MD(lint__cases_asserts, "cases/**/*.c: no bare ATF_CHECK/ATF_REQUIRE/_EQ/_STREQ, "
    "every case declared with KC_CASE or registered with kc_case_add, expectations through "
    "kc_expect", .config = "source_root")
{
	const char *src = atf_tc_get_config_var(tc, "source_root");
	static char report[1 << 16];
	int files;

	report[0] = '\0';
	files = kc_lint_sources(src, "cases", report, sizeof(report));
	ATF_CHECK_MSG(report[0] == '\0', "\n%s", report);
	KC_CHECK_GT(files, 0);
}

/* Every conformance program is registered, timed, and its cases well named. */
ATF_TC(lint__cases_conventions);
ATF_TC_HEAD(lint__cases_conventions, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "cases/*: programs listed with a timeout; cases subject__scenario [a-z0-9_] with descr");
	atf_tc_set_md_var(tc, "require.config", "source_root");
}
ATF_TC_BODY(lint__cases_conventions, tc)
{
	kc_lint_tree(tc, "cases");
}

/* The same for the suite's own tests. */
ATF_TC(lint__selftest_conventions);
ATF_TC_HEAD(lint__selftest_conventions, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "selftest/*: programs listed with a timeout; cases subject__scenario with descr");
	atf_tc_set_md_var(tc, "require.config", "source_root");
}
ATF_TC_BODY(lint__selftest_conventions, tc)
{
	kc_lint_tree(tc, "selftest");
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, lint__cases_conventions);
	ATF_TP_ADD_TC(tp, lint__selftest_conventions);
	ATF_TP_ADD_TC(tp, lint__assert_rule_detects);
	ATF_TP_ADD_TC(tp, lint__cases_asserts);

	return (atf_no_error());
}
