/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The case macro: every case of cases/ is declared with it, and it owns the
 * scaffolding.  The head sets descr, the metadata given, and the ATF timeout
 * (deadline + KC_CASE_MARGIN_S, so kyua's timeout never fires first); the
 * body runs between kc_hygiene_begin/kc_hygiene_end (lib/kc_child.h) under
 * a watchdog that, at the deadline, fails the case with what every thread
 * and descendant is blocked in (lib/kc_blocked.h), after killing and
 * reaping the descendants.  A hang is therefore `failed`, never `broken`.
 * (In a Valgrind lane's case child the lane keeps the deadline instead and
 * writes the same failure, so the child has no watchdog thread:
 * lib/kc_batch.h.)
 * (Where no thread can be created, e.g. a sandbox refusing clone3 with
 * EPERM, the body runs without the watchdog and stderr says so.  Inside an
 * expect-fail window (opened with lib/kc_expect.h) the watchdog's failure
 * is the expected one, as any failure there; a lane's watchdog writes the
 * same.)
 *
 *	KC_CASE(subject__scenario, "what the case checks")
 *	{
 *		... body; `tc` (const atf_tc_t *) is in scope ...
 *	}
 *
 *	KC_CASE_MD(subject__as_root, "descr", .user = "root", .deadline_s = 40)
 *	{ ... }
 *
 *	KC_CASE_CLEANUP(subject__with_cleanup, "descr", .user = "root")
 *	{ ... body ... }
 *	KC_CLEANUP(subject__with_cleanup)
 *	{ ... ATF cleanup, run by kyua after the body, even after a failure ... }
 *
 * Register with ATF_TP_ADD_TC(tp, name) as usual.
 *
 * A program whose cases are only known when it runs (cases/parity: one case
 * per case of a kernel program) registers each with kc_case_add instead of
 * ATF_TC + atf_tc_init: the same head, hygiene and watchdog, with an md of
 * its own per case.  The lint refuses a bare atf_tc_init in cases/.
 */
#ifndef LIB_KC_CASE_H
#define LIB_KC_CASE_H

#include <atf-c.h>

/* Watchdog deadline of a case unless its metadata says otherwise (s). */
#define KC_CASE_DEADLINE_S	20
/* ATF "timeout" = deadline + this: time for the watchdog to report (s). */
#define KC_CASE_MARGIN_S	10

struct kc_case_md {
	const char	*descr;		/* required */
	unsigned	 deadline_s;	/* watchdog; 0: KC_CASE_DEADLINE_S */
	const char	*user;		/* require.user: "root" or "unprivileged" */
	const char	*progs;		/* require.progs */
	const char	*machine;	/* require.machine (never require.arch) */
	const char	*config;	/* require.config */
	int		 no_hygiene;	/* the body checks fds/children itself */
};

/* Head: descr, timeout and the require.* given (ATF). */
void kc_case_head(atf_tc_t *tc, const struct kc_case_md *md);

/* Body: watchdog, hygiene, body (ATF). */
void kc_case_run(const atf_tc_t *tc, const struct kc_case_md *md,
    void (*body)(const atf_tc_t *));

/* The case kc_case_run is running in this process, NULL outside one: for lib
 * code without a tc (probes) that reads the run's configuration. */
const atf_tc_t *kc_case_current(void);

/* The deadline in force for md (s), scaled by kc_case_scale(). */
unsigned kc_case_deadline(const struct kc_case_md *md);

/*
 * The slowdown of this environment: KC_DEADLINE_SCALE=N (1-100) in the
 * environment, else 1.  An emulated environment's runner sets it
 * (matrix/qemu-wrap.sh: the qemu-user Valgrind columns, where a Valgrind
 * launch takes about ten times as long as natively), for every deadline
 * (hence the ATF timeout) and Valgrind launch timeout.  A hang still fails,
 * at the scaled deadline.  Any other value is the runner's error: the
 * program says so on stderr and exits 2 (kyua: the program is broken).
 */
unsigned kc_case_scale(void);

/* How many cases one program may register with kc_case_add. */
#define KC_CASE_MAXDYN	256

/*
 * Register case `ident` at run time (in ATF_TP_ADD_TCS): tc, md and ident
 * must outlive the program (static storage); body runs as a KC_CASE body
 * would, cleanup (may be NULL) as its ATF cleanup; config is the program's
 * configuration (atf_tp_get_config).  Returns atf_tc_init's or
 * atf_tp_add_tc's error, or a libc E2BIG error beyond KC_CASE_MAXDYN.
 */
atf_error_t kc_case_add(atf_tp_t *tp, atf_tc_t *tc, const char *ident,
    const struct kc_case_md *md, void (*body)(const atf_tc_t *),
    void (*cleanup)(const atf_tc_t *), const char *const *config);

#define KC__CASE_COMMON(name, d, ...)					\
	static void kc_body_ ## name(const atf_tc_t *);			\
	static const struct kc_case_md kc_md_ ## name = {		\
		.descr = (d), __VA_ARGS__				\
	};								\
	ATF_TC_HEAD(name, tc)						\
	{								\
		kc_case_head(tc, &kc_md_ ## name);			\
	}								\
	ATF_TC_BODY(name, tc)						\
	{								\
		kc_case_run(tc, &kc_md_ ## name, kc_body_ ## name);	\
	}								\
	static void							\
	kc_body_ ## name(const atf_tc_t *tc __attribute__((unused)))

/* A case with the default metadata. */
#define KC_CASE(name, d)						\
	ATF_TC(name);							\
	KC__CASE_COMMON(name, d, .deadline_s = 0)

/* A case with more metadata: designated initializers of struct kc_case_md. */
#define KC_CASE_MD(name, d, ...)					\
	ATF_TC(name);							\
	KC__CASE_COMMON(name, d, __VA_ARGS__)

/* A case with an ATF cleanup (write KC_CLEANUP(name) { ... } after it). */
#define KC_CASE_CLEANUP(name, d, ...)					\
	ATF_TC_WITH_CLEANUP(name);					\
	KC__CASE_COMMON(name, d, __VA_ARGS__)

#define KC_CLEANUP(name)	ATF_TC_CLEANUP(name, tc)

#endif /* LIB_KC_CASE_H */
