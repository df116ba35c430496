/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kc-run: list an ATF program (`prog -l`) and run one case
 * (`prog -s srcdir -r resfile case`) in its own process group under a
 * watchdog; the verdict comes from the ATF result file and the exit status,
 * as kyua derives it.  A case that outlives its timeout is reported with what
 * each process of its group was blocked in (/proc/<pid>/syscall, wchan), then
 * killed.
 */
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kc_run.h"

/* The fixed environment of every case (kyua gives HOME and TMPDIR the work dir). */
#define KC_RUN_PATH	"PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"

static double
kc_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

/* Read a small file into buf (NUL-terminated, trailing newline removed). */
static int
kc_slurp(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		return (-1);
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return (-1);
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\0'))
		buf[--n] = '\0';
	return (0);
}

/* Replace what cannot appear in one KTAP diagnostic line. */
static void
kc_oneline(char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\n' || *s == '\r' || *s == '\t' || (unsigned char)*s < 0x20)
			*s = ' ';
	}
}

/* Remove a directory tree (the case's work directory). */
void
kc_run_rmtree(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;

	if (d != NULL) {
		while ((e = readdir(d)) != NULL) {
			char sub[4096];
			struct stat st;

			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
			if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
				kc_run_rmtree(sub);
			else
				(void)unlink(sub);
		}
		closedir(d);
	}
	(void)rmdir(path);
}

void
kc_run_reap_all(void)
{
	char path[64], line[4096];
	int status, rounds;

	for (rounds = 0; rounds < 100; rounds++) {
		FILE *f;
		int alive = 0;

		while (waitpid(-1, &status, WNOHANG | __WALL) > 0)
			;
		snprintf(path, sizeof(path), "/proc/self/task/%d/children", (int)getpid());
		f = fopen(path, "re");
		if (f == NULL)
			return;
		if (fgets(line, sizeof(line), f) != NULL) {
			char *tok, *save = NULL;

			for (tok = strtok_r(line, " \n", &save); tok != NULL;
			    tok = strtok_r(NULL, " \n", &save)) {
				(void)kill((pid_t)atoi(tok), SIGKILL);
				alive++;
			}
		}
		fclose(f);
		if (alive == 0)
			return;
		/* Blocking reap of one: SIGKILLed children exit promptly. */
		(void)waitpid(-1, &status, __WALL);
	}
}

/*
 * Exec `prog args...` in a fresh process group with the fixed environment,
 * in `cwd`, stdout and stderr to `out` (or /dev/null).  Returns the pid.
 */
static pid_t
kc_spawn(const char *prog, char *const argv[], const char *cwd, const char *out, int scale)
{
	char home[600], tmpdir[600], sc[48];
	/* __RUNNING_INSIDE_ATF_RUN: what kyua sets, so atf-c does not warn on stderr. */
	/* KC_KFACTS_REPORT: the case macro reports the kernel-facts rows a case
	 * consulted (lib/kc_case.c); a pass carries them as its reason. */
	/* KC_DEADLINE_SCALE: --time-scale, for the case macro's deadlines and
	 * Valgrind launch timeouts (lib/kc_case.h kc_case_scale). */
	char *envp[] = { KC_RUN_PATH, home, tmpdir, "TZ=UTC", "LANG=C",
	    "__RUNNING_INSIDE_ATF_RUN=internal-yes-value", "KC_KFACTS_REPORT=1",
	    scale > 1 ? sc : NULL, NULL };
	sigset_t none;
	pid_t pid;

	snprintf(sc, sizeof(sc), "KC_DEADLINE_SCALE=%d", scale);
	snprintf(home, sizeof(home), "HOME=%s", cwd);
	snprintf(tmpdir, sizeof(tmpdir), "TMPDIR=%s", cwd);
	pid = fork();
	if (pid != 0)
		return (pid);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	(void)setpgid(0, 0);
	int in = open("/dev/null", O_RDONLY);
	int o = open(out != NULL ? out : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (in == -1 || o == -1 || chdir(cwd) == -1)
		_exit(127);
	dup2(in, 0);
	dup2(o, 1);
	dup2(o, 2);
	if (in > 2)
		close(in);
	if (o > 2)
		close(o);
	execve(prog, argv, envp);
	_exit(127);
}

/* What each process of group `pgid` is blocked in, as diagnostic lines. */
static void
kc_describe_hang(pid_t pgid, struct kc_run_result *r, char *first, size_t flen)
{
	DIR *d = opendir("/proc");
	struct dirent *e;

	*first = '\0';
	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL && r->ndiag < 8) {
		char path[300], stat[1024], sc[256], wchan[128], comm[64], state;
		int pid = atoi(e->d_name), ppid, pgrp;
		char *cp;

		if (pid <= 0)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/stat", pid);
		if (kc_slurp(path, stat, sizeof(stat)) != 0)
			continue;
		/* "pid (comm) state ppid pgrp ...": comm may hold spaces. */
		cp = strrchr(stat, ')');
		if (cp == NULL || sscanf(cp + 1, " %c %d %d", &state, &ppid, &pgrp) != 3 ||
		    pgrp != pgid)
			continue;
		*cp = '\0';
		snprintf(comm, sizeof(comm), "%s", strchr(stat, '(') ? strchr(stat, '(') + 1 : "?");
		snprintf(path, sizeof(path), "/proc/%d/syscall", pid);
		if (kc_slurp(path, sc, sizeof(sc)) != 0)
			snprintf(sc, sizeof(sc), "unreadable");
		/* Only the syscall number and first argument: the rest is noise. */
		char *sp = strchr(sc, ' ');
		if (sp != NULL && (sp = strchr(sp + 1, ' ')) != NULL)
			*sp = '\0';
		snprintf(path, sizeof(path), "/proc/%d/wchan", pid);
		if (kc_slurp(path, wchan, sizeof(wchan)) != 0 || *wchan == '\0')
			snprintf(wchan, sizeof(wchan), "0");
		snprintf(r->diag[r->ndiag], sizeof(r->diag[0]),
		    "pid %d (%s) state %c, syscall %s, wchan %s", pid, comm, state, sc, wchan);
		kc_oneline(r->diag[r->ndiag]);
		if (*first == '\0')
			snprintf(first, flen, "%s", r->diag[r->ndiag]);
		r->ndiag++;
	}
	closedir(d);
}

/*
 * Wait for `pid` up to `timeout` seconds (SIGCHLD is blocked by main).
 * Returns 0 with *status, or 1 on timeout (the child still runs).
 */
static int
kc_wait(pid_t pid, int timeout, int *status)
{
	double deadline = kc_now() + timeout;
	sigset_t chld;

	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	for (;;) {
		pid_t w = waitpid(pid, status, WNOHANG);
		struct timespec ts;
		double left;

		if (w == pid)
			return (0);
		if (w == -1 && errno != EINTR)
			return (0);
		left = deadline - kc_now();
		if (left <= 0)
			return (1);
		ts.tv_sec = (time_t)left;
		ts.tv_nsec = (long)((left - (double)ts.tv_sec) * 1e9);
		(void)sigtimedwait(&chld, NULL, &ts);
	}
}

/* Append the last lines of the case's output as diagnostics. */
static void
kc_tail(const char *path, struct kc_run_result *r)
{
	char buf[8192], *lines[64];
	int n = 0, i, start;

	if (kc_slurp(path, buf, sizeof(buf)) != 0 || *buf == '\0')
		return;
	for (char *s = buf, *save = NULL, *l; (l = strtok_r(s, "\n", &save)) != NULL; s = NULL) {
		if (n == 64) {
			memmove(lines, lines + 1, sizeof(lines[0]) * 63);
			n = 63;
		}
		lines[n++] = l;
	}
	start = n - (8 - r->ndiag);
	if (start < 0)
		start = 0;
	for (i = start; i < n && r->ndiag < 8; i++) {
		snprintf(r->diag[r->ndiag], sizeof(r->diag[0]), "| %s", lines[i]);
		kc_oneline(r->diag[r->ndiag]);
		r->ndiag++;
	}
}

/* A passed case's "kconform-kfacts: <text>" line (lib/kc_case.c) as its reason. */
static void
kc_kfacts_reason(const char *path, struct kc_run_result *r)
{
	static const char tag[] = "kconform-kfacts: ";
	char buf[8192], *l, *save = NULL;

	if (kc_slurp(path, buf, sizeof(buf)) != 0)
		return;
	for (char *s = buf; (l = strtok_r(s, "\n", &save)) != NULL; s = NULL) {
		if (strncmp(l, tag, sizeof(tag) - 1) == 0) {
			snprintf(r->reason, sizeof(r->reason), "%s", l + sizeof(tag) - 1);
			kc_oneline(r->reason);
		}
	}
}

/* kyua's reading of an ATF result file plus the exit status. */
static void
kc_verdict(const char *res, int status, struct kc_run_result *r)
{
	char line[1024], *reason;
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;

	if (kc_slurp(res, line, sizeof(line)) != 0 || *line == '\0') {
		r->outcome = KC_RUN_ERROR;
		if (sig != 0)
			snprintf(r->reason, sizeof(r->reason),
			    "premature exit: received signal %d (%s)", sig, strsignal(sig));
		else
			snprintf(r->reason, sizeof(r->reason),
			    "premature exit: exit code %d, no result file", code);
		return;
	}
	kc_oneline(line);
	reason = strstr(line, ": ");
	reason = reason != NULL ? reason + 2 : (char *)"";
	snprintf(r->reason, sizeof(r->reason), "%s", reason);
	if (strcmp(line, "passed") == 0) {
		r->outcome = code == 0 ? KC_RUN_PASS : KC_RUN_ERROR;
		if (code != 0)
			snprintf(r->reason, sizeof(r->reason), "passed but %s %d",
			    sig ? "received signal" : "exited with", sig ? sig : code);
	} else if (strncmp(line, "failed:", 7) == 0) {
		/* atf-c's words when an expect_fail window saw no failure. */
		if (strstr(reason, "was expecting a failure but") != NULL)
			r->outcome = KC_RUN_XPASS;
		else
			r->outcome = KC_RUN_FAIL;
	} else if (strncmp(line, "skipped:", 8) == 0) {
		r->outcome = KC_RUN_SKIP;
	} else if (strncmp(line, "expected_failure:", 17) == 0 ||
	    strncmp(line, "expected_death:", 15) == 0) {
		r->outcome = KC_RUN_XFAIL;
	} else if (strncmp(line, "expected_exit", 13) == 0) {
		int want = -1;

		(void)sscanf(line, "expected_exit(%d)", &want);
		r->outcome = code >= 0 && (want == -1 || want == code) ? KC_RUN_XFAIL : KC_RUN_FAIL;
	} else if (strncmp(line, "expected_signal", 15) == 0) {
		int want = -1;

		(void)sscanf(line, "expected_signal(%d)", &want);
		r->outcome = sig != 0 && (want == -1 || want == sig) ? KC_RUN_XFAIL : KC_RUN_FAIL;
	} else if (strncmp(line, "expected_timeout:", 17) == 0) {
		r->outcome = KC_RUN_FAIL;
		snprintf(r->reason, sizeof(r->reason),
		    "Test case was expected to hang but it continued execution");
	} else if (strncmp(line, "broken:", 7) == 0) {
		r->outcome = KC_RUN_ERROR;
	} else {
		r->outcome = KC_RUN_ERROR;
		snprintf(r->reason, sizeof(r->reason), "unknown result file line: %.900s", line);
	}
}

void
kc_run_one(const struct kc_run_config *cfg, const struct kc_run_program *p,
    const struct kc_run_case *c, struct kc_run_result *r)
{
	char prog[PATH_MAX + 600], srcdir[PATH_MAX + 600], work[1024], res[1024], out[1024], ident[300];
	char *argv[8 + 2 * KC_RUN_MAXVARS];
	int n = 0, i, status = 0, timed_out, timeout;
	double t0;
	pid_t pid;

	memset(r, 0, sizeof(*r));
	if (*c->unmet != '\0') {
		r->outcome = KC_RUN_SKIP;
		snprintf(r->reason, sizeof(r->reason), "%s", c->unmet);
		return;
	}
	snprintf(prog, sizeof(prog), "%s/%s", cfg->root, p->path);
	snprintf(srcdir, sizeof(srcdir), "%s", prog);
	*strrchr(srcdir, '/') = '\0';
	snprintf(work, sizeof(work), "%s/work", cfg->workdir);
	snprintf(res, sizeof(res), "%s/result", cfg->workdir);
	snprintf(out, sizeof(out), "%s/output", cfg->workdir);
	(void)unlink(res);
	if (mkdir(work, 0700) == -1) {
		r->outcome = KC_RUN_ERROR;
		snprintf(r->reason, sizeof(r->reason), "mkdir %s: %s", work, strerror(errno));
		return;
	}
	argv[n++] = prog;
	argv[n++] = "-s";
	argv[n++] = srcdir;
	argv[n++] = "-r";
	argv[n++] = res;
	for (i = 0; i < cfg->nvars; i++) {
		argv[n++] = "-v";
		argv[n++] = (char *)cfg->vars[i];
	}
	argv[n++] = (char *)c->name;
	argv[n] = NULL;

	t0 = kc_now();
	pid = kc_spawn(prog, argv, work, out, cfg->time_scale);
	if (pid == -1) {
		r->outcome = KC_RUN_ERROR;
		snprintf(r->reason, sizeof(r->reason), "fork: %s", strerror(errno));
		kc_run_rmtree(work);
		return;
	}
	(void)setpgid(pid, pid);
	timeout = c->timeout * (cfg->time_scale > 0 ? cfg->time_scale : 1);
	timed_out = kc_wait(pid, timeout, &status);
	if (timed_out) {
		char first[512];

		kc_describe_hang(pid, r, first, sizeof(first));
		(void)killpg(pid, SIGKILL);
		(void)waitpid(pid, &status, 0);
		r->outcome = KC_RUN_TIMEOUT;
		snprintf(r->reason, sizeof(r->reason), "timed out after %d s; blocked: %s",
		    timeout, *first ? first : "no process left in its group");
	} else {
		kc_verdict(res, status, r);
	}
	(void)killpg(pid, SIGKILL);
	r->seconds = kc_now() - t0;

	/* has.cleanup: run the cleanup routine, as kyua does, in the same work dir. */
	if (c->has_cleanup) {
		snprintf(ident, sizeof(ident), "%s:cleanup", c->name);
		n = 0;
		argv[n++] = prog;
		argv[n++] = "-s";
		argv[n++] = srcdir;
		for (i = 0; i < cfg->nvars; i++) {
			argv[n++] = "-v";
			argv[n++] = (char *)cfg->vars[i];
		}
		argv[n++] = ident;
		argv[n] = NULL;
		pid = kc_spawn(prog, argv, work, NULL, cfg->time_scale);
		if (pid > 0 && kc_wait(pid, timeout, &status)) {
			(void)killpg(pid, SIGKILL);
			(void)waitpid(pid, &status, 0);
			if (r->outcome == KC_RUN_PASS) {
				r->outcome = KC_RUN_ERROR;
				snprintf(r->reason, sizeof(r->reason),
				    "cleanup routine timed out after %d s", timeout);
			}
		}
	}
	if (r->outcome != KC_RUN_PASS && r->outcome != KC_RUN_SKIP &&
	    r->outcome != KC_RUN_XFAIL)
		kc_tail(out, r);
	if (r->outcome == KC_RUN_PASS)
		kc_kfacts_reason(out, r);
	kc_run_reap_all();
	kc_run_rmtree(work);
	(void)unlink(res);
	(void)unlink(out);
}

/* Is `prog` an executable, by absolute path or on the cases' PATH? */
static int
kc_have_prog(const char *prog)
{
	static const char *const dirs[] = { "/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin",
	    "/sbin" };
	char path[1024];
	size_t i;

	if (*prog == '/')
		return (access(prog, X_OK) == 0);
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dirs[i], prog);
		if (access(path, X_OK) == 0)
			return (1);
	}
	return (0);
}

/*
 * The require.* metadata kyua checks before running a case (the program
 * itself does not): user, progs, machine.  An unmet one skips the case with
 * kyua's kind of reason.
 */
static void
kc_require(const char *md, struct kc_run_case *c)
{
	char buf[1024], *tok, *save = NULL;
	struct utsname u;
	int found = 0;

	if (*c->unmet != '\0')
		return;
	if (strcmp(md, "user: root") == 0 && geteuid() != 0) {
		snprintf(c->unmet, sizeof(c->unmet), "Requires root privileges");
	} else if (strcmp(md, "user: unprivileged") == 0 && geteuid() == 0) {
		snprintf(c->unmet, sizeof(c->unmet), "Requires an unprivileged user");
	} else if (strncmp(md, "progs: ", 7) == 0) {
		snprintf(buf, sizeof(buf), "%s", md + 7);
		for (tok = strtok_r(buf, " ", &save); tok != NULL; tok = strtok_r(NULL, " ", &save)) {
			if (!kc_have_prog(tok)) {
				snprintf(c->unmet, sizeof(c->unmet), "Required program '%.200s' not found",
				    tok);
				break;
			}
		}
	} else if (strncmp(md, "machine: ", 9) == 0 && uname(&u) == 0) {
		snprintf(buf, sizeof(buf), "%s", md + 9);
		for (tok = strtok_r(buf, " ", &save); tok != NULL; tok = strtok_r(NULL, " ", &save))
			found |= strcmp(tok, u.machine) == 0;
		if (!found)
			snprintf(c->unmet, sizeof(c->unmet), "Current machine '%s' not supported",
			    u.machine);
	}
}

int
kc_run_list(const struct kc_run_config *cfg, struct kc_run_program *p, char *why, size_t len)
{
	char prog[PATH_MAX + 600], out[1024], line[1024];
	char *argv[] = { prog, "-l", NULL };
	int status;
	FILE *f;
	pid_t pid;

	snprintf(prog, sizeof(prog), "%s/%s", cfg->root, p->path);
	snprintf(out, sizeof(out), "%s/list", cfg->workdir);
	if (access(prog, X_OK) != 0) {
		snprintf(why, len, "%s: %s", p->path, strerror(errno));
		return (-1);
	}
	pid = kc_spawn(prog, argv, cfg->workdir, out, 0);
	if (pid == -1 || kc_wait(pid, 60, &status)) {
		if (pid > 0) {
			(void)killpg(pid, SIGKILL);
			(void)waitpid(pid, &status, 0);
		}
		snprintf(why, len, "%s -l: %s", p->path, pid == -1 ? strerror(errno) :
		    "timed out after 60 s");
		return (-1);
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		snprintf(why, len, "%s -l: %s %d", p->path,
		    WIFEXITED(status) ? "exit code" : "signal",
		    WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
		(void)unlink(out);
		return (-1);
	}
	f = fopen(out, "re");
	if (f == NULL) {
		snprintf(why, len, "%s: %s", out, strerror(errno));
		return (-1);
	}
	p->ncases = 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		struct kc_run_case *c;

		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "ident: ", 7) == 0) {
			if (p->ncases == KC_RUN_MAXCASES) {
				snprintf(why, len, "%s: more than %d cases", p->path,
				    KC_RUN_MAXCASES);
				fclose(f);
				return (-1);
			}
			c = &p->cases[p->ncases++];
			memset(c, 0, sizeof(*c));
			snprintf(c->name, sizeof(c->name), "%.127s", line + 7);
			c->timeout = p->timeout;
		} else if (p->ncases > 0 && strncmp(line, "timeout: ", 9) == 0) {
			/* The case's own timeout overrides the program's, as in kyua. */
			p->cases[p->ncases - 1].timeout = atoi(line + 9);
		} else if (p->ncases > 0 && strcmp(line, "has.cleanup: true") == 0) {
			p->cases[p->ncases - 1].has_cleanup = 1;
		} else if (p->ncases > 0 && strncmp(line, "require.", 8) == 0) {
			kc_require(line + 8, &p->cases[p->ncases - 1]);
		}
	}
	fclose(f);
	(void)unlink(out);
	if (p->ncases == 0) {
		snprintf(why, len, "%s -l: no test cases", p->path);
		return (-1);
	}
	return (0);
}
