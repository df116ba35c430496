/* SPDX-License-Identifier: BSD-2-Clause */
/* Run one ATF case directly and read its verdict (see kc_atfrun.h). */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kc_atfrun.h"
#include "kc_child.h"

#define KC_NOBODY	65534
#define KC_RESFD	3	/* the result file is this inherited pipe */

const char *
kc_verdict_name(enum kc_verdict v)
{
	static const char *const names[] = {
		"passed", "failed", "skipped", "expected_failure", "broken",
	};

	return ((unsigned)v < sizeof(names) / sizeof(names[0]) ? names[v] : "?");
}

const char *
kc_build_path(const char *srcdir, const char *rel, char *buf, size_t len)
{
	snprintf(buf, len, "%s/../../%s", srcdir, rel);
	return (buf);
}

static void
kc_parse_result(const char *text, struct kc_atf_result *res)
{
	static const struct { const char *word; enum kc_verdict v; } map[] = {
		{ "passed", KC_V_PASSED },
		{ "failed", KC_V_FAILED },
		{ "skipped", KC_V_SKIPPED },
		{ "expected_failure", KC_V_XFAIL },
		{ "broken", KC_V_BROKEN },
	};
	size_t i, n;
	const char *nl;

	res->verdict = KC_V_BROKEN;
	snprintf(res->reason, sizeof(res->reason), "no result: %.200s", text);
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		n = strlen(map[i].word);
		if (strncmp(text, map[i].word, n) != 0 ||
		    (text[n] != ':' && text[n] != '\n' && text[n] != '\0'))
			continue;
		res->verdict = map[i].v;
		text += n;
		if (*text == ':')
			text++;
		while (*text == ' ')
			text++;
		nl = strchr(text, '\n');
		n = nl != NULL ? (size_t)(nl - text) : strlen(text);
		if (n >= sizeof(res->reason))
			n = sizeof(res->reason) - 1;
		memcpy(res->reason, text, n);
		res->reason[n] = '\0';
		return;
	}
}

static void
kc_atf_child(const char *prog, const char *tcname, const struct kc_atf_opts *o,
    int resfd, const char *dir)
{
	const char *argv[64];
	int i = 0, j, null;

	if (dup2(resfd, KC_RESFD) == -1)
		_exit(120);
	null = open("/dev/null", O_RDWR);
	if (null == -1 || dup2(null, 0) == -1 || dup2(null, 1) == -1 || dup2(null, 2) == -1)
		_exit(121);
	if (dir != NULL && chdir(dir) == -1)
		_exit(122);
	if (o->as_nobody) {
		/* The result pipe is reopened through /dev/fd/3: let nobody. */
		if (fchown(KC_RESFD, KC_NOBODY, KC_NOBODY) == -1)
			_exit(123);
		if (setgroups(0, NULL) == -1 || setgid(KC_NOBODY) == -1 ||
		    setuid(KC_NOBODY) == -1)
			_exit(123);
	}
	if (o->profile != NULL && kc_sandbox_apply(o->profile) == -1)
		_exit(124);
	if (o->rules != NULL && kc_sandbox_apply_rules(o->rules, o->nrules) == -1)
		_exit(125);
	argv[i++] = prog;
	argv[i++] = "-r";
	argv[i++] = "/dev/fd/3";
	for (j = 0; o->vars != NULL && o->vars[j] != NULL && i < 60; j++) {
		argv[i++] = "-v";
		argv[i++] = o->vars[j];
	}
	argv[i++] = tcname;
	argv[i] = NULL;
	execv(prog, (char *const *)argv);
	_exit(126);
}

int
kc_atf_run(const char *prog, const char *tcname, const struct kc_atf_opts *o,
    struct kc_atf_result *res)
{
	static const struct kc_atf_opts none;
	char text[4096], dir[] = "/tmp/kc-atfrun.XXXXXX", buf[64];
	const char *wd = NULL;
	size_t got = 0;
	siginfo_t si;
	int p[2], saved;
	pid_t pid;

	if (o == NULL)
		o = &none;
	if (o->as_nobody) {
		/* The case's work directory must be writable by nobody. */
		if (mkdtemp(dir) == NULL || chown(dir, KC_NOBODY, KC_NOBODY) == -1)
			return (-1);
		wd = dir;
	}
	if (pipe2(p, O_CLOEXEC) == -1)
		goto fail;
	pid = fork();
	if (pid == -1) {
		saved = errno;
		close(p[0]);
		close(p[1]);
		errno = saved;
		goto fail;
	}
	if (pid == 0)
		kc_atf_child(prog, tcname, o, p[1], wd);
	close(p[1]);
	for (;;) {
		ssize_t r = read(p[0], text + got, sizeof(text) - 1 - got);

		if (r > 0 && got + (size_t)r < sizeof(text) - 1) {
			got += (size_t)r;
			continue;
		}
		if (r == -1 && errno == EINTR)
			continue;
		break;
	}
	text[got] = '\0';
	close(p[0]);
	if (kc_wait_timeout(pid, WEXITED, o->timeout_ms > 0 ? o->timeout_ms : 60000, &si) == -1) {
		res->verdict = KC_V_BROKEN;
		snprintf(res->reason, sizeof(res->reason), "%s:%s: %s", prog, tcname,
		    strerror(errno));
	} else if (si.si_code == CLD_EXITED && si.si_status >= 120 && si.si_status <= 126) {
		res->verdict = KC_V_BROKEN;
		snprintf(res->reason, sizeof(res->reason),
		    "setup of %s:%s failed in the child (exit %d: dup/chdir/setuid/seccomp/exec)",
		    prog, tcname, si.si_status);
	} else {
		kc_parse_result(text, res);
		if (res->verdict == KC_V_BROKEN && got == 0)
			snprintf(res->reason, sizeof(res->reason), "%s:%s: no result (%s)",
			    prog, tcname, kc_describe_status(&si, buf, sizeof(buf)));
	}
	if (wd != NULL)
		rmdir(wd);
	return (0);
fail:
	saved = errno;
	if (wd != NULL)
		rmdir(wd);
	errno = saved;
	return (-1);
}
