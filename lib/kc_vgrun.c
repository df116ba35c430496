/* SPDX-License-Identifier: BSD-2-Clause */
/* The Valgrind runner (see kc_vgrun.h). */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_case.h"
#include "kc_child.h"
#include "kc_file.h"
#include "kc_hash.h"
#include "kc_macros.h"
#include "kc_time.h"
#include "kc_vgrun.h"
#include "kc_vgxml.h"

static char kc_vg_path[PATH_MAX];
static char kc_vg_version[32];
static unsigned kc_vg_launches;

const char *
kc_vgrun_valgrind(void)
{
	return (kc_vg_path[0] != '\0' ? kc_vg_path : NULL);
}

unsigned
kc_vgrun_launches(void)
{
	return (kc_vg_launches);
}

/* Search PATH for an executable `name`; 0 with the path in out, or -1. */
static int
kc_path_lookup(const char *name, char *out, size_t outlen)
{
	const char *path = getenv("PATH"), *p;

	if (strchr(name, '/') != NULL) {
		struct stat st;

		if (stat(name, &st) != 0 || !S_ISREG(st.st_mode) || access(name, X_OK) != 0)
			return (-1);
		snprintf(out, outlen, "%s", name);
		return (0);
	}
	if (path == NULL)
		path = "/usr/bin:/bin";
	for (p = path; *p != '\0'; ) {
		size_t w = strcspn(p, ":");
		struct stat st;

		if (w > 0 && (int)w < PATH_MAX - 2) {
			snprintf(out, outlen, "%.*s/%s", (int)w, p, name);
			if (stat(out, &st) == 0 && S_ISREG(st.st_mode) &&
			    access(out, X_OK) == 0)
				return (0);
		}
		p += w;
		p += strspn(p, ":");
	}
	return (-1);
}

/* A temp file in the cwd (the ATF work directory); its path in buf. */
static int
kc_vgrun_tmp(char *buf, size_t len, const char *suffix)
{
	int fd;

	snprintf(buf, len, "vgrun.XXXXXX%s", suffix);
	fd = mkstemps(buf, (int)strlen(suffix));
	ATF_REQUIRE_MSG(fd >= 0, "mkstemps(%s): %s", buf, strerror(errno));
	return (fd);
}

/*
 * The environment of every child: nothing inherited but VALGRIND_LIB and
 * TMPDIR (kyua sets it to the case's work directory; Valgrind puts its own
 * temporary files there, so they never land in a shared /tmp).
 */
static char **
kc_vgrun_env(void)
{
	static char vglib[PATH_MAX + 16], tmpdir[PATH_MAX + 16];
	static char *env[4];
	const char *l = getenv("VALGRIND_LIB"), *t = getenv("TMPDIR");
	int n = 0;

	env[n++] = "LC_ALL=C";
	if (l != NULL && strlen(l) < PATH_MAX) {
		snprintf(vglib, sizeof(vglib), "VALGRIND_LIB=%s", l);
		env[n++] = vglib;
	}
	if (t != NULL && strlen(t) < PATH_MAX) {
		snprintf(tmpdir, sizeof(tmpdir), "TMPDIR=%s", t);
		env[n++] = tmpdir;
	}
	env[n] = NULL;
	return (env);
}

const char *
kc_vgrun_oneline(const char *text, char *buf, size_t len)
{
	size_t w = 0;

	for (; text != NULL && *text != '\0' && w + 4 < len; text++) {
		if (*text == '\n') {
			while (text[1] == '\n' || text[1] == ' ')
				text++;	/* blank lines and indentation */
			if (text[1] == '\0')
				break;
			memcpy(buf + w, " | ", 3);
			w += 3;
		} else {
			buf[w++] = *text == '\t' || *text == '\r' ? ' ' : *text;
		}
	}
	buf[w] = '\0';
	return (buf);
}

const char *
kc_vgrun_aborted(const struct kc_vgrun_result *res, char *buf, size_t len)
{
	static const char *const marks[] = {
		"the 'impossible' happened",	/* core and tool panics */
		"Assertion '",			/* vg_assert: "... Assertion 'x' failed." */
		"VALGRIND INTERNAL ERROR",
	};
	const char *p = res->text, *hit = NULL, *bol;
	size_t i, w;

	for (i = 0; p != NULL && hit == NULL && i < sizeof(marks) / sizeof(marks[0]); i++)
		hit = strstr(p, marks[i]);
	if (hit == NULL)
		return (NULL);
	for (bol = hit; bol > p && bol[-1] != '\n'; bol--)
		;
	while (*bol == '=' || (*bol >= '0' && *bol <= '9') || *bol == ' ')
		bol++;	/* "==123== " prefix of a verbose log */
	w = strcspn(bol, "\n");
	snprintf(buf, len, "%.*s", (int)w, bol);
	/* "X: the 'impossible' happened:" names the cause on the next line. */
	if (w > 0 && bol[w - 1] == ':' && bol[w] == '\n') {
		const char *next = bol + w + 1;
		size_t used = strlen(buf);

		while (*next == '=' || (*next >= '0' && *next <= '9') || *next == ' ')
			next++;
		snprintf(buf + used, len - used, " %.*s", (int)strcspn(next, "\n"), next);
	}
	return (buf);
}

/*
 * fork/exec argv with stdin from /dev/null, stdout to out_fd and stderr to
 * err_fd (-1: /dev/null); wait with the timeout (ATF).  Returns false on
 * timeout.
 */
/* A launch's timeout (ms): o's or the default, times kc_case_scale(). */
static int
kc_vgrun_timeout(const struct kc_vgrun_opts *o)
{
	return ((o->timeout_ms > 0 ? o->timeout_ms : KC_VGRUN_TIMEOUT_MS) *
	    (int)kc_case_scale());
}

static bool
kc_vgrun_exec(char *const argv[], int out_fd, int err_fd, int timeout_ms,
    siginfo_t *si)
{
	pid_t pid;

	pid = kc_fork();
	if (pid == 0) {
		int nul = open("/dev/null", O_RDWR);

		KC_CHILD_REQUIRE(nul >= 0);
		KC_CHILD_REQUIRE(dup2(nul, 0) == 0);
		KC_CHILD_REQUIRE(dup2(out_fd >= 0 ? out_fd : nul, 1) == 1);
		KC_CHILD_REQUIRE(dup2(err_fd >= 0 ? err_fd : nul, 2) == 2);
		execve(argv[0], argv, kc_vgrun_env());
		_exit(127);
	}
	if (kc_wait_timeout(pid, WEXITED, timeout_ms, si) == -1) {
		ATF_REQUIRE_MSG(errno == ETIMEDOUT, "waiting for %s: %s", argv[0],
		    strerror(errno));
		return (false);
	}
	return (true);
}

const char *
kc_vgrun_require(const atf_tc_t *tc)
{
	char out[PATH_MAX], *text, *v;
	char *argv[3];
	const char *want = "valgrind", *why;
	bool configured = false;
	siginfo_t si;
	int fd;

	if (kc_vg_version[0] != '\0')
		return (kc_vg_version);
	if (atf_tc_has_config_var(tc, "valgrind")) {
		want = atf_tc_get_config_var(tc, "valgrind");
		configured = true;
	}
	if (kc_path_lookup(want, kc_vg_path, sizeof(kc_vg_path)) != 0) {
		kc_vg_path[0] = '\0';
		if (!configured && (why = getenv("KC_VALGRIND_ABSENT")) != NULL &&
		    why[0] != '\0')
			atf_tc_skip("valgrind not found on PATH: %.200s", why);
		if (!configured)
			atf_tc_skip("valgrind not found on PATH");
		atf_tc_fail("valgrind '%s' (config variable valgrind): not an "
		    "executable file", want);
	}
	fd = kc_vgrun_tmp(out, sizeof(out), ".ver");
	argv[0] = kc_vg_path;
	argv[1] = "--version";
	argv[2] = NULL;
	if (!kc_vgrun_exec(argv, fd, -1, 30000, &si)) {
		RL(close(fd));
		RL(unlink(out));
		atf_tc_fail("'%s --version' timed out: not a working Valgrind",
		    kc_vg_path);
	}
	RL(close(fd));
	text = kc_file_slurp(out);
	RL(unlink(out));
	v = strstr(text, "valgrind-");
	if (si.si_code != CLD_EXITED || si.si_status != 0 || v == NULL ||
	    v[9] < '0' || v[9] > '9') {
		text[strcspn(text, "\n")] = '\0';
		atf_tc_fail("'%s --version' (exit %d) printed \"%.60s\": not a "
		    "working Valgrind", kc_vg_path, si.si_status, text);
	}
	v += 9;
	v[strcspn(v, " \n-")] = '\0';
	snprintf(kc_vg_version, sizeof(kc_vg_version), "%s", v);
	free(text);
	return (kc_vg_version);
}

const char *
kc_vgrun_subject(const atf_tc_t *tc, const char *name)
{
	static char path[PATH_MAX];
	const char *dir;

	if (atf_tc_has_config_var(tc, "vgreq_subject_dir"))
		dir = atf_tc_get_config_var(tc, "vgreq_subject_dir");
	else
		dir = atf_tc_get_config_var(tc, "srcdir");
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	ATF_REQUIRE_MSG(access(path, X_OK) == 0, "subject %s: %s", path,
	    strerror(errno));
	return (path);
}

const char *
kc_vgrun_elf(const char *path)
{
	static char real[PATH_MAX];
	const char *w = getenv("KC_QEMU_WRAPPED"), *colon;
	size_t tl;

	if (w == NULL || (colon = strchr(w, ':')) == NULL)
		return (path);
	tl = (size_t)(colon - w);
	if (tl == 0 || strncmp(path, w, tl) != 0 || path[tl] != '/')
		return (path);
	snprintf(real, sizeof(real), "%s%s", colon + 1, path + tl);
	return (real);
}

static void
kc_vgrun_log_launch(const atf_tc_t *tc, const char *subject, long ms)
{
	const char *log, *base;
	FILE *f;

	if (!atf_tc_has_config_var(tc, "vgreq_launch_log"))
		return;
	log = atf_tc_get_config_var(tc, "vgreq_launch_log");
	base = strrchr(subject, '/');
	base = base != NULL ? base + 1 : subject;
	f = fopen(log, "a");
	ATF_REQUIRE_MSG(f != NULL, "vgreq_launch_log %s: %s", log, strerror(errno));
	fprintf(f, "%s %ld\n", base, ms);
	ATF_REQUIRE(fclose(f) == 0);
}

/* FNV-1a of the command line: the name of its shared-launch entry. */
static unsigned long long
kc_vgrun_key(char *const av[])
{
	unsigned long long h = KC_HASH_INIT;
	int i;

	for (i = 0; av[i] != NULL; i++)
		h = kc_hash_str(h, av[i]);
	return (h);
}

static void
kc_vgrun_copy(const char *from, const char *to)
{
	char *text = kc_file_slurp(from);
	FILE *f;

	f = fopen(to, "w");
	ATF_REQUIRE_MSG(f != NULL, "%s: %s", to, strerror(errno));
	ATF_REQUIRE(fputs(text, f) >= 0 || text[0] == '\0');
	ATF_REQUIRE_MSG(fclose(f) == 0, "%s: %s", to, strerror(errno));
	free(text);
}

/*
 * The shared-launch entry of av (see kc_vgrun.h): NULL when there is no
 * cache; else its path prefix in buf, locked (the fd in *lock).  *hit tells
 * whether it holds a finished launch.
 */
static const char *
kc_vgrun_cache_open(const atf_tc_t *tc, char *const av[], char *buf,
    size_t len, int *lock, bool *hit)
{
	char path[PATH_MAX + 16];

	*hit = false;
	if (!atf_tc_has_config_var(tc, "vgrun_cache"))
		return (NULL);
	snprintf(buf, len, "%s/%016llx", atf_tc_get_config_var(tc, "vgrun_cache"),
	    kc_vgrun_key(av));
	snprintf(path, sizeof(path), "%s.lock", buf);
	*lock = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	ATF_REQUIRE_MSG(*lock >= 0, "vgrun_cache %s: %s", path, strerror(errno));
	RL(flock(*lock, LOCK_EX));
	snprintf(path, sizeof(path), "%s.status", buf);
	*hit = access(path, F_OK) == 0;
	return (buf);
}

void
kc_vgrun(const atf_tc_t *tc, const struct kc_vgrun_opts *o, char *const argv[],
    struct kc_vgrun_result *res)
{
	static char extra[1024];
	char xmlp[64], logp[64], outp[64], tool[64], xmlarg[96], logarg[96];
	char errexit[48], err[256], line[1024], entry[PATH_MAX], path[PATH_MAX + 16];
	const char *cache;
	bool hit;
	int lock = -1;
	char *av[16 + 2 * KC_VGRUN_MAXOPTS + 64];
	struct timespec t0;
	siginfo_t si;
	int n = 0, i, xfd, lfd, ofd, xmlidx = -1, logidx;
	bool done;

	kc_vgrun_require(tc);
	memset(res, 0, sizeof(*res));
	xfd = kc_vgrun_tmp(xmlp, sizeof(xmlp), ".xml");
	lfd = kc_vgrun_tmp(logp, sizeof(logp), ".log");
	ofd = kc_vgrun_tmp(outp, sizeof(outp), ".out");
	RL(close(xfd));
	RL(close(lfd));

	av[n++] = kc_vg_path;
	snprintf(tool, sizeof(tool), "--tool=%s", o->tool != NULL ? o->tool : "memcheck");
	av[n++] = tool;
	if (!o->verbose)
		av[n++] = "-q";
	if (!o->no_xml) {
		av[n++] = "--xml=yes";
		snprintf(xmlarg, sizeof(xmlarg), "--xml-file=%s", xmlp);
		xmlidx = n;
		av[n++] = xmlarg;
	}
	snprintf(logarg, sizeof(logarg), "--log-file=%s", logp);
	logidx = n;
	av[n++] = logarg;
	av[n++] = "--vgdb=no";
	if (!o->inline_info)
		av[n++] = "--read-inline-info=no";
	snprintf(errexit, sizeof(errexit), "--error-exitcode=%d", KC_VGRUN_ERREXIT);
	av[n++] = errexit;
	for (i = 0; i < KC_VGRUN_MAXOPTS && o->opts[i] != NULL; i++)
		av[n++] = (char *)o->opts[i];
	if (atf_tc_has_config_var(tc, "vgreq_extra_opts")) {
		char *tok, *save;

		snprintf(extra, sizeof(extra), "%s",
		    atf_tc_get_config_var(tc, "vgreq_extra_opts"));
		for (tok = strtok_r(extra, " ", &save); tok != NULL &&
		    n < (int)(sizeof(av) / sizeof(av[0])) - 40;
		    tok = strtok_r(NULL, " ", &save))
			av[n++] = tok;
	}
	for (i = 0; argv[i] != NULL; i++) {
		ATF_REQUIRE_MSG(n < (int)(sizeof(av) / sizeof(av[0])) - 1,
		    "too many arguments");
		av[n++] = argv[i];
	}
	av[n] = NULL;

	/* The temp file names are the only part that differs between runs. */
	if (!o->no_xml)
		av[xmlidx] = "--xml-file=";
	av[logidx] = "--log-file=";
	cache = kc_vgrun_cache_open(tc, av, entry, sizeof(entry), &lock, &hit);
	if (!o->no_xml)
		av[xmlidx] = xmlarg;
	av[logidx] = logarg;
	if (hit) {
		char *st;
		int d;

		RL(close(ofd));
		snprintf(path, sizeof(path), "%s.status", cache);
		st = kc_file_slurp(path);
		ATF_REQUIRE_MSG(sscanf(st, "%d %d %d", &d, &si.si_code,
		    &si.si_status) == 3, "vgrun_cache %s: bad status '%s'", path, st);
		done = d != 0;
		free(st);
		snprintf(path, sizeof(path), "%s.out", cache);
		kc_vgrun_copy(path, outp);
		snprintf(path, sizeof(path), "%s.log", cache);
		kc_vgrun_copy(path, logp);
		snprintf(path, sizeof(path), "%s.xml", cache);
		kc_vgrun_copy(path, xmlp);
	} else {
		clock_gettime(CLOCK_MONOTONIC, &t0);
		kc_vg_launches++;
		done = kc_vgrun_exec(av, ofd, -1, kc_vgrun_timeout(o), &si);
		kc_vgrun_log_launch(tc, argv[0], kc_ms_since(&t0));
		RL(close(ofd));
	}
	if (cache != NULL && !hit) {
		FILE *f;

		snprintf(path, sizeof(path), "%s.out", cache);
		kc_vgrun_copy(outp, path);
		snprintf(path, sizeof(path), "%s.log", cache);
		kc_vgrun_copy(logp, path);
		snprintf(path, sizeof(path), "%s.xml", cache);
		kc_vgrun_copy(xmlp, path);
		/* Written last: an entry without it is an unfinished launch. */
		snprintf(path, sizeof(path), "%s.status", cache);
		f = fopen(path, "w");
		ATF_REQUIRE_MSG(f != NULL, "%s: %s", path, strerror(errno));
		fprintf(f, "%d %d %d\n", (int)done, done ? si.si_code : 0,
		    done ? si.si_status : 0);
		ATF_REQUIRE(fclose(f) == 0);
	}
	if (lock >= 0)
		RL(close(lock));	/* releases the flock */
	res->out = kc_file_slurp(outp);
	res->text = kc_file_slurp(logp);
	RL(unlink(outp));
	RL(unlink(logp));
	if (!done) {
		RL(unlink(xmlp));
		atf_tc_fail("valgrind %s timed out after %d ms", argv[0],
		    kc_vgrun_timeout(o));
	}
	res->exited = si.si_code == CLD_EXITED;
	res->code = res->exited ? si.si_status : -1;
	res->signo = res->exited ? 0 : si.si_status;
	if (!o->xml_optional && kc_vgrun_aborted(res, line, sizeof(line)) != NULL) {
		RL(unlink(xmlp));
		atf_tc_fail("valgrind aborted: %s", line);
	}
	if (!o->no_xml) {
		if (kc_vgxml_parse_file(xmlp, &res->report, err, sizeof(err)) == 0)
			res->has_report = true;
		RL(unlink(xmlp));
		if (!res->has_report && !o->xml_optional)
			atf_tc_fail("valgrind XML report of %s is malformed: %s; "
			    "exit %d; text log: %.400s", argv[0],
			    kc_vgrun_oneline(err, line, sizeof(line) / 2), res->code,
			    kc_vgrun_oneline(res->text, line + sizeof(line) / 2,
			    sizeof(line) / 2));
	} else {
		RL(unlink(xmlp));
	}
}

void
kc_vgrun_native(char *const argv[], struct kc_vgrun_result *res)
{
	char outp[64];
	siginfo_t si;
	int ofd;
	bool done;

	memset(res, 0, sizeof(*res));
	ofd = kc_vgrun_tmp(outp, sizeof(outp), ".out");
	done = kc_vgrun_exec(argv, ofd, -1, KC_VGRUN_TIMEOUT_MS * (int)kc_case_scale(), &si);
	RL(close(ofd));
	res->out = kc_file_slurp(outp);
	RL(unlink(outp));
	res->text = strdup("");
	ATF_REQUIRE(res->text != NULL);
	ATF_REQUIRE_MSG(done, "%s timed out", argv[0]);
	res->exited = si.si_code == CLD_EXITED;
	res->code = res->exited ? si.si_status : -1;
	res->signo = res->exited ? 0 : si.si_status;
}

void
kc_vgrun_free(struct kc_vgrun_result *res)
{
	free(res->text);
	free(res->out);
	if (res->has_report)
		kc_vgxml_free(&res->report);
	memset(res, 0, sizeof(*res));
}

int
kc_vgrun_count_text(const struct kc_vgrun_result *res, const char *needle)
{
	const char *p = res->text;
	int n = 0;

	while (p != NULL && *p != '\0') {
		size_t w = strcspn(p, "\n");
		const char *hit = strstr(p, needle);

		if (hit != NULL && hit < p + w)
			n++;
		p += w;
		if (*p == '\n')
			p++;
	}
	return (n);
}

void
kc_vgrun_require_exit(const struct kc_vgrun_result *res, int code)
{
	char line[1024];

	if (res->exited && res->code == code)
		return;
	if (kc_vgrun_aborted(res, line, sizeof(line)) != NULL)
		atf_tc_fail("valgrind aborted: %s", line);
	atf_tc_fail("expected exit %d, got %s %d; text log: %.600s", code,
	    res->exited ? "exit" : "signal", res->exited ? res->code : res->signo,
	    kc_vgrun_oneline(res->text, line, sizeof(line)));
}
