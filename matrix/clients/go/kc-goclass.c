/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kc-goclass: classify what Valgrind reports about Go's instrumented
 * runtime (FACTS-valgrind.md §8) and write results/clients/go/report.json
 * and summary.txt.
 *
 *   kc-goclass classify --cases TABLE --out DIR RUNROOT
 *   kc-goclass verdict --version V --id PROGRAM:CASE RESULTS.json...
 *
 * classify reads the run tree matrix/clients/go/run.sh writes:
 *   RUNROOT/meta                  "key value" lines (go, fetch_s, build_s, ...)
 *   RUNROOT/verdicts.tsv          version, case id, verdict, source, reason
 *   RUNROOT/vg/<n>/version|path|run_s
 *   RUNROOT/vg/<n>/runs/<program>.<rep>/
 *       *.xml      --xml-file=...%p.xml of the XML run: the main process and
 *                  each forked child (cut off at exec: closed here)
 *       text.log   the text run's --log-file (the warnings --xml=yes hides)
 *       xml.rc text.rc   exit statuses of the two runs
 * Every XML error goes to one class (kind + where the address is: the
 * classes of FACTS §8), every warning line of the text log to one text
 * class; per class the per-run counts (min/median/max), the kinds, block
 * sizes, allocating and top frames, and the case of TABLE that reproduces
 * it with that case's verdict under the same Valgrind.
 *
 * verdict prints "verdict<TAB>file<TAB>reason" of the case in the newest
 * results.json (kconform-results/1) made under Valgrind V, or exits 1.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "kc_vgxml.h"

#define TOPN	5

struct hist {
	char	**key;
	long	 *n;
	int	  len;
};

struct cls {
	char		 id[80];
	char		 descr[200];
	const char	*source;	/* "xml" or "text" */
	long		*count;		/* per run: occurrences */
	long		 contexts;	/* distinct error contexts, all runs */
	struct hist	 kinds, blocks, allocfn, topfn, samples;
};

struct run {
	char	 name[128];		/* <program>.<rep> */
	int	 xml_rc, text_rc;
	int	 nxml, nchild_cut;
	long	 errors;			/* occurrences */
	long	 contexts;			/* distinct contexts */
	char	 problem[4400];		/* empty when the run is usable */
};

struct vg {
	char		 version[32], path[512], run_s[32];
	struct run	*runs;
	int		 nruns;
	struct cls	*cls;
	int		 ncls;
};

struct casemap {
	char	 cls[80];
	char	 id[200];		/* "-" when no case */
};

static struct casemap	*cmap;
static int		 ncmap;

static void
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "kc-goclass: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n);

	if (q == NULL)
		die("out of memory");
	return (q);
}

/* out = a/b; a path that does not fit is fatal. */
static void
xpath(char *out, size_t len, const char *a, const char *b)
{
	if ((size_t)snprintf(out, len, "%s/%s", a, b) >= len)
		die("path too long: %s/%s", a, b);
}

static char *
xstrdup(const char *s)
{
	char *d = strdup(s);

	if (d == NULL)
		die("out of memory");
	return (d);
}

static void
hist_add(struct hist *h, const char *key, long n)
{
	int i;

	for (i = 0; i < h->len; i++)
		if (strcmp(h->key[i], key) == 0) {
			h->n[i] += n;
			return;
		}
	h->key = xrealloc(h->key, sizeof(*h->key) * (size_t)(h->len + 1));
	h->n = xrealloc(h->n, sizeof(*h->n) * (size_t)(h->len + 1));
	h->key[h->len] = xstrdup(key);
	h->n[h->len] = n;
	h->len++;
}

/* Sort a histogram by count, descending, then key. */
static void
hist_sort(struct hist *h)
{
	int i, j;

	for (i = 1; i < h->len; i++)
		for (j = i; j > 0 && (h->n[j] > h->n[j - 1] ||
		    (h->n[j] == h->n[j - 1] && strcmp(h->key[j], h->key[j - 1]) < 0)); j--) {
			char *k = h->key[j];
			long n = h->n[j];

			h->key[j] = h->key[j - 1];
			h->n[j] = h->n[j - 1];
			h->key[j - 1] = k;
			h->n[j - 1] = n;
		}
}

/* Read a one-line file into buf (newline stripped); "" if absent. */
static void
read_line(const char *dir, const char *name, char *buf, size_t len)
{
	char path[4096];
	FILE *f;

	buf[0] = '\0';
	xpath(path, sizeof(path), dir, name);
	f = fopen(path, "r");
	if (f == NULL)
		return;
	if (fgets(buf, (int)len, f) == NULL)
		buf[0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	fclose(f);
}

static struct cls *
cls_get(struct vg *v, const char *id, const char *source, const char *descr)
{
	struct cls *c;
	int i;

	for (i = 0; i < v->ncls; i++)
		if (strcmp(v->cls[i].id, id) == 0)
			return (&v->cls[i]);
	v->cls = xrealloc(v->cls, sizeof(*v->cls) * (size_t)(v->ncls + 1));
	c = &v->cls[v->ncls++];
	memset(c, 0, sizeof(*c));
	snprintf(c->id, sizeof(c->id), "%s", id);
	snprintf(c->descr, sizeof(c->descr), "%s", descr);
	c->source = source;
	c->count = xrealloc(NULL, sizeof(long) * (size_t)(v->nruns + 1));
	memset(c->count, 0, sizeof(long) * (size_t)(v->nruns + 1));
	return (c);
}

/* Copy s with every 0x... and decimal number replaced by N (not the digits
 * of a word: amd64, SIGRT32). */
static void
mask_numbers(const char *s, char *out, size_t len)
{
	size_t o = 0;

	while (*s != '\0' && o + 2 < len) {
		if (s[0] == '0' && s[1] == 'x') {
			s += 2;
			while (isxdigit((unsigned char)*s))
				s++;
			out[o++] = 'N';
		} else if (isdigit((unsigned char)*s) && !(o > 0 &&
		    (isalnum((unsigned char)out[o - 1]) || out[o - 1] == '_'))) {
			while (isdigit((unsigned char)*s) || (*s == ',' && isdigit((unsigned char)s[1])))
				s++;
			out[o++] = 'N';
		} else {
			out[o++] = *s++;
		}
	}
	out[o] = '\0';
}

/* Does any frame of stack i of e name a function containing needle? */
static bool
stack_has(const struct kc_vg_error *e, int i, const char *needle)
{
	int j;

	if (i >= e->nstacks)
		return (false);
	for (j = 0; j < e->stack[i].nframes; j++)
		if (e->stack[i].frames[j].fn != NULL &&
		    strstr(e->stack[i].frames[j].fn, needle) != NULL)
			return (true);
	return (false);
}

/*
 * The class of an error of an address kind (InvalidRead/Write, SyscallParam
 * on unaddressable bytes, ...), from the first auxwhat: where the address
 * is.  *size gets the block size when the text names one.
 */
static const char *
addr_class(const struct kc_vg_error *e, unsigned long *size, const char **descr)
{
	const char *a = e->nauxwhat > 0 ? e->auxwhat[0] : NULL;
	const char *p;

	*size = 0;
	if (a == NULL) {
		*descr = "invalid access with no address description";
		return ("no_address");
	}
	p = strstr(a, "block of size ");
	if (p != NULL)		/* "2,040 alloc'd": digits with separators */
		for (p += strlen("block of size "); isdigit((unsigned char)*p) || *p == ','; p++)
			if (*p != ',')
				*size = *size * 10 + (unsigned long)(*p - '0');
	if (strstr(a, "recently re-allocated block") != NULL) {
		*descr = "invalid access in (or next to) a recently re-allocated block";
		return ("realloc_block");
	}
	if (strstr(a, "free'd") != NULL) {
		*descr = "invalid access in (or next to) a freed block";
		return ("freed_block");
	}
	if (strstr(a, " inside a block of size") != NULL && strstr(a, "alloc'd") != NULL) {
		if (stack_has(e, 1, "runtime.stackalloc")) {
			*descr = "invalid access inside a live stack block (alloc'd by runtime.stackalloc)";
			return ("stack_block");
		}
		*descr = "invalid access inside a live heap object";
		return ("heap_object");
	}
	if ((strstr(a, " before a block") != NULL || strstr(a, " after a block") != NULL) &&
	    strstr(a, "alloc'd") != NULL) {
		*descr = "invalid access just before or after a live heap block";
		return ("near_block");
	}
	if (strstr(a, "stack") != NULL && strstr(a, "on thread") != NULL) {
		*descr = "invalid access on a thread's stack";
		return ("thread_stack");
	}
	if (strstr(a, "not stack'd, malloc'd") != NULL) {
		*descr = "invalid access to memory not stack'd, malloc'd or free'd";
		return ("unknown_address");
	}
	*descr = "invalid access, address described otherwise";
	return ("other_address");
}

/*
 * The innermost named frame of stack i of e that is not the runtime's
 * Valgrind glue (runtime.valgrindClientRequest, runtime.valgrindMalloc...):
 * the function that allocated or accessed.
 */
static const char *
top_fn(const struct kc_vg_error *e, int i)
{
	int j;

	if (i >= e->nstacks)
		return ("?");
	for (j = 0; j < e->stack[i].nframes; j++) {
		const char *fn = e->stack[i].frames[j].fn;

		if (fn != NULL && strstr(fn, "valgrind") == NULL)
			return (fn);
	}
	return ("?");
}

/* Add one XML error to run r of v: its <errorcounts> count (1 if unlisted). */
static void
add_error(struct vg *v, int r, const struct kc_vg_error *e)
{
	const char *id, *descr;
	char buf[200];
	unsigned long size = 0;
	struct cls *c;
	long n = e->count > 0 ? (long)e->count : 1;
	bool addr = false;

	if (strcmp(e->kind, "InvalidRead") == 0 || strcmp(e->kind, "InvalidWrite") == 0 ||
	    strcmp(e->kind, "InvalidJump") == 0 ||
	    (strcmp(e->kind, "SyscallParam") == 0 && e->what != NULL &&
	    strstr(e->what, "unaddressable") != NULL)) {
		id = addr_class(e, &size, &descr);
		addr = true;
	} else if (strcmp(e->kind, "SyscallParam") == 0) {
		id = "syscall_uninit";
		descr = "syscall parameter with uninitialised bytes";
	} else if (strcmp(e->kind, "UninitCondition") == 0) {
		id = "uninit_condition";
		descr = "conditional jump or move depends on uninitialised value(s)";
	} else if (strcmp(e->kind, "UninitValue") == 0) {
		id = "uninit_value";
		descr = "use of uninitialised value";
	} else if (strcmp(e->kind, "Leak_DefinitelyLost") == 0) {
		id = "leak_definite";
		descr = "definitely lost (--xml=yes runs the leak search)";
	} else if (strcmp(e->kind, "Leak_IndirectlyLost") == 0) {
		id = "leak_indirect";
		descr = "indirectly lost";
	} else if (strcmp(e->kind, "Leak_PossiblyLost") == 0) {
		id = "leak_possible";
		descr = "possibly lost";
	} else if (strcmp(e->kind, "Leak_StillReachable") == 0) {
		id = "leak_reachable";
		descr = "still reachable";
	} else {
		snprintf(buf, sizeof(buf), "other_%s", e->kind);
		id = buf;
		descr = "an error kind none of the classes expects";
	}
	c = cls_get(v, id, "xml", descr);
	c->count[r] += n;
	c->contexts++;
	hist_add(&c->kinds, e->kind, n);
	if (addr && size > 0) {
		char sz[32];

		snprintf(sz, sizeof(sz), "%lu", size);
		hist_add(&c->blocks, sz, n);
	}
	if (addr && e->nstacks > 1)
		hist_add(&c->allocfn, top_fn(e, 1), n);
	/* A leak's stack is where the block was allocated. */
	hist_add(&c->topfn, top_fn(e, 0), n);
	if (e->what != NULL) {
		mask_numbers(e->what, buf, sizeof(buf));
		hist_add(&c->samples, buf, n);
	}
}

/*
 * One text-log line, prefix ("==N== ", "--N-- ", "**N** ") stripped, to a
 * text class; NULL for the lines that are not warnings (errors in text
 * form, continuation lines, the preamble).
 */
static struct cls *
text_class(struct vg *v, const char *msg, bool prefixed)
{
	char id[80], descr[200];
	const char *p;

	if ((p = strstr(msg, "unhandled")) != NULL && (p = strstr(p, "syscall: ")) != NULL) {
		long n = strtol(p + strlen("syscall: "), NULL, 10);

		snprintf(id, sizeof(id), "unhandled_syscall_%ld", n);
		snprintf(descr, sizeof(descr), "WARNING: unhandled syscall %ld", n);
		return (cls_get(v, id, "text", descr));
	}
	if (strstr(msg, "unhandled") != NULL && strstr(msg, "DW_FORM") != NULL && !prefixed)
		return (cls_get(v, "dwarf_form_unhandled", "text",
		    "get_Form_szB: unhandled DW_FORM (Go >= 1.25 emits DWARF 5)"));
	if (strstr(msg, "Serious error when reading debug info") != NULL)
		return (cls_get(v, "debuginfo_read_error", "text",
		    "WARNING: Serious error when reading debug info"));
	if ((p = strstr(msg, "ignored attempt to set ")) != NULL) {
		char sig[16];

		if (sscanf(p, "ignored attempt to set %15s", sig) != 1)
			snprintf(sig, sizeof(sig), "?");
		snprintf(id, sizeof(id), "sigaction_refused_%s", sig);
		snprintf(descr, sizeof(descr),
		    "Warning: ignored attempt to set %s handler in sigaction()", sig);
		return (cls_get(v, id, "text", descr));
	}
	if (strstr(msg, "set address range perms: large range") != NULL)
		return (cls_get(v, "large_range", "text",
		    "Warning: set address range perms: large range"));
	if (strstr(msg, "client switching stacks?") != NULL)
		return (cls_get(v, "switching_stacks", "text",
		    "Warning: client switching stacks?"));
	if (strncmp(msg, "Warning:", 8) == 0 || strncmp(msg, "WARNING:", 8) == 0 || !prefixed)
		return (cls_get(v, "text_other", "text",
		    "another warning (see samples)"));
	return (NULL);
}

static void
read_text_log(struct vg *v, int r, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[2048], norm[256];

	if (f == NULL) {
		snprintf(v->runs[r].problem, sizeof(v->runs[r].problem),
		    "text log %s: %s", path, strerror(errno));
		return;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		const char *msg = line;
		bool prefixed = false;
		struct cls *c;

		line[strcspn(line, "\n")] = '\0';
		if ((line[0] == '=' || line[0] == '-' || line[0] == '*') &&
		    line[1] == line[0] && isdigit((unsigned char)line[2])) {
			msg = line + 2;
			while (isdigit((unsigned char)*msg))
				msg++;
			if (msg[0] == line[0] && msg[1] == line[0]) {
				msg += 2;
				prefixed = true;
			} else {
				msg = line;
			}
		}
		while (*msg == ' ')
			msg++;
		if (*msg == '\0')
			continue;
		c = text_class(v, msg, prefixed);
		if (c == NULL)
			continue;
		c->count[r]++;
		mask_numbers(msg, norm, sizeof(norm));
		hist_add(&c->samples, norm, 1);
	}
	fclose(f);
}

/*
 * Parse one XML file; a forked child's file ends where the child exec'd,
 * without </valgrindoutput>: it is cut after its last complete item and
 * closed.  Returns 0, or -1 with err set.
 */
static int
parse_xml(const char *path, struct kc_vg_report *rep, bool *cut, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0, n;
	const char *ends[] = { "</error>", "</clientmsg>", "</status>", "</args>" };
	int rc;

	*cut = false;
	if (f == NULL) {
		snprintf(err, errlen, "%s", strerror(errno));
		return (-1);
	}
	for (;;) {
		buf = xrealloc(buf, len + 65536 + 64);
		n = fread(buf + len, 1, 65536, f);
		len += n;
		if (n == 0)
			break;
	}
	fclose(f);
	buf[len] = '\0';
	if (strstr(buf, "</valgrindoutput>") == NULL) {
		size_t last = 0;
		size_t i;

		for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
			const char *p = buf, *q;

			while ((q = strstr(p, ends[i])) != NULL) {
				if ((size_t)(q - buf) + strlen(ends[i]) > last)
					last = (size_t)(q - buf) + strlen(ends[i]);
				p = q + 1;
			}
		}
		if (last == 0) {
			snprintf(err, errlen, "no complete element");
			free(buf);
			return (-1);
		}
		len = last;
		len += (size_t)sprintf(buf + len, "\n</valgrindoutput>\n");
		*cut = true;
	}
	rc = kc_vgxml_parse(buf, len, rep, err, errlen);
	free(buf);
	return (rc);
}

static int
cmp_str(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

/* Sorted entries of dir (no dot files); *n entries. */
static char **
list_dir(const char *dir, int *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **v = NULL;

	*n = 0;
	if (d == NULL)
		return (NULL);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		v = xrealloc(v, sizeof(*v) * (size_t)(*n + 1));
		v[(*n)++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (*n > 0)
		qsort(v, (size_t)*n, sizeof(*v), cmp_str);
	return (v);
}

static void
free_list(char **v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
read_run(struct vg *v, int r, const char *dir)
{
	struct run *run = &v->runs[r];
	char **ent, path[4096], err[4000], rc[32], out[200];
	int n, i;

	read_line(dir, "xml.rc", rc, sizeof(rc));
	run->xml_rc = rc[0] != '\0' ? atoi(rc) : -1;
	read_line(dir, "text.rc", rc, sizeof(rc));
	run->text_rc = rc[0] != '\0' ? atoi(rc) : -1;
	ent = list_dir(dir, &n);
	for (i = 0; i < n; i++) {
		struct kc_vg_report rep;
		bool cut;
		int j;
		size_t l = strlen(ent[i]);

		if (l < 4 || strcmp(ent[i] + l - 4, ".xml") != 0)
			continue;
		xpath(path, sizeof(path), dir, ent[i]);
		if (parse_xml(path, &rep, &cut, err, sizeof(err)) != 0) {
			snprintf(run->problem, sizeof(run->problem), "%s: %s", ent[i], err);
			continue;
		}
		run->nxml++;
		if (cut)
			run->nchild_cut++;
		for (j = 0; j < rep.nerrors; j++)
			add_error(v, r, &rep.errors[j]);
		for (j = 0; j < rep.nerrors; j++)
			run->errors += rep.errors[j].count > 0 ? (long)rep.errors[j].count : 1;
		run->contexts += rep.nerrors;
		kc_vgxml_free(&rep);
	}
	if (run->nxml == 0 && run->problem[0] == '\0')
		snprintf(run->problem, sizeof(run->problem), "no XML file");
	else if (run->nxml - run->nchild_cut != 1 && run->problem[0] == '\0')
		snprintf(run->problem, sizeof(run->problem),
		    "%d finished XML files, expected 1 (the main process)",
		    run->nxml - run->nchild_cut);
	xpath(path, sizeof(path), dir, "text.log");
	read_text_log(v, r, path);
	/* 124: timeout(1) ended a hung run (run.sh's KC_GO_RUN_TIMEOUT). */
	read_line(dir, "xml.out", out, sizeof(out));
	if (run->xml_rc != 0 && run->problem[0] == '\0')
		snprintf(run->problem, sizeof(run->problem), "XML run %s %d; output: %s",
		    run->xml_rc == 124 ? "timed out: timeout exit" : "exited", run->xml_rc, out);
	read_line(dir, "text.out", out, sizeof(out));
	if (run->text_rc != 0 && run->problem[0] == '\0')
		snprintf(run->problem, sizeof(run->problem), "text run %s %d; output: %s",
		    run->text_rc == 124 ? "timed out: timeout exit" : "exited", run->text_rc, out);
	free_list(ent, n);
}

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x < y ? -1 : x > y);
}

static void
stats(const struct cls *c, int nruns, long *mn, long *med, long *mx, long *sum, int *seen)
{
	long *s = xrealloc(NULL, sizeof(long) * (size_t)(nruns + 1));
	int i;

	*sum = 0;
	*seen = 0;
	for (i = 0; i < nruns; i++) {
		s[i] = c->count[i];
		*sum += s[i];
		if (s[i] > 0)
			(*seen)++;
	}
	qsort(s, (size_t)nruns, sizeof(long), cmp_long);
	*mn = nruns > 0 ? s[0] : 0;
	*mx = nruns > 0 ? s[nruns - 1] : 0;
	*med = nruns == 0 ? 0 : nruns % 2 ? s[nruns / 2] : (s[nruns / 2 - 1] + s[nruns / 2]) / 2;
	free(s);
}

static void
read_casemap(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[512];

	if (f == NULL)
		die("%s: %s", path, strerror(errno));
	while (fgets(line, sizeof(line), f) != NULL) {
		char a[80], b[200];

		if (line[0] == '#' || line[strspn(line, " \t\n")] == '\0')
			continue;
		if (sscanf(line, "%79s %199s", a, b) != 2)
			die("%s: bad line: %s", path, line);
		cmap = xrealloc(cmap, sizeof(*cmap) * (size_t)(ncmap + 1));
		snprintf(cmap[ncmap].cls, sizeof(cmap[ncmap].cls), "%s", a);
		snprintf(cmap[ncmap].id, sizeof(cmap[ncmap].id), "%s", b);
		ncmap++;
	}
	fclose(f);
}

static const char *
case_of(const char *cls)
{
	int i;

	for (i = 0; i < ncmap; i++)
		if (strcmp(cmap[i].cls, cls) == 0)
			return (strcmp(cmap[i].id, "-") == 0 ? NULL : cmap[i].id);
	return (NULL);
}

struct verdict {
	char	version[32], id[200], verdict[40], source[400], reason[400];
};

static struct verdict	*verd;
static int		 nverd;

static void
read_verdicts(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[2048];

	if (f == NULL)
		return;			/* no case listed: every class is flagged */
	while (fgets(line, sizeof(line), f) != NULL) {
		char *fld[5], *p = line;
		int i;

		line[strcspn(line, "\n")] = '\0';
		for (i = 0; i < 5; i++) {
			fld[i] = p;
			p = p != NULL ? strchr(p, '\t') : NULL;
			if (p != NULL)
				*p++ = '\0';
		}
		if (fld[4] == NULL)
			die("%s: a line needs 5 tab-separated fields", path);
		verd = xrealloc(verd, sizeof(*verd) * (size_t)(nverd + 1));
		snprintf(verd[nverd].version, sizeof(verd[nverd].version), "%s", fld[0]);
		snprintf(verd[nverd].id, sizeof(verd[nverd].id), "%s", fld[1]);
		snprintf(verd[nverd].verdict, sizeof(verd[nverd].verdict), "%s", fld[2]);
		snprintf(verd[nverd].source, sizeof(verd[nverd].source), "%s", fld[3]);
		snprintf(verd[nverd].reason, sizeof(verd[nverd].reason), "%s", fld[4]);
		nverd++;
	}
	fclose(f);
}

static const struct verdict *
verdict_of(const char *version, const char *id)
{
	int i;

	for (i = 0; i < nverd; i++)
		if (strcmp(verd[i].version, version) == 0 && strcmp(verd[i].id, id) == 0)
			return (&verd[i]);
	return (NULL);
}

static json_object *
hist_json(struct hist *h, int max)
{
	json_object *a = json_object_new_array();
	int i;

	hist_sort(h);
	for (i = 0; i < h->len && i < max; i++) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "key", json_object_new_string(h->key[i]));
		json_object_object_add(o, "count", json_object_new_int64(h->n[i]));
		json_object_array_add(a, o);
	}
	return (a);
}

/* The case column of a class: its id and verdict, or the flag. */
static void
case_status(const struct vg *v, const char *cls, const char **id, const struct verdict **vd,
    const char **flag)
{
	*id = case_of(cls);
	*vd = NULL;
	*flag = NULL;
	if (*id == NULL) {
		*flag = "no case reproduces this class";
		return;
	}
	*vd = verdict_of(v->version, *id);
	if (*vd == NULL)
		*flag = "no verdict recorded";
	else if (strcmp((*vd)->verdict, "case missing") == 0)
		*flag = "case missing";
}

static int
cmp_cls(const void *a, const void *b)
{
	const struct cls *x = a, *y = b;
	int s = strcmp(x->source, y->source);

	return (s != 0 ? s : strcmp(x->id, y->id));
}

static void
print_hist(FILE *f, const char *label, struct hist *h, int max)
{
	int i;

	if (h->len == 0)
		return;
	hist_sort(h);
	fprintf(f, "      %s:", label);
	for (i = 0; i < h->len && i < max; i++)
		fprintf(f, "%s %s (%ld)", i > 0 ? "," : "", h->key[i], h->n[i]);
	if (h->len > max)
		fprintf(f, ", +%d more", h->len - max);
	fputc('\n', f);
}

static int
classify(int argc, char **argv)
{
	const char *table = NULL, *out = NULL, *root;
	char path[4096], meta[4096], **vgs;
	struct vg *v;
	int nvg, i, r, k, problems = 0;
	json_object *top, *jvgs;
	FILE *f, *sum;

	for (i = 0; i + 1 < argc && argv[i][0] == '-'; i += 2) {
		if (strcmp(argv[i], "--cases") == 0)
			table = argv[i + 1];
		else if (strcmp(argv[i], "--out") == 0)
			out = argv[i + 1];
		else
			die("classify: unknown option %s", argv[i]);
	}
	if (table == NULL || out == NULL || i + 1 != argc)
		die("usage: kc-goclass classify --cases TABLE --out DIR RUNROOT");
	root = argv[i];
	read_casemap(table);
	xpath(path, sizeof(path), root, "verdicts.tsv");
	read_verdicts(path);

	xpath(path, sizeof(path), root, "vg");
	vgs = list_dir(path, &nvg);
	if (nvg == 0)
		die("%s: no Valgrind runs", path);
	v = xrealloc(NULL, sizeof(*v) * (size_t)nvg);
	memset(v, 0, sizeof(*v) * (size_t)nvg);
	for (k = 0; k < nvg; k++) {
		char vdir[4096], rdir[4096], **runs;
		int nr;

		xpath(vdir, sizeof(vdir), path, vgs[k]);
		read_line(vdir, "version", v[k].version, sizeof(v[k].version));
		read_line(vdir, "path", v[k].path, sizeof(v[k].path));
		read_line(vdir, "run_s", v[k].run_s, sizeof(v[k].run_s));
		xpath(rdir, sizeof(rdir), vdir, "runs");
		runs = list_dir(rdir, &nr);
		v[k].runs = xrealloc(NULL, sizeof(struct run) * (size_t)(nr + 1));
		memset(v[k].runs, 0, sizeof(struct run) * (size_t)(nr + 1));
		v[k].nruns = nr;
		for (r = 0; r < nr; r++) {
			char d[4096];

			snprintf(v[k].runs[r].name, sizeof(v[k].runs[r].name), "%s", runs[r]);
			xpath(d, sizeof(d), rdir, runs[r]);
			read_run(&v[k], r, d);
			if (v[k].runs[r].problem[0] != '\0')
				problems++;
		}
		free_list(runs, nr);
		qsort(v[k].cls, (size_t)v[k].ncls, sizeof(*v[k].cls), cmp_cls);
	}
	free_list(vgs, nvg);

	top = json_object_new_object();
	json_object_object_add(top, "schema", json_object_new_string("kconform-client-go/1"));
	xpath(path, sizeof(path), root, "meta");
	f = fopen(path, "r");
	if (f != NULL) {
		json_object *m = json_object_new_object();

		while (fgets(meta, sizeof(meta), f) != NULL) {
			char *sp;

			meta[strcspn(meta, "\n")] = '\0';
			sp = strchr(meta, ' ');
			if (sp == NULL)
				continue;
			*sp = '\0';
			json_object_object_add(m, meta, json_object_new_string(sp + 1));
		}
		fclose(f);
		json_object_object_add(top, "setup", m);
	}
	jvgs = json_object_new_array();
	json_object_object_add(top, "valgrinds", jvgs);

	xpath(path, sizeof(path), out, "summary.txt");
	sum = fopen(path, "w");
	if (sum == NULL)
		die("%s: %s", path, strerror(errno));
	fprintf(sum, "Go's Valgrind-instrumented runtime under memcheck (make client-go)\n");
	json_object *setup;
	if (json_object_object_get_ex(top, "setup", &setup)) {
		json_object_object_foreach(setup, key, val)
			fprintf(sum, "  %s: %s\n", key, json_object_get_string(val));
	}
	for (k = 0; k < nvg; k++) {
		json_object *jv = json_object_new_object(), *jr = json_object_new_array();
		json_object *jc = json_object_new_array();
		int c;

		json_object_object_add(jv, "version", json_object_new_string(v[k].version));
		json_object_object_add(jv, "path", json_object_new_string(v[k].path));
		json_object_object_add(jv, "run_s", json_object_new_string(v[k].run_s));
		fprintf(sum, "\n== Valgrind %s (%s): %d runs, %s s\n", v[k].version, v[k].path,
		    v[k].nruns, v[k].run_s);
		for (r = 0; r < v[k].nruns; r++) {
			json_object *o = json_object_new_object(), *cc = json_object_new_object();
			struct run *run = &v[k].runs[r];

			json_object_object_add(o, "run", json_object_new_string(run->name));
			json_object_object_add(o, "xml_exit", json_object_new_int(run->xml_rc));
			json_object_object_add(o, "text_exit", json_object_new_int(run->text_rc));
			json_object_object_add(o, "xml_files", json_object_new_int(run->nxml));
			json_object_object_add(o, "child_xml_cut_at_exec", json_object_new_int(run->nchild_cut));
			json_object_object_add(o, "errors", json_object_new_int64(run->errors));
			json_object_object_add(o, "error_contexts", json_object_new_int64(run->contexts));
			json_object_object_add(o, "problem", run->problem[0] != '\0' ?
			    json_object_new_string(run->problem) : NULL);
			for (c = 0; c < v[k].ncls; c++)
				if (v[k].cls[c].count[r] > 0)
					json_object_object_add(cc, v[k].cls[c].id,
					    json_object_new_int64(v[k].cls[c].count[r]));
			json_object_object_add(o, "classes", cc);
			json_object_array_add(jr, o);
			if (run->problem[0] != '\0')
				fprintf(sum, "  RUN PROBLEM %s: %s\n", run->name, run->problem);
		}
		fprintf(sum, "  %-24s %-5s %6s %6s %6s %8s %5s  %s\n", "class", "from", "min", "median",
		    "max", "total", "runs", "case (verdict under this Valgrind)");
		for (c = 0; c < v[k].ncls; c++) {
			struct cls *cl = &v[k].cls[c];
			long mn, med, mx, tot;
			int seen;
			const char *cid, *flag;
			const struct verdict *vd;
			json_object *o = json_object_new_object();

			stats(cl, v[k].nruns, &mn, &med, &mx, &tot, &seen);
			case_status(&v[k], cl->id, &cid, &vd, &flag);
			json_object_object_add(o, "class", json_object_new_string(cl->id));
			json_object_object_add(o, "description", json_object_new_string(cl->descr));
			json_object_object_add(o, "from", json_object_new_string(cl->source));
			json_object_object_add(o, "min", json_object_new_int64(mn));
			json_object_object_add(o, "median", json_object_new_int64(med));
			json_object_object_add(o, "max", json_object_new_int64(mx));
			json_object_object_add(o, "total", json_object_new_int64(tot));
			json_object_object_add(o, "runs_seen", json_object_new_int(seen));
			if (strcmp(cl->source, "xml") == 0)
				json_object_object_add(o, "contexts", json_object_new_int64(cl->contexts));
			json_object_object_add(o, "kinds", hist_json(&cl->kinds, 10));
			json_object_object_add(o, "block_sizes", hist_json(&cl->blocks, TOPN));
			json_object_object_add(o, "alloc_frames", hist_json(&cl->allocfn, TOPN));
			json_object_object_add(o, "top_frames", hist_json(&cl->topfn, TOPN));
			json_object_object_add(o, "samples", hist_json(&cl->samples, TOPN));
			json_object_object_add(o, "case", cid != NULL ? json_object_new_string(cid) : NULL);
			json_object_object_add(o, "verdict", vd != NULL ?
			    json_object_new_string(vd->verdict) : NULL);
			json_object_object_add(o, "verdict_reason", vd != NULL ?
			    json_object_new_string(vd->reason) : NULL);
			json_object_object_add(o, "verdict_source", vd != NULL ?
			    json_object_new_string(vd->source) : NULL);
			json_object_object_add(o, "flag", flag != NULL ? json_object_new_string(flag) : NULL);
			json_object_array_add(jc, o);

			fprintf(sum, "  %-24s %-5s %6ld %6ld %6ld %8ld %2d/%-2d  ", cl->id, cl->source,
			    mn, med, mx, tot, seen, v[k].nruns);
			if (cid == NULL)
				fprintf(sum, "NO CASE: no case reproduces this class\n");
			else if (flag != NULL)
				fprintf(sum, "%s: %s\n", cid, flag);
			else
				fprintf(sum, "%s: %s\n", cid, vd->verdict);
			fprintf(sum, "      %s\n", cl->descr);
			print_hist(sum, "kinds", &cl->kinds, 4);
			print_hist(sum, "block sizes", &cl->blocks, 3);
			print_hist(sum, "allocated by", &cl->allocfn, 3);
			print_hist(sum, "top frames", &cl->topfn, 3);
			print_hist(sum, strcmp(cl->source, "xml") == 0 ? "what" : "text",
			    &cl->samples, 2);
		}
		json_object_object_add(jv, "runs", jr);
		json_object_object_add(jv, "classes", jc);
		json_object_array_add(jvgs, jv);
	}
	fprintf(sum, "\n%d run problem(s)\n", problems);
	if (fclose(sum) != 0)
		die("summary.txt: write error");
	xpath(path, sizeof(path), out, "report.json");
	if (json_object_to_file_ext(path, top, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED) != 0)
		die("%s: %s", path, json_util_get_last_err());
	json_object_put(top);
	return (problems > 0 ? 2 : 0);
}

static int
verdict(int argc, char **argv)
{
	const char *version = NULL, *id = NULL, *best_file = NULL;
	char best_started[64] = "", best_verdict[64] = "", best_reason[400] = "";
	int i;

	for (i = 0; i + 1 < argc && argv[i][0] == '-'; i += 2) {
		if (strcmp(argv[i], "--version") == 0)
			version = argv[i + 1];
		else if (strcmp(argv[i], "--id") == 0)
			id = argv[i + 1];
		else
			die("verdict: unknown option %s", argv[i]);
	}
	if (version == NULL || id == NULL)
		die("usage: kc-goclass verdict --version V --id PROGRAM:CASE RESULTS.json...");
	for (; i < argc; i++) {
		json_object *o = json_object_from_file(argv[i]), *env, *vg, *cases, *st, *schema;
		size_t j;

		if (o == NULL)
			continue;	/* not a results file: ignored */
		if (!json_object_object_get_ex(o, "schema", &schema) ||
		    strcmp(json_object_get_string(schema), "kconform-results/1") != 0 ||
		    !json_object_object_get_ex(o, "environment", &env) ||
		    !json_object_object_get_ex(env, "valgrind", &vg) ||
		    json_object_get_type(vg) != json_type_string ||
		    strcmp(json_object_get_string(vg), version) != 0 ||
		    !json_object_object_get_ex(o, "cases", &cases) ||
		    !json_object_object_get_ex(o, "started", &st)) {
			json_object_put(o);
			continue;
		}
		for (j = 0; j < json_object_array_length(cases); j++) {
			json_object *c = json_object_array_get_idx(cases, j), *cid, *vd, *rs;

			if (!json_object_object_get_ex(c, "id", &cid) ||
			    strcmp(json_object_get_string(cid), id) != 0)
				continue;
			if (strcmp(json_object_get_string(st), best_started) > 0 &&
			    json_object_object_get_ex(c, "verdict", &vd)) {
				snprintf(best_started, sizeof(best_started), "%s",
				    json_object_get_string(st));
				snprintf(best_verdict, sizeof(best_verdict), "%s",
				    json_object_get_string(vd));
				snprintf(best_reason, sizeof(best_reason), "%s",
				    json_object_object_get_ex(c, "reason", &rs) ?
				    json_object_get_string(rs) : "");
				best_file = argv[i];
			}
			break;
		}
		json_object_put(o);
	}
	if (best_file == NULL)
		return (1);
	for (i = 0; best_reason[i] != '\0'; i++)
		if (best_reason[i] == '\t' || best_reason[i] == '\n')
			best_reason[i] = ' ';
	printf("%s\t%s\t%s\n", best_verdict, best_file, best_reason);
	return (0);
}

int
main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "classify") == 0)
		return (classify(argc - 2, argv + 2));
	if (argc >= 2 && strcmp(argv[1], "verdict") == 0)
		return (verdict(argc - 2, argv + 2));
	fprintf(stderr, "usage: kc-goclass classify --cases TABLE --out DIR RUNROOT\n"
	    "       kc-goclass verdict --version V --id PROGRAM:CASE RESULTS.json...\n");
	return (2);
}
