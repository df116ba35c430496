/* SPDX-License-Identifier: BSD-2-Clause */
/* The known-issues table: version scoping and row hygiene. */
#include <sys/syscall.h>

#include <ctype.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>

#include <atf-c.h>

#include "kc_known.h"
#include "kc_version.h"

/* An issue applies from its first affected version up to, not including, the
 * first fixed one, and never when the component is absent. */
ATF_TC(known__version_scope);
ATF_TC_HEAD(known__version_scope, tc)
{
	atf_tc_set_md_var(tc, "descr", "kc_known_applies honours [from, until) and a NULL version");
}
ATF_TC_BODY(known__version_scope, tc)
{
	ATF_CHECK(kc_known_applies("vg_pidfd_open_unwrapped", "3.19.0"));
	ATF_CHECK(kc_known_applies("vg_pidfd_open_unwrapped", "3.20.9"));
	ATF_CHECK(!kc_known_applies("vg_pidfd_open_unwrapped", "3.21.0"));
	ATF_CHECK(!kc_known_applies("vg_pidfd_open_unwrapped", "3.27.1"));
	ATF_CHECK(!kc_known_applies("vg_pidfd_open_unwrapped", NULL));
	ATF_CHECK(!kc_known_applies("vg_clone3_enosys", "3.17.0"));
	ATF_CHECK(kc_known_applies("vg_clone3_enosys", "3.18.0"));
	ATF_CHECK(kc_known_applies("vg_clone3_enosys", "3.27.1"));
	ATF_CHECK(!kc_known_applies("no_such_issue", "3.19.0"));
}

/* A row scoped by an arch fact applies only where the fact says so (on top of
 * its version range); a row without one is unaffected.  On an arch whose
 * O_NONBLOCK/O_EXCL and signal numbers are asm-generic's (x86_64, where the
 * selftests run) the two mips rows never apply. */
ATF_TC(known__arch_scope);
ATF_TC_HEAD(known__arch_scope, tc)
{
	atf_tc_set_md_var(tc, "descr", "kc_known_applies honours a row's arch fact");
}
ATF_TC_BODY(known__arch_scope, tc)
{
	static const char *const rows[] = { "qemu_pidfd_open_flags_untranslated",
	    "qemu_siginfo_signo_untranslated" };
	bool generic = O_NONBLOCK == 04000 && O_EXCL == 0200 && SIGUSR1 == 10;
	unsigned i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		ATF_REQUIRE_MSG(kc_known(rows[i]) != NULL, "no row %s", rows[i]);
		ATF_CHECK_MSG(kc_known_arch_holds(rows[i]) == !generic,
		    "row %s: arch fact holds = %d on an arch whose flags and signals are %s",
		    rows[i], kc_known_arch_holds(rows[i]), generic ? "generic" : "not generic");
		ATF_CHECK_MSG(kc_known_applies(rows[i], "11.1.3") == !generic,
		    "row %s: applies to 11.1.3 = %d, expected %d", rows[i],
		    kc_known_applies(rows[i], "11.1.3"), !generic);
	}
	/* /proc/<tid>/syscall's host numbers matter only where the guest's differ. */
	ATF_CHECK_MSG(kc_known_arch_holds("qemu_proc_syscall_host_nr") == (__NR_waitid != 247),
	    "qemu_proc_syscall_host_nr: arch fact holds = %d with __NR_waitid %d",
	    kc_known_arch_holds("qemu_proc_syscall_host_nr"), (int)__NR_waitid);
	ATF_CHECK(kc_known_arch_holds("qemu_clone3_enosys"));
	ATF_CHECK(kc_known_applies("qemu_clone3_enosys", "11.1.3"));
}

/* Every row has an identifier in [a-z0-9_], a tracker, a description, and a
 * range that is not empty. */
ATF_TC(known__rows_complete);
ATF_TC_HEAD(known__rows_complete, tc)
{
	atf_tc_set_md_var(tc, "descr", "every known-issues row is named, referenced and scoped");
}
ATF_TC_BODY(known__rows_complete, tc)
{
	const struct kc_known_row *t;
	unsigned i, j, n;

	t = kc_known_table(&n);
	ATF_REQUIRE(n > 0);
	for (i = 0; i < n; i++) {
		const char *p;

		for (p = t[i].id; *p; p++)
			ATF_CHECK_MSG(islower((unsigned char)*p) || isdigit((unsigned char)*p) ||
			    *p == '_', "row %s: bad id character", t[i].id);
		ATF_CHECK_MSG(t[i].tracker && strlen(t[i].tracker) > 8, "row %s: no tracker", t[i].id);
		ATF_CHECK_MSG(t[i].what && *t[i].what, "row %s: no description", t[i].id);
		ATF_CHECK_MSG(t[i].until == NULL || kc_version_strcmp(t[i].from, t[i].until) < 0,
		    "row %s: empty range", t[i].id);
		for (j = 0; j < i; j++)
			ATF_CHECK_MSG(strcmp(t[i].id, t[j].id) != 0, "duplicate row %s", t[i].id);
	}
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, known__version_scope);
	ATF_TP_ADD_TC(tp, known__rows_complete);
	ATF_TP_ADD_TC(tp, known__arch_scope);

	return (atf_no_error());
}
