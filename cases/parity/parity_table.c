/* SPDX-License-Identifier: BSD-2-Clause */
/* The Valgrind parity table (see parity_table.h).  Observations: the parity
 * runs of cases/parity with Valgrind 3.19.0, 3.24.0 and 3.27.1 on x86_64;
 * each parity case checks the rows covering its kernel case, so a row covers
 * exactly the cases that show its difference. */
#include <fnmatch.h>
#include <stddef.h>
#include <string.h>

#include "kc_kfacts.h"
#include "kc_known.h"
#include "kc_version.h"
#include "parity_table.h"

#define PASSED	KC_V_PASSED
#define FAILED	KC_V_FAILED
#define SKIPPED	KC_V_SKIPPED
#define BROKEN	KC_V_BROKEN

/* One row per program: the cases of a program that do not open a pidfd (or
 * call clone3) are excluded where there are any. */
#define PIDFD_OPEN_ENOSYS(cases) \
	{ cases, PARITY_VERDICT, PASSED, SKIPPED, NULL, \
	  "pidfd_open(2): ENOSYS", "vg_pidfd_open_unwrapped" }
#define CLONE3_ENOSYS(prog) \
	{ "clone3/" prog ":*", PARITY_VERDICT, PASSED, SKIPPED, NULL, \
	  "clone3(2): ENOSYS", "vg_clone3_enosys" }

static const struct parity_row parity_rows[] = {
	/* --- pidfd_open(2) unwrapped before 3.21: its probe skips --- */
	PIDFD_OPEN_ENOSYS("pidfd/go_probe_test:*"),
	PIDFD_OPEN_ENOSYS("pidfd/pidfd_getfd_test:*"),
	PIDFD_OPEN_ENOSYS("pidfd/pidfd_open_test:*"),
	/* The other kernel cases take their pidfds from clone(CLONE_PIDFD)
	 * there (lib/kc_pidsrc.h): of a child (kc_held_spawn_pidfd), of
	 * themselves or their parent by SCM_RIGHTS (kc_pidfd_call), of a child
	 * that execs the body needing its own libc (kc_spawn_exec_pidfd). */
	PIDFD_OPEN_ENOSYS("pidfd/pidfd_send_signal_test:*"),
	/* --- pidfd_getfd(2) unwrapped before 3.23 (masked by pidfd_open before 3.21) --- */
	{ "pidfd/pidfd_getfd_test:*", PARITY_VERDICT, PASSED, SKIPPED, NULL,
	  "pidfd_getfd(2): ENOSYS", "vg_pidfd_getfd_unwrapped" },
	/* --- pidfd_send_signal(2) never wrapped --- */
	{ "pidfd/pidfd_send_signal_test:*", PARITY_VERDICT, PASSED, SKIPPED, NULL,
	  "pidfd_send_signal(2): ENOSYS", "vg_pidfd_send_signal_unwrapped" },
	/* Go's probe has no skip for step 3: with pidfd_open working (3.21+)
	 * it fails where Go would fall back. */
	{ "pidfd/go_probe_test:go_probe__check_pidfd_sequence", PARITY_VERDICT,
	  PASSED, FAILED, NULL, "pidfd_send_signal(self, 0): ENOSYS",
	  "vg_pidfd_send_signal_unwrapped" },
	/* --- vfork-style clone run as fork: the child's stores are not shared --- */
	{ "pidfd/vfork_pidfd_test:vfork_pidfd__shared_write_visible", PARITY_VERDICT,
	  PASSED, FAILED, NULL, "the child's store is not visible to the parent",
	  "vg_vfork_as_fork" },
	{ "pidfd/vfork_pidfd_test:vfork_pidfd__exec_failure_reported", PARITY_VERDICT,
	  PASSED, FAILED, NULL, "exec error seen by the parent", "vg_vfork_as_fork" },
	/* --- Valgrind error reports --- */
	/* Deliberate: the case hands clone(2) an unwritable pidfd slot. */
	{ "pidfd/clone_pidfd_test:clone_pidfd__bad_pointer_efault", PARITY_VGERROR,
	  PASSED, PASSED, "SyscallParam", "clone(parent_tidptr)", NULL },
	/* A Valgrind bug: waitid(2) accepts a NULL infop. */
	{ "pidfd/waitid_pidfd_test:waitid_pidfd__null_infop", PARITY_VGERROR,
	  PASSED, PASSED, "SyscallParam", "waitid(infop)", "vg_waitid_null_infop" },
	/* --- clone3(2): ENOSYS from Valgrind; the contract cases conform --- */
	CLONE3_ENOSYS("clone3_basic_test"),
	CLONE3_ENOSYS("clone3_cgroup_test"),
	CLONE3_ENOSYS("clone3_ns_eperm_test"),
	CLONE3_ENOSYS("clone3_set_tid_values_test"),
	CLONE3_ENOSYS("clone3_clear_sighand_test"),
	CLONE3_ENOSYS("clone3_flags_test"),
	/* Its legacy clone(2) case calls no clone3: the row below. */
	{ "clone3/clone3_newtime_test:* "
	  "!clone3/clone3_newtime_test:clone3_newtime__legacy_clone_bit_is_csignal",
	  PARITY_VERDICT, PASSED, SKIPPED, NULL, "clone3(2): ENOSYS", "vg_clone3_enosys" },
	CLONE3_ENOSYS("clone3_pidfd_test"),
	CLONE3_ENOSYS("clone3_set_tid_test"),
	CLONE3_ENOSYS("clone3_size_test"),
	CLONE3_ENOSYS("clone3_stack_test"),
	CLONE3_ENOSYS("clone3_v71_flags_test"),
	CLONE3_ENOSYS("clone3_vfork_test"),
	/* --- legacy clone(2): Valgrind validates the exit signal, the kernel
	 * does not before 7.1 (kernel-facts clone_exit_signal_checked; from it
	 * on both answer EINVAL and the case passes under Valgrind too) --- */
	{ "clone3/clone3_newtime_test:clone3_newtime__legacy_clone_bit_is_csignal",
	  PARITY_VERDICT, PASSED, FAILED, NULL,
	  "clone(CLONE_NEWTIME|SIGCHLD): EINVAL", "vg_clone_exit_signal_checked" },
	/* --- the Valgrind situations of FACTS-peers.md §2 --- */
	/* A CLONE_VM clone without CLONE_THREAD becomes a thread: its _exit ends
	 * the client with status 0 before the case writes its result. */
	{ "clone3/clone_legacy_test:clone_legacy__vm_process_exit_reaped", PARITY_VERDICT,
	  PASSED, BROKEN, NULL, "no result (exited 0)", "vg_clone_vm_process_as_thread" },
	/* CLONE_VM without CLONE_FS|CLONE_FILES: "Unsupported clone() flags",
	 * the client stopped with status 1. */
	{ "clone3/clone_legacy_test:clone_legacy__vm_parent_settid_reaped", PARITY_VERDICT,
	  PASSED, BROKEN, NULL, "no result (exited 1)", "vg_clone_flags_unsupported" },
	/* A core-dumping signal: Valgrind dumps (vgcore) and kills; CLD_KILLED. */
	{ "pidfd/waitid_test:waitid__cld_dumped", PARITY_VERDICT, PASSED, FAILED, NULL,
	  "CLD_DUMPED == si.si_code: expected 3, seen 2", "vg_core_dump_by_valgrind" },
	/* PIDFD_GET_INFO with NULL: the generic ioctl check reads the struct. */
	{ "pidfd/pidfd_info_test:pidfd_info__null_pointer_einval", PARITY_VGERROR,
	  PASSED, PASSED, "SyscallParam", "ioctl(generic)", "vg_ioctl_generic_null_arg" },
	/* mount(NULL, "/", NULL, MS_REC|MS_PRIVATE): type read although NULL. */
	{ "pidfd/pidfd_fdinfo_test:pidfd_fdinfo__nspid_nested "
	  "pidfd/pidfd_fdinfo_test:pidfd_fdinfo__sibling_ns_zero", PARITY_VGERROR,
	  PASSED, PASSED, "SyscallParam", "mount(type)", "vg_mount_type_null" },
	/* ... and the child that made that call exits 99 (--error-exitcode), so
	 * the case's KC_CHILD_REQUIRE on its status fails. */
	{ "pidfd/pidfd_fdinfo_test:pidfd_fdinfo__nspid_nested "
	  "pidfd/pidfd_fdinfo_test:pidfd_fdinfo__sibling_ns_zero", PARITY_VERDICT,
	  PASSED, FAILED, NULL, "a KC_CHILD_REQUIRE failed", "vg_mount_type_null" },
};

/*
 * Known issues whose difference exists only on a kernel that lacks a
 * kernel-facts behaviour: there Valgrind and the kernel disagree, from it
 * on they agree (and the case passes under Valgrind too).  A row with such
 * an id applies only below that row.
 */
static const struct {
	const char	*known;
	enum kc_kfact	 kf;
} parity_kf_before[] = {
	/* Valgrind checks a legacy clone's exit signal; the kernel from 7.1. */
	{ "vg_clone_exit_signal_checked", KC_KF_CLONE_EXIT_SIGNAL_CHECKED },
};

const struct parity_row *
parity_table(unsigned *n)
{
	*n = sizeof(parity_rows) / sizeof(parity_rows[0]);
	return (parity_rows);
}

bool
parity_row_applies(const struct parity_row *r, const char *version)
{
	unsigned i;

	/* kc_kfact_at, not kc_kfact: every case asks of every row, and only
	 * the rows a case asserts belong in its kernel-facts report. */
	for (i = 0; r->known != NULL && i < sizeof(parity_kf_before) /
	    sizeof(parity_kf_before[0]); i++) {
		if (strcmp(r->known, parity_kf_before[i].known) == 0 &&
		    kc_kfact_at(parity_kf_before[i].kf, kc_kernel_version()))
			return (false);
	}
	return (r->known == NULL || kc_known_applies(r->known, version));
}

/* The i-th glob of r's case list whose negation is `neg` into buf; false
 * when there is none. */
static bool
parity_glob(const struct parity_row *r, bool neg, unsigned i, char *buf, size_t len)
{
	const char *p = r->cases;
	size_t n;

	for (;;) {
		p += strspn(p, " ");
		if (*p == '\0')
			return (false);
		n = strcspn(p, " ");
		if ((*p == '!') == neg && i-- == 0) {
			if (neg) {
				p++;
				n--;
			}
			if (n >= len)
				n = len - 1;
			memcpy(buf, p, n);
			buf[n] = '\0';
			return (true);
		}
		p += n;
	}
}

bool
parity_row_covers(const struct parity_row *r, const char *id)
{
	char g[256];
	bool in = false;
	unsigned i;

	for (i = 0; parity_glob(r, false, i, g, sizeof(g)); i++) {
		if (fnmatch(g, id, 0) == 0)
			in = true;
	}
	for (i = 0; in && parity_glob(r, true, i, g, sizeof(g)); i++) {
		if (fnmatch(g, id, 0) == 0)
			in = false;
	}
	return (in);
}

bool
parity_row_excludes(const struct parity_row *r, unsigned i, const char *id, bool *more)
{
	char g[256];

	*more = parity_glob(r, true, i, g, sizeof(g));
	return (*more && fnmatch(g, id, 0) == 0);
}

const struct parity_row *
parity_explain_verdict(const char *id, enum kc_verdict native,
    enum kc_verdict vg, const char *vg_reason, const char *version)
{
	unsigned i, n;
	const struct parity_row *t = parity_table(&n);

	for (i = 0; i < n; i++) {
		if (t[i].what != PARITY_VERDICT || t[i].native != native ||
		    t[i].vg != vg || !parity_row_covers(&t[i], id) ||
		    strstr(vg_reason, t[i].text) == NULL ||
		    !parity_row_applies(&t[i], version))
			continue;
		return (&t[i]);
	}
	return (NULL);
}

const struct parity_row *
parity_explain_error(const char *id, enum kc_verdict native, const char *kind,
    const char *what, const char *version)
{
	unsigned i, n;
	const struct parity_row *t = parity_table(&n);

	for (i = 0; i < n; i++) {
		if (t[i].what != PARITY_VGERROR || t[i].native != native ||
		    strcmp(t[i].vgkind, kind) != 0 || !parity_row_covers(&t[i], id) ||
		    what == NULL || strstr(what, t[i].text) == NULL ||
		    !parity_row_applies(&t[i], version))
			continue;
		return (&t[i]);
	}
	return (NULL);
}
