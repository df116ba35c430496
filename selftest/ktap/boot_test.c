/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A kernel environment whose guest does not deliver its KTAP is broken in
 * its own column of `make matrix`, and the others go on (README, "Kernel
 * environments"): run-matrix.sh with three kernel images by path, booted
 * by a stand-in qemu-system-x86_64 placed first on PATH, which plays a real
 * guest's console (selftest/ktap/canned/guest-x86_64-6.1.console), a
 * kernel panic, or a guest that prints the first three programs of that
 * console and part of the fourth and then never powers off (it blocks
 * opening a FIFO nobody writes): its column keeps those three programs'
 * cases, then the broken boot record.  The real boot path (initramfs, kc-ktap, kc-matrix) is
 * the suite's; only qemu is replaced, so the case takes seconds.
 *
 * And the guest's Valgrind is there exactly when asked for: the initramfs
 * of mkinitramfs.sh holds no valgrind (so a plain guest's Valgrind cases
 * skip "valgrind not found on PATH" truthfully), and with --valgrind it
 * holds the launcher, the tools and the loader's debug file.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>
#include <json-c/json.h>

#include "kc_arch.h"
#include "../st_tool.h"

/* The limit given to the hanging guest (s): run-kernel.sh kills it then. */
#define BT_LIMIT_S	8
/* The canned console: line 66 is the third program's result line
 * ("ok 3 clone3_clone3_stack_test"), the hanging guest stops at line 75,
 * inside the fourth program. */
#define BT_PROG3	66
#define BT_CUT		75

/* The cases of results.json `path` (json_object_put *root after use). */
static json_object *
bt_cases(const char *path, json_object **root)
{
	json_object *cases;

	*root = json_object_from_file(path);
	ATF_REQUIRE_MSG(*root != NULL, "%s: %s", path, json_util_get_last_err());
	ATF_REQUIRE_MSG(json_object_object_get_ex(*root, "cases", &cases),
	    "%s: no cases", path);
	return (cases);
}

/* A broken column: `before` case records (the programs the guest
 * completed), then kernel/boot:boot, broken, its reason containing `why`
 * and the console's last line `last`. */
static void
bt_check_broken(const char *env, size_t before, const char *why, const char *last)
{
	char path[1400];
	json_object *root, *cases, *c;
	const char *reason;

	snprintf(path, sizeof(path), "results/matrix/%s/latest/results.json", env);
	cases = bt_cases(path, &root);
	ATF_REQUIRE_MSG(json_object_array_length(cases) == before + 1,
	    "%s: expected %zu records (the completed programs' cases and the boot), seen %zu",
	    env, before + 1, json_object_array_length(cases));
	for (size_t i = 0; i < before; i++) {
		c = json_object_array_get_idx(cases, i);
		ATF_CHECK_MSG(strcmp(st_jstr(c, "program", ""), "kernel/boot") != 0,
		    "%s: record %zu: expected a case of a completed program, seen %s", env, i,
		    st_jstr(c, "id", ""));
	}
	c = json_object_array_get_idx(cases, before);
	ATF_CHECK_MSG(strcmp(st_jstr(c, "id", ""), "kernel/boot:boot") == 0,
	    "%s: expected record kernel/boot:boot, seen %s", env, st_jstr(c, "id", ""));
	ATF_CHECK_MSG(strcmp(st_jstr(c, "verdict", ""), "broken") == 0,
	    "%s: expected broken, seen %s", env, st_jstr(c, "verdict", ""));
	reason = st_jstr(c, "reason", "");
	ATF_CHECK_MSG(strstr(reason, why) != NULL,
	    "%s: expected a reason naming \"%s\", seen \"%s\"", env, why, reason);
	ATF_CHECK_MSG(strstr(reason, last) != NULL,
	    "%s: expected the console's last line \"%s\" in the reason, seen \"%s\"", env, last,
	    reason);
	json_object_put(root);
}

ATF_TC(kernel_matrix__broken_boot_own_column);
ATF_TC_HEAD(kernel_matrix__broken_boot_own_column, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "make matrix: a hanging and a panicking guest are broken in their own columns, with "
	    "the console's last lines; the good guest's column holds its cases");
	atf_tc_set_md_var(tc, "timeout", "180");
}
ATF_TC_BODY(kernel_matrix__broken_boot_own_column, tc)
{
	const char *b = st_build(tc), *src = st_root(tc);
	char cwd[1024], env_ok[1200], env_hang[1200], env_panic[1200], path[1300];
	json_object *root, *cases, *ref, *refcases;
	size_t n, ncut = 0;
	int rc;

	ATF_REQUIRE(getcwd(cwd, sizeof(cwd)) != NULL);
	/* A build root of its own (the initramfs is made there), with the
	 * build's tools and runner. */
	ATF_REQUIRE(st_sh("mkdir -p B/lib/tools B/matrix/kernel B/cases/pidfd fakebin && "
	    "ln -s %s/lib/tools/kc-ktap %s/lib/tools/kc-matrix B/lib/tools/ && "
	    "cp %s/matrix/kernel/kc-run B/matrix/kernel/ && "
	    "cp %s/cases/pidfd/pidfd_open_test B/cases/pidfd/ && "
	    "echo cases/pidfd/pidfd_open_test > B/kc-programs.txt", b, b, b, b) == 0);
	ATF_REQUIRE(mkfifo("never", 0600) == 0);
	/* The stand-in qemu: the image's content says what the guest does. */
	ATF_REQUIRE(st_sh("{ echo '#!/bin/sh'; "
	    "echo '[ \"$1\" = --version ] && { echo \"QEMU emulator version 7.2.22\"; exit 0; }'; "
	    "echo 'while [ $# -gt 0 ]; do [ \"$1\" = -kernel ] && k=$2; shift; done'; "
	    "echo 'case $(cat \"$k\") in'; "
	    "echo 'good) cat %s/selftest/ktap/canned/guest-x86_64-6.1.console ;;'; "
	    "echo 'panic) echo \"[    1.2] Kernel panic - not syncing: stand-in panic\"; "
	    "echo \"[    1.3] ---[ end Kernel panic - not syncing: stand-in panic ]---\" ;;'; "
	    "echo 'hang) sed -n 1,%dp %s/selftest/ktap/canned/guest-x86_64-6.1.console; "
	    "echo \"[    9.9] stand-in guest waits\"; exec cat %s/never ;;'; "
	    "echo 'esac'; } > fakebin/qemu-system-x86_64 && chmod +x fakebin/qemu-system-x86_64 && "
	    "echo good > good && echo panic > panic && echo hang > hang", src, BT_CUT, src,
	    cwd) == 0);
	/* The cases of the three programs before the cut (the canned console's). */
	ATF_REQUIRE(st_sh("sed -n 1,%dp %s/selftest/ktap/canned/guest-x86_64-6.1.console | "
	    "grep -c -E '^  (not )?ok [0-9]+ ' > ncut.txt", BT_PROG3, src) == 0);
	{
		FILE *f = fopen("ncut.txt", "r");

		ATF_REQUIRE(f != NULL && fscanf(f, "%zu", &ncut) == 1 && ncut > 0);
		fclose(f);
	}

	rc = st_sh("PATH=%s/fakebin:$PATH KC_GUEST_LIMIT=%d %s/matrix/run-matrix.sh "
	    "--build-root B kernel:x86_64:%s/good kernel:x86_64:%s/hang kernel:x86_64:%s/panic "
	    "> matrix.out 2>&1", cwd, BT_LIMIT_S, src, cwd, cwd, cwd);
	ATF_CHECK_EQ_MSG(0, rc, "run-matrix.sh: expected exit 0 (the matrix was written), seen "
	    "%d: see matrix.out", rc);
	/* Environment names: run-matrix.sh turns ':' and '/' into '-'. */
	snprintf(env_ok, sizeof(env_ok), "kernel-x86_64-%s/good", cwd);
	snprintf(env_hang, sizeof(env_hang), "kernel-x86_64-%s/hang", cwd);
	snprintf(env_panic, sizeof(env_panic), "kernel-x86_64-%s/panic", cwd);
	for (char *e = env_ok; *e != '\0'; e++)
		*e = *e == '/' ? '-' : *e;
	for (char *e = env_hang; *e != '\0'; e++)
		*e = *e == '/' ? '-' : *e;
	for (char *e = env_panic; *e != '\0'; e++)
		*e = *e == '/' ? '-' : *e;

	bt_check_broken(env_hang, ncut, "killed at the 8 s limit", "stand-in guest waits");
	bt_check_broken(env_panic, 0, "Kernel panic - not syncing: stand-in panic",
	    "end Kernel panic");

	/* The good column: every case of the console, as kc-ktap reads it. */
	ATF_REQUIRE(st_sh("%s/lib/tools/kc-ktap --json ref.json --summary ref.txt "
	    "%s/selftest/ktap/canned/guest-x86_64-6.1.console > /dev/null 2>&1; "
	    "[ -f ref.json ]", b, src) == 0);
	refcases = bt_cases("ref.json", &ref);
	snprintf(path, sizeof(path), "results/matrix/%s/latest/results.json", env_ok);
	cases = bt_cases(path, &root);
	n = json_object_array_length(cases);
	ATF_CHECK_MSG(n == json_object_array_length(refcases) && n > 1,
	    "good column: expected the console's %zu cases, seen %zu",
	    json_object_array_length(refcases), n);
	for (size_t i = 0; i < n && i < json_object_array_length(refcases); i++) {
		json_object *c = json_object_array_get_idx(cases, i);
		json_object *r = json_object_array_get_idx(refcases, i);

		ATF_CHECK_MSG(strcmp(st_jstr(c, "verdict", ""), "broken") != 0 ||
		    strcmp(st_jstr(r, "verdict", ""), "broken") == 0,
		    "good column: %s broken, the console says %s", st_jstr(c, "id", ""),
		    st_jstr(r, "verdict", ""));
	}
	json_object_put(root);
	json_object_put(ref);
	/* And the merged matrix has the three columns. */
	ATF_CHECK_MSG(st_sh("grep -q '\"%s\"' results/matrix.json && grep -q '\"%s\"' "
	    "results/matrix.json && grep -q '\"%s\"' results/matrix.json", env_ok, env_hang,
	    env_panic) == 0, "results/matrix.json: expected the columns %s, %s and %s",
	    env_ok, env_hang, env_panic);
}

/* Does the listing `list` (cpio -t) have a line equal to `path`? */
static int
bt_listed(const char *list, const char *path)
{
	return (st_sh("grep -qx -- '%s' %s", path, list) == 0);
}

ATF_TC(mkinitramfs__valgrind_only_when_asked);
ATF_TC_HEAD(mkinitramfs__valgrind_only_when_asked, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "mkinitramfs.sh: no valgrind in a plain initramfs; --valgrind adds the launcher, "
	    "the platform's memcheck and the loader's detached debug file");
	atf_tc_set_md_var(tc, "timeout", "180");
}
ATF_TC_BODY(mkinitramfs__valgrind_only_when_asked, tc)
{
	const char *b = st_build(tc), *src = st_root(tc);
	char plat[64] = "", ldbid[128] = "", dbg[256];
	FILE *f;

	/* The host's Valgrind platform (KC_VGPLAT of this arch) and the
	 * build-id of the loader the programs name. */
	ATF_REQUIRE(st_sh("sed -n 's/^KC_VGPLAT\\.%s[[:space:]]*:=[[:space:]]*//p' "
	    "%s/lib/arch/%s/arch.mk > plat.txt", KC_ARCH_NAME, src, KC_ARCH_NAME) == 0);
	f = fopen("plat.txt", "r");
	ATF_REQUIRE(f != NULL);
	if (fscanf(f, "%63s", plat) != 1)
		*plat = '\0';
	fclose(f);
	if (*plat == '\0')
		atf_tc_skip("lib/arch/%s/arch.mk has no KC_VGPLAT: no Valgrind in this arch's guests",
		    KC_ARCH_NAME);
	if (st_sh("command -v valgrind > /dev/null") != 0)
		atf_tc_skip("valgrind not found on PATH");
	ATF_REQUIRE(st_sh("mkdir -p B/matrix/kernel B/cases/pidfd && "
	    "cp %s/matrix/kernel/kc-run B/matrix/kernel/ && "
	    "cp %s/cases/pidfd/pidfd_open_test B/cases/pidfd/ && "
	    "echo cases/pidfd/pidfd_open_test > B/kc-programs.txt", b, b) == 0);
	ATF_REQUIRE_MSG(st_sh("%s/matrix/kernel/mkinitramfs.sh --build-root B --out plain.cpio.gz "
	    "> mk.out 2>&1 && %s/matrix/kernel/mkinitramfs.sh --build-root B --out vg.cpio.gz "
	    "--valgrind / --vg-platform %s >> mk.out 2>&1", src, src, plat) == 0,
	    "mkinitramfs.sh failed: see mk.out");
	ATF_REQUIRE(st_sh("gzip -dc plain.cpio.gz | cpio -t --quiet > plain.txt && "
	    "gzip -dc vg.cpio.gz | cpio -t --quiet > vg.txt") == 0);
	/* The loader's build-id, as the initramfs debug path spells it. */
	ATF_REQUIRE(st_sh("readelf -l B/cases/pidfd/pidfd_open_test | sed -n "
	    "'s/.*Requesting program interpreter: \\(.*\\)\\]/\\1/p' | xargs readelf -n | "
	    "sed -n 's/^ *Build ID: *//p' | head -n 1 > bid.txt") == 0);
	f = fopen("bid.txt", "r");
	ATF_REQUIRE(f != NULL && fscanf(f, "%127s", ldbid) == 1 && strlen(ldbid) > 2);
	fclose(f);
	snprintf(dbg, sizeof(dbg), "usr/lib/debug/.build-id/%.2s/%s.debug", ldbid, ldbid + 2);

	ATF_CHECK_MSG(!bt_listed("plain.txt", "usr/bin/valgrind"),
	    "plain initramfs: expected no usr/bin/valgrind, seen one");
	ATF_CHECK_MSG(st_sh("grep -q '^usr/libexec/valgrind' plain.txt") != 0,
	    "plain initramfs: expected no usr/libexec/valgrind, seen it");
	ATF_CHECK_MSG(bt_listed("vg.txt", "usr/bin/valgrind"),
	    "--valgrind initramfs: expected usr/bin/valgrind, not listed");
	{
		char tool[128];

		snprintf(tool, sizeof(tool), "usr/libexec/valgrind/memcheck-%s", plat);
		ATF_CHECK_MSG(bt_listed("vg.txt", tool), "--valgrind initramfs: expected %s, "
		    "not listed", tool);
	}
	ATF_CHECK_MSG(bt_listed("vg.txt", dbg), "--valgrind initramfs: expected the loader's "
	    "debug file %s, not listed", dbg);
	ATF_CHECK_MSG(!bt_listed("plain.txt", dbg), "plain initramfs: expected no debug "
	    "file %s, seen it", dbg);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, kernel_matrix__broken_boot_own_column);
	ATF_TP_ADD_TC(tp, mkinitramfs__valgrind_only_when_asked);
	return (atf_no_error());
}
