/* SPDX-License-Identifier: BSD-2-Clause */
/* The batch entry of every case program (see kc_batch.h). */
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
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

#include "kc_batch.h"
#include "kc_child.h"
#include "kc_sandbox.h"

#define KC_BATCH_MAXVARS	16
#define KC_BATCH_MAXRULES	8

const char kc_batch_entry[] = KC_BATCH_ARG;

/* The program's own main (ATF_TP_ADD_TCS), called in each case's child. */
extern int main(int, char **);

static struct {
	const char	*prog;
	const char	*dir;
	int		 lane;
	int		 timeout_ms;
	const char	*vars[KC_BATCH_MAXVARS];
	int		 nvars;
	struct kc_sandbox_rule rules[KC_BATCH_MAXRULES];
	size_t		 nrules;
	char		 cwd0[PATH_MAX];
	struct sigaction alrm0;		/* SIGALRM as this process got it */
	char		 names[KC_BATCH_MAXCASES][128];
	int		 cleanup[KC_BATCH_MAXCASES];
	int		 ncases;
} kb;

static volatile sig_atomic_t kb_alarm;

static void
kb_onalarm(int sig)
{
	(void)sig;
	kb_alarm = 1;
}

static void
kb_say(const char *what, const char *arg)
{
	char buf[PATH_MAX + 128];
	int n = snprintf(buf, sizeof(buf), "kc-batch: %s%s%s: %s\n", what,
	    arg != NULL ? " " : "", arg != NULL ? arg : "", strerror(errno));

	if (n > 0 && write(2, buf, (size_t)n) == -1) {
		/* nothing more to say */
	}
}

static void
kb_path(char *buf, size_t len, const char *fmt, int i)
{
	char name[64];

	snprintf(name, sizeof(name), fmt, i);
	snprintf(buf, len, "%s/%s", kb.dir, name);
}

/* The case list, <dir>/cases; -1 when unreadable or malformed. */
static int
kb_read_cases(void)
{
	char path[PATH_MAX], buf[KC_BATCH_MAXCASES * 140], *line, *save = NULL;
	size_t got = 0;
	ssize_t r;
	int fd;

	snprintf(path, sizeof(path), "%s/cases", kb.dir);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		return (-1);
	while (got < sizeof(buf) - 1 && (r = read(fd, buf + got, sizeof(buf) - 1 - got)) > 0)
		got += (size_t)r;
	close(fd);
	buf[got] = '\0';
	for (line = strtok_r(buf, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		char *sp = strchr(line, ' ');

		if (sp == NULL || kb.ncases == KC_BATCH_MAXCASES ||
		    (size_t)(sp - line) >= sizeof(kb.names[0]))
			return (-1);
		*sp = '\0';
		memcpy(kb.names[kb.ncases], line, strlen(line) + 1);
		kb.cleanup[kb.ncases++] = sp[1] == '1';
	}
	return (kb.ncases > 0 ? 0 : -1);
}

static long
kb_ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return ((t1.tv_sec - t0->tv_sec) * 1000 + (t1.tv_nsec - t0->tv_nsec) / 1000000);
}

/*
 * Wait for pid at most timeout_ms: 0 with its status, 1 on timeout.  The
 * timer repeats every 100 ms after the deadline, so a SIGALRM that comes
 * just before waitpid blocks is not lost.
 */
static int
kb_wait(pid_t pid, int timeout_ms, int *status)
{
	struct itimerval it, off;
	int rc = 0;

	memset(&it, 0, sizeof(it));
	memset(&off, 0, sizeof(off));
	it.it_value.tv_sec = timeout_ms / 1000;
	it.it_value.tv_usec = (timeout_ms % 1000) * 1000 + 1;
	it.it_interval.tv_usec = 100000;
	kb_alarm = 0;
	(void)setitimer(ITIMER_REAL, &it, NULL);
	for (;;) {
		pid_t r = waitpid(pid, status, __WALL);

		if (r == pid)
			break;
		if (r == -1 && errno == EINTR && !kb_alarm)
			continue;
		rc = 1;
		break;
	}
	(void)setitimer(ITIMER_REAL, &off, NULL);
	return (rc);
}

/* Kill pid's process group and everything reparented to us; reap them. */
static void
kb_reap(pid_t pgrp)
{
	(void)kill(-pgrp, SIGKILL);
	(void)kc_reap_children(NULL);
}

/* Every environment variable whose value is our cwd now names wd. */
static void
kb_env(const char *wd)
{
	char name[256];
	size_t n = strlen(kb.cwd0), i, cnt = 0;
	char *names[64];

	for (i = 0; environ[i] != NULL && cnt < 64; i++) {
		const char *eq = strchr(environ[i], '=');

		if (eq != NULL && strcmp(eq + 1, kb.cwd0) == 0 && n > 0 &&
		    (size_t)(eq - environ[i]) < sizeof(name))
			names[cnt++] = environ[i];
	}
	for (i = 0; i < cnt; i++) {
		size_t l = (size_t)(strchr(names[i], '=') - names[i]);

		memcpy(name, names[i], l);
		name[l] = '\0';
		if (setenv(name, wd, 1) == -1)
			_exit(122);
	}
}

/*
 * The child's side (never returns): the set-up of kc_batch.h, then main()
 * for the body, or an exec of the program for the cleanup.
 */
static void
kb_child(int i, const char *wd, int cleanup)
{
	char res[PATH_MAX], err[PATH_MAX], cname[160];
	char *argv[8 + 2 * KC_BATCH_MAXVARS];
	struct rlimit rl;
	int null, fd, argc = 0, j;

	if (setpgid(0, 0) == -1)
		_exit(120);
	if (sigaction(SIGALRM, &kb.alrm0, NULL) == -1)
		_exit(120);
	null = open("/dev/null", O_RDWR);
	if (null == -1 || dup2(null, 0) == -1 || dup2(null, 1) == -1)
		_exit(121);
	kb_path(err, sizeof(err), "c%d.stderr", i);
	kb_path(res, sizeof(res), "c%d.result", i);
	fd = cleanup ? null : open(err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd == -1 || dup2(fd, 2) == -1)
		_exit(121);
	fd = cleanup ? null : open(res, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd == -1 || dup2(fd, 3) == -1)
		_exit(121);
	/* No fd but 0-3 (Valgrind's own are out of the client's range). */
	if (getrlimit(RLIMIT_NOFILE, &rl) == -1)
		_exit(121);
	for (fd = 4; (rlim_t)fd < rl.rlim_cur && fd < 65536; fd++)
		(void)close(fd);
	if (chdir(wd) == -1)
		_exit(122);
	kb_env(wd);
	if (!cleanup && kb.nrules > 0 && kc_sandbox_apply_rules(kb.rules, kb.nrules) == -1)
		_exit(125);
	argv[argc++] = (char *)kb.prog;
	argv[argc++] = "-r";
	argv[argc++] = "/dev/fd/3";
	for (j = 0; j < kb.nvars; j++) {
		argv[argc++] = "-v";
		argv[argc++] = (char *)kb.vars[j];
	}
	snprintf(cname, sizeof(cname), "%s%s", kb.names[i], cleanup ? ":cleanup" : "");
	argv[argc++] = cname;
	argv[argc] = NULL;
	if (cleanup) {
		execv(kb.prog, argv);
		_exit(126);
	}
	exit(main(argc, argv));
}

/* Run one step (body or cleanup) of case i; its how and code. */
static void
kb_step(int i, const char *wd, int cleanup, int *how, int *code)
{
	int st = 0;
	pid_t pid = fork();

	if (pid == -1) {
		*how = KC_BATCH_SETUP;
		*code = 120;
		return;
	}
	if (pid == 0)
		kb_child(i, wd, cleanup);
	if (kb_wait(pid, kb.timeout_ms, &st) != 0) {
		*how = KC_BATCH_TIMEOUT;
		*code = 0;
		(void)kill(-pid, SIGKILL);
		(void)kill(pid, SIGKILL);
		(void)waitpid(pid, &st, __WALL);
	} else if (WIFEXITED(st) && WEXITSTATUS(st) >= 120 && WEXITSTATUS(st) <= 126) {
		*how = KC_BATCH_SETUP;
		*code = WEXITSTATUS(st);
	} else if (WIFEXITED(st)) {
		*how = KC_BATCH_EXITED;
		*code = WEXITSTATUS(st);
	} else {
		*how = KC_BATCH_KILLED;
		*code = WTERMSIG(st);
	}
	kb_reap(pid);
}

static long long
kb_size(const char *suffix)
{
	char path[PATH_MAX];
	struct stat st;

	snprintf(path, sizeof(path), "%s/lane%d.%s", kb.dir, kb.lane, suffix);
	return (stat(path, &st) == 0 ? (long long)st.st_size : 0);
}

/* Run case i (body, then cleanup) and write its c<i>.done. */
static int
kb_case(int i)
{
	char wd[PATH_MAX], done[PATH_MAX], tmp[PATH_MAX + 8], line[256];
	long long x0, l0;
	int how, code, chow = KC_BATCH_NONE, ccode = 0, fd, n;

	kb_path(wd, sizeof(wd), "c%d", i);
	if (mkdir(wd, 0700) == -1 && errno != EEXIST) {
		kb_say("mkdir", wd);
		return (-1);
	}
	x0 = kb_size("xml");
	l0 = kb_size("log");
	kb_step(i, wd, 0, &how, &code);
	if (kb.cleanup[i])
		kb_step(i, wd, 1, &chow, &ccode);
	n = snprintf(line, sizeof(line), "%d %d %d %d %d %lld %lld %lld %lld\n", kb.lane,
	    how, code, chow, ccode, x0, kb_size("xml"), l0, kb_size("log"));
	kb_path(done, sizeof(done), "c%d.done", i);
	snprintf(tmp, sizeof(tmp), "%s.tmp", done);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd == -1 || write(fd, line, (size_t)n) != n || close(fd) == -1 ||
	    rename(tmp, done) == -1) {
		kb_say("writing", done);
		return (-1);
	}
	return (0);
}

/*
 * The next case no lane has claimed, claimed for this lane (its lock held
 * in *lockfd until its .done is written); -1 when none is left.
 */
static int
kb_claim(int qfd, int *lockfd)
{
	char path[PATH_MAX];
	int i, found = -1, fd;

	if (flock(qfd, LOCK_EX) == -1)
		return (-1);
	for (i = 0; i < kb.ncases && found < 0; i++) {
		kb_path(path, sizeof(path), "c%d.claimed", i);
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd == -1)
			continue;	/* EEXIST: claimed */
		close(fd);
		kb_path(path, sizeof(path), "c%d.lock", i);
		*lockfd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		if (*lockfd == -1 || flock(*lockfd, LOCK_EX) == -1) {
			kb_say("locking", path);
			break;
		}
		found = i;
	}
	(void)flock(qfd, LOCK_UN);
	return (found);
}

static int
kb_run(int argc, char **argv)
{
	static char rulebuf[1024];
	char path[PATH_MAX], why[256], *tok, *save = NULL, *end;
	struct sigaction sa;
	struct timespec t0;
	long budget_ms;
	int first, i, qfd, lockfd;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (argc < 8) {
		errno = EINVAL;
		kb_say("usage: <prog> " KC_BATCH_ARG, "<dir> <lane> <first> <timeout_ms> "
		    "<budget_ms> <rules|-> [-v name=value]...");
		return (2);
	}
	kb.prog = argv[0];
	kb.dir = argv[2];
	kb.lane = atoi(argv[3]);
	first = (int)strtol(argv[4], &end, 10);
	kb.timeout_ms = atoi(argv[5]);
	budget_ms = atol(argv[6]);
	if (strcmp(argv[7], "-") != 0) {
		snprintf(rulebuf, sizeof(rulebuf), "%s", argv[7]);
		for (tok = strtok_r(rulebuf, ";", &save); tok != NULL;
		    tok = strtok_r(NULL, ";", &save)) {
			if (kb.nrules == KC_BATCH_MAXRULES ||
			    kc_sandbox_parse_rule(tok, &kb.rules[kb.nrules], why, sizeof(why)) == -1) {
				errno = EINVAL;
				kb_say("rule", kb.nrules == KC_BATCH_MAXRULES ? "too many" : why);
				return (2);
			}
			kb.nrules++;
		}
	}
	for (i = 8; i + 1 < argc && strcmp(argv[i], "-v") == 0 && kb.nvars < KC_BATCH_MAXVARS;
	    i += 2)
		kb.vars[kb.nvars++] = argv[i + 1];
	if (i != argc || kb.timeout_ms <= 0 || *end != '\0') {
		errno = EINVAL;
		kb_say("arguments", NULL);
		return (2);
	}
	if (kb_read_cases() == -1 || first < 0 || first >= kb.ncases) {
		kb_say("case list of", kb.dir);
		return (2);
	}
	if (getcwd(kb.cwd0, sizeof(kb.cwd0)) == NULL)
		kb.cwd0[0] = '\0';
	snprintf(path, sizeof(path), "%s/queue.lock", kb.dir);
	qfd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (qfd == -1 || prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == -1) {
		kb_say("queue lock / subreaper", path);
		return (2);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = kb_onalarm;	/* no SA_RESTART: waitpid returns EINTR */
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGALRM, &sa, &kb.alrm0) == -1) {
		kb_say("sigaction", "SIGALRM");
		return (2);
	}
	/* The first case: claimed, and its lock held, by the lane's launcher. */
	if (kb_case(first) == -1)
		return (2);
	while (kb_ms_since(&t0) < budget_ms && (i = kb_claim(qfd, &lockfd)) >= 0) {
		int rc = kb_case(i);

		close(lockfd);		/* releases the case's waiters */
		if (rc == -1)
			return (2);
	}
	close(qfd);
	return (0);
}

/*
 * Runs before main (glibc passes argc, argv and envp to constructors): the
 * batch entry takes over only when asked for by its first argument, which
 * no ATF runner passes.
 */
__attribute__((constructor)) static void
kb_ctor(int argc, char **argv, char **envp)
{
	(void)envp;
	if (argc < 2 || argv == NULL || argv[1] == NULL || strcmp(argv[1], KC_BATCH_ARG) != 0)
		return;
	_exit(kb_run(argc, argv));
}
