/* SPDX-License-Identifier: BSD-2-Clause */
/* The Valgrind parity table (see kc_parity.h).  Observations: the parity runs
 * of cases/parity with Valgrind 3.19.0, 3.24.0 and 3.27.1 on x86_64. */
#include <fnmatch.h>
#include <stddef.h>
#include <string.h>

#include "kc_known.h"
#include "kc_parity.h"

#define PASSED	KC_V_PASSED
#define FAILED	KC_V_FAILED
#define SKIPPED	KC_V_SKIPPED

/* One row per program, so that each program's parity case can tell when a
 * row that applies no longer explains anything (the issue got fixed). */
#define PIDFD_OPEN_ENOSYS(prog) \
	{ "pidfd/" prog ":*", KC_PARITY_VERDICT, PASSED, SKIPPED, NULL, \
	  "pidfd_open(2): ENOSYS", "vg_pidfd_open_unwrapped" }
#define CLONE3_ENOSYS(prog) \
	{ "clone3/" prog ":*", KC_PARITY_VERDICT, PASSED, SKIPPED, NULL, \
	  "clone3(2): ENOSYS", "vg_clone3_enosys" }

static const struct kc_parity_row kc_parity_rows[] = {
	/* --- pidfd_open(2) unwrapped before 3.21: its probe skips --- */
	PIDFD_OPEN_ENOSYS("go_probe_test"),
	PIDFD_OPEN_ENOSYS("pidfd_getfd_test"),
	PIDFD_OPEN_ENOSYS("pidfd_info_test"),
	PIDFD_OPEN_ENOSYS("pidfd_open_test"),
	PIDFD_OPEN_ENOSYS("pidfd_poll_test"),
	PIDFD_OPEN_ENOSYS("pidfd_send_signal_test"),
	PIDFD_OPEN_ENOSYS("waitid_pidfd_test"),
	/* --- pidfd_getfd(2) unwrapped before 3.23 (masked by pidfd_open before 3.21) --- */
	{ "pidfd/pidfd_getfd_test:*", KC_PARITY_VERDICT, PASSED, SKIPPED, NULL,
	  "pidfd_getfd(2): ENOSYS", "vg_pidfd_getfd_unwrapped" },
	/* --- pidfd_send_signal(2) never wrapped --- */
	{ "pidfd/pidfd_send_signal_test:*", KC_PARITY_VERDICT, PASSED, SKIPPED, NULL,
	  "pidfd_send_signal(2): ENOSYS", "vg_pidfd_send_signal_unwrapped" },
	/* Go's probe has no skip for step 3: with pidfd_open working (3.21+)
	 * it fails where Go would fall back. */
	{ "pidfd/go_probe_test:go_probe__check_pidfd_sequence", KC_PARITY_VERDICT,
	  PASSED, FAILED, NULL, "pidfd_send_signal(self, 0): ENOSYS",
	  "vg_pidfd_send_signal_unwrapped" },
	/* --- vfork-style clone run as fork: the child's stores are not shared --- */
	{ "pidfd/vfork_pidfd_test:vfork_pidfd__shared_write_visible", KC_PARITY_VERDICT,
	  PASSED, FAILED, NULL, "the child's store is not visible to the parent",
	  "vg_vfork_as_fork" },
	{ "pidfd/vfork_pidfd_test:vfork_pidfd__exec_failure_reported", KC_PARITY_VERDICT,
	  PASSED, FAILED, NULL, "exec error seen by the parent", "vg_vfork_as_fork" },
	/* --- Valgrind error reports --- */
	/* Deliberate: the case hands clone(2) an unwritable pidfd slot. */
	{ "pidfd/clone_pidfd_test:clone_pidfd__bad_pointer_efault", KC_PARITY_VGERROR,
	  PASSED, PASSED, "SyscallParam", "clone(parent_tidptr)", NULL },
	/* A Valgrind bug: waitid(2) accepts a NULL infop. */
	{ "pidfd/waitid_pidfd_test:waitid_pidfd__null_infop", KC_PARITY_VGERROR,
	  PASSED, PASSED, "SyscallParam", "waitid(infop)", "vg_waitid_null_infop" },
	/* --- clone3(2): ENOSYS from Valgrind; the contract cases conform --- */
	CLONE3_ENOSYS("clone3_cgroup_test"),
	CLONE3_ENOSYS("clone3_clear_sighand_test"),
	CLONE3_ENOSYS("clone3_flags_test"),
	CLONE3_ENOSYS("clone3_newtime_test"),
	CLONE3_ENOSYS("clone3_pidfd_test"),
	CLONE3_ENOSYS("clone3_set_tid_test"),
	CLONE3_ENOSYS("clone3_size_test"),
	CLONE3_ENOSYS("clone3_stack_test"),
	CLONE3_ENOSYS("clone3_v71_flags_test"),
	CLONE3_ENOSYS("clone3_vfork_test"),
	/* --- legacy clone(2): Valgrind validates the exit signal, the kernel does not --- */
	{ "clone3/clone3_newtime_test:clone3_newtime__legacy_clone_bit_is_csignal",
	  KC_PARITY_VERDICT, PASSED, FAILED, NULL,
	  "clone(CLONE_NEWTIME|SIGCHLD): EINVAL", "vg_clone_exit_signal_checked" },
};

const struct kc_parity_row *
kc_parity_table(unsigned *n)
{
	*n = sizeof(kc_parity_rows) / sizeof(kc_parity_rows[0]);
	return (kc_parity_rows);
}

bool
kc_parity_row_applies(const struct kc_parity_row *r, const char *version)
{
	return (r->known == NULL || kc_known_applies(r->known, version));
}

bool
kc_parity_row_covers(const struct kc_parity_row *r, const char *id)
{
	return (fnmatch(r->cases, id, 0) == 0);
}

bool
kc_parity_row_covers_program(const struct kc_parity_row *r, const char *prog)
{
	char pat[256];
	size_t n = strcspn(r->cases, ":");

	if (n >= sizeof(pat))
		return (false);
	memcpy(pat, r->cases, n);
	pat[n] = '\0';
	return (fnmatch(pat, prog, 0) == 0);
}

const struct kc_parity_row *
kc_parity_explain_verdict(const char *id, enum kc_verdict native,
    enum kc_verdict vg, const char *vg_reason, const char *version)
{
	unsigned i, n;
	const struct kc_parity_row *t = kc_parity_table(&n);

	for (i = 0; i < n; i++) {
		if (t[i].what != KC_PARITY_VERDICT || t[i].native != native ||
		    t[i].vg != vg || !kc_parity_row_covers(&t[i], id) ||
		    strstr(vg_reason, t[i].text) == NULL ||
		    !kc_parity_row_applies(&t[i], version))
			continue;
		return (&t[i]);
	}
	return (NULL);
}

const struct kc_parity_row *
kc_parity_explain_error(const char *id, enum kc_verdict native, const char *kind,
    const char *what, const char *version)
{
	unsigned i, n;
	const struct kc_parity_row *t = kc_parity_table(&n);

	for (i = 0; i < n; i++) {
		if (t[i].what != KC_PARITY_VGERROR || t[i].native != native ||
		    strcmp(t[i].vgkind, kind) != 0 || !kc_parity_row_covers(&t[i], id) ||
		    what == NULL || strstr(what, t[i].text) == NULL ||
		    !kc_parity_row_applies(&t[i], version))
			continue;
		return (&t[i]);
	}
	return (NULL);
}
