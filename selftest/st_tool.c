/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared helpers of the tool selftests: see st_tool.h. */
#include <sys/wait.h>

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "st_tool.h"

int
st_sh(const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;
	int n, st;

	va_start(ap, fmt);
	n = vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	ATF_REQUIRE_MSG(n >= 0 && (size_t)n < sizeof(cmd),
	    "command line longer than %zu bytes: %.80s...", sizeof(cmd) - 1, cmd);
	st = system(cmd);
	ATF_REQUIRE_MSG(st != -1, "system(%s): %s", cmd, strerror(errno));
	return (WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
}

const char *
st_root(const atf_tc_t *tc)
{
	ATF_REQUIRE_MSG(atf_tc_has_config_var(tc, "source_root"),
	    "config variable source_root not set (run through make selftest)");
	return (atf_tc_get_config_var(tc, "source_root"));
}

const char *
st_build(const atf_tc_t *tc)
{
	static char buf[PATH_MAX];
	char *slash;
	int i;

	ATF_REQUIRE_MSG(realpath(atf_tc_get_config_var(tc, "srcdir"), buf) != NULL,
	    "realpath(srcdir %s): %s", atf_tc_get_config_var(tc, "srcdir"), strerror(errno));
	for (i = 0; i < 2; i++) {
		slash = strrchr(buf, '/');
		ATF_REQUIRE_MSG(slash != NULL && slash != buf,
		    "srcdir %s is not <build>/selftest/<dir>", atf_tc_get_config_var(tc, "srcdir"));
		*slash = '\0';
	}
	return (buf);
}

json_object *
st_jget(json_object *o, const char *k)
{
	json_object *v;

	return (o != NULL && json_object_object_get_ex(o, k, &v) ? v : NULL);
}

const char *
st_jstr(json_object *o, const char *k, const char *dflt)
{
	json_object *v = st_jget(o, k);

	return (v != NULL ? json_object_get_string(v) : dflt);
}
