#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Boot a kernel of one arch under qemu-system (TCG) with the suite's
# initramfs, let kc-run (/init) run every case and print KTAP on the
# console, and turn that KTAP into a normalized run under results/<run-id>/:
#   console.log   the whole console (firmware and kernel noise included)
#   results.json  schema kconform-results/1; environment: the guest's kernel
#                 release and the suite's machine (from the KTAP header),
#                 emulator "qemu-system-<arch> <version>"
#   summary.txt   counts, boot and run time; last line "N passed, N failed, N skipped"
# and point <results>/latest at it.
#
# A boot that hangs (the wall-clock limit), panics or ends without a complete
# KTAP is reported as broken: results.json holds one broken record
# kernel/boot:boot whose reason carries the console's last lines, after the
# cases of the programs the guest completed before it (partial.ktap: the
# console's KTAP cut after the last complete program).
#
# usage: run-kernel.sh --build-root B [--arch ARCH] [--suite-root S]
#                      [--results DIR] [--timeout SECONDS] [--append TEXT]
#                      [--valgrind] [--only PROGRAM]... VERSION | PATH-TO-KERNEL-IMAGE
# ARCH is the kernel's arch, a folder of lib/arch/ (default: the arch of
# build B); its facts come from lib/arch/ARCH/arch.mk: KC_QEMU_SYSTEM (the
# binary), KC_QEMU_MACHINE (machine, CPU, memory, firmware options),
# KC_CONSOLE, KC_GUEST_LIMIT (the wall-clock limit, seconds; --timeout, else
# the environment variable KC_GUEST_LIMIT, overrides it), KC_KERNEL_PKGS (installed through lib/tools/deps.sh
# --kernel ARCH), KC_QEMU_MIN (the oldest qemu that boots it), KC_QEMU_FETCH
# and KC_QEMU_BIOS (where the host's qemu is older: Debian's newer build and
# firmware, matrix/kernel/fetch-qemu-system.sh).
# B is the host build (its lib/tools/kc-ktap reads the console); S is the
# build whose programs the guest runs: default B for the host's arch,
# build-ARCH otherwise (`make ARCH=ARCH`); a 32-bit S in a 64-bit kernel
# (KC_COMPAT.ARCH, e.g. build-i686 under x86_64, build-arm under aarch64)
# runs its cases through the compat syscalls, with kc-run --linux32.
# VERSION is one of `fetch-kernel.sh --arch ARCH --list` (fetched and
# cached); a path boots that image (a kernel developer's own build: it needs
# the console, devtmpfs, tmpfs and cgroup2 built in, or an initramfs does
# not help).  --append adds kernel parameters (e.g. to make a boot fail on
# purpose).  --only PROGRAM (repeatable; a path under cases/, e.g.
# vgreq/core_test) runs those programs only (kc-run's PROGRAM arguments).
# --valgrind (kernel x Valgrind): the initramfs also holds a
# Valgrind for the suite's libc (mkinitramfs.sh --valgrind): for a native
# suite the host's (valgrind on PATH, with the host's libc6-dbg), for a cross
# suite matrix/fetch-valgrind-arch.sh's (Debian's, over the build's sysroot,
# with its libc6-dbg); the suite's arch needs KC_VGPLAT in its arch.mk.
# kc-run passes -v valgrind=/usr/bin/valgrind to every program, so a
# Valgrind case fails, not skips, if it cannot run it; the wall-clock limit
# is KC_GUEST_LIMIT_VALGRIND (minutes per guest: Valgrind under TCG), and
# kc-run --time-scale KC_GUEST_TIME_SCALE_VALGRIND multiplies the cases'
# timeouts, watchdog deadlines and Valgrind launch timeouts (lib/kc_case.h).
# Exit status: 0 no case failed, 1 a case failed, 2 the environment is not
# available here, 3 broken boot.
set -u

build=build results=results limit='' extra='' arch='' suite='' vg='' only=''
while [ $# -gt 0 ]; do
	case "$1" in
	--build-root) build=$2; shift 2 ;;
	--arch) arch=$2; shift 2 ;;
	--suite-root) suite=$2; shift 2 ;;
	--results) results=$2; shift 2 ;;
	--timeout) limit=$2; shift 2 ;;
	--append) extra=$2; shift 2 ;;
	--valgrind) vg=1; shift ;;
	--only) only="$only $2"; shift 2 ;;
	--) shift; break ;;
	-*) echo "run-kernel.sh: unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
done
[ $# -eq 1 ] || { echo "usage: run-kernel.sh --build-root B [--arch ARCH] [--suite-root S] [--results DIR] VERSION|IMAGE" >&2; exit 2; }
here=$(dirname "$0")
top=$(cd "$here/../.." && pwd)
# The folder of lib/arch/ whose KC_TRIPLET lists what compiler $1 targets.
arch_of_cc() {
	t=$($1 -dumpmachine 2>/dev/null) || return 0
	for m in "$top"/lib/arch/*/arch.mk; do
		a=${m%/arch.mk}; a=${a##*/}
		case " $(sed -n "s/^KC_TRIPLET\\.${a}[[:space:]]*:=[[:space:]]*//p" "$m") " in
		*" $t "*) echo "$a"; return 0 ;;
		esac
	done
}
# The value of make variable $1.$2 in lib/arch/$2/arch.mk.
fact() {
	sed -n "s/^$1\\.$2[[:space:]]*:=[[:space:]]*//p" "$top/lib/arch/$2/arch.mk"
}
host_arch=$(arch_of_cc "${CC:-cc}")
[ -n "$arch" ] || arch=$host_arch
[ -f "$top/lib/arch/$arch/arch.mk" ] || { echo "run-kernel.sh: no lib/arch/$arch/arch.mk" >&2; exit 2; }
qemu=$(fact KC_QEMU_SYSTEM "$arch")
[ -n "$qemu" ] || { echo "run-kernel.sh: no KC_QEMU_SYSTEM.$arch: no kernel environment for $arch" >&2; exit 2; }
machine=$(fact KC_QEMU_MACHINE "$arch")
console=$(fact KC_CONSOLE "$arch")
kappend=$(fact KC_KERNEL_APPEND "$arch")
[ -n "$limit" ] || limit=${KC_GUEST_LIMIT:-}
[ -n "$limit" ] || [ -z "$vg" ] || limit=$(fact KC_GUEST_LIMIT_VALGRIND "$arch")
[ -n "$limit" ] || limit=$(fact KC_GUEST_LIMIT "$arch")
[ -n "$limit" ] || limit=300
if ! command -v "$qemu" >/dev/null && [ -n "$(fact KC_KERNEL_PKGS "$arch")" ]; then
	"$top/lib/tools/deps.sh" --kernel "$arch" >&2
fi
min=$(fact KC_QEMU_MIN "$arch")
qver=
command -v "$qemu" >/dev/null &&
	qver=$("$qemu" --version | sed -n 's/^QEMU emulator version \([0-9][0-9.]*\).*/\1/p')
# The host's qemu is missing or older than KC_QEMU_MIN: Debian's newer one
# (KC_QEMU_FETCH, matrix/kernel/fetch-qemu-system.sh), with its ROMs (-L)
# and the arch's firmware (KC_QEMU_BIOS).
if [ -n "$(fact KC_QEMU_FETCH "$arch")" ] && { [ -z "$qver" ] ||
	{ [ -n "$min" ] && [ "${qver%%.*}" -lt "$min" ]; }; }; then
	q=$("$here/fetch-qemu-system.sh" "$arch") ||
		{ echo "run-kernel.sh: cannot fetch Debian's qemu-system for $arch" >&2; exit 2; }
	qemu=${q%% *}
	b=${q#* }
	machine="$machine -L ${qemu%/bin/*}/share/qemu"
	[ "$b" = - ] || machine="$machine -bios $b"
	qver=$("$qemu" --version | sed -n 's/^QEMU emulator version \([0-9][0-9.]*\).*/\1/p')
fi
[ -n "$qver" ] || { echo "run-kernel.sh: $qemu not installed (lib/tools/deps.sh --kernel $arch)" >&2; exit 2; }
if [ -n "$min" ] && [ "${qver%%.*}" -lt "$min" ]; then
	echo "run-kernel.sh: $arch kernels need qemu >= $min (KC_QEMU_MIN.$arch); $qemu is $qver" >&2
	exit 2
fi

if [ -z "$suite" ]; then
	if [ "$arch" = "$host_arch" ]; then suite=$build; else suite=$top/build-$arch; fi
fi
# The suite's arch: its kc-target (a cross build), else the host's.
suite_arch=$(sed -n 's/^KC_ARCH=//p' "$suite/kc-target" 2>/dev/null)
if [ -z "$suite_arch" ]; then
	[ "$suite" = "$build" ] || { echo "run-kernel.sh: $suite is not a cross build (make ARCH=$arch)" >&2; exit 2; }
	suite_arch=$host_arch
fi
linux32=
if [ "$suite_arch" != "$arch" ]; then
	[ "$(fact KC_COMPAT "$arch")" = "$suite_arch" ] || {
		echo "run-kernel.sh: the $suite_arch suite ($suite) does not run under an $arch kernel (KC_COMPAT.$arch: $(fact KC_COMPAT "$arch"))" >&2
		exit 2
	}
	linux32=--linux32
fi

# The Valgrind of a kernel x Valgrind guest: its root and version.
vgroot='' vgplat='' vgver='' vgargs=''
if [ -n "$vg" ]; then
	vgplat=$(fact KC_VGPLAT "$suite_arch")
	[ -n "$vgplat" ] || { echo "run-kernel.sh: no KC_VGPLAT.$suite_arch: no Valgrind for the $suite_arch suite" >&2; exit 2; }
	if [ "$suite" = "$build" ]; then
		v=$(command -v valgrind) || { echo "run-kernel.sh: valgrind not installed here (make deps)" >&2; exit 2; }
		vgroot=/
		vgver=$("$v" --version | sed -n 's/^valgrind-\([0-9][0-9.]*\).*/\1/p')
	else
		vgroot=$("$top/matrix/fetch-valgrind-arch.sh" "$suite_arch" | awk '{ print $1 }') ||
			{ echo "run-kernel.sh: cannot fetch Debian's Valgrind for $suite_arch" >&2; exit 2; }
		# Its version: the first entry of the package's Debian changelog.
		vgver=$(gzip -dc "$vgroot/usr/share/doc/valgrind/changelog.Debian.gz" 2>/dev/null |
			sed -n '1s/^valgrind (\([0-9]*:\)\{0,1\}\([0-9][0-9.]*\).*/\2/p')
	fi
	[ -n "$vgver" ] || { echo "run-kernel.sh: cannot tell the version of the Valgrind in $vgroot" >&2; exit 2; }
	scale=$(fact KC_GUEST_TIME_SCALE_VALGRIND "$arch")
	vgargs="-v valgrind=/usr/bin/valgrind${scale:+ --time-scale $scale}"
fi

case "$1" in
*/*) image=$1; label=custom-$(basename "$1") ;;
*) image=$("$here/fetch-kernel.sh" --arch "$arch" "$1") ||
	{ echo "run-kernel.sh: cannot fetch the $arch kernel $1" >&2; exit 2; }
   label=$1 ;;
esac
[ -f "$image" ] || { echo "run-kernel.sh: $image: no such kernel image" >&2; exit 2; }
for f in "$suite/matrix/kernel/kc-run" "$suite/kc-programs.txt"; do
	[ -e "$f" ] || { echo "run-kernel.sh: $f missing (make${suite_arch:+ ARCH=$suite_arch})" >&2; exit 2; }
done

# The initramfs, rebuilt when anything it holds is newer.  Two guests of one
# suite may start at once: one builds it, the other waits for it.
initrd=$suite/matrix/kernel/initrd-$suite_arch${vg:+-valgrind}.cpio.gz
exec 8>"$initrd.lock"
flock 8
if [ ! -f "$initrd" ] || [ -n "$(find "$suite/cases" "$suite/matrix/kernel/kc-run" \
	"$suite/kc-programs.txt" -newer "$initrd" -type f \( -perm -u+x -o -name kc-programs.txt \) \
	2>/dev/null | head -n 1)" ]; then
	# shellcheck disable=SC2086 # the Valgrind options are words or nothing
	"$here/mkinitramfs.sh" --build-root "$suite" --out "$initrd" \
		${vg:+--valgrind "$vgroot" --vg-platform "$vgplat"} >&2 || exit 2
fi
flock -u 8

tag=$arch
[ "$suite_arch" = "$arch" ] || tag=$arch+$suite_arch
[ -z "$vg" ] || tag=$tag+valgrind
run_id=$(date -u +%Y%m%dT%H%M%SZ)-kernel-$tag-$label
mkdir -p "$results" && results=$(cd "$results" && pwd) || exit 2
out=$results/$run_id
mkdir -p "$out" || exit 2
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
emulator="$(basename "$qemu") $qver"
# The suite's C library: the host's, or the one of its sysroot (a cross
# build's libc.so.6 says its version), or the cross libc of a static build.
sysroot=$(sed -n 's/^KC_SYSROOT=//p' "$suite/kc-target" 2>/dev/null)
if [ -z "$sysroot" ]; then
	libc="glibc $(getconf GNU_LIBC_VERSION 2>/dev/null | sed 's/^glibc //')"
else
	v=$(find "$sysroot/lib" "$sysroot/usr/lib" -name libc.so.6 2>/dev/null | head -n 1 |
		xargs -r strings 2>/dev/null | sed -n 's/^GNU C Library .* version \([0-9.]*\)\.$/\1/p' | head -n 1)
	libc="glibc ${v:-static}"
fi

# FACTS-environments §9: TCG, one CPU, no network, the arch's console;
# kc-run's arguments after "--".  qemu exits 0 when /init powers off
# (-no-reboot turns the reboot of panic=-1 into an exit too).  The arch's
# own kernel parameters (KC_KERNEL_APPEND, e.g. x86_64's no_timer_check)
# come before them.
t0=$(date +%s.%N)
# shellcheck disable=SC2086 # the machine options are words
timeout --kill-after=5 "$limit" "$qemu" $machine -smp 1 -nic none -nographic \
	-no-reboot -kernel "$image" -initrd "$initrd" \
	-append "console=$console panic=-1 quiet $kappend $extra -- --runner=qemu-system --summary=lava $linux32 $vgargs$only" \
	< /dev/null > "$out/console.log" 2>&1
qrc=$?
t1=$(date +%s.%N)
wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
boot=$(sed -n 's/^# uptime \([0-9.]*\) s.*/\1/p' "$out/console.log" | head -n 1)

broken=
if [ $qrc -eq 124 ] || [ $qrc -eq 137 ]; then
	broken="$qemu killed at the ${limit} s limit"
elif [ $qrc -ne 0 ]; then
	broken="$qemu exited $qrc"
elif ! grep -q '^kconform: end' "$out/console.log"; then
	broken="the guest powered off without a complete KTAP"
fi
# A panic names its cause on one line; the last lines are its backtrace.
panic=$(tr -d '\r' < "$out/console.log" | grep -m 1 'Kernel panic' | sed 's/^\[[ 0-9.]*\] //')
[ -z "$broken" ] || [ -z "$panic" ] || broken="$broken: $panic"
rc=0
if [ -z "$broken" ]; then
	"$build/lib/tools/kc-ktap" --json "$out/results.json" --summary "$out/summary.txt" \
		--libc "$libc" --emulator "$emulator" ${vgver:+--valgrind "$vgver"} \
		--started "$started" "$out/console.log" \
		2> "$out/ktap-errors.txt"
	rc=$?
	[ $rc -le 1 ] || broken="the console's KTAP is malformed: $(head -n 3 "$out/ktap-errors.txt" | tr '\n' ' ')"
fi
# The console without firmware escape sequences (ESC c, ESC [ ... letter).
esc=$(printf '\033')
plain() {
	tr -d '\r' < "$out/console.log" | sed "s/${esc}c//g; s/${esc}\[[0-9;?]*[A-Za-z]//g"
}
# Text as a JSON string body: backslashes and quotes escaped, controls dropped.
jesc() {
	tr -d '\000-\037' | sed 's/\\/\\\\/g; s/"/\\"/g'
}
# The KTAP of the programs a cut-off guest completed: the console up to the
# last program result line, the top plan made their number, and the
# trailer kc-run would have printed (TIMEOUT counts as fail).  Empty when
# no program completed.
cut_ktap() {
	plain | awk '
	/^kconform: begin/ { on = 1; out = $0 "\n"; buf = ""; n = 0; plan = 0; next }
	!on { next }
	/^1\.\.[0-9]+$/ && !plan { plan = 1; buf = buf "@PLAN@\n"; next }
	{ buf = buf $0 "\n" }
	/^  (not )?ok [0-9]+ / {
		if ($0 ~ / # SKIP/) c["skip"]++
		else if ($0 ~ / # XFAIL/) c["xfail"]++
		else if ($0 ~ / # XPASS/) c["xpass"]++
		else if ($0 ~ / # ERROR/) c["error"]++
		else if ($0 ~ /^  not ok/) c["fail"]++
		else c["pass"]++
	}
	/^(not )?ok [0-9]+ / {
		if ($0 ~ / # ERROR/ && c["pass"] + c["fail"] + c["skip"] + c["xfail"] + c["xpass"] + c["error"] == 0)
			c["error"]++
		for (k in c) t[k] += c[k]
		delete c
		out = out buf; buf = ""; n++
	}
	END {
		if (n == 0) exit
		sub(/@PLAN@/, "1.." n, out)
		printf "%s", out
		printf "# Totals: pass:%d fail:%d xfail:%d xpass:%d skip:%d error:%d\n", t["pass"], t["fail"], t["xfail"], t["xpass"], t["skip"], t["error"]
		print "kconform: end"
	}'
}
if [ -n "$broken" ]; then
	last=$(plain | grep -v '^[[:space:]]*$' | tail -n 8 | tr '\n' '|' | sed 's/|$//; s/|/ | /g')
	reason=$(printf '%s; console: %s' "$broken" "$last" | jesc)
	label_j=$(printf '%s' "$label" | jesc)
	# The programs it completed keep their results (a long Valgrind guest).
	cut_ktap > "$out/partial.ktap"
	done_rc=9
	if [ -s "$out/partial.ktap" ]; then
		"$build/lib/tools/kc-ktap" --json "$out/results.json" --summary "$out/summary.txt" \
			--libc "$libc" --emulator "$emulator" ${vgver:+--valgrind "$vgver"} \
			--started "$started" \
			--boot-broken "$(printf '%s; console: %s' "$broken" "$last" | tr -d '\000-\037')" \
			"$out/partial.ktap" 2> "$out/ktap-errors.txt"
		done_rc=$?
	fi
fi
if [ -n "$broken" ] && [ "$done_rc" -le 1 ]; then
	{
		echo "BROKEN: $arch kernel $label ($suite_arch suite): $broken"
		echo "complete before it: $(grep -c '^ok \|^not ok ' "$out/partial.ktap") programs (partial.ktap); $(head -n 1 "$out/summary.txt")"
		echo "console (last lines):"
		plain | tail -n 20 | sed 's/^/    /'
		tail -n 1 "$out/summary.txt"
	} > "$out/summary.tmp" && mv "$out/summary.tmp" "$out/summary.txt"
	rc=3
elif [ -n "$broken" ]; then
	rm -f "$out/partial.ktap"
	cat > "$out/results.json" <<EOJ
{
  "schema": "kconform-results/1",
  "environment": {"kernel": "$label_j", "machine": "$(fact KC_MACHINE "$suite_arch")", "libc": "$libc",
                  "emulator": "$emulator", "valgrind": ${vgver:+\"$vgver\"}${vgver:-null}, "sandbox": null},
  "started": "$started", "duration_s": $wall,
  "cases": [
    {"id": "kernel/boot:boot", "program": "kernel/boot", "case": "boot", "verdict": "broken",
     "reason": "$reason", "duration_s": $wall}
  ]
}
EOJ
	{
		echo "BROKEN: $arch kernel $label ($suite_arch suite): $broken"
		echo "console (last lines):"
		plain | tail -n 20 | sed 's/^/    /'
		echo "0 passed, 1 failed, 0 skipped"
	} > "$out/summary.txt"
	rc=3
else
	{
		sed '$d' "$out/summary.txt"
		echo "kernel image $image"
		[ -z "$vg" ] || echo "valgrind $vgver ($vgroot, platform $vgplat) in the initramfs"
		echo "boot ${boot:-?} s (uptime at kconform: begin); wall ${wall} s; results in $out"
		tail -n 1 "$out/summary.txt"
	} > "$out/summary.tmp" && mv "$out/summary.tmp" "$out/summary.txt"
fi
ln -sfn "$run_id" "$results/latest"
cat "$out/summary.txt"
exit $rc
