#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# One qemu-user environment of `make matrix` (qemu-user:ARCH:VERSION): the
# suite cross-built for ARCH (make ARCH=ARCH, build-ARCH/), every program run
# by kyua on this host through a wrapper that execs qemu-user VERSION
# (matrix/qemu-wrap.sh; no binfmt_misc), into RESULTS/<run-id>/ like
# run-suite.sh.  results.json carries machine=<uname -m of ARCH>, the
# sysroot's glibc, emulator "qemu-user <full version>", and the kyua config
# variable qemu_user_version=<full version> scopes the emulator's known
# issues (lib/kc_known.c).
#
# The plain column's PATH has no valgrind, and the Valgrind cases skip
# ("valgrind not found on PATH: " and why, KC_VALGRIND_ABSENT below): that
# arch's Valgrind is its own column (VERSION+valgrind, below), as a
# kernel's is (kernel:ARCH:VER+valgrind).
# KC_QEMU_VALGRIND=yes adds, where Debian has a Valgrind for ARCH
# (matrix/fetch-valgrind-arch.sh), a valgrind that runs that arch's tool
# under the same qemu, for every Valgrind case, parity included: not yet
# clean (on mipsel 11.1, 17 of the first 112 cases failed: parity's
# unexplained differences and lanes timing out).  A fetch that fails for an
# arch that has one is an error of the run (exit 2), never a skip.
#
# VERSION+valgrind (qemu-user:ARCH:VERSION+valgrind in make matrix): the
# Valgrind column of ARCH: only cases/vgreq and cases/stackreg are built
# and run, under that arch's Valgrind, which must exist (else exit 2).
#
# An environment whose programs cannot start at all under this qemu (qemu
# 7.2 and loongarch64: SIGILL before main, FACTS-environments §8) is
# measured first (one program's -l) and reported as one broken record
# qemu-user/start:start with the reason, like the kernel runner's boot record.
#
# usage: run-qemu-user.sh [--build-root B] --results DIR [--only CASES]...
#          ARCH VERSION
#   (B: accepted for run-matrix.sh; the host tools come from build/;
#   VERSION: 7.2, 10.0 or 11.1, optionally +valgrind; --only, repeatable:
#   a kyua filter, e.g. cases/vgreq/core_test or
#   cases/vgreq/core_test:core__running_on_valgrind, runs those only: a
#   subset run, for a column being fixed)
set -u
build=build results='' only=''
while [ $# -gt 2 ]; do
	case "$1" in
	--build-root) build=$2; shift 2 ;;
	--results) results=$2; shift 2 ;;
	--only) only="$only $2"; shift 2 ;;
	*) echo "run-qemu-user.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
arch=${1:?usage: run-qemu-user.sh [--build-root B] --results DIR ARCH VERSION}
ver=${2:?}
vgonly=
case $ver in
*+valgrind) vgonly=1 ver=${ver%+valgrind} ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
: "${results:=results/matrix/qemu-user-$arch-$ver}"
cd "$top" || exit 2

# The cross build (incremental; the first one builds the sysroot); for
# the Valgrind column only the Kyuafiles and the programs of its two
# directories (make's database names them).
targets=all filters=
if [ -n "$vgonly" ]; then
	filters="cases/vgreq cases/stackreg"
	targets="build-$arch/kc-programs.txt $(make -pq ARCH="$arch" kc-nothing 2>/dev/null |
		sed -n 's/^ALL_PROGS := //p' | tr ' ' '\n' | grep -E '^cases/(vgreq|stackreg)/' |
		sed "s|^|build-$arch/|" | tr '\n' ' ')"
fi
# shellcheck disable=SC2086
make -s -j"${KC_JOBS:-2}" ARCH="$arch" $targets >&2 || { echo "run-qemu-user.sh: make ARCH=$arch $targets failed" >&2; exit 2; }
xb=$top/build-$arch
# shellcheck disable=SC1091
. "$xb/kc-target"
qdir=$("$here/fetch-qemu-user.sh" "$ver") || exit 2
full=$("$qdir/$KC_QEMU" --version | sed -n '1s/.* version \([0-9][0-9.]*\).*/\1/p')
[ -n "$full" ] || { echo "run-qemu-user.sh: $qdir/$KC_QEMU --version: no version" >&2; exit 2; }
machine=$(sed -n "s/^KC_MACHINE\.${arch}[[:space:]]*:=[[:space:]]*//p" "lib/arch/$arch/arch.mk")
[ -n "$machine" ] || machine=$arch
# The guest's glibc: the sysroot's libc.so.6, or (static programs) that of
# Debian's cross libc they were linked against (/usr/<triplet>/lib).
triplet=$(sed -n "s/^KC_TRIPLET\.${arch}[[:space:]]*:=[[:space:]]*\([^ ]*\).*/\1/p" "lib/arch/$arch/arch.mk")
libc=
for f in "$KC_SYSROOT"/usr/lib/*/libc.so.6 "$KC_SYSROOT"/lib/*/libc.so.6 /usr/"$triplet"/lib*/libc.so.6; do
	[ -f "$f" ] && libc=$f && break
done
glibc=$(strings "$libc" 2>/dev/null | sed -n 's/^GNU C Library (.*) [a-z ]*version \([0-9][0-9.]*[0-9]\).*/\1/p' | head -n 1)
# Without KC_QEMU_VALGRIND=yes the arch's Valgrind is left out (the
# Valgrind cases then skip): under qemu-user the Valgrind directories take
# 10-30 minutes.
# fetch-valgrind-arch.sh exits 3 where Debian has no Valgrind for the arch.
vg=
if [ -n "$vgonly" ] || [ "${KC_QEMU_VALGRIND:-no}" = yes ]; then
	vg=$("$here/fetch-valgrind-arch.sh" "$arch")
	rc=$?
	if [ "$rc" -eq 3 ] && [ -z "$vgonly" ]; then
		vg=
	elif [ "$rc" -eq 3 ]; then
		echo "run-qemu-user.sh: qemu-user:$arch:$ver+valgrind: Debian has no Valgrind for $arch" >&2
		exit 2
	elif [ "$rc" -ne 0 ]; then
		echo "run-qemu-user.sh: matrix/fetch-valgrind-arch.sh $arch failed (exit $rc)" >&2
		exit 2
	fi
fi
# Why a Valgrind case of a column without the arch's Valgrind skips
# (lib/kc_vgrun.h: the skip reason ends with KC_VALGRIND_ABSENT; the
# wrappers hand it to every program, matrix/qemu-wrap.sh).
if [ -z "$vg" ] && grep -q "^KC_VGSUITE\.${arch}[[:space:]]*:=" "lib/arch/$arch/arch.mk"; then
	KC_VALGRIND_ABSENT="the plain qemu-user column leaves the $arch Valgrind out (its column is qemu-user:$arch:$ver+valgrind; KC_QEMU_VALGRIND=yes adds it here)"
elif [ -z "$vg" ]; then
	KC_VALGRIND_ABSENT="no Valgrind for $arch under qemu-user (lib/arch/$arch/arch.mk names no KC_VGSUITE)"
fi
if [ -z "$vg" ]; then export KC_VALGRIND_ABSENT; else unset KC_VALGRIND_ABSENT; fi
tree=$xb/qemu-$ver${vgonly:++valgrind}
# The deadlines of a column with the arch's Valgrind (the Valgrind column,
# or a plain column where Debian has one): a launch of that Valgrind under
# qemu-user takes 3-6 s where a native one takes 0.4-0.7 s
# (FACTS-environments §8), so every deadline is KC_QEMU_VG_SCALE (default
# 10) times its native value (lib/kc_case.h kc_case_scale).
if [ -n "$vg" ]; then
	KC_DEADLINE_SCALE=${KC_QEMU_VG_SCALE:-10}
	export KC_DEADLINE_SCALE
fi
# shellcheck disable=SC2086
"$here/qemu-wrap.sh" "$xb" "$qdir" "$tree" $vg || exit 2
# The Valgrind column built only its two directories: its cases/Kyuafile
# includes only theirs (kyua refuses a Kyuafile naming a missing program).
if [ -n "$vgonly" ]; then
	grep -v -e '^include(' "$tree/cases/Kyuafile" > "$tree/cases/Kyuafile.new"
	grep -e '^include("vgreq/' -e '^include("stackreg/' "$tree/cases/Kyuafile" >> "$tree/cases/Kyuafile.new"
	mv "$tree/cases/Kyuafile.new" "$tree/cases/Kyuafile"
fi

# Can a program of this arch start under this qemu at all?
probe=$tree/cases/pidfd/pidfd_open_test
[ -n "$vgonly" ] && probe=$tree/cases/vgreq/core_test
mkdir -p "$results"
"$probe" -l > /dev/null 2> "$results/.start.err"
rc=$?
if [ "$rc" -ne 0 ]; then
	why="$KC_QEMU $full cannot start $arch programs: $(basename "$probe") -l exited $rc"
	[ "$rc" -gt 128 ] && why="$KC_QEMU $full cannot start $arch programs: $(basename "$probe") -l killed by signal $((rc - 128))"
	[ "$arch" = loongarch64 ] && [ "${full%%.*}" -lt 8 ] &&
		why="$why (qemu 7.2 has no LSX, which Debian's loongarch64 glibc uses before main; FACTS-environments.md §8)"
	err=$(head -c 300 "$results/.start.err" | tr -d '\000-\037' | sed 's/\\/\\\\/g; s/"/\\"/g')
	rm -f "$results/.start.err"
	run_id=$(date -u +%Y%m%dT%H%M%SZ)
	out=$results/$run_id
	mkdir -p "$out"
	reason=$(printf '%s; stderr: %s' "$why" "$err" | sed 's/"/\\"/g')
	cat > "$out/results.json" <<EOJ
{
  "schema": "kconform-results/1",
  "environment": {"kernel": "$(uname -r)", "machine": "$machine", "libc": "glibc $glibc",
                  "emulator": "qemu-user $full", "valgrind": null, "sandbox": null},
  "started": "$(date -u +%Y-%m-%dT%H:%M:%SZ)", "duration_s": 0,
  "cases": [
    {"id": "qemu-user/start:start", "program": "qemu-user/start", "case": "start", "verdict": "broken",
     "reason": "$reason", "duration_s": 0}
  ]
}
EOJ
	{
		echo "BROKEN: qemu-user:$arch:$ver: $why"
		echo "0 passed, 1 failed, 0 skipped"
	} > "$out/summary.txt"
	ln -sfn "$run_id" "$results/latest"
	cat "$out/summary.txt"
	exit 3
fi
rm -f "$results/.start.err"

vgopt=
[ -n "$vg" ] && vgopt="--valgrind $tree/bin/valgrind"
[ -n "$only" ] && filters=$only
# shellcheck disable=SC2086
exec "$top/lib/tools/run-suite.sh" --build-root "$tree" --results "$results" \
	--path "$tree/bin" --machine "$machine" --libc "glibc $glibc" \
	--emulator "qemu-user $full" --qemu-user-version "$full" $vgopt \
	${filters:+-- $filters}
