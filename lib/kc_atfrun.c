/* SPDX-License-Identifier: BSD-2-Clause */
/* Run one ATF case directly and read its verdict (see kc_atfrun.h). */
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
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
#include "kc_sys.h"

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
	/* A reason is one line: the raw text may hold several. */
	for (n = 0; res->reason[n] != '\0'; n++)
		if (res->reason[n] == '\n' || res->reason[n] == '\r')
			res->reason[n] = ' ';
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

/*
 * An injected fault can abort a case before it reaps its own children; they
 * are reparented to us (a child subreaper for the duration of the run).  Kill
 * the case's process group, then kill and reap whatever is left, so a
 * fault-injection run leaves no process behind.
 */
static void
kc_reap_stragglers(pid_t pgrp)
{
	(void)kill(-pgrp, SIGKILL);
	(void)kc_reap_children(NULL);
}

/*
 * Read the result file (the pipe) until EOF, until the case process has
 * exited (a straggler it left may still hold the pipe open), or until the
 * timeout.  Returns the length read; text is NUL-terminated.
 */
static size_t
kc_read_result(int rfd, pid_t pid, int timeout_ms, char *text, size_t len)
{
	struct pollfd p[2] = { { .fd = rfd, .events = POLLIN }, { .fd = -1, .events = POLLIN } };
	int exited = 0, waited = 0;
	size_t got = 0;

	p[1].fd = kc_pidfd_open(pid, 0);	/* -1 where unavailable: plain reads */
	while (got < len - 1) {
		ssize_t r;

		if (!exited) {
			int n = poll(p, 2, 100);

			if (n == -1 && errno != EINTR)
				break;
			if (n <= 0) {
				waited += 100;
				if (waited >= timeout_ms)
					break;
				continue;
			}
			if (p[1].fd >= 0 && (p[1].revents & POLLIN)) {
				exited = 1;	/* drain what is there, then stop */
				(void)fcntl(rfd, F_SETFL, O_NONBLOCK);
			}
		}
		r = read(rfd, text + got, len - 1 - got);
		if (r > 0)
			got += (size_t)r;
		else if (r == -1 && errno == EINTR)
			continue;
		else
			break;	/* EOF, or nothing more after exit */
	}
	if (p[1].fd >= 0)
		close(p[1].fd);
	text[got] = '\0';
	return (got);
}

/* Move fd to a number >= 10 (close-on-exec); -1 if fd is -1 or on error. */
static int
kc_high_fd(int fd)
{
	int hi;

	if (fd < 0)
		return (-1);
	hi = fcntl(fd, F_DUPFD_CLOEXEC, 10);
	close(fd);
	return (hi);
}

/*
 * ATF reports ATF_CHECK failures as "N checks failed; see output for more
 * details" and prints each on stderr as "*** Check failed: file:line: msg".
 * Append those messages to the reason, so that it names what failed.
 */
static void
kc_append_checks(int errfd, struct kc_atf_result *res)
{
	static const char tag[] = "*** Check failed: ";
	char buf[16384], *line, *save = NULL;
	size_t len;
	ssize_t n;

	if (strstr(res->reason, "checks failed") == NULL || lseek(errfd, 0, SEEK_SET) == -1)
		return;
	n = read(errfd, buf, sizeof(buf) - 1);
	if (n <= 0)
		return;
	buf[n] = '\0';
	for (line = strtok_r(buf, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, tag, sizeof(tag) - 1) != 0)
			continue;
		len = strlen(res->reason);
		snprintf(res->reason + len, sizeof(res->reason) - len, " | %s",
		    line + sizeof(tag) - 1);
	}
}

/*
 * A case that ended without a result (a crash, an abort): append the last
 * line of its stderr (ATF's or glibc's message before an abort), so that the
 * reason says why.
 */
static void
kc_append_last_line(int errfd, struct kc_atf_result *res)
{
	char buf[4096], *end, *line;
	off_t size;
	ssize_t n;
	size_t len;

	size = lseek(errfd, 0, SEEK_END);
	if (size <= 0)
		return;
	if (lseek(errfd, size > (off_t)sizeof(buf) - 1 ? size - (off_t)sizeof(buf) + 1 : 0,
	    SEEK_SET) == -1)
		return;
	n = read(errfd, buf, sizeof(buf) - 1);
	if (n <= 0)
		return;
	buf[n] = '\0';
	for (end = buf + n; end > buf && (end[-1] == '\n' || end[-1] == ' '); end--)
		*(end - 1) = '\0';
	line = strrchr(buf, '\n');
	line = line != NULL ? line + 1 : buf;
	if (*line == '\0')
		return;
	len = strlen(res->reason);
	snprintf(res->reason + len, sizeof(res->reason) - len, "; stderr: %.300s", line);
}

/*
 * For a run as nobody: copy the program's directory (its helpers included,
 * object and dependency files left out) into `stage`, world-readable, so
 * the run does not depend on nobody being able to reach the build tree (a
 * checkout under a 0700 directory).  The staged program's path goes in out.
 */
static int
kc_stage(const char *prog, const char *stage, char *out, size_t len)
{
	char src[PATH_MAX], from[PATH_MAX + 256], to[PATH_MAX + 256], *slash;
	struct dirent *de;
	DIR *d;

	snprintf(src, sizeof(src), "%s", prog);
	slash = strrchr(src, '/');
	if (slash == NULL || mkdir(stage, 0755) == -1)
		return (-1);
	*slash = '\0';
	snprintf(out, len, "%s/%s", stage, slash + 1);
	d = opendir(src);
	if (d == NULL)
		return (-1);
	while ((de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);
		struct stat st;
		int in, outfd;
		char buf[65536];
		ssize_t r;

		if (n > 2 && de->d_name[n - 2] == '.' &&
		    (de->d_name[n - 1] == 'o' || de->d_name[n - 1] == 'd'))
			continue;
		snprintf(from, sizeof(from), "%s/%s", src, de->d_name);
		if (stat(from, &st) == -1 || !S_ISREG(st.st_mode))
			continue;
		snprintf(to, sizeof(to), "%s/%s", stage, de->d_name);
		in = open(from, O_RDONLY | O_CLOEXEC);
		outfd = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		    (st.st_mode & S_IXUSR) ? 0755 : 0644);
		while (in >= 0 && outfd >= 0 && (r = read(in, buf, sizeof(buf))) > 0) {
			if (write(outfd, buf, (size_t)r) != r)
				break;
		}
		if (in >= 0)
			close(in);
		if (outfd >= 0)
			close(outfd);
		if (in < 0 || outfd < 0) {
			closedir(d);
			return (-1);
		}
	}
	closedir(d);
	return (0);
}

/* Remove a staged directory (flat: files only). */
static void
kc_unstage(const char *stage)
{
	char path[PATH_MAX + 256];
	struct dirent *de;
	DIR *d = opendir(stage);

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", stage, de->d_name);
		(void)unlink(path);
	}
	closedir(d);
	(void)rmdir(stage);
}

static void
kc_atf_child(const char *prog, const char *tcname, const struct kc_atf_opts *o,
    int resfd, int errfd, const char *dir)
{
	const char *argv[96];
	int i = 0, j, null;

	if (setpgid(0, 0) == -1 || dup2(resfd, KC_RESFD) == -1)
		_exit(120);
	null = open("/dev/null", O_RDWR);
	if (null == -1 || dup2(null, 0) == -1 || dup2(null, 1) == -1 ||
	    dup2(errfd >= 0 ? errfd : null, 2) == -1)
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
	for (j = 0; o->wrapper != NULL && o->wrapper[j] != NULL && i < 32; j++)
		argv[i++] = o->wrapper[j];
	argv[i++] = prog;
	argv[i++] = "-r";
	argv[i++] = "/dev/fd/3";
	for (j = 0; o->vars != NULL && o->vars[j] != NULL && i < 92; j++) {
		argv[i++] = "-v";
		argv[i++] = o->vars[j];
	}
	argv[i++] = tcname;
	argv[i] = NULL;
	/*
	 * Through execveat, so that a rule on execve(2) (the fault table's
	 * failing exec) hits the case's own execs, not this one.
	 */
	if (o->rules != NULL)
		(void)syscall(__NR_execveat, AT_FDCWD, argv[0], (char *const *)argv, environ, 0);
	execv(argv[0], (char *const *)argv);
	_exit(126);
}

void
kc_atf_verdict(const char *prog, const char *tcname, const char *text, int errfd,
    const siginfo_t *si, struct kc_atf_result *res)
{
	char buf[64];

	if (si->si_code == CLD_EXITED && si->si_status >= 120 && si->si_status <= 126) {
		res->verdict = KC_V_BROKEN;
		snprintf(res->reason, sizeof(res->reason),
		    "setup of %s:%s failed in the child (exit %d: dup/chdir/setuid/seccomp/exec)",
		    prog, tcname, si->si_status);
	} else {
		kc_parse_result(text, res);
		if (res->verdict == KC_V_BROKEN && text[0] == '\0') {
			snprintf(res->reason, sizeof(res->reason), "%s:%s: no result (%s)",
			    prog, tcname, kc_describe_status(si, buf, sizeof(buf)));
			if (errfd >= 0)
				kc_append_last_line(errfd, res);
		}
	}
	if (errfd >= 0)
		kc_append_checks(errfd, res);
	res->exited = si->si_code == CLD_EXITED;
	res->status = si->si_status;
}

int
kc_atf_run(const char *prog, const char *tcname, const struct kc_atf_opts *o,
    struct kc_atf_result *res)
{
	static const struct kc_atf_opts none;
	char text[4096], dir[] = "/tmp/kc-atfrun.XXXXXX";
	char stage[sizeof(dir) + 8], staged[PATH_MAX + 256];
	const char *wd = NULL, *run = prog;
	size_t got = 0;
	siginfo_t si;
	int p[2] = { -1, -1 }, saved, was_subreaper = 0, errfd = -1;
	pid_t pid;

	if (o == NULL)
		o = &none;
	(void)prctl(PR_GET_CHILD_SUBREAPER, &was_subreaper, 0, 0, 0);
	if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == -1)
		return (-1);
	if (o->as_nobody) {
		/* The case's work directory must be writable by nobody. */
		if (mkdtemp(dir) == NULL || chown(dir, KC_NOBODY, KC_NOBODY) == -1)
			return (-1);
		wd = dir;
		snprintf(stage, sizeof(stage), "%s/bin", dir);
		if (kc_stage(prog, stage, staged, sizeof(staged)) == -1)
			goto fail;
		run = staged;
	}
	/* The case's stderr, where ATF writes each failed check.  It and the
	 * result pipe are moved above the fds the child sets up (0-3). */
	errfd = kc_high_fd(memfd_create("kc-atf-stderr", MFD_CLOEXEC));
	if (pipe2(p, O_CLOEXEC) == -1)
		goto fail;
	p[0] = kc_high_fd(p[0]);
	p[1] = kc_high_fd(p[1]);
	if (p[0] == -1 || p[1] == -1)
		goto fail;
	pid = fork();
	if (pid == -1)
		goto fail;
	if (pid == 0)
		kc_atf_child(run, tcname, o, p[1], errfd, wd);
	close(p[1]);
	got = kc_read_result(p[0], pid, o->timeout_ms > 0 ? o->timeout_ms : 60000,
	    text, sizeof(text));
	close(p[0]);
	memset(&si, 0, sizeof(si));
	if (kc_wait_timeout(pid, WEXITED, o->timeout_ms > 0 ? o->timeout_ms : 60000, &si) == -1) {
		res->verdict = KC_V_BROKEN;
		snprintf(res->reason, sizeof(res->reason), "%s:%s: %s", prog, tcname,
		    strerror(errno));
		res->exited = si.si_code == CLD_EXITED;
		res->status = si.si_status;
	} else {
		text[got] = '\0';
		kc_atf_verdict(prog, tcname, text, errfd, &si, res);
	}
	if (errfd >= 0) {
		close(errfd);
		errfd = -1;
	}
	kc_reap_stragglers(pid);
	(void)prctl(PR_SET_CHILD_SUBREAPER, was_subreaper, 0, 0, 0);
	if (wd != NULL) {
		kc_unstage(stage);
		rmdir(wd);
	}
	return (0);
fail:
	saved = errno;
	if (errfd >= 0)
		close(errfd);
	if (p[0] >= 0)
		close(p[0]);
	if (p[1] >= 0)
		close(p[1]);
	(void)prctl(PR_SET_CHILD_SUBREAPER, was_subreaper, 0, 0, 0);
	if (wd != NULL) {
		kc_unstage(stage);
		rmdir(wd);
	}
	errno = saved;
	return (-1);
}
