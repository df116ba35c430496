/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kc-run: run every case of every ATF program of a build and print KTAP v1
 * (README, "The KTAP contract").
 *
 *   kc-run [--build-root DIR] [--programs FILE] [--runner NAME] [--list]
 *          [--summary=lava] [--skip PATTERN]... [-v NAME=VALUE]... [--linux32]
 *          [--time-scale N] [PROGRAM...]
 *
 * FILE lists one program a line, its path relative to DIR, then optional
 * " key=value" metadata (timeout=SECONDS); default DIR/kc-programs.txt.
 * DIR defaults to ./build, else (installed) PREFIX/tests/kconform.
 * PROGRAM arguments restrict the run (a path, "pidfd/x_test" or
 * "pidfd_x_test").  A case whose "<program>:<case>" (KTAP names) matches a
 * --skip shell pattern is not run and reads "ok N case # SKIP skip list:
 * PATTERN" (the LAVA definition's SKIPLIST/SKIPFILE).  -v NAME=VALUE is
 * passed to every program (e.g. valgrind=/usr/bin/valgrind); unless one
 * names vgrun_cache, the run gets a private vgrun_cache directory (shared
 * Valgrind launches, lib/kc_vgrun.h), as under run-suite.sh.  --time-scale
 * N (1..100) is for a slow environment (Valgrind in a TCG guest): every
 * case's timeout is N times its own, and the cases get KC_DEADLINE_SCALE=N
 * in their environment, which multiplies their watchdog deadlines and
 * Valgrind launch timeouts the same way (lib/kc_case.h kc_case_scale).  Exit status
 * as kselftest's: 0 all passed (expected failures and skips included), 1 a
 * case failed, errored, timed out or passed unexpectedly, 4 every case
 * skipped; 2 on bad usage.
 *
 * As PID 1 (the /init of matrix/kernel/mkinitramfs.sh) it first mounts /proc,
 * /sys, devtmpfs on /dev, a tmpfs on /tmp and cgroup2 on /sys/fs/cgroup,
 * lowers the console log level to 1 (only emergencies interleave with the
 * KTAP), defaults DIR to /kconform, and at the end powers off whatever
 * happened.  Arguments reach it after "--" on the kernel command line.
 * --linux32 sets the PER_LINUX32 personality first (what linux32(1) does):
 * a 32-bit suite in a 64-bit kernel (compat syscalls) then reads its own
 * machine from uname(2), e.g. i686 under x86_64, and the KTAP header says so.
 */
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/reboot.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kc_run.h"

#ifndef KC_RUN_VERSION
#define KC_RUN_VERSION "unknown"
#endif

struct kc_outcome_rec {
	const char *prog;
	char	cs[128];
	enum kc_run_outcome outcome;
};

static void
kc_pid1_setup(void)
{
	static const struct { const char *src, *dir, *type; } m[] = {
		{ "proc", "/proc", "proc" },
		{ "sysfs", "/sys", "sysfs" },
		{ "devtmpfs", "/dev", "devtmpfs" },
		{ "tmpfs", "/tmp", "tmpfs" },
		{ "cgroup2", "/sys/fs/cgroup", "cgroup2" },
	};
	size_t i;
	int fd;

	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		(void)mkdir(m[i].dir, 0755);
		if (mount(m[i].src, m[i].dir, m[i].type, 0, NULL) == -1)
			fprintf(stderr, "kc-run: mount %s on %s: %s\n", m[i].type, m[i].dir,
			    strerror(errno));
	}
	/*
	 * The links of /dev that udev or systemd-tmpfiles make and devtmpfs
	 * does not: without /dev/fd, a case run with "-r /dev/fd/3" (a parity
	 * case's kernel case, lib/kc_atfrun.c and its Valgrind lane) cannot
	 * write its result ("Cannot create results file '/dev/fd/3'").
	 */
	if (symlink("/proc/self/fd", "/dev/fd") == -1 && errno != EEXIST)
		fprintf(stderr, "kc-run: symlink /dev/fd: %s\n", strerror(errno));
	(void)symlink("/proc/self/fd/0", "/dev/stdin");
	(void)symlink("/proc/self/fd/1", "/dev/stdout");
	(void)symlink("/proc/self/fd/2", "/dev/stderr");
	/* The console, in case the initramfs had no /dev/console for the kernel to open. */
	fd = open("/dev/console", O_RDWR | O_NOCTTY);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	/* SYSLOG_ACTION_CONSOLE_LEVEL: keep printk from splitting KTAP lines. */
	(void)klogctl(8, NULL, 1);
}

static void
kc_pid1_poweroff(void)
{
	fflush(stdout);
	fflush(stderr);
	sync();
	(void)reboot(RB_POWER_OFF);
	/* Not reached; PID 1 must not exit (the kernel would panic). */
	for (;;)
		pause();
}

/* "cases/pidfd/x_test" -> id "pidfd/x_test", KTAP name "pidfd_x_test". */
static void
kc_names(struct kc_run_program *p)
{
	const char *id = p->path;
	char *s;

	if (strncmp(id, "cases/", 6) == 0)
		id += 6;
	snprintf(p->id, sizeof(p->id), "%s", id);
	snprintf(p->name, sizeof(p->name), "%s", id);
	for (s = p->name; *s != '\0'; s++) {
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
		else if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			*s = '_';
	}
}

static int
kc_selected(const struct kc_run_program *p, char **sel, int nsel)
{
	int i;

	if (nsel == 0)
		return (1);
	for (i = 0; i < nsel; i++) {
		if (strcmp(sel[i], p->path) == 0 || strcmp(sel[i], p->id) == 0 ||
		    strcmp(sel[i], p->name) == 0)
			return (1);
	}
	return (0);
}

/* Read the program list; returns the number of programs or -1. */
static int
kc_read_programs(const char *file, struct kc_run_program **out, char **sel, int nsel)
{
	struct kc_run_program *v = NULL;
	char line[1024];
	int n = 0;
	FILE *f;

	f = fopen(file, "re");
	if (f == NULL) {
		fprintf(stderr, "kc-run: %s: %s\n", file, strerror(errno));
		return (-1);
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		struct kc_run_program p;
		char *tok, *save = NULL;

		line[strcspn(line, "\n")] = '\0';
		tok = strtok_r(line, " ", &save);
		if (tok == NULL || *tok == '#')
			continue;
		memset(&p, 0, sizeof(p));
		snprintf(p.path, sizeof(p.path), "%s", tok);
		p.timeout = KC_RUN_DEFAULT_TIMEOUT;
		while ((tok = strtok_r(NULL, " ", &save)) != NULL) {
			if (strncmp(tok, "timeout=", 8) == 0)
				p.timeout = atoi(tok + 8);
		}
		kc_names(&p);
		if (!kc_selected(&p, sel, nsel))
			continue;
		v = realloc(v, sizeof(*v) * (size_t)(n + 1));
		if (v == NULL) {
			fprintf(stderr, "kc-run: out of memory\n");
			fclose(f);
			return (-1);
		}
		v[n++] = p;
	}
	fclose(f);
	/* A PROGRAM argument that names none is a wrong command line, not an
	 * empty run (e.g. a boot loader's words after "--"). */
	for (int i = 0; i < nsel; i++) {
		int hit = 0;

		for (int j = 0; j < n && !hit; j++)
			hit = kc_selected(&v[j], &sel[i], 1);
		if (!hit) {
			fprintf(stderr, "kc-run: PROGRAM argument '%s' names no program of %s\n",
			    sel[i], file);
			free(v);
			return (-1);
		}
	}
	*out = v;
	return (n);
}

/* The --skip pattern that names program:case, or NULL. */
static const char *
kc_skipped(const struct kc_run_program *p, const char *cs, char **skip, int nskip)
{
	char full[700];
	int i;

	snprintf(full, sizeof(full), "%s:%s", p->name, cs);
	for (i = 0; i < nskip; i++) {
		if (fnmatch(skip[i], full, 0) == 0)
			return (skip[i]);
	}
	return (NULL);
}

/*
 * Without --build-root: "build" in the current directory (a source tree),
 * else the install tree this binary belongs to, PREFIX/tests/kconform
 * (make install puts kc-run in PREFIX/bin).
 */
static const char *
kc_default_root(char *buf, size_t len)
{
	char exe[PATH_MAX];
	ssize_t n;
	char *slash;

	if (access("build/kc-programs.txt", R_OK) == 0)
		return ("build");
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return ("build");
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (slash == NULL)
		return ("build");
	*slash = '\0';
	snprintf(buf, len, "%s/../tests/kconform", exe);
	return (access(buf, R_OK) == 0 ? buf : "build");
}

static int
kc_usage(void)
{
	fprintf(stderr, "usage: kc-run [--build-root DIR] [--programs FILE] [--runner NAME] "
	    "[--list] [--summary=lava] [--skip PATTERN]... [-v NAME=VALUE]... [--linux32] "
	    "[--time-scale N] [PROGRAM...]\n");
	return (2);
}

int
main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "build-root", required_argument, NULL, 'b' },
		{ "programs", required_argument, NULL, 'p' },
		{ "runner", required_argument, NULL, 'R' },
		{ "list", no_argument, NULL, 'l' },
		{ "summary", required_argument, NULL, 'S' },
		{ "skip", required_argument, NULL, 'k' },
		{ "linux32", no_argument, NULL, '3' },
		{ "time-scale", required_argument, NULL, 'T' },
		{ NULL, 0, NULL, 0 },
	};
	struct kc_run_config cfg = { 0 };
	struct kc_run_program *progs = NULL;
	struct kc_outcome_rec *recs = NULL;
	const char *programs = NULL, *runner = NULL;
	char listfile[PATH_MAX + 32], rootbuf[PATH_MAX], tmpl[PATH_MAX], instbuf[PATH_MAX + 32];
	static char vgcache[PATH_MAX + 16], vgvar[PATH_MAX + 32];
	long totals[KC_RUN_NOUTCOMES] = { 0 };
	int list = 0, lava = 0, nprogs, nrecs = 0, nskip = 0, i, j, c, rc;
	char **skip = calloc((size_t)argc, sizeof(char *));
	sigset_t chld;

	cfg.pid1 = getpid() == 1;
	if (cfg.pid1)
		kc_pid1_setup();
	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((c = getopt_long(argc, argv, "v:", lo, NULL)) != -1) {
		switch (c) {
		case 'b': cfg.root = optarg; break;
		case 'p': programs = optarg; break;
		case 'R': runner = optarg; break;
		case 'l': list = 1; break;
		case '3':
			if (personality(PER_LINUX32) == -1)
				fprintf(stderr, "kc-run: personality(PER_LINUX32): %s\n",
				    strerror(errno));
			break;
		case 'k':
			if (skip != NULL)
				skip[nskip++] = optarg;
			break;
		case 'S':
			if (strcmp(optarg, "lava") != 0)
				return (kc_usage());
			lava = 1;
			break;
		case 'T':
			cfg.time_scale = atoi(optarg);
			if (cfg.time_scale < 1 || cfg.time_scale > 100 ||
			    cfg.nvars == KC_RUN_MAXVARS) {
				if (cfg.pid1)
					kc_pid1_poweroff();
				return (kc_usage());
			}
			break;
		case 'v':
			if (cfg.nvars == KC_RUN_MAXVARS || strchr(optarg, '=') == NULL)
				return (kc_usage());
			cfg.vars[cfg.nvars++] = optarg;
			break;
		default:
			if (cfg.pid1)
				kc_pid1_poweroff();
			return (kc_usage());
		}
	}
	if (cfg.root == NULL)
		cfg.root = cfg.pid1 ? "/kconform" : kc_default_root(instbuf, sizeof(instbuf));
	/* Cases run in their own work directory: the root must be absolute. */
	if (realpath(cfg.root, rootbuf) == NULL) {
		fprintf(stderr, "kc-run: %s: %s\n", cfg.root, strerror(errno));
		if (cfg.pid1)
			kc_pid1_poweroff();
		return (2);
	}
	cfg.root = rootbuf;
	if (runner == NULL)
		runner = cfg.pid1 ? "init" : "host";
	if (programs == NULL) {
		snprintf(listfile, sizeof(listfile), "%s/kc-programs.txt", cfg.root);
		programs = listfile;
	}
	/*
	 * As PID 1, a NAME=VALUE word after "--" is not ours but the boot
	 * path's: qemu's loongarch64 EFI boot appends "initrd=initrd" to the
	 * command line (seen with qemu 10.0.2), after our arguments.  No
	 * program path holds '='.
	 */
	if (cfg.pid1) {
		int k = optind;

		for (i = optind; i < argc; i++) {
			if (strchr(argv[i], '=') != NULL && argv[i][0] != '-')
				fprintf(stderr, "kc-run: ignoring '%s' (a kernel parameter, not a "
				    "program)\n", argv[i]);
			else
				argv[k++] = argv[i];
		}
		argc = k;
	}
	nprogs = kc_read_programs(programs, &progs, argv + optind, argc - optind);
	if (nprogs < 0) {
		if (cfg.pid1)
			kc_pid1_poweroff();
		return (2);
	}

	/* SIGCHLD stays blocked: the watchdog waits for it with sigtimedwait. */
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	/* Orphans of a case come back to us and are reaped after it. */
	(void)prctl(PR_SET_CHILD_SUBREAPER, 1);
	/* Work directories under $TMPDIR (kyua's work dir in the selftests), else /tmp. */
	snprintf(tmpl, sizeof(tmpl), "%s/kc-run.XXXXXX",
	    getenv("TMPDIR") != NULL && *getenv("TMPDIR") == '/' ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(tmpl) == NULL) {
		fprintf(stderr, "kc-run: mkdtemp: %s\n", strerror(errno));
		if (cfg.pid1)
			kc_pid1_poweroff();
		return (2);
	}
	cfg.workdir = tmpl;
	/*
	 * The run's shared Valgrind launches (lib/kc_vgrun.h), as run-suite.sh
	 * gives every kyua run: a directory of the work dir, unless -v
	 * vgrun_cache= names one; removed at the end.
	 */
	for (i = 0; i < cfg.nvars; i++) {
		if (strncmp(cfg.vars[i], "vgrun_cache=", 12) == 0)
			break;
	}
	if (i == cfg.nvars && cfg.nvars < KC_RUN_MAXVARS) {
		snprintf(vgcache, sizeof(vgcache), "%s/vgcache", tmpl);
		if (mkdir(vgcache, 0700) == 0) {
			snprintf(vgvar, sizeof(vgvar), "vgrun_cache=%s", vgcache);
			cfg.vars[cfg.nvars++] = vgvar;
		} else {
			*vgcache = '\0';
		}
	}

	if (list) {
		rc = 0;
		for (i = 0; i < nprogs; i++) {
			char why[1024];

			if (kc_run_list(&cfg, &progs[i], why, sizeof(why)) != 0) {
				fprintf(stderr, "kc-run: %s\n", why);
				rc = 1;
				continue;
			}
			for (j = 0; j < progs[i].ncases; j++)
				printf("%s:%s\n", progs[i].name, progs[i].cases[j].name);
		}
		if (*vgcache != '\0')
			kc_run_rmtree(vgcache);
		rmdir(tmpl);
		free(progs);
		if (cfg.pid1)
			kc_pid1_poweroff();
		return (rc);
	}

	kc_ktap_header(nprogs, KC_RUN_VERSION, runner);
	for (i = 0; i < nprogs; i++) {
		struct kc_run_program *p = &progs[i];
		long counts[KC_RUN_NOUTCOMES] = { 0 };
		char why[1024];

		if (kc_run_list(&cfg, p, why, sizeof(why)) != 0) {
			kc_ktap_program_broken(i + 1, p, why);
			totals[KC_RUN_ERROR]++;
			recs = realloc(recs, sizeof(*recs) * (size_t)(nrecs + 1));
			if (recs == NULL)
				break;
			recs[nrecs].prog = p->name;
			snprintf(recs[nrecs].cs, sizeof(recs[nrecs].cs), "__test_cases_list__");
			recs[nrecs++].outcome = KC_RUN_ERROR;
			continue;
		}
		kc_ktap_program_begin(p);
		recs = realloc(recs, sizeof(*recs) * (size_t)(nrecs + p->ncases));
		if (recs == NULL)
			break;
		for (j = 0; j < p->ncases; j++) {
			struct kc_run_result r;
			const char *pat = kc_skipped(p, p->cases[j].name, skip, nskip);

			if (pat != NULL) {
				memset(&r, 0, sizeof(r));
				r.outcome = KC_RUN_SKIP;
				snprintf(r.reason, sizeof(r.reason), "skip list: %s", pat);
			} else {
				kc_run_one(&cfg, p, &p->cases[j], &r);
			}
			kc_ktap_case(p, j + 1, &p->cases[j], &r);
			counts[r.outcome]++;
			totals[r.outcome]++;
			recs[nrecs].prog = p->name;
			snprintf(recs[nrecs].cs, sizeof(recs[nrecs].cs), "%s", p->cases[j].name);
			recs[nrecs++].outcome = r.outcome;
		}
		kc_ktap_program_end(i + 1, p, counts);
	}
	kc_ktap_totals(totals);
	if (lava) {
		for (i = 0; i < nrecs; i++)
			kc_ktap_lava_line(recs[i].prog, recs[i].cs, recs[i].outcome);
	}
	printf("kconform: end\n");
	fflush(stdout);
	if (*vgcache != '\0')
		kc_run_rmtree(vgcache);
	rmdir(tmpl);

	if (totals[KC_RUN_FAIL] + totals[KC_RUN_XPASS] + totals[KC_RUN_ERROR] +
	    totals[KC_RUN_TIMEOUT] > 0)
		rc = 1;
	else if (totals[KC_RUN_PASS] + totals[KC_RUN_XFAIL] == 0 && totals[KC_RUN_SKIP] > 0)
		rc = 4;
	else
		rc = 0;
	free(recs);
	free(progs);
	free(skip);
	if (cfg.pid1)
		kc_pid1_poweroff();
	return (rc);
}
