/* SPDX-License-Identifier: BSD-2-Clause */
/* The batch entry of every case program (see kc_batch.h). */
#include <sys/file.h>
#include <sys/mman.h>
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
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kc_batch.h"
#include "kc_blocked.h"
#include "kc_child.h"
#include "kc_sandbox.h"
#include "kc_time.h"

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
	unsigned	 deadline_s[KC_BATCH_MAXCASES];	/* 0: none given */
	int		 ncases;
} kc_bt;

static volatile sig_atomic_t kc_batch_alarm;

/* In a case's child whose deadline this lane keeps (kc_batch_watched). */
static bool kc_batch_watch;

/* The page the lane and its case's child share: the reason of the
 * atf_tc_expect_fail window the child is in, or "" (kc_batch_expect). */
#define KC_BATCH_WINDOW_LEN	4096
static char *kc_batch_window;

void
kc_batch_expect(const char *reason)
{
	if (!kc_batch_watch || kc_batch_window == NULL)
		return;
	snprintf(kc_batch_window, KC_BATCH_WINDOW_LEN, "%s", reason != NULL ? reason : "");
}

bool
kc_batch_watched(void)
{
	return (kc_batch_watch);
}

/* Whether the lane keeps case i's deadline: one was given, below the timeout. */
static bool
kc_batch_keeps(int i)
{
	return (kc_bt.deadline_s[i] > 0 && (long)kc_bt.deadline_s[i] * 1000 < kc_bt.timeout_ms);
}

static void
kc_batch_onalarm(int sig)
{
	(void)sig;
	kc_batch_alarm = 1;
}

static void
kc_batch_say(const char *what, const char *arg)
{
	char buf[PATH_MAX + 128];
	int n = snprintf(buf, sizeof(buf), "kc-batch: %s%s%s: %s\n", what,
	    arg != NULL ? " " : "", arg != NULL ? arg : "", strerror(errno));

	if (n > 0 && write(2, buf, (size_t)n) == -1) {
		/* nothing more to say */
	}
}

static void
kc_batch_path(char *buf, size_t len, const char *fmt, int i)
{
	char name[64];

	snprintf(name, sizeof(name), fmt, i);
	snprintf(buf, len, "%s/%s", kc_bt.dir, name);
}

/* The case list, <dir>/cases; -1 when unreadable or malformed. */
static int
kc_batch_read_cases(void)
{
	char path[PATH_MAX], buf[KC_BATCH_MAXCASES * 160], *line, *save = NULL;
	size_t got = 0;
	ssize_t r;
	int fd;

	snprintf(path, sizeof(path), "%s/cases", kc_bt.dir);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		return (-1);
	while (got < sizeof(buf) - 1 && (r = read(fd, buf + got, sizeof(buf) - 1 - got)) > 0)
		got += (size_t)r;
	close(fd);
	buf[got] = '\0';
	for (line = strtok_r(buf, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		char *sp = strchr(line, ' ');

		if (sp == NULL || kc_bt.ncases == KC_BATCH_MAXCASES ||
		    (size_t)(sp - line) >= sizeof(kc_bt.names[0]))
			return (-1);
		*sp = '\0';
		memcpy(kc_bt.names[kc_bt.ncases], line, strlen(line) + 1);
		kc_bt.cleanup[kc_bt.ncases] = sp[1] == '1';
		kc_bt.deadline_s[kc_bt.ncases] = sp[1] != '\0' && sp[2] == ' ' ?
		    (unsigned)strtoul(sp + 3, NULL, 10) : 0;
		kc_bt.ncases++;
	}
	return (kc_bt.ncases > 0 ? 0 : -1);
}

/*
 * Wait for pid at most timeout_ms: 0 with its status, 1 on timeout.  The
 * timer repeats every 100 ms after the deadline, so a SIGALRM that comes
 * just before waitpid blocks is not lost.
 */
static int
kc_batch_wait(pid_t pid, int timeout_ms, int *status)
{
	struct itimerval it, off;
	int rc = 0;

	memset(&it, 0, sizeof(it));
	memset(&off, 0, sizeof(off));
	it.it_value.tv_sec = timeout_ms / 1000;
	it.it_value.tv_usec = (timeout_ms % 1000) * 1000 + 1;
	it.it_interval.tv_usec = 100000;
	kc_batch_alarm = 0;
	(void)setitimer(ITIMER_REAL, &it, NULL);
	for (;;) {
		pid_t r = waitpid(pid, status, __WALL);

		if (r == pid)
			break;
		if (r == -1 && errno == EINTR && !kc_batch_alarm)
			continue;
		rc = 1;
		break;
	}
	(void)setitimer(ITIMER_REAL, &off, NULL);
	return (rc);
}

/*
 * Kill pid's process group and everything reparented to us, and reap them:
 * through kill(2), /proc and wait4(2) only, never waitid(2), which the fault
 * table's Valgrind-side rules refuse to the client (the lane's own calls
 * must not be what a fault hits).
 */
static void
kc_batch_reap(pid_t pgrp)
{
	char path[64], buf[4096], *tok, *save;
	int st;

	(void)kill(-pgrp, SIGKILL);
	snprintf(path, sizeof(path), "/proc/self/task/%d/children", (int)getpid());
	for (;;) {
		ssize_t n = 0;
		int fd = open(path, O_RDONLY | O_CLOEXEC);

		if (fd >= 0) {
			n = read(fd, buf, sizeof(buf) - 1);
			close(fd);
		}
		buf[n > 0 ? n : 0] = '\0';
		save = NULL;
		for (tok = strtok_r(buf, " \n", &save); tok != NULL;
		    tok = strtok_r(NULL, " \n", &save))
			(void)kill((pid_t)atoi(tok), SIGKILL);
		if (waitpid(-1, &st, __WALL) == -1 && errno == ECHILD)
			return;
	}
}

/*
 * What the child of one step needs, made by the lane before the fork so that
 * the child runs little code of its own: under Valgrind every block a child
 * runs first is translated there and lost when it exits (about 70 us each,
 * kc_batch.h).
 */
struct kc_batch_plan {
	char	 err[PATH_MAX], res[PATH_MAX], wd[PATH_MAX], cname[160];
	char	*argv[8 + 2 * KC_BATCH_MAXVARS];
	int	 argc;
	char	**envp;		/* environ, with the cwd variables naming wd */
	char	*envbuf;	/* the strings of those variables */
	int	 cleanup;
	bool	 watch;		/* the lane keeps the body's deadline */
};

/*
 * The plan of case i's body (cleanup 0) or cleanup: paths, arguments, and
 * the environment in which every variable whose value is our cwd names wd.
 * -1 (errno set) when out of memory.
 */
static int
kc_batch_plan(int i, const char *wd, int cleanup, struct kc_batch_plan *pl)
{
	size_t n = strlen(kc_bt.cwd0), ne = 0, nmatch = 0, k, used = 0;
	int argc = 0, j;

	memset(pl, 0, sizeof(*pl));
	kc_batch_path(pl->err, sizeof(pl->err), "c%d.stderr", i);
	kc_batch_path(pl->res, sizeof(pl->res), "c%d.result", i);
	snprintf(pl->wd, sizeof(pl->wd), "%s", wd);
	snprintf(pl->cname, sizeof(pl->cname), "%s%s", kc_bt.names[i], cleanup ? ":cleanup" : "");
	pl->cleanup = cleanup;
	pl->watch = !cleanup && kc_batch_keeps(i);
	pl->argv[argc++] = (char *)kc_bt.prog;
	pl->argv[argc++] = "-r";
	pl->argv[argc++] = "/dev/fd/3";
	for (j = 0; j < kc_bt.nvars; j++) {
		pl->argv[argc++] = "-v";
		pl->argv[argc++] = (char *)kc_bt.vars[j];
	}
	pl->argv[argc++] = pl->cname;
	pl->argv[argc] = NULL;
	pl->argc = argc;
	for (ne = 0; environ[ne] != NULL; ne++) {
		const char *eq = strchr(environ[ne], '=');

		if (n > 0 && eq != NULL && strcmp(eq + 1, kc_bt.cwd0) == 0)
			nmatch++;
	}
	pl->envp = calloc(ne + 1, sizeof(char *));
	pl->envbuf = malloc(nmatch * (PATH_MAX + 256) + 1);
	if (pl->envp == NULL || pl->envbuf == NULL)
		return (-1);
	for (k = 0; k < ne; k++) {
		const char *eq = strchr(environ[k], '=');
		size_t l;

		pl->envp[k] = environ[k];
		if (n == 0 || eq == NULL || strcmp(eq + 1, kc_bt.cwd0) != 0 ||
		    (size_t)(eq - environ[k]) >= 256)
			continue;
		l = (size_t)(eq - environ[k]) + 1;
		memcpy(pl->envbuf + used, environ[k], l);
		snprintf(pl->envbuf + used + l, PATH_MAX, "%s", wd);
		pl->envp[k] = pl->envbuf + used;
		used += l + strlen(wd) + 1;
	}
	return (0);
}

static void
kc_batch_plan_free(struct kc_batch_plan *pl)
{
	free(pl->envp);
	free(pl->envbuf);
}

/*
 * The end of a case's child, registered just before it calls main(): when
 * the case calls exit(3), after the exit handlers the case registered, every
 * stream is flushed and the process _exit(2)s with the status.  The handlers
 * registered before the fork (ld.so's pass over the loaded objects'
 * destructors, then libc's stream teardown) are the lane's, the same for
 * every case, and no verdict depends on them; under Valgrind they would be
 * translated again in every child (about 120 blocks).
 */
static void
kc_batch_exit(int status, void *arg)
{
	(void)arg;
	(void)fflush(NULL);
	_exit(status);
}

/*
 * The child's side (never returns): the set-up of kc_batch.h, then main()
 * for the body, or an exec of the program for the cleanup.
 */
static void
kc_batch_child(const struct kc_batch_plan *pl)
{
	struct rlimit rl;
	int null, fd;

	if (setpgid(0, 0) == -1)
		_exit(120);
	if (sigaction(SIGALRM, &kc_bt.alrm0, NULL) == -1)
		_exit(120);
	null = open("/dev/null", O_RDWR);
	if (null == -1 || dup2(null, 0) == -1 || dup2(null, 1) == -1)
		_exit(121);
	fd = pl->cleanup ? null : open(pl->err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd == -1 || dup2(fd, 2) == -1)
		_exit(121);
	fd = pl->cleanup ? null : open(pl->res, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd == -1 || dup2(fd, 3) == -1)
		_exit(121);
	/*
	 * No fd but 0-3 (Valgrind's own are out of the client's range; its
	 * close_range wrapper leaves them open): one close_range, or where it
	 * fails (a kernel or Valgrind without it: ENOSYS) a close of every fd
	 * below the limit, one system call each (20000 here, each through
	 * Valgrind: about 14 ms of CPU per case).
	 */
	if (close_range(4, ~0U, 0) == -1) {
		if (getrlimit(RLIMIT_NOFILE, &rl) == -1)
			_exit(121);
		for (fd = 4; (rlim_t)fd < rl.rlim_cur && fd < 65536; fd++)
			(void)close(fd);
	}
	if (chdir(pl->wd) == -1)
		_exit(122);
	environ = pl->envp;
	if (!pl->cleanup && kc_bt.nrules > 0 &&
	    kc_sandbox_apply_rules(kc_bt.rules, kc_bt.nrules) == -1)
		_exit(125);
	if (pl->cleanup) {
		execv(kc_bt.prog, pl->argv);
		_exit(126);
	}
	kc_batch_watch = pl->watch;
	if (on_exit(kc_batch_exit, NULL) != 0)
		_exit(120);
	exit(main(pl->argc, (char **)pl->argv));
}

/*
 * The watchdog's failure of case i, whose body (pid) outlived its deadline,
 * as kc_case.c's watchdog would have written it inside the case: what the
 * body and its descendants are blocked in, read before they are killed;
 * "expected_failure: <reason>: ..." (its exit code 0 in *code) when the
 * body was inside an expect-fail window, read once it is dead.
 */
static void
kc_batch_watchdog(int i, pid_t pid, int *code)
{
	static char what[8192], why[8192 + KC_BATCH_WINDOW_LEN + 32];
	char res[PATH_MAX];
	size_t used;
	int fd;

	kc_blocked_watchdog(kc_bt.deadline_s[i], pid, 0, what, sizeof(what));
	kc_batch_reap(pid);
	if (kc_batch_window[0] != '\0') {
		snprintf(why, sizeof(why), "expected_failure: %.*s: %s\n",
		    KC_BATCH_WINDOW_LEN - 1, kc_batch_window, what);
		*code = EXIT_SUCCESS;
	} else {
		snprintf(why, sizeof(why), "failed: %s\n", what);
		*code = EXIT_FAILURE;
	}
	used = strlen(why);
	kc_batch_path(res, sizeof(res), "c%d.result", i);
	fd = open(res, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd == -1 || write(fd, why, used) != (ssize_t)used || close(fd) == -1)
		kc_batch_say("writing", res);
}

/* Run one step (body or cleanup) of case i; its how and code. */
static void
kc_batch_step(int i, const char *wd, int cleanup, int *how, int *code)
{
	static struct kc_batch_plan pl;
	int st = 0, rc;
	bool watch;
	pid_t pid;

	kc_batch_window[0] = '\0';
	if (kc_batch_plan(i, wd, cleanup, &pl) == -1 || (pid = fork()) == -1) {
		kc_batch_plan_free(&pl);
		*how = KC_BATCH_SETUP;
		*code = 120;
		return;
	}
	if (pid == 0)
		kc_batch_child(&pl);
	watch = pl.watch;
	kc_batch_plan_free(&pl);
	rc = kc_batch_wait(pid, watch ? (int)kc_bt.deadline_s[i] * 1000 : kc_bt.timeout_ms, &st);
	if (rc != 0 && watch) {
		kc_batch_watchdog(i, pid, code);
		*how = KC_BATCH_WATCHDOG;
		return;
	}
	if (rc != 0) {
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
	kc_batch_reap(pid);
}

static long long
kc_batch_size(const char *suffix)
{
	char path[PATH_MAX];
	struct stat st;

	snprintf(path, sizeof(path), "%s/lane%d.%s", kc_bt.dir, kc_bt.lane, suffix);
	return (stat(path, &st) == 0 ? (long long)st.st_size : 0);
}

/* Run case i (body, then cleanup) and write its c<i>.done. */
static int
kc_batch_case(int i)
{
	char wd[PATH_MAX], done[PATH_MAX], tmp[PATH_MAX + 8], line[256];
	long long x0, l0;
	int how, code, chow = KC_BATCH_NONE, ccode = 0, fd, n;

	kc_batch_path(wd, sizeof(wd), "c%d", i);
	if (mkdir(wd, 0700) == -1 && errno != EEXIST) {
		kc_batch_say("mkdir", wd);
		return (-1);
	}
	x0 = kc_batch_size("xml");
	l0 = kc_batch_size("log");
	kc_batch_step(i, wd, 0, &how, &code);
	if (kc_bt.cleanup[i])
		kc_batch_step(i, wd, 1, &chow, &ccode);
	n = snprintf(line, sizeof(line), "%d %d %d %d %d %lld %lld %lld %lld\n", kc_bt.lane,
	    how, code, chow, ccode, x0, kc_batch_size("xml"), l0, kc_batch_size("log"));
	kc_batch_path(done, sizeof(done), "c%d.done", i);
	snprintf(tmp, sizeof(tmp), "%s.tmp", done);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd == -1 || write(fd, line, (size_t)n) != n || close(fd) == -1 ||
	    rename(tmp, done) == -1) {
		kc_batch_say("writing", done);
		return (-1);
	}
	return (0);
}

/*
 * The next case no lane has claimed, claimed for this lane (its lock held
 * in *lockfd until its .done is written); -1 when none is left.
 */
static int
kc_batch_claim(int qfd, int *lockfd)
{
	char path[PATH_MAX];
	int i, found = -1, fd;

	if (flock(qfd, LOCK_EX) == -1)
		return (-1);
	for (i = 0; i < kc_bt.ncases && found < 0; i++) {
		kc_batch_path(path, sizeof(path), "c%d.claimed", i);
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd == -1)
			continue;	/* EEXIST: claimed */
		close(fd);
		kc_batch_path(path, sizeof(path), "c%d.lock", i);
		*lockfd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		if (*lockfd == -1 || flock(*lockfd, LOCK_EX) == -1) {
			kc_batch_say("locking", path);
			break;
		}
		found = i;
	}
	(void)flock(qfd, LOCK_UN);
	return (found);
}

/* A case name no program has (cases are named [a-z0-9_]). */
#define KC_BATCH_WARM_CASE	"kc-batch.warm-up"

/*
 * The warm-up (kc_batch.h), once in the lane before the first fork, stdout
 * and stderr on /dev/null: main() as a case's child calls it, `<prog> -r
 * /dev/null [-v name=value]... <a case no program has>`, which atf-c parses,
 * answers by building the program's test cases (every head) and returns from
 * with a usage error ("Unknown test case"), and a case's hygiene snapshot
 * (lib/kc_child.h: it reads /proc/self/fd), then a flush of every stream as
 * kc_batch_exit makes.  None of it changes a thread, an fd, a signal or a
 * variable a case sees (atf-c resets getopt).  -1 (to stderr) when Valgrind
 * reported an error meanwhile (the lane's XML report grew), which the
 * children, inheriting Valgrind's table of errors seen, would not report
 * again.
 */
static int
kc_batch_warm(void)
{
	char *av[8 + 2 * KC_BATCH_MAXVARS];
	struct kc_hygiene h;
	long long x0 = kc_batch_size("xml");
	int out = fcntl(1, F_DUPFD_CLOEXEC, 4), err = fcntl(2, F_DUPFD_CLOEXEC, 4);
	int null = open("/dev/null", O_WRONLY | O_CLOEXEC), ac = 0, j;

	if (out == -1 || err == -1 || null == -1 || dup2(null, 1) == -1 || dup2(null, 2) == -1) {
		kc_batch_say("warm-up", "/dev/null");
		return (-1);
	}
	av[ac++] = (char *)kc_bt.prog;
	av[ac++] = "-r";
	av[ac++] = "/dev/null";
	for (j = 0; j < kc_bt.nvars; j++) {
		/* A copy: atf-c cuts "name=value" at the '=' in place. */
		static char copy[KC_BATCH_MAXVARS][PATH_MAX + 64];

		snprintf(copy[j], sizeof(copy[j]), "%s", kc_bt.vars[j]);
		av[ac++] = "-v";
		av[ac++] = copy[j];
	}
	av[ac++] = KC_BATCH_WARM_CASE;
	av[ac] = NULL;
	(void)main(ac, av);
	kc_hygiene_begin(&h);
	(void)fflush(NULL);
	if (dup2(out, 1) == -1 || dup2(err, 2) == -1 || close(out) == -1 || close(err) == -1 ||
	    close(null) == -1) {
		kc_batch_say("warm-up", "stdout");
		return (-1);
	}
	if (kc_batch_size("xml") != x0) {
		errno = EPROTO;
		kc_batch_say("warm-up", "(`-r /dev/null " KC_BATCH_WARM_CASE "`): valgrind reported "
		    "an error, which the cases' children would not report again");
		return (-1);
	}
	return (0);
}

static int
kc_batch_run(int argc, char **argv)
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
		kc_batch_say("usage: <prog> " KC_BATCH_ARG, "<dir> <lane> <first> <timeout_ms> "
		    "<budget_ms> <rules|-> [-v name=value]...");
		return (2);
	}
	kc_bt.prog = argv[0];
	kc_bt.dir = argv[2];
	kc_bt.lane = atoi(argv[3]);
	first = (int)strtol(argv[4], &end, 10);
	kc_bt.timeout_ms = atoi(argv[5]);
	budget_ms = atol(argv[6]);
	if (strcmp(argv[7], "-") != 0) {
		snprintf(rulebuf, sizeof(rulebuf), "%s", argv[7]);
		for (tok = strtok_r(rulebuf, ";", &save); tok != NULL;
		    tok = strtok_r(NULL, ";", &save)) {
			if (kc_bt.nrules == KC_BATCH_MAXRULES ||
			    kc_sandbox_parse_rule(tok, &kc_bt.rules[kc_bt.nrules], why, sizeof(why)) == -1) {
				errno = EINVAL;
				kc_batch_say("rule", kc_bt.nrules == KC_BATCH_MAXRULES ? "too many" : why);
				return (2);
			}
			kc_bt.nrules++;
		}
	}
	for (i = 8; i + 1 < argc && strcmp(argv[i], "-v") == 0 && kc_bt.nvars < KC_BATCH_MAXVARS;
	    i += 2)
		kc_bt.vars[kc_bt.nvars++] = argv[i + 1];
	if (i != argc || kc_bt.timeout_ms <= 0 || *end != '\0') {
		errno = EINVAL;
		kc_batch_say("arguments", NULL);
		return (2);
	}
	if (kc_batch_read_cases() == -1 || first < 0 || first >= kc_bt.ncases) {
		kc_batch_say("case list of", kc_bt.dir);
		return (2);
	}
	if (getcwd(kc_bt.cwd0, sizeof(kc_bt.cwd0)) == NULL)
		kc_bt.cwd0[0] = '\0';
	snprintf(path, sizeof(path), "%s/queue.lock", kc_bt.dir);
	qfd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (qfd == -1 || prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == -1) {
		kc_batch_say("queue lock / subreaper", path);
		return (2);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = kc_batch_onalarm;	/* no SA_RESTART: waitpid returns EINTR */
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGALRM, &sa, &kc_bt.alrm0) == -1) {
		kc_batch_say("sigaction", "SIGALRM");
		return (2);
	}
	kc_batch_window = mmap(NULL, KC_BATCH_WINDOW_LEN, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (kc_batch_window == MAP_FAILED) {
		kc_batch_window = NULL;
		kc_batch_say("mmap", "the expect-fail window page");
		return (2);
	}
	if (kc_batch_warm() == -1)
		return (2);
	/* The first case: claimed, and its lock held, by the lane's launcher. */
	if (kc_batch_case(first) == -1)
		return (2);
	while (kc_ms_since(&t0) < budget_ms && (i = kc_batch_claim(qfd, &lockfd)) >= 0) {
		int rc = kc_batch_case(i);

		close(lockfd);		/* releases the case's waiters */
		if (rc == -1)
			return (2);
	}
	close(qfd);
	(void)munmap(kc_batch_window, KC_BATCH_WINDOW_LEN);
	return (0);
}

/*
 * Runs before main (glibc passes argc, argv and envp to constructors): the
 * batch entry takes over only when asked for by its first argument, which
 * no ATF runner passes.
 */
__attribute__((constructor)) static void
kc_batch_ctor(int argc, char **argv, char **envp)
{
	(void)envp;
	if (argc < 2 || argv == NULL || argv[1] == NULL || strcmp(argv[1], KC_BATCH_ARG) != 0)
		return;
	_exit(kc_batch_run(argc, argv));
}
