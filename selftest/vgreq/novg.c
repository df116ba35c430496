/* SPDX-License-Identifier: BSD-2-Clause */
/* Run a case with Valgrind hidden from PATH (see novg.h). */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_atfrun.h"
#include "kc_macros.h"
#include "kc_registry.h"
#include "novg.h"

/* A fake valgrind: executable, exits 0, prints no "valgrind-X.Y.Z". */
static const char novg_fake[] = "#!/bin/sh\necho not-a-valgrind\n";

void
novg_run(const atf_tc_t *tc, const char *rel, const char *tcname,
    enum novg_path what, const char *const vars[], struct kc_atf_result *res)
{
	char dir[64], fake[96], prog[PATH_MAX], *saved = NULL;
	const char *old;
	struct kc_atf_opts o;
	int fd, rc, err;

	kc_build_path(atf_tc_get_config_var(tc, "srcdir"), rel, prog,
	    sizeof(prog));
	ATF_REQUIRE_MSG(access(prog, X_OK) == 0, "%s: %s", prog, strerror(errno));
	snprintf(dir, sizeof(dir), "novg.XXXXXX");	/* in the work directory */
	ATF_REQUIRE_MSG(mkdtemp(dir) != NULL, "mkdtemp: %s", strerror(errno));
	snprintf(fake, sizeof(fake), "%s/valgrind", dir);
	if (what == NOVG_PATH_FAKE) {
		fd = open(fake, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0755);
		ATF_REQUIRE_MSG(fd >= 0, "open %s: %s", fake, strerror(errno));
		ATF_REQUIRE(write(fd, novg_fake, sizeof(novg_fake) - 1) ==
		    (ssize_t)(sizeof(novg_fake) - 1));
		RL(close(fd));
	}
	/* PATH must be absolute: the case runs in a work directory of its own. */
	ATF_REQUIRE(realpath(dir, prog) != NULL);
	if ((old = getenv("PATH")) != NULL) {
		saved = strdup(old);
		ATF_REQUIRE(saved != NULL);
	}
	RL(setenv("PATH", prog, 1));

	kc_build_path(atf_tc_get_config_var(tc, "srcdir"), rel, prog,
	    sizeof(prog));
	memset(&o, 0, sizeof(o));
	o.vars = vars;
	o.timeout_ms = 120000;
	rc = kc_atf_run(prog, tcname, &o, res);
	err = errno;

	if (saved != NULL) {
		RL(setenv("PATH", saved, 1));
		free(saved);
	} else {
		RL(unsetenv("PATH"));
	}
	if (what == NOVG_PATH_FAKE)
		RL(unlink(fake));
	RL(rmdir(dir));
	ATF_REQUIRE_MSG(rc == 0, "running %s:%s: %s", rel, tcname,
	    strerror(err));
}

void
novg_require_skip(const char *tcname, const struct kc_atf_result *res)
{
	ATF_CHECK_MSG(res->verdict == KC_V_SKIPPED &&
	    strcmp(res->reason, "valgrind not found on PATH") == 0,
	    "%s: expected skipped: valgrind not found on PATH; got %s: %s",
	    tcname, kc_verdict_name(res->verdict), res->reason);
}

void
novg_require_fail(const char *tcname, const struct kc_atf_result *res,
    const char *needle)
{
	ATF_CHECK_MSG(res->verdict == KC_V_BROKEN ||
	    (res->verdict == KC_V_FAILED && strstr(res->reason, needle) != NULL),
	    "%s: expected failed (\"%s\") or broken; got %s: %s", tcname,
	    needle, kc_verdict_name(res->verdict), res->reason);
}

size_t
novg_cases(const atf_tc_t *tc, const char *prefix, struct novg_case *c, size_t max)
{
	static struct kc_program p[64];
	static char names[128][128];
	char root[PATH_MAX], prog[PATH_MAX + 300];
	int np, nc, i;
	size_t n = 0;

	kc_build_path(atf_tc_get_config_var(tc, "srcdir"), "", root, sizeof(root));
	np = kc_registry_load(root, prefix, p, 64);
	ATF_REQUIRE_MSG(np > 0, "%s/kc-programs.txt: %s", root,
	    np < 0 ? strerror(errno) : "no program registered there");
	for (i = 0; i < np && n < max; i++) {
		ATF_REQUIRE((size_t)snprintf(prog, sizeof(prog), "%s/%s", root, p[i].path) <
		    sizeof(prog));
		nc = kc_program_cases(prog, names, 128);
		ATF_REQUIRE_MSG(nc > 0, "%s -l: %s", prog, nc < 0 ? strerror(errno) : "no case");
		memcpy(c[n].rel, p[i].path, strlen(p[i].path) + 1);
		memcpy(c[n].name, names[0], strlen(names[0]) + 1);
		n++;
	}
	return (n);
}
