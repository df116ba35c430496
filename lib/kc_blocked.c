/* SPDX-License-Identifier: BSD-2-Clause */
/* What a process is blocked in, from /proc (see kc_blocked.h). */
#include <sys/types.h>

#include <ctype.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <seccomp.h>

#include "kc_blocked.h"

/* Read the first line of a /proc file into buf ("" when unreadable). */
static void
kc_proc_line(const char *path, char *buf, size_t len)
{
	FILE *f;

	buf[0] = '\0';
	f = fopen(path, "re");
	if (f == NULL)
		return;
	if (fgets(buf, (int)len, f) == NULL)
		buf[0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	fclose(f);
}

static void
kc_append(char *buf, size_t len, const char *fmt, ...)
{
	size_t used = strlen(buf);
	va_list ap;

	if (used + 1 >= len)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + used, len - used, fmt, ap);
	va_end(ap);
}

/* "waitid (wchan do_wait)", "running", "no system call (wchan x)". */
static void
kc_task_where(pid_t pid, pid_t tid, char *out, size_t len)
{
	char path[96], sc[256], wchan[128];
	char *name = NULL;
	long nr;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/syscall", (int)pid, (int)tid);
	kc_proc_line(path, sc, sizeof(sc));
	snprintf(path, sizeof(path), "/proc/%d/task/%d/wchan", (int)pid, (int)tid);
	kc_proc_line(path, wchan, sizeof(wchan));
	if (strcmp(wchan, "0") == 0)
		wchan[0] = '\0';
	if (sc[0] == '\0') {
		snprintf(out, len, "system call unreadable%s%s%s", wchan[0] ? " (wchan " : "",
		    wchan, wchan[0] ? ")" : "");
		return;
	}
	if (strncmp(sc, "running", 7) == 0) {
		snprintf(out, len, "running in user space");
		return;
	}
	nr = strtol(sc, NULL, 10);
	if (nr < 0) {
		snprintf(out, len, "no system call%s%s%s", wchan[0] ? " (wchan " : "", wchan,
		    wchan[0] ? ")" : "");
		return;
	}
	name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, (int)nr);
	if (name != NULL)
		snprintf(out, len, "%s%s%s%s", name, wchan[0] ? " (wchan " : "", wchan,
		    wchan[0] ? ")" : "");
	else
		snprintf(out, len, "system call %ld%s%s%s", nr, wchan[0] ? " (wchan " : "",
		    wchan, wchan[0] ? ")" : "");
	free(name);
}

/* State letter from /proc/<pid>/stat ('?' when gone). */
static char
kc_state(pid_t pid)
{
	char path[64], line[1024], *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	kc_proc_line(path, line, sizeof(line));
	p = strrchr(line, ')');
	if (p == NULL || p[1] != ' ' || p[2] == '\0')
		return ('?');
	return (p[2]);
}

int
kc_descendants(pid_t pid, pid_t *pids, int max)
{
	int n = 0, i;

	/* Breadth first: pids[i] for i < n are processed in order. */
	for (i = -1; i < n; i++) {
		pid_t p = i < 0 ? pid : pids[i];
		char path[64], line[4096];
		struct dirent *de;
		DIR *d;

		snprintf(path, sizeof(path), "/proc/%d/task", (int)p);
		d = opendir(path);
		if (d == NULL)
			continue;
		while ((de = readdir(d)) != NULL) {
			char *tok, *save = NULL;
			char cpath[320];

			if (!isdigit((unsigned char)de->d_name[0]))
				continue;
			snprintf(cpath, sizeof(cpath), "/proc/%d/task/%s/children", (int)p,
			    de->d_name);
			kc_proc_line(cpath, line, sizeof(line));
			for (tok = strtok_r(line, " ", &save); tok != NULL && n < max;
			    tok = strtok_r(NULL, " ", &save))
				pids[n++] = (pid_t)atoi(tok);
		}
		closedir(d);
	}
	return (n);
}

/*
 * One clause per thread of process pid; `label` names the process (its main
 * thread); `own`: the process whose failure this is, whose other threads are
 * "thread <tid>" rather than "<label> thread <tid>".
 */
static void
kc_threads(pid_t pid, pid_t skip_tid, const char *label, bool own, char *buf, size_t len)
{
	char path[64], where[384];
	struct dirent *de;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	d = opendir(path);
	if (d == NULL) {
		kc_append(buf, len, "%s%s: gone", buf[0] ? "; " : "", label);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		pid_t tid;

		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		tid = (pid_t)atoi(de->d_name);
		if (tid == skip_tid)
			continue;
		kc_task_where(pid, tid, where, sizeof(where));
		if (tid == pid)
			kc_append(buf, len, "%s%s in %s", buf[0] ? "; " : "", label, where);
		else if (own)
			kc_append(buf, len, "%sthread %d in %s", buf[0] ? "; " : "", (int)tid,
			    where);
		else
			kc_append(buf, len, "%s%s thread %d in %s", buf[0] ? "; " : "", label,
			    (int)tid, where);
	}
	closedir(d);
}

static void
kc_process(pid_t pid, char *buf, size_t len)
{
	char path[64], comm[64], label[128];

	char st;

	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	kc_proc_line(path, comm, sizeof(comm));
	st = kc_state(pid);
	if (comm[0] == '\0' || st == '?') {
		kc_append(buf, len, "%schild %d: gone from /proc", buf[0] ? "; " : "", (int)pid);
		return;
	}
	snprintf(label, sizeof(label), "child %d (%s) state %c", (int)pid, comm, st);
	kc_threads(pid, 0, label, false, buf, len);
}

char *
kc_blocked_pid(pid_t pid, char *buf, size_t len)
{
	pid_t kids[64];
	int n, i;

	buf[0] = '\0';
	kc_process(pid, buf, len);
	n = kc_descendants(pid, kids, 64);
	for (i = 0; i < n; i++)
		kc_process(kids[i], buf, len);
	return (buf);
}

/* kc_blocked_self as said inside process pid. */
static char *
kc_blocked_as(pid_t pid, pid_t skip_tid, char *buf, size_t len)
{
	pid_t kids[64];
	int n, i;

	buf[0] = '\0';
	kc_threads(pid, skip_tid, "main thread", true, buf, len);
	n = kc_descendants(pid, kids, 64);
	for (i = 0; i < n; i++)
		kc_process(kids[i], buf, len);
	if (buf[0] == '\0')
		snprintf(buf, len, "no other thread, no child");
	return (buf);
}

char *
kc_blocked_self(pid_t skip_tid, char *buf, size_t len)
{
	return (kc_blocked_as(getpid(), skip_tid, buf, len));
}

char *
kc_blocked_case(pid_t pid, char *buf, size_t len)
{
	return (kc_blocked_as(pid, 0, buf, len));
}

char *
kc_blocked_watchdog(unsigned deadline_s, pid_t pid, pid_t skip_tid, char *buf, size_t len)
{
	size_t used;

	snprintf(buf, len, "watchdog: blocked %u s: ", deadline_s);
	used = strlen(buf);
	if (pid == 0)
		kc_blocked_self(skip_tid, buf + used, len - used);
	else
		kc_blocked_case(pid, buf + used, len - used);
	return (buf);
}
