/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Valgrind --xml=yes reader on libexpat (see kc_vgxml.h).  The document is
 * walked with an element stack; leaf text is collected and stored when the
 * leaf closes, according to the leaf's name and its parent's.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "kc_vgxml.h"

#define KC_VGXML_DEPTH	16

/*
 * The parser's current line.  expat 2.9.0 (trixie's, in the riscv64 and
 * loongarch64 sysroots) deprecates XML_GetCurrentLineNumber for
 * XML_GetCurrentLineNumber64; bookworm's 2.5.0 has only the former.
 */
#if XML_MAJOR_VERSION > 2 || (XML_MAJOR_VERSION == 2 && XML_MINOR_VERSION >= 9)
#define KC_XML_LINE(p)	((unsigned long)XML_GetCurrentLineNumber64(p))
#else
#define KC_XML_LINE(p)	((unsigned long)XML_GetCurrentLineNumber(p))
#endif

struct kc_vgxml_state {
	XML_Parser		 p;
	struct kc_vg_report	*r;
	const char		*stack[KC_VGXML_DEPTH];	/* element names (static) */
	char			*names[KC_VGXML_DEPTH];	/* owned copies */
	int			 depth;
	char			*text;		/* character data of the open leaf */
	size_t			 tlen, tcap;
	struct kc_vg_error	*err;		/* open <error> */
	struct kc_vg_clientmsg	*msg;		/* open <clientmsg> */
	struct kc_vg_stack	*stk;		/* open <stack> (of err or msg) */
	struct kc_vg_frame	*frame;		/* open <frame> */
	int			 last_was_leak;	/* previous item was a leak error */
	unsigned long		 pair_count;	/* <count> of the open errorcounts <pair> */
	char			 why[160];	/* first semantic error */
};

static void
kc_vgxml_fail(struct kc_vgxml_state *s, const char *fmt, ...)
{
	va_list ap;

	if (s->why[0] != '\0')
		return;
	va_start(ap, fmt);
	vsnprintf(s->why, sizeof(s->why), fmt, ap);
	va_end(ap);
	XML_StopParser(s->p, XML_FALSE);
}

static char *
kc_strdup_or_fail(struct kc_vgxml_state *s, const char *t)
{
	char *d = strdup(t);

	if (d == NULL)
		kc_vgxml_fail(s, "out of memory");
	return (d);
}

int
kc_vgxml_number(const char *s, unsigned long *v)
{
	unsigned long n = 0;
	int digits = 0;

	while (isspace((unsigned char)*s))
		s++;
	for (; *s != '\0'; s++) {
		if (isdigit((unsigned char)*s)) {
			if (n > (~0UL - 9) / 10)
				return (-1);
			n = n * 10 + (unsigned long)(*s - '0');
			digits++;
		} else if (*s == ',' && digits > 0 && isdigit((unsigned char)s[1])) {
			continue;		/* thousands separator (%'lu) */
		} else {
			break;
		}
	}
	if (digits == 0)
		return (-1);
	while (isspace((unsigned char)*s))
		s++;
	if (*s == '(') {
		/* delta suffix after a delta leak check: "(+48)", "(-3)" */
		s++;
		if (*s != '+' && *s != '-')
			return (-1);
		s++;
		if (!isdigit((unsigned char)*s))
			return (-1);
		while (isdigit((unsigned char)*s) || *s == ',')
			s++;
		if (*s++ != ')')
			return (-1);
		while (isspace((unsigned char)*s))
			s++;
	}
	if (*s != '\0')
		return (-1);
	*v = n;
	return (0);
}

static const char *
kc_parent(const struct kc_vgxml_state *s, int up)
{
	int i = s->depth - 1 - up;

	return (i >= 0 ? s->stack[i] : "");
}

static void *
kc_grow(struct kc_vgxml_state *s, void *base, int *n, size_t elsz)
{
	char *nb = realloc(base, (size_t)(*n + 1) * elsz);

	if (nb == NULL) {
		kc_vgxml_fail(s, "out of memory");
		return (NULL);
	}
	memset(nb + (size_t)*n * elsz, 0, elsz);
	(*n)++;
	return (nb);
}

static void XMLCALL
kc_vgxml_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
	struct kc_vgxml_state *s = ud;
	struct kc_vg_report *r = s->r;
	const char *parent = kc_parent(s, 0);

	(void)attrs;
	if (s->depth == 0 && strcmp(name, "valgrindoutput") != 0) {
		kc_vgxml_fail(s, "root element is <%s>, not <valgrindoutput>", name);
		return;
	}
	if (s->depth >= KC_VGXML_DEPTH) {
		kc_vgxml_fail(s, "elements nested deeper than %d", KC_VGXML_DEPTH);
		return;
	}
	s->names[s->depth] = kc_strdup_or_fail(s, name);
	if (s->names[s->depth] == NULL)
		return;
	s->stack[s->depth] = s->names[s->depth];
	s->depth++;
	s->tlen = 0;

	if (strcmp(name, "error") == 0 && s->depth == 2) {
		struct kc_vg_error *e = kc_grow(s, r->errors, &r->nerrors, sizeof(*e));

		if (e == NULL)
			return;
		r->errors = e;
		s->err = &e[r->nerrors - 1];
		s->err->seq = r->nitems++;
	} else if (strcmp(name, "clientmsg") == 0 && s->depth == 2) {
		struct kc_vg_clientmsg *m = kc_grow(s, r->msgs, &r->nmsgs, sizeof(*m));

		if (m == NULL)
			return;
		r->msgs = m;
		s->msg = &m[r->nmsgs - 1];
		s->msg->seq = r->nitems++;
		s->last_was_leak = 0;
	} else if (strcmp(name, "stack") == 0 && s->err != NULL &&
	    strcmp(parent, "error") == 0) {
		/* stack[0] follows what; stack[i] follows auxwhat[i-1] */
		int i = s->err->nauxwhat;

		if (i > KC_VG_MAXAUX || s->err->stack[i].nframes != 0)
			i = -1;
		if (i >= 0 && i + 1 > s->err->nstacks)
			s->err->nstacks = i + 1;
		s->stk = i >= 0 ? &s->err->stack[i] : NULL;
	} else if (strcmp(name, "stack") == 0 && s->msg != NULL) {
		s->stk = &s->msg->stack;
	} else if (strcmp(name, "frame") == 0 && s->stk != NULL) {
		struct kc_vg_frame *f = kc_grow(s, s->stk->frames,
		    &s->stk->nframes, sizeof(*f));

		if (f == NULL)
			return;
		s->stk->frames = f;
		s->frame = &f[s->stk->nframes - 1];
	} else if (strcmp(name, "heap_summary") == 0) {
		r->has_summary = true;
	}
}

static int
kc_vgxml_num(struct kc_vgxml_state *s, const char *what, const char *t,
    unsigned long *v)
{
	if (kc_vgxml_number(t, v) != 0) {
		kc_vgxml_fail(s, "line %lu: <%s> is not a number: \"%.40s\"",
		    KC_XML_LINE(s->p), what, t);
		return (-1);
	}
	return (0);
}

static void
kc_vgxml_leaf(struct kc_vgxml_state *s, const char *name, const char *t)
{
	struct kc_vg_report *r = s->r;
	const char *parent = kc_parent(s, 1);
	const char *gparent = kc_parent(s, 2);
	struct kc_vg_error *e = s->err;
	unsigned long v;

	if (strcmp(name, "protocolversion") == 0 && s->depth == 2) {
		if (kc_vgxml_num(s, name, t, &v) != 0)
			return;
		if (v < 4 || v > 6) {
			kc_vgxml_fail(s, "protocolversion %lu not supported (4, 5, 6)", v);
			return;
		}
		r->protocol = (int)v;
	} else if (strcmp(name, "protocoltool") == 0 && s->depth == 2) {
		r->tool = kc_strdup_or_fail(s, t);
	} else if (strcmp(name, "pid") == 0 && s->depth == 2) {
		if (kc_vgxml_num(s, name, t, &v) == 0)
			r->pid = (long)v;
	} else if (strcmp(name, "ppid") == 0 && s->depth == 2) {
		if (kc_vgxml_num(s, name, t, &v) == 0)
			r->ppid = (long)v;
	} else if (strcmp(name, "state") == 0 && strcmp(parent, "status") == 0) {
		if (strcmp(t, "FINISHED") == 0)
			r->finished = true;
	} else if (strcmp(parent, "pair") == 0 && strcmp(gparent, "errorcounts") == 0) {
		if (strcmp(name, "count") == 0) {
			(void)kc_vgxml_num(s, name, t, &s->pair_count);
		} else if (strcmp(name, "unique") == 0) {
			unsigned long u = strtoul(t, NULL, 16);
			int i;

			for (i = 0; i < r->nerrors; i++)
				if (r->errors[i].unique == u)
					r->errors[i].count = s->pair_count;
		}
	} else if (e != NULL && strcmp(parent, "error") == 0) {
		if (strcmp(name, "unique") == 0)
			e->unique = strtoul(t, NULL, 16);
		else if (strcmp(name, "kind") == 0)
			e->kind = kc_strdup_or_fail(s, t);
		else if (strcmp(name, "what") == 0)
			e->what = kc_strdup_or_fail(s, t);
		else if (strcmp(name, "auxwhat") == 0 && e->nauxwhat < KC_VG_MAXAUX)
			e->auxwhat[e->nauxwhat++] = kc_strdup_or_fail(s, t);
	} else if (e != NULL && strcmp(parent, "xwhat") == 0) {
		if (strcmp(name, "text") == 0) {
			e->what = kc_strdup_or_fail(s, t);
		} else if (strcmp(name, "leakedbytes") == 0) {
			if (kc_vgxml_num(s, name, t, &e->leakedbytes) == 0)
				e->has_leak = true;
		} else if (strcmp(name, "leakedblocks") == 0) {
			if (kc_vgxml_num(s, name, t, &e->leakedblocks) == 0)
				e->has_leak = true;
		}
	} else if (e != NULL && strcmp(parent, "xauxwhat") == 0) {
		if (strcmp(name, "text") == 0 && e->nauxwhat < KC_VG_MAXAUX)
			e->auxwhat[e->nauxwhat++] = kc_strdup_or_fail(s, t);
	} else if (s->msg != NULL && strcmp(parent, "clientmsg") == 0) {
		if (strcmp(name, "text") == 0)
			s->msg->text = kc_strdup_or_fail(s, t);
	} else if (s->frame != NULL && strcmp(parent, "frame") == 0) {
		struct kc_vg_frame *f = s->frame;

		if (strcmp(name, "ip") == 0) {
			char *end;

			errno = 0;
			f->ip = strtoul(t, &end, 16);
			if (errno != 0 || end == t || *end != '\0')
				kc_vgxml_fail(s, "line %lu: bad <ip> \"%.40s\"",
				    KC_XML_LINE(s->p), t);
		} else if (strcmp(name, "obj") == 0) {
			f->obj = kc_strdup_or_fail(s, t);
		} else if (strcmp(name, "fn") == 0) {
			f->fn = kc_strdup_or_fail(s, t);
		} else if (strcmp(name, "dir") == 0) {
			f->dir = kc_strdup_or_fail(s, t);
		} else if (strcmp(name, "file") == 0) {
			f->file = kc_strdup_or_fail(s, t);
		} else if (strcmp(name, "line") == 0) {
			if (kc_vgxml_num(s, name, t, &v) == 0)
				f->line = (int)v;
		}
	} else if (strcmp(gparent, "heap_summary") == 0) {
		unsigned long *dst = NULL;

		if (strcmp(parent, "memory_in_use_at_exit") == 0)
			dst = strcmp(name, "bytes") == 0 ? &r->in_use_bytes :
			    strcmp(name, "blocks") == 0 ? &r->in_use_blocks : NULL;
		else if (strcmp(parent, "total_heap_usage") == 0)
			dst = strcmp(name, "allocs") == 0 ? &r->allocs :
			    strcmp(name, "frees") == 0 ? &r->frees :
			    strcmp(name, "bytes_allocated") == 0 ?
			    &r->bytes_allocated : NULL;
		if (dst != NULL)
			(void)kc_vgxml_num(s, name, t, dst);
	}
}

static void XMLCALL
kc_vgxml_end(void *ud, const XML_Char *name)
{
	struct kc_vgxml_state *s = ud;
	struct kc_vg_report *r = s->r;

	if (s->tcap > 0) {
		s->text[s->tlen] = '\0';
		kc_vgxml_leaf(s, name, s->text);
	} else {
		kc_vgxml_leaf(s, name, "");
	}
	s->tlen = 0;
	if (strcmp(name, "error") == 0 && s->depth == 2 && s->err != NULL) {
		struct kc_vg_error *e = s->err;

		if (e->kind == NULL) {
			kc_vgxml_fail(s, "line %lu: <error> without <kind>",
			    KC_XML_LINE(s->p));
		} else if (strncmp(e->kind, "Leak_", 5) == 0) {
			if (!s->last_was_leak)
				r->nleakchecks++;
			e->leakcheck = r->nleakchecks - 1;
			s->last_was_leak = 1;
		} else {
			s->last_was_leak = 0;
		}
		s->err = NULL;
	} else if (strcmp(name, "clientmsg") == 0 && s->depth == 2) {
		s->msg = NULL;
	} else if (strcmp(name, "stack") == 0) {
		s->stk = NULL;
	} else if (strcmp(name, "frame") == 0) {
		s->frame = NULL;
	}
	s->depth--;
	free(s->names[s->depth]);
	s->names[s->depth] = NULL;
}

static void XMLCALL
kc_vgxml_chars(void *ud, const XML_Char *txt, int len)
{
	struct kc_vgxml_state *s = ud;

	if (s->tlen + (size_t)len + 1 > s->tcap) {
		size_t ncap = (s->tlen + (size_t)len + 1) * 2;
		char *nt = realloc(s->text, ncap);

		if (nt == NULL) {
			kc_vgxml_fail(s, "out of memory");
			return;
		}
		s->text = nt;
		s->tcap = ncap;
	}
	memcpy(s->text + s->tlen, txt, (size_t)len);
	s->tlen += (size_t)len;
}

static void
kc_vg_stack_free(struct kc_vg_stack *st)
{
	int i;

	for (i = 0; i < st->nframes; i++) {
		free(st->frames[i].obj);
		free(st->frames[i].fn);
		free(st->frames[i].dir);
		free(st->frames[i].file);
	}
	free(st->frames);
}

void
kc_vgxml_free(struct kc_vg_report *r)
{
	int i, j;

	for (i = 0; i < r->nerrors; i++) {
		struct kc_vg_error *e = &r->errors[i];

		free(e->kind);
		free(e->what);
		for (j = 0; j < e->nauxwhat; j++)
			free(e->auxwhat[j]);
		for (j = 0; j < 1 + KC_VG_MAXAUX; j++)
			kc_vg_stack_free(&e->stack[j]);
	}
	free(r->errors);
	for (i = 0; i < r->nmsgs; i++) {
		free(r->msgs[i].text);
		kc_vg_stack_free(&r->msgs[i].stack);
	}
	free(r->msgs);
	free(r->tool);
	memset(r, 0, sizeof(*r));
}

int
kc_vgxml_parse(const char *buf, size_t len, struct kc_vg_report *r,
    char *err, size_t errlen)
{
	struct kc_vgxml_state s;
	enum XML_Status st;
	int i, rc = -1;

	memset(r, 0, sizeof(*r));
	memset(&s, 0, sizeof(s));
	s.r = r;
	s.p = XML_ParserCreate(NULL);
	if (s.p == NULL) {
		snprintf(err, errlen, "XML_ParserCreate failed");
		return (-1);
	}
	XML_SetUserData(s.p, &s);
	XML_SetElementHandler(s.p, kc_vgxml_start, kc_vgxml_end);
	XML_SetCharacterDataHandler(s.p, kc_vgxml_chars);
	st = XML_Parse(s.p, buf, (int)len, XML_TRUE);
	if (s.why[0] != '\0') {
		snprintf(err, errlen, "%s", s.why);
	} else if (st != XML_STATUS_OK) {
		snprintf(err, errlen, "line %lu: %s",
		    KC_XML_LINE(s.p),
		    XML_ErrorString(XML_GetErrorCode(s.p)));
	} else if (r->protocol == 0) {
		snprintf(err, errlen, "no <protocolversion>");
	} else {
		rc = 0;
	}
	for (i = 0; i < KC_VGXML_DEPTH; i++)
		free(s.names[i]);
	free(s.text);
	XML_ParserFree(s.p);
	if (rc != 0)
		kc_vgxml_free(r);
	return (rc);
}

int
kc_vgxml_parse_file(const char *path, struct kc_vg_report *r, char *err,
    size_t errlen)
{
	FILE *f;
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	int rc;

	memset(r, 0, sizeof(*r));
	f = fopen(path, "r");
	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return (-1);
	}
	for (;;) {
		if (len + 4096 > cap) {
			char *nb = realloc(buf, cap + 65536);

			if (nb == NULL) {
				free(buf);
				fclose(f);
				snprintf(err, errlen, "out of memory");
				return (-1);
			}
			buf = nb;
			cap += 65536;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	rc = ferror(f) ? -1 : 0;
	fclose(f);
	if (rc != 0) {
		snprintf(err, errlen, "%s: read error", path);
		free(buf);
		return (-1);
	}
	if (len == 0) {
		snprintf(err, errlen, "%s: empty XML output", path);
		free(buf);
		return (-1);
	}
	rc = kc_vgxml_parse(buf, len, r, err, errlen);
	free(buf);
	return (rc);
}

int
kc_vg_count_kind(const struct kc_vg_report *r, const char *kind)
{
	int i, n = 0;

	for (i = 0; i < r->nerrors; i++)
		if (strcmp(r->errors[i].kind, kind) == 0)
			n++;
	return (n);
}

bool
kc_vg_aux_has(const struct kc_vg_error *e, const char *needle)
{
	int i;

	for (i = 0; i < e->nauxwhat; i++)
		if (e->auxwhat[i] != NULL && strstr(e->auxwhat[i], needle) != NULL)
			return (true);
	return (false);
}

const struct kc_vg_error *
kc_vg_find(const struct kc_vg_report *r, const char *kind, const char *needle)
{
	int i;

	for (i = 0; i < r->nerrors; i++) {
		const struct kc_vg_error *e = &r->errors[i];

		if (kind != NULL && strcmp(e->kind, kind) != 0)
			continue;
		if (needle == NULL ||
		    (e->what != NULL && strstr(e->what, needle) != NULL) ||
		    kc_vg_aux_has(e, needle))
			return (e);
	}
	return (NULL);
}

const struct kc_vg_frame *
kc_vg_top_frame(const struct kc_vg_error *e, int i)
{
	int j;

	if (i < 0 || i >= e->nstacks)
		return (NULL);
	for (j = 0; j < e->stack[i].nframes; j++)
		if (e->stack[i].frames[j].fn != NULL)
			return (&e->stack[i].frames[j]);
	return (NULL);
}

/* --- normalization --------------------------------------------------------- */

struct kc_sbuf {
	char	*p;
	size_t	 len, cap;
	int	 oom;
};

static void
kc_sbuf_add(struct kc_sbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t ncap = (b->len + n + 1) * 2 + 256;
		char *np = realloc(b->p, ncap);

		if (np == NULL) {
			b->oom = 1;
			return;
		}
		b->p = np;
		b->cap = ncap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
kc_sbuf_str(struct kc_sbuf *b, const char *s)
{
	kc_sbuf_add(b, s, strlen(s));
}

/* Append s with every 0x<hex> replaced by "0x..". */
static void
kc_sbuf_masked(struct kc_sbuf *b, const char *s)
{
	while (s != NULL && *s != '\0') {
		if (s[0] == '0' && s[1] == 'x' && isxdigit((unsigned char)s[2])) {
			kc_sbuf_str(b, "0x..");
			s += 2;
			while (isxdigit((unsigned char)*s))
				s++;
		} else {
			kc_sbuf_add(b, s, 1);
			s++;
		}
	}
}

static bool
kc_file_listed(const char *file, const char *srcfiles)
{
	const char *base, *p;
	size_t n;

	if (srcfiles == NULL)
		return (true);
	if (file == NULL)
		return (false);
	base = strrchr(file, '/');
	base = base != NULL ? base + 1 : file;
	n = strlen(base);
	for (p = srcfiles; *p != '\0'; ) {
		size_t w = strcspn(p, " ");

		if (w == n && strncmp(p, base, n) == 0)
			return (true);
		p += w;
		p += strspn(p, " ");
	}
	return (false);
}

static void
kc_sbuf_stack(struct kc_sbuf *b, const struct kc_vg_stack *st, const char *srcfiles)
{
	int i;

	kc_sbuf_str(b, " [");
	for (i = 0; i < st->nframes; i++) {
		const struct kc_vg_frame *f = &st->frames[i];

		if (f->fn == NULL || !kc_file_listed(f->file, srcfiles))
			continue;
		kc_sbuf_str(b, " ");
		kc_sbuf_str(b, f->fn);
	}
	kc_sbuf_str(b, " ]");
}

char *
kc_vg_normalize(const struct kc_vg_report *r, const char *srcfiles)
{
	struct kc_sbuf b = { NULL, 0, 0, 0 };
	char num[64];
	int i, j, m;

	kc_sbuf_str(&b, "");
	/* errors and client messages in document order */
	for (i = 0, m = 0; i < r->nerrors || m < r->nmsgs; ) {
		const struct kc_vg_error *e;

		if (m < r->nmsgs && (i >= r->nerrors ||
		    r->msgs[m].seq < r->errors[i].seq)) {
			kc_sbuf_str(&b, "clientmsg: ");
			kc_sbuf_masked(&b, r->msgs[m].text);
			kc_sbuf_str(&b, "\n");
			m++;
			continue;
		}
		e = &r->errors[i++];
		kc_sbuf_str(&b, e->kind);
		kc_sbuf_str(&b, ": ");
		kc_sbuf_masked(&b, e->what);
		if (e->has_leak) {
			snprintf(num, sizeof(num), " {%lu bytes, %lu blocks, check %d}",
			    e->leakedbytes, e->leakedblocks, e->leakcheck);
			kc_sbuf_str(&b, num);
		}
		kc_sbuf_stack(&b, &e->stack[0], srcfiles);
		for (j = 0; j < e->nauxwhat; j++) {
			kc_sbuf_str(&b, " / ");
			kc_sbuf_masked(&b, e->auxwhat[j]);
			if (j + 1 < e->nstacks)
				kc_sbuf_stack(&b, &e->stack[j + 1], srcfiles);
		}
		kc_sbuf_str(&b, "\n");
	}
	if (b.oom) {
		free(b.p);
		return (NULL);
	}
	return (b.p);
}
