/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Reader for Valgrind's --xml=yes output (protocols 4, 5 and 6;
 * FACTS-valgrind.md §4), built on libexpat.  It turns the document into
 * records a case can assert on: errors (kind, what/auxwhat, leak bytes and
 * blocks, stacks), client messages, and the v6 summaries.  Parser traps
 * handled: thousands separators ("1,032"), delta suffixes ("48 (+48)"),
 * <blocks>, several leak checks per run.  Anything malformed (not
 * well-formed XML, unknown protocol, a number that does not parse, missing
 * <kind>) is an error, never silently accepted.  No ATF calls.
 */
#ifndef LIB_KC_VGXML_H
#define LIB_KC_VGXML_H

#include <stdbool.h>
#include <stddef.h>

struct kc_vg_frame {
	unsigned long	 ip;
	char		*obj;		/* NULL when absent */
	char		*fn;
	char		*dir;
	char		*file;
	int		 line;		/* 0 when absent */
};

struct kc_vg_stack {
	struct kc_vg_frame	*frames;	/* [0] is the innermost */
	int			 nframes;
};

#define KC_VG_MAXAUX	4

struct kc_vg_error {
	char		*kind;		/* "InvalidWrite", "Leak_DefinitelyLost", ... */
	char		*what;		/* <what>, or <xwhat><text> */
	int		 nauxwhat;
	char		*auxwhat[KC_VG_MAXAUX];	/* <auxwhat> or <xauxwhat><text>, in order */
	bool		 has_leak;	/* <leakedbytes>/<leakedblocks> present */
	unsigned long	 leakedbytes;
	unsigned long	 leakedblocks;
	int		 leakcheck;	/* 0-based index of the leak check (leak errors) */
	int		 seq;		/* position among errors and client messages */
	unsigned long	 unique;	/* <unique> */
	unsigned long	 count;		/* its <errorcounts> count; 0 when not listed */
	/* stack[0]: the error's stack; stack[i]: the one after auxwhat[i-1]. */
	int		 nstacks;
	struct kc_vg_stack stack[1 + KC_VG_MAXAUX];
};

struct kc_vg_clientmsg {
	char		*text;
	struct kc_vg_stack stack;	/* nframes 0 without <stack> */
	int		 seq;		/* position among errors and client messages */
};

struct kc_vg_report {
	int		 protocol;	/* 4, 5 or 6 */
	char		*tool;		/* <protocoltool> */
	long		 pid, ppid;	/* <pid>, <ppid>; 0 when absent */
	bool		 finished;	/* saw <status><state>FINISHED */
	int		 nerrors;
	struct kc_vg_error *errors;	/* document order */
	int		 nmsgs;
	struct kc_vg_clientmsg *msgs;
	int		 nleakchecks;	/* groups of consecutive leak errors */
	int		 nitems;	/* errors + client messages (next seq) */
	/* Protocol 6 summaries (has_summary false before 3.26). */
	bool		 has_summary;
	unsigned long	 in_use_bytes, in_use_blocks;
	unsigned long	 allocs, frees, bytes_allocated;
};

/*
 * Parse a whole XML document.  Returns 0, or -1 with a one-line reason in
 * err (e.g. "line 12: mismatched tag", "protocolversion 3 not supported",
 * "truncated: no </valgrindoutput>").  On error *r is freed and zeroed.
 */
int kc_vgxml_parse(const char *buf, size_t len, struct kc_vg_report *r,
    char *err, size_t errlen);
int kc_vgxml_parse_file(const char *path, struct kc_vg_report *r,
    char *err, size_t errlen);
void kc_vgxml_free(struct kc_vg_report *r);

/*
 * Parse a Valgrind number: digits with optional thousands separators and an
 * optional delta suffix (" (+48)", " (-3)"); the suffix is ignored.
 * Returns 0, or -1 if s is not such a number.
 */
int kc_vgxml_number(const char *s, unsigned long *v);

/* Number of errors of this kind (exact match). */
int kc_vg_count_kind(const struct kc_vg_report *r, const char *kind);

/* The first error of `kind` whose what or any auxwhat contains `needle`
 * (NULL: any); NULL if none. */
const struct kc_vg_error *kc_vg_find(const struct kc_vg_report *r,
    const char *kind, const char *needle);

/* Does any auxwhat of e contain needle? */
bool kc_vg_aux_has(const struct kc_vg_error *e, const char *needle);

/* Innermost frame of stack i of e whose fn is not NULL; NULL if none. */
const struct kc_vg_frame *kc_vg_top_frame(const struct kc_vg_error *e, int i);

/*
 * Normalized text of the report, for comparing two runs (e.g. the macro and
 * raw encodings): one line per error and client message with kind,
 * what/auxwhat with every 0x... masked, leak bytes/blocks, and the function
 * names of each stack's frames that lie in one of the files named in
 * `srcfiles` (space-separated basenames, e.g. "vg_mem_subject.c kc_heap.c";
 * NULL: every named function).  Client messages follow the errors.
 * malloc'd (NULL when out of memory); free it.
 */
char *kc_vg_normalize(const struct kc_vg_report *r, const char *srcfiles);

#endif /* LIB_KC_VGXML_H */
