/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared Valgrind lanes (see kc_vgbatch.h; the lane itself: kc_batch.h). */
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_batch.h"
#include "kc_blocked.h"
#include "kc_case.h"
#include "kc_child.h"
#include "kc_file.h"
#include "kc_hash.h"
#include "kc_macros.h"
#include "kc_vgbatch.h"
#include "kc_vgrun.h"

#define KC_VGB_MAXARGS	96
#define KC_VGB_MAXVARS	16

/* snprintf that fails the case rather than truncate (ATF). */
static void kc_vgb_fmt(char *buf, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
kc_vgb_fmt(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	ATF_REQUIRE_MSG(n >= 0 && (size_t)n < len, "path too long: %s...", buf);
}

/*
 * The batch's name: everything that makes a lane's runs what they are
 * (Valgrind, its options, the program, config, rules, the case list, the
 * environment but for the variables that name the asking case's cwd).
 */
static unsigned long long
kc_vgb_key(const char *prog, const char *cases, const struct kc_vgbatch_opts *o,
    const char *cwd)
{
	unsigned long long h = KC_HASH_INIT;
	int i;

	h = kc_hash_str(h, kc_vgrun_valgrind());
	for (i = 0; o->vgopts[i] != NULL; i++)
		h = kc_hash_str(h, o->vgopts[i]);
	h = kc_hash_str(kc_hash_str(h, "\001"), prog);
	for (i = 0; o->vars != NULL && o->vars[i] != NULL; i++)
		h = kc_hash_str(h, o->vars[i]);
	h = kc_hash_str(kc_hash_str(h, "\001"), o->rules != NULL ? o->rules : "-");
	h = kc_hash_str(h, cases);
	for (i = 0; environ[i] != NULL; i++) {
		const char *eq = strchr(environ[i], '=');

		if (eq == NULL || strcmp(eq + 1, cwd) != 0)
			h = kc_hash_str(h, environ[i]);
	}
	return (h);
}

static void
kc_vgb_write(const char *path, const char *text)
{
	char tmp[PATH_MAX + 8];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	ATF_REQUIRE_MSG(f != NULL, "%s: %s", tmp, strerror(errno));
	ATF_REQUIRE(fputs(text, f) >= 0);
	ATF_REQUIRE_MSG(fclose(f) == 0, "%s: %s", tmp, strerror(errno));
	RL(rename(tmp, path));
}

static int
kc_vgb_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		return (rmdir(path));
	return (unlink(path));
}

/*
 * Launch lane `lane` of batch dir, starting with case first (claimed, its
 * lock held by the caller), and wait for it (ATF).
 */
static void
kc_vgb_launch(const atf_tc_t *tc, const char *dir, const char *prog, int lane,
    int first, const struct kc_vgbatch_opts *o)
{
	char xmlarg[PATH_MAX + 16], logarg[PATH_MAX + 16], errp[PATH_MAX];
	char lanes[16], firsts[16], tos[16], budget[16], why[1024];
	const char *av[KC_VGB_MAXARGS];
	int n = 0, i, was = 0, budget_ms, wait_ms;
	siginfo_t si;
	pid_t pid;

	(void)tc;
	av[n++] = kc_vgrun_valgrind();
	for (i = 0; o->vgopts[i] != NULL && n < KC_VGB_MAXARGS - 48; i++)
		av[n++] = o->vgopts[i];
	kc_vgb_fmt(xmlarg, sizeof(xmlarg), "--xml-file=%s/lane%d.xml", dir, lane);
	kc_vgb_fmt(logarg, sizeof(logarg), "--log-file=%s/lane%d.log", dir, lane);
	av[n++] = xmlarg;
	av[n++] = logarg;
	av[n++] = prog;
	av[n++] = KC_BATCH_ARG;
	av[n++] = dir;
	snprintf(lanes, sizeof(lanes), "%d", lane);
	snprintf(firsts, sizeof(firsts), "%d", first);
	snprintf(tos, sizeof(tos), "%d", o->timeout_ms);
	budget_ms = o->timeout_ms / 4;
	snprintf(budget, sizeof(budget), "%d", budget_ms);
	av[n++] = lanes;
	av[n++] = firsts;
	av[n++] = tos;
	av[n++] = budget;
	av[n++] = o->rules != NULL ? o->rules : "-";
	for (i = 0; o->vars != NULL && o->vars[i] != NULL && n < KC_VGB_MAXARGS - 3; i++) {
		av[n++] = "-v";
		av[n++] = o->vars[i];
	}
	av[n] = NULL;
	kc_vgb_fmt(errp, sizeof(errp), "%s/lane%d.stderr", dir, lane);

	/* Stragglers of the lane, should it die, are reparented to us. */
	(void)prctl(PR_GET_CHILD_SUBREAPER, &was, 0, 0, 0);
	RL(prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0));
	pid = kc_fork();
	if (pid == 0) {
		int nul = open("/dev/null", O_RDWR);
		int err = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		KC_CHILD_REQUIRE(nul >= 0 && err >= 0);
		KC_CHILD_REQUIRE(dup2(nul, 0) == 0);
		KC_CHILD_REQUIRE(dup2(nul, 1) == 1);
		KC_CHILD_REQUIRE(dup2(err, 2) == 2);
		execv(av[0], (char *const *)av);
		_exit(127);
	}
	/* Its budget, then the last case's body and cleanup, and startup (30 s,
	 * times the run's time scale as o's timeouts are). */
	wait_ms = budget_ms + 2 * o->timeout_ms + 30000 * (int)kc_case_scale();
	if (kc_wait_timeout(pid, WEXITED, wait_ms, &si) == -1) {
		pid_t kids[256];
		int k, nk;

		ATF_REQUIRE_MSG(errno == ETIMEDOUT, "waiting for valgrind lane %d of %s: %s",
		    lane, prog, strerror(errno));
		kc_blocked_pid(pid, why, sizeof(why));
		nk = kc_descendants(getpid(), kids, 256);
		for (k = 0; k < nk; k++)
			(void)kill(kids[k], SIGKILL);
		(void)kc_reap_children(NULL);
		(void)prctl(PR_SET_CHILD_SUBREAPER, was, 0, 0, 0);
		atf_tc_fail("valgrind lane %d of %s did not end in %d ms: %s", lane, prog,
		    wait_ms, why);
	}
	(void)kc_reap_children(NULL);
	(void)prctl(PR_SET_CHILD_SUBREAPER, was, 0, 0, 0);
	if (si.si_code != CLD_EXITED || si.si_status != 0) {
		char *err = kc_file_slurp(errp), line[600], st[64];

		atf_tc_fail("valgrind lane %d of %s %s: %s", lane, prog,
		    kc_describe_status(&si, st, sizeof(st)),
		    kc_vgrun_oneline(err != NULL ? err : "", line, sizeof(line)));
	}
}

/* Case idx's results, from dir/c<idx>.* and the lane's report and log. */
static void
kc_vgb_read(const char *dir, const char *prog, const struct kc_vgbatch_case *c, int idx,
    struct kc_vgbatch_result *r)
{
	static const char close_tag[] = "\n</valgrindoutput>\n";
	char path[PATH_MAX], *done, *text, *xml, *log, *hdr;
	long long x0, x1, l0, l1;
	int how, code, chow, ccode, errfd;
	size_t xlen, llen, hlen;
	siginfo_t si;

	kc_vgb_fmt(path, sizeof(path), "%s/c%d.done", dir, idx);
	done = kc_file_slurp(path);
	ATF_REQUIRE_MSG(done != NULL, "valgrind lane of %s ended without a result for %s "
	    "(%s missing)", prog, c->name, path);
	ATF_REQUIRE_MSG(sscanf(done, "%d %d %d %d %d %lld %lld %lld %lld", &r->lane, &how,
	    &code, &chow, &ccode, &x0, &x1, &l0, &l1) == 9, "%s: bad line '%s'", path, done);
	free(done);

	kc_vgb_fmt(path, sizeof(path), "%s/c%d.result", dir, idx);
	text = kc_file_slurp(path);
	kc_vgb_fmt(path, sizeof(path), "%s/c%d.stderr", dir, idx);
	errfd = open(path, O_RDONLY | O_CLOEXEC);
	memset(&si, 0, sizeof(si));
	/* _WATCHDOG: the lane wrote the watchdog's result; code is the exit
	 * status atf_tc_fail would have given (lib/kc_batch.h). */
	si.si_code = how == KC_BATCH_KILLED ? CLD_KILLED : CLD_EXITED;
	si.si_status = code;
	if (how == KC_BATCH_TIMEOUT) {
		/* As kc_atf_run reports a case that outlived its timeout. */
		r->res.verdict = KC_V_BROKEN;
		snprintf(r->res.reason, sizeof(r->res.reason), "%.1024s:%.128s: %s", prog,
		    c->name, strerror(ETIMEDOUT));
		r->res.exited = 0;
		r->res.status = 0;
	} else {
		kc_atf_verdict(prog, c->name, text != NULL ? text : "", errfd, &si, &r->res);
	}
	free(text);
	if (errfd >= 0)
		RL(close(errfd));
	r->cleanup_ran = chow != KC_BATCH_NONE;
	r->cleanup_exited = chow == KC_BATCH_EXITED;
	r->cleanup_status = ccode;

	kc_vgb_fmt(path, sizeof(path), "%s/lane%d.xml", dir, r->lane);
	xml = kc_file_slurp(path);
	xlen = xml != NULL ? strlen(xml) : 0;
	hdr = xml != NULL ? strstr(xml, "</status>") : NULL;
	hlen = hdr != NULL ? (size_t)(hdr - xml) + strlen("</status>") : 0;
	ATF_REQUIRE_MSG(x0 <= x1 && (size_t)x1 <= xlen && (xml == NULL || hdr != NULL),
	    "%s: %zu bytes, no preamble or not the range %lld..%lld of %s", path, xlen,
	    x0, x1, c->name);
	if ((long long)hlen > x0)
		x0 = (long long)hlen;	/* not reached: the preamble precedes the cases */
	r->xml = malloc(hlen + (size_t)(x1 > x0 ? x1 - x0 : 0) + sizeof(close_tag));
	ATF_REQUIRE_MSG(r->xml != NULL, "out of memory");
	if (xml != NULL)
		memcpy(r->xml, xml, hlen);
	if (x1 > x0)
		memcpy(r->xml + hlen, xml + x0, (size_t)(x1 - x0));
	memcpy(r->xml + hlen + (size_t)(x1 > x0 ? x1 - x0 : 0), close_tag, sizeof(close_tag));
	if (xml == NULL)
		r->xml[0] = '\0';	/* Valgrind never started: no report */
	free(xml);

	kc_vgb_fmt(path, sizeof(path), "%s/lane%d.log", dir, r->lane);
	log = kc_file_slurp(path);
	llen = log != NULL ? strlen(log) : 0;
	ATF_REQUIRE_MSG(l0 <= l1 && (size_t)l1 <= llen, "%s: %zu bytes, not the range "
	    "%lld..%lld of %s", path, llen, l0, l1, c->name);
	r->log = strndup(log != NULL ? log + l0 : "", (size_t)(l1 - l0));
	ATF_REQUIRE_MSG(r->log != NULL, "out of memory");
	free(log);
}

void
kc_vgbatch_run(const atf_tc_t *tc, const char *prog, const struct kc_vgbatch_case *cases,
    int ncases, int idx, const struct kc_vgbatch_opts *o, struct kc_vgbatch_result *r)
{
	char dir[PATH_MAX], path[PATH_MAX + 32], cwd[PATH_MAX], aprog[PATH_MAX];
	char *list, *have;
	size_t len = 0;
	bool cached = atf_tc_has_config_var(tc, "vgrun_cache");
	int qfd, lfd = -1, lane = 0, i, first = idx, n = ncases;
	FILE *f;

	memset(r, 0, sizeof(*r));
	ATF_REQUIRE_MSG(kc_vgrun_valgrind() != NULL, "kc_vgbatch_run before kc_vgrun_require");
	ATF_REQUIRE_MSG(idx >= 0 && idx < ncases && ncases <= KC_BATCH_MAXCASES,
	    "case %d of %d (at most %d)", idx, ncases, KC_BATCH_MAXCASES);
	ATF_REQUIRE_MSG(getcwd(cwd, sizeof(cwd)) != NULL, "getcwd: %s", strerror(errno));
	/* The program as given (it names the case in reasons, as kc_atf_run's
	 * would); absolute, since each case runs in a directory of its own. */
	if (prog[0] == '/')
		kc_vgb_fmt(aprog, sizeof(aprog), "%s", prog);
	else
		ATF_REQUIRE_MSG(realpath(prog, aprog) != NULL, "%s: %s", prog,
		    strerror(errno));
	if (!cached) {
		first = 0;	/* a batch of this case alone */
		n = 1;
		cases += idx;
	}
	list = malloc((size_t)n * 160 + 1);
	ATF_REQUIRE_MSG(list != NULL, "out of memory");
	for (i = 0; i < n; i++) {
		ATF_REQUIRE_MSG(strchr(cases[i].name, ' ') == NULL && strlen(cases[i].name) < 128,
		    "case name '%s'", cases[i].name);
		if (cases[i].deadline_s > 0)
			len += (size_t)sprintf(list + len, "%s %d %u\n", cases[i].name,
			    cases[i].cleanup, cases[i].deadline_s);
		else
			len += (size_t)sprintf(list + len, "%s %d\n", cases[i].name,
			    cases[i].cleanup);
	}
	if (cached) {
		kc_vgb_fmt(dir, sizeof(dir), "%s/vgbatch-%016llx",
		    atf_tc_get_config_var(tc, "vgrun_cache"), kc_vgb_key(aprog, list, o, cwd));
		if (mkdir(dir, 0700) == -1)
			ATF_REQUIRE_MSG(errno == EEXIST, "mkdir %s: %s", dir, strerror(errno));
	} else {
		kc_vgb_fmt(dir, sizeof(dir), "%s/kc-vgbatch.XXXXXX", cwd);
		ATF_REQUIRE_MSG(mkdtemp(dir) != NULL, "mkdtemp %s: %s", dir, strerror(errno));
	}

	kc_vgb_fmt(path, sizeof(path), "%s/queue.lock", dir);
	qfd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	ATF_REQUIRE_MSG(qfd >= 0, "%s: %s", path, strerror(errno));
	RL(flock(qfd, LOCK_EX));
	kc_vgb_fmt(path, sizeof(path), "%s/cases", dir);
	have = kc_file_slurp(path);
	if (have == NULL)
		kc_vgb_write(path, list);
	else
		ATF_REQUIRE_MSG(strcmp(have, list) == 0, "%s holds another case list", path);
	free(have);
	free(list);
	kc_vgb_fmt(path, sizeof(path), "%s/c%d.done", dir, first);
	if (access(path, F_OK) == 0) {
		RL(close(qfd));			/* done: read it back */
	} else {
		kc_vgb_fmt(path, sizeof(path), "%s/c%d.claimed", dir, first);
		if (access(path, F_OK) == 0) {
			/* Claimed by a running lane: its lock is released when the
			 * case is done (or the lane is gone). */
			RL(close(qfd));
			kc_vgb_fmt(path, sizeof(path), "%s/c%d.lock", dir, first);
			lfd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
			ATF_REQUIRE_MSG(lfd >= 0, "%s: %s", path, strerror(errno));
			RL(flock(lfd, LOCK_EX));
			RL(close(lfd));
		} else {
			char *s;

			/* A new lane, which runs this case first. */
			f = fopen(path, "w");
			ATF_REQUIRE_MSG(f != NULL && fclose(f) == 0, "%s: %s", path,
			    strerror(errno));
			kc_vgb_fmt(path, sizeof(path), "%s/c%d.lock", dir, first);
			lfd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
			ATF_REQUIRE_MSG(lfd >= 0, "%s: %s", path, strerror(errno));
			RL(flock(lfd, LOCK_EX));
			kc_vgb_fmt(path, sizeof(path), "%s/lanes", dir);
			s = kc_file_slurp(path);
			lane = s != NULL ? atoi(s) : 0;
			free(s);
			snprintf(cwd, sizeof(cwd), "%d\n", lane + 1);
			kc_vgb_write(path, cwd);
			RL(close(qfd));
			r->launched = true;
			kc_vgb_launch(tc, dir, aprog, lane, first, o);
			RL(close(lfd));
		}
	}
	kc_vgb_read(dir, aprog, &cases[first], first, r);
	if (!cached)
		ATF_REQUIRE_MSG(nftw(dir, kc_vgb_rm, 8, FTW_DEPTH | FTW_PHYS) == 0,
		    "removing %s: %s", dir, strerror(errno));
}

void
kc_vgbatch_free(struct kc_vgbatch_result *r)
{
	free(r->xml);
	free(r->log);
	r->xml = r->log = NULL;
}
