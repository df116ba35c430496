/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kc-compare: diff a run's results.json against a baseline.
 *
 *   kc-compare BASELINE.json RUN.json
 *
 * Prints the environment fields that differ, then one line per case whose
 * verdict or skip reason changed, grouped as regressions (anything -> failed
 * or broken), fixes (failed/broken -> anything else), changes (other verdict
 * changes, e.g. skipped -> passed), reason changes (same verdict, other
 * reason), new and missing cases (lib/kc_diff.c classifies them; the matrix
 * page's diff view uses the same).  Exit status: 1 if there is a regression
 * (what a kernel-upgrade CI job gates on), 0 otherwise, 2 on bad input.
 *
 * Kernel mode (--kernel, and by default when both runs come from
 * qemu-system guests with different kernels): it first lists the rows of the
 * kernel-facts table (lib/kc_kfacts.c) whose behaviour differs between the
 * two kernel versions, then attributes every verdict or reason change to the
 * row named in a reason of either side.  A change that no such row explains
 * is reported "unexplained" and makes the exit status 1, like a regression.
 * The versions are the guests' releases with Debian's real patch level from
 * environment.kernel_build (kc_kernel_build_refine), and a reason that
 * differs only by the kernel version it quotes is not a change.  Last, per
 * row between the kernels, the cases whose reason names it on each side
 * (a pass names the rows it asserted: lib/kc_case.c), so a behaviour that
 * changed while both verdicts stayed "passed" is listed too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "kc_diff.h"
#include "kc_kfacts.h"
#include "kc_version.h"

/* Kernel mode: the two versions and the rows whose behaviour differs. */
static int kc_kmode;
static struct kc_version kc_va, kc_vb;

static int
kc_row_between(int id)
{
	return (kc_kfact_at((enum kc_kfact)id, &kc_va) != kc_kfact_at((enum kc_kfact)id, &kc_vb));
}

static int
kc_is_word(char c)
{
	return ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
}

/* Does `text` name the row `name` as a whole word ("pidfd_get_info" is not
 * named by "pidfd_get_info_exit")? */
static int
kc_names(const char *text, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = text; (p = strstr(p, name)) != NULL; p++) {
		if ((p == text || !kc_is_word(p[-1])) && !kc_is_word(p[n]))
			return (1);
	}
	return (0);
}

/* The row between the two kernels that a reason names, or NULL. */
static const struct kc_kfact_row *
kc_explain(const char *ra, const char *rb)
{
	int id;

	for (id = 0; id < KC_KF_COUNT; id++) {
		const struct kc_kfact_row *r = kc_kfact_row((enum kc_kfact)id);

		if (r == NULL || !kc_row_between(id))
			continue;
		if (kc_names(ra, r->name) || kc_names(rb, r->name))
			return (r);
	}
	return (NULL);
}

/* `reason` with each "kernel A.B.C" of kernel `v` (how the kernel-facts
 * messages quote the running kernel) made "kernel <kernel>", so that two
 * reasons differing only by the kernel they quote compare equal. */
static const char *
kc_norm(const char *reason, const struct kc_version *v, char *buf, size_t len)
{
	char ver[48];
	size_t vl, o = 0;
	const char *p = reason;

	snprintf(ver, sizeof(ver), "kernel %d.%d.%d", v->part[0], v->part[1], v->part[2]);
	vl = strlen(ver);
	while (*p != '\0' && o + 10 < len) {
		if (strncmp(p, ver, vl) == 0 && !(p[vl] >= '0' && p[vl] <= '9')) {
			o += (size_t)snprintf(buf + o, len - o, "kernel <kernel>");
			p += vl;
			continue;
		}
		buf[o++] = *p++;
	}
	buf[o] = '\0';
	return (buf);
}

static const char *
kc_field(json_object *o, const char *k)
{
	json_object *v;

	if (!json_object_object_get_ex(o, k, &v) || json_object_is_type(v, json_type_null))
		return ("null");
	return (json_object_get_string(v));
}

static json_object *
kc_load(const char *path, json_object **cases)
{
	json_object *root = json_object_from_file(path), *schema;

	if (root == NULL) {
		fprintf(stderr, "kc-compare: %s: %s\n", path, json_util_get_last_err());
		exit(2);
	}
	if (!json_object_object_get_ex(root, "schema", &schema) ||
	    strcmp(json_object_get_string(schema), "kconform-results/1") != 0 ||
	    !json_object_object_get_ex(root, "cases", cases) ||
	    !json_object_is_type(*cases, json_type_array)) {
		fprintf(stderr, "kc-compare: %s: not a kconform-results/1 file\n", path);
		exit(2);
	}
	return (root);
}

static json_object *
kc_find(json_object *cases, const char *id)
{
	size_t i, n = json_object_array_length(cases);

	for (i = 0; i < n; i++) {
		json_object *c = json_object_array_get_idx(cases, i);

		if (strcmp(kc_field(c, "id"), id) == 0)
			return (c);
	}
	return (NULL);
}

/* How many cases of `cases` have a reason naming `name`; the first ids into
 * list (", "-separated, bounded). */
static long
kc_count_naming(json_object *cases, const char *name, char *list, size_t len)
{
	size_t i, n = json_object_array_length(cases), used;
	long k = 0;

	for (i = 0; i < n; i++) {
		json_object *c = json_object_array_get_idx(cases, i);

		if (!kc_names(kc_field(c, "reason"), name))
			continue;
		if (k < 4 && list != NULL) {
			used = strlen(list);
			snprintf(list + used, len - used, "%s%s", used > 0 ? ", " : "",
			    kc_field(c, "id"));
		}
		k++;
	}
	return (k);
}

/*
 * Per row between the two kernels: the cases whose reason names it on each
 * side (skips and failures name their floor's row; a pass the rows whose
 * expectation it asserted), so a transition whose cases passed on both
 * sides is listed as well.  A row no case names on either side is said so.
 */
static void
kc_row_cases(json_object *bc, json_object *rc)
{
	int id;

	for (id = 0; id < KC_KF_COUNT; id++) {
		const struct kc_kfact_row *r = kc_kfact_row((enum kc_kfact)id);
		char list[1024] = "";
		long na, nb;

		if (r == NULL || !kc_row_between(id))
			continue;
		na = kc_count_naming(bc, r->name, NULL, 0);
		nb = kc_count_naming(rc, r->name, list, sizeof(list));
		if (nb == 0)
			(void)kc_count_naming(bc, r->name, list, sizeof(list));
		if (na == 0 && nb == 0)
			printf("row-cases  %s: no case names it on either side\n", r->name);
		else
			printf("row-cases  %s: %d.%d.%d %s (%ld cases), %d.%d.%d %s (%ld cases): %s%s\n",
			    r->name, kc_va.part[0], kc_va.part[1], kc_va.part[2],
			    kc_kfact_at((enum kc_kfact)id, &kc_va) ? "after" : "before", na,
			    kc_vb.part[0], kc_vb.part[1], kc_vb.part[2],
			    kc_kfact_at((enum kc_kfact)id, &kc_vb) ? "after" : "before", nb, list,
			    (nb > 4 || (nb == 0 && na > 4)) ? ", ..." : "");
	}
}

int
main(int argc, char **argv)
{
	json_object *base, *run, *bc, *rc, *benv, *renv;
	size_t i, n;
	long count[KC_DIFF_NGROUPS] = { 0 };
	static const char *const envkeys[] = {
		"kernel", "machine", "libc", "emulator", "valgrind", "sandbox",
	};

	long unexplained = 0, explained = 0;
	int force_kernel = 0;

	if (argc == 4 && strcmp(argv[1], "--kernel") == 0) {
		force_kernel = 1;
		argv++;
		argc--;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: kc-compare [--kernel] BASELINE.json RUN.json\n");
		return (2);
	}
	base = kc_load(argv[1], &bc);
	run = kc_load(argv[2], &rc);
	if (json_object_object_get_ex(base, "environment", &benv) &&
	    json_object_object_get_ex(run, "environment", &renv)) {
		for (i = 0; i < sizeof(envkeys) / sizeof(envkeys[0]); i++) {
			const char *a = kc_field(benv, envkeys[i]), *b = kc_field(renv, envkeys[i]);

			if (strcmp(a, b) != 0)
				printf("environment %s: %s -> %s\n", envkeys[i], a, b);
		}
		const char *ka = kc_field(benv, "kernel"), *kb = kc_field(renv, "kernel");
		const char *ea = kc_field(benv, "emulator"), *eb = kc_field(renv, "emulator");

		if (force_kernel || (strncmp(ea, "qemu-system", 11) == 0 &&
		    strncmp(eb, "qemu-system", 11) == 0 && strcmp(ka, kb) != 0)) {
			if (kc_version_parse(ka, &kc_va) != 0 || kc_version_parse(kb, &kc_vb) != 0) {
				fprintf(stderr, "kc-compare: kernel mode: unparsable kernel "
				    "version '%s' or '%s'\n", ka, kb);
				return (2);
			}
			(void)kc_kernel_build_refine(&kc_va, kc_field(benv, "kernel_build"));
			(void)kc_kernel_build_refine(&kc_vb, kc_field(renv, "kernel_build"));
			kc_kmode = 1;
			printf("kernel mode: %s (%d.%d.%d) -> %s (%d.%d.%d); kernel-facts rows between "
			    "them:\n", ka, kc_va.part[0], kc_va.part[1], kc_va.part[2], kb,
			    kc_vb.part[0], kc_vb.part[1], kc_vb.part[2]);
			/* In version order: sort the ids by their rows' mainline. */
			int order[KC_KF_COUNT], k, m;

			for (k = 0; k < KC_KF_COUNT; k++) {
				for (m = k; m > 0 && kc_version_strcmp(
				    kc_kfact_row((enum kc_kfact)order[m - 1])->mainline,
				    kc_kfact_row((enum kc_kfact)k)->mainline) > 0; m--)
					order[m] = order[m - 1];
				order[m] = k;
			}
			for (k = 0; k < KC_KF_COUNT; k++) {
				const struct kc_kfact_row *r = kc_kfact_row((enum kc_kfact)order[k]);

				i = (size_t)order[k];
				if (r != NULL && kc_row_between((int)i))
					printf("row        %s (%s): %s -> %s\n", r->name, r->mainline,
					    kc_version_cmp(&kc_va, &kc_vb) < 0 ? r->before : r->after,
					    kc_version_cmp(&kc_va, &kc_vb) < 0 ? r->after : r->before);
			}
		}
	}
	n = json_object_array_length(rc);
	for (i = 0; i < n; i++) {
		json_object *r = json_object_array_get_idx(rc, i), *b;
		const char *id = kc_field(r, "id"), *rv = kc_field(r, "verdict");
		enum kc_diff g;

		b = kc_find(bc, id);
		if (kc_kmode) {
			char na[4096], nb[4096];

			g = kc_diff_classify(b ? kc_field(b, "verdict") : NULL,
			    b ? kc_norm(kc_field(b, "reason"), &kc_va, na, sizeof(na)) : NULL, rv,
			    kc_norm(kc_field(r, "reason"), &kc_vb, nb, sizeof(nb)));
		} else
			g = kc_diff_classify(b ? kc_field(b, "verdict") : NULL,
			    b ? kc_field(b, "reason") : NULL, rv, kc_field(r, "reason"));
		if (g == KC_DIFF_NONE)
			continue;
		printf("%-10s %s: %s -> %s%s%s\n", kc_diff_name(g), id,
		    b ? kc_field(b, "verdict") : "(none)", rv,
		    *kc_field(r, "reason") ? ": " : "", kc_field(r, "reason"));
		count[g]++;
		if (kc_kmode) {
			const struct kc_kfact_row *row = kc_explain(kc_field(b, "reason"),
			    kc_field(r, "reason"));

			if (g == KC_DIFF_REGRESSION)
				printf("           (a failure is never explained%s%s)\n",
				    row != NULL ? "; it names row " : "", row != NULL ? row->name : "");
			else if (row != NULL) {
				printf("           explained by row %s (%s)\n", row->name, row->mainline);
				explained++;
			} else {
				printf("unexplained %s: no kernel-facts row between the two kernels "
				    "names this change\n", id);
				unexplained++;
			}
		}
	}
	n = json_object_array_length(bc);
	for (i = 0; i < n; i++) {
		json_object *b = json_object_array_get_idx(bc, i);

		if (kc_find(rc, kc_field(b, "id")) == NULL) {
			printf("%-10s %s: %s -> (absent)\n", kc_diff_name(KC_DIFF_MISSING),
			    kc_field(b, "id"), kc_field(b, "verdict"));
			count[KC_DIFF_MISSING]++;
		}
	}
	if (kc_kmode)
		kc_row_cases(bc, rc);
	printf("%ld regressions, %ld fixes, %ld changed, %ld reasons changed, %ld new, %ld missing\n",
	    count[KC_DIFF_REGRESSION], count[KC_DIFF_FIX], count[KC_DIFF_CHANGED],
	    count[KC_DIFF_REASON], count[KC_DIFF_NEW], count[KC_DIFF_MISSING]);
	if (kc_kmode)
		printf("kernel mode: %ld changes explained by the kernel-facts table, "
		    "%ld unexplained\n", explained, unexplained);
	json_object_put(base);
	json_object_put(run);
	return (count[KC_DIFF_REGRESSION] > 0 || unexplained > 0 ? 1 : 0);
}
