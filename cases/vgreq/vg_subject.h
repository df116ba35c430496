/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Subject programs of cases/vgreq.  A subject is run as
 *	<subject> <macro|raw> <scenario>...
 * and runs each named scenario in turn, after announcing it with a client
 * message "kc-scenario <name>" (a <clientmsg> in the XML, which lets a case
 * attribute each error to its scenario; after the last one comes the
 * message "kc-scenario (exit)", so that what Valgrind reports at exit, e.g.
 * the final leak check, is in no scenario's range).  Values a case asserts on are
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

/*
 * Read x for real, in the eyes of the compiler and of Valgrind: the value
 * is stored to a volatile sink.  Keeping it only in a register is not
 * enough: Valgrind's JIT (VEX iropt) drops a load whose value is dead
 * before memcheck instruments the code, so an invalid read that only fills
 * a register overwritten later in the same block is never reported (see
 * NOTES.md, "Dead loads").
 */
extern volatile unsigned long vg_sink;
#define VG_USE(x)	(vg_sink = (unsigned long)(x))

#endif /* CASES_VGREQ_VG_SUBJECT_H */
