/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Subject programs of cases/vgreq.  A subject is run as
 *	<subject> <macro|raw> <scenario>...
 * and runs each named scenario in turn, after announcing it with a client
 * message "kc-scenario <name>" (a <clientmsg> in the XML, which lets a case
 * attribute each error to its scenario).  Values a case asserts on are
 * printed to stdout as "<scenario>.<key>=<value>".  Scenarios are
 * independent: none relies on state left by another.
 */
#ifndef CASES_VGREQ_VG_SUBJECT_H
#define CASES_VGREQ_VG_SUBJECT_H

struct vg_scenario {
	const char	*name;
	void		(*run)(const char *name);
};

/* Defined by each subject; ends with { NULL, NULL }. */
extern const struct vg_scenario vg_scenarios[];

/* Print "<scenario>.<key>=<value>" to stdout (flushed). */
void vg_put(const char *scenario, const char *key, unsigned long value);
void vg_puts(const char *scenario, const char *key, const char *value);

/* Keep a value alive in the eyes of the compiler. */
#define VG_USE(x)	__asm__ volatile("" : : "r"(x) : "memory")

#endif /* CASES_VGREQ_VG_SUBJECT_H */
