/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The suite's own conventions, checked on the built tree: every ATF program
 * (<subject>_test) is registered in its directory's Kyuafile with a timeout,
 * and every case is named subject__scenario in [a-z0-9_] and has a descr.
 * kyua silently ignores a program its Kyuafile does not list, and LAVA and
 * KernelCI mangle other characters in case names.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <atf-c.h>

#include "kc_file.h"
#include "kc_macros.h"

/* Does the Kyuafile text list program `name`, and with a timeout?  (The
 * generated Kyuafiles quote every value: timeout="60".) */
static int
kc_listed(const char *kyuafile, const char *name, int *has_timeout)
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

		*has_timeout = t != NULL && end != NULL && t < end;
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

/* Check one program's case list: names and descrs.  Returns the case count. */
static int
kc_check_cases(const char *prog)
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
			kc_check_cases(prog);
			programs++;
		}
		closedir(bd);
		free(kyua);
	}
	closedir(d);
	ATF_CHECK_MSG(programs > 0, "no test program found under %s", build);
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

	return (atf_no_error());
}
