#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Run a kyua suite and write one normalized run under results/<run-id>/:
#   results.db   kyua's results database (environment variables scrubbed)
#   junit.xml    JUnit XML (kyua report-junit, environment properties removed)
#   html/        kyua's HTML report
#   results.json schema kconform-results/1 (DESIGN.md)
#   summary.txt  counts; last line "N passed, N failed, N skipped"
#   leftovers.txt  processes, /tmp files, cgroups or mounts the run left behind
# and point results/latest at it.  kyua runs with an empty environment plus a
# fixed PATH, so nothing from the caller's environment reaches any result.
#
# The Kyuafiles are generated into the build root next to the binaries
# (mk/registry.mk); --kyuafile names one relative to it (default Kyuafile:
# the conformance suite; selftest/Kyuafile: the selftests).
#
# usage: run-suite.sh --build-root B [--kyuafile F] [--results DIR]
#        [--valgrind PATH] [--sandbox PROFILE] [--emulator TEXT]
#        [--qemu-user-version V] [--name NAME] [--strip-prefix P] [-- kyua filters...]
set -u

build=build kyuafile=Kyuafile results=results valgrind= sandbox= emulator= qemu_version=
name= prefix=cases/
while [ $# -gt 0 ]; do
	case "$1" in
	--build-root) build=$2; shift 2 ;;
	--kyuafile) kyuafile=$2; shift 2 ;;
	--results) results=$2; shift 2 ;;
	--valgrind) valgrind=$2; shift 2 ;;
	--sandbox) sandbox=$2; shift 2 ;;
	--emulator) emulator=$2; shift 2 ;;
	--qemu-user-version) qemu_version=$2; shift 2 ;;
	--name) name=$2; shift 2 ;;
	--strip-prefix) prefix=$2; shift 2 ;;
	--) shift; break ;;
	*) echo "run-suite.sh: unknown option $1" >&2; exit 2 ;;
	esac
done

safe_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
top=$(pwd)
build=$(cd "$build" && pwd) || exit 2
if [ ! -f "$build/$kyuafile" ]; then
	echo "run-suite.sh: $build/$kyuafile does not exist (run make first)" >&2
	exit 2
fi

# The Valgrind under test: --valgrind, else valgrind on the fixed PATH.
if [ -z "$valgrind" ]; then
	valgrind=$(PATH=$safe_path command -v valgrind || true)
fi
vg_version=
if [ -n "$valgrind" ]; then
	vg_version=$("$valgrind" --version 2>/dev/null | sed -n 's/^valgrind-\([0-9][0-9.]*\).*/\1/p')
fi

run_id=$(date -u +%Y%m%dT%H%M%SZ)${name:+-$name}
mkdir -p "$results" && results=$(cd "$results" && pwd) || exit 2
out=$results/$run_id
mkdir -p "$out/home" || exit 2
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)

set -- --config=none ${valgrind:+-v test_suites.kconform.valgrind=$valgrind} \
	${qemu_version:+-v test_suites.kconform.qemu_user_version=$qemu_version} \
	-v test_suites.kconform.source_root="$top" \
	test --kyuafile="$build/$kyuafile" --results-file="$out/results.db" "$@"
wrap=
if [ -n "$sandbox" ]; then
	wrap="$build/matrix/kc-sandbox --profile $sandbox --"
fi
"$(dirname "$0")/progress.sh" "$out/kyua.log" & progress=$!	# console progress
t0=$(date +%s.%N)
# shellcheck disable=SC2086
env -i PATH="$safe_path" HOME="$out/home" LANG=C.UTF-8 \
	"$build/lib/tools/kc-leftovers" --report "$out/leftovers.txt" -- $wrap kyua "$@" \
	> "$out/kyua.log" 2>&1
kyua_rc=$?
echo "kc-progress: end" >> "$out/kyua.log"; wait "$progress"	# stops progress.sh
t1=$(date +%s.%N)
rm -rf "$out/home"

grep -v -e '^Results saved to' -e '^Committed action' "$out/kyua.log" | grep -E -- '->' | \
	grep -v -- '->  passed' || true

if [ ! -s "$out/results.db" ]; then
	echo "run-suite.sh: kyua wrote no results (exit $kyua_rc); see $out/kyua.log" >&2
	cat "$out/kyua.log" >&2
	exit 1
fi

libc="glibc $(getconf GNU_LIBC_VERSION 2>/dev/null | sed 's/^glibc //')"
"$build/lib/tools/kc-report" --db "$out/results.db" --json "$out/results.json" \
	--summary "$out/summary.txt" --strip-prefix "$prefix" --started "$started" \
	--kernel "$(uname -r)" --machine "$(uname -m)" --libc "$libc" \
	${emulator:+--emulator "$emulator"} ${vg_version:+--valgrind "$vg_version"} \
	${sandbox:+--sandbox "$sandbox"}
report_rc=$?

env -i PATH="$safe_path" HOME=/nonexistent kyua report-junit --results-file="$out/results.db" \
	--output="$out/junit.xml.tmp" 2>/dev/null &&
	sed '/<property name="env\./d' "$out/junit.xml.tmp" > "$out/junit.xml"
rm -f "$out/junit.xml.tmp"
env -i PATH="$safe_path" HOME=/nonexistent kyua report-html --results-file="$out/results.db" \
	--output="$out/html" --force >/dev/null 2>&1

ln -sfn "$run_id" "$results/latest"

left=0
if [ -s "$out/leftovers.txt" ]; then
	left=1
	sed 's/^/run-suite.sh: /' "$out/leftovers.txt" >&2
fi
wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
{
	sed '$d' "$out/summary.txt"
	echo "wall time ${wall} s; results in $out"
	[ $left -eq 1 ] && echo "LEFTOVERS: the run left something behind (leftovers.txt)"
	tail -n 1 "$out/summary.txt"
} > "$out/summary.tmp" && mv "$out/summary.tmp" "$out/summary.txt"
cat "$out/summary.txt"

[ $report_rc -eq 0 ] && [ $left -eq 0 ] || exit 1
exit 0
