/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The suite's shell scripts are shellcheck-clean (STYLE: scripts are POSIX sh
 * and shellcheck-clean): every file of the source tree whose first line is a
 * /bin/sh shebang, outside build trees, results and .git, gives shellcheck
 * nothing to say, at any severity.  And the check can fail: a script with an
 * unquoted expansion is flagged.
 */
#include <sys/wait.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_case.h"

/* Output of shell command cmd (malloc'd) and its wait status in *status. */
static char *
sl_output(const char *cmd, int *status)
{
	size_t len = 0, cap = 4096, n;
	char *buf = malloc(cap);
	FILE *p;

	KC_REQUIRE_NE(NULL, buf);
	p = popen(cmd, "r");
	ATF_REQUIRE_MSG(p != NULL, "popen(%s): %s", cmd, strerror(errno));
	while ((n = fread(buf + len, 1, cap - len - 1, p)) > 0) {
		len += n;
		if (cap - len < 2) {
			cap *= 2;
			buf = realloc(buf, cap);
			KC_REQUIRE_NE(NULL, buf);
		}
	}
	buf[len] = '\0';
	*status = pclose(p);
	return (buf);
}

/* shellcheck is a dependency (lib/tools/deps.sh): its absence is broken
 * setup, not an absent feature. */
static void
sl_require_shellcheck(void)
{
	int st;
	char *out = sl_output("command -v shellcheck", &st);

	ATF_REQUIRE_MSG(st == 0, "shellcheck not on PATH (make deps installs it): "
	    "expected a path, saw '%s'", out);
	free(out);
}

/* Every shell script of the source tree is shellcheck-clean. */
KC_CASE_MD(shlint__scripts_clean, "every /bin/sh script of the source tree passes "
    "shellcheck with no finding at any severity", .config = "source_root", .deadline_s = 90)
{
	const char *src = atf_tc_get_config_var(tc, "source_root");
	char cmd[8192];
	char *list, *out;
	int st, scripts = 0;

	sl_require_shellcheck();
	/* The scripts: a #!/bin/sh first line, outside .git, build trees and
	 * results (what a run writes). */
	snprintf(cmd, sizeof(cmd), "cd '%s' && find . \\( -name .git -o -name build -o "
	    "-name 'build-*' -o -path ./results \\) -prune -o -type f -print | sort | "
	    "while read -r f; do IFS= read -r l < \"$f\" 2>/dev/null; case $l in "
	    "'#!/bin/sh'*) echo \"$f\" ;; esac; done", src);
	list = sl_output(cmd, &st);
	KC_REQUIRE_EQ(0, st);
	for (char *p = list; (p = strchr(p, '\n')) != NULL; p++)
		scripts++;
	/* The tree has dozens (lib/tools, matrix, .ci/run, lava): finding none
	 * would mean the walk is wrong, not that all is clean. */
	KC_CHECK_GT(scripts, 10);
	for (char *p = list; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	snprintf(cmd, sizeof(cmd), "cd '%s' && shellcheck -f gcc %s 2>&1", src, list);
	ATF_REQUIRE_MSG(strlen(cmd) < sizeof(cmd) - 1, "%d scripts: command line too long",
	    scripts);
	out = sl_output(cmd, &st);
	ATF_CHECK_MSG(st == 0 && out[0] == '\0', "shellcheck on %d scripts: expected no "
	    "finding (exit 0), saw exit %d: %s", scripts, WEXITSTATUS(st), out);
	free(out);
	free(list);
}

/* The check can fail: an unquoted expansion is a finding. */
KC_CASE(shlint__detects_unquoted, "shellcheck, as the lint runs it, flags an unquoted "
    "expansion (SC2086) and exits non-zero")
{
	FILE *f;
	char *out;
	int st;

	sl_require_shellcheck();
	f = fopen("bad.sh", "w");
	ATF_REQUIRE_MSG(f != NULL, "bad.sh: %s", strerror(errno));
	fputs("#!/bin/sh\nset -u\nx=${1:-a b}\nprintf '%s\\n' $x\n", f);
	ATF_REQUIRE_MSG(fclose(f) == 0, "bad.sh: %s", strerror(errno));
	out = sl_output("shellcheck -f gcc bad.sh 2>&1", &st);
	ATF_CHECK_MSG(st != 0 && strstr(out, "bad.sh:4:") != NULL && strstr(out, "SC2086") != NULL,
	    "expected a non-zero exit and an SC2086 finding at bad.sh:4, saw exit %d: %s",
	    WEXITSTATUS(st), out);
	free(out);
	ATF_REQUIRE_MSG(unlink("bad.sh") == 0, "unlink bad.sh: %s", strerror(errno));
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, shlint__scripts_clean);
	ATF_TP_ADD_TC(tp, shlint__detects_unquoted);

	return (atf_no_error());
}
