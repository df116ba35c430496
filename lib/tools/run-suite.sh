#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Run a kyua suite and write one normalized run under results/<run-id>/:
#   results.db   kyua's results database (environment variables scrubbed)
#   junit.xml    JUnit XML (kyua report-junit, environment properties removed)
#   html/        kyua's HTML report
#   results.json schema kconform-results/1 (DESIGN.md)
#   summary.txt  counts; last line "N passed, N failed, N skipped"
#   leftovers.txt  processes, files, cgroups or mounts the run left behind
# and point results/latest at it.  kyua runs with an empty environment plus a
# fixed PATH, so nothing from the caller's environment reaches any result.
#
# The Kyuafiles are generated into the build root next to the binaries
# (mk/registry.mk); --kyuafile names one relative to it (default Kyuafile:
# the conformance suite; selftest/Kyuafile: the selftests).
#
# kyua runs under kc-leftovers (lib/tools/kc-leftovers.c), which gives the run
# its own /tmp and /dev/shm (under results/<run-id>/tmp and shm, removed when
# empty), its own cgroup and mount namespace, and reports only what this run
# left: a second run, or any other job, on the same machine is never seen.
# kyua runs --parallelism cases at a time (default: the number of CPUs).
#
# A failure of the run itself (leftovers, a kyua error, no results, a report
# error) is counted as one failure each in the last line, with its cause on
# the line above, so a non-zero exit never comes with "0 failed".
#
# usage: run-suite.sh --build-root B [--kyuafile F] [--results DIR]
#        [--valgrind PATH] [--sandbox PROFILE] [--emulator TEXT]
#        [--qemu-user-version V] [--name NAME] [--strip-prefix P]
#        [--parallelism N] [--kyua-var NAME=VALUE]... [--path PATH]
#        [--machine M] [--libc TEXT] [-- kyua filters...]
# --path replaces the fixed PATH of kyua and its cases (a qemu-user tree's
# bin/: kyua, and valgrind only where that arch has one); --machine and
# --libc describe a foreign target in results.json (default: this host).
set -u

build=build kyuafile=Kyuafile results=results valgrind='' sandbox='' emulator=''
qemu_version='' name='' prefix=cases/ kvars='' path='' machine='' libc=''
jobs=$(nproc 2>/dev/null || echo 1)
while [ $# -gt 0 ]; do
	case "$1" in
	--parallelism) jobs=$2; shift 2 ;;
	--kyua-var) kvars="$kvars -v test_suites.kconform.$2"; shift 2 ;;
	--build-root) build=$2; shift 2 ;;
	--kyuafile) kyuafile=$2; shift 2 ;;
	--results) results=$2; shift 2 ;;
	--valgrind) valgrind=$2; shift 2 ;;
	--sandbox) sandbox=$2; shift 2 ;;
	--emulator) emulator=$2; shift 2 ;;
	--qemu-user-version) qemu_version=$2; shift 2 ;;
	--name) name=$2; shift 2 ;;
	--path) path=$2; shift 2 ;;
	--machine) machine=$2; shift 2 ;;
	--libc) libc=$2; shift 2 ;;
	--strip-prefix) prefix=$2; shift 2 ;;
	--) shift; break ;;
	*) echo "run-suite.sh: unknown option $1" >&2; exit 2 ;;
	esac
done

safe_path=${path:-/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin}
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
# vgcache: the run's shared Valgrind launches (lib/kc_vgrun.h), removed after.
mkdir -p "$out/home" "$out/vgcache" || exit 2
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)

# shellcheck disable=SC2086
set -- --config=none -v parallelism="$jobs" $kvars ${valgrind:+-v test_suites.kconform.valgrind=$valgrind} \
	${qemu_version:+-v test_suites.kconform.qemu_user_version=$qemu_version} \
	-v test_suites.kconform.source_root="$top" \
	-v test_suites.kconform.vgrun_cache="$out/vgcache" \
	test --kyuafile="$build/$kyuafile" --results-file="$out/results.db" "$@"
wrap=
if [ -n "$sandbox" ]; then
	wrap="$build/matrix/kc-sandbox --profile $sandbox --"
fi
"$(dirname "$0")/progress.sh" "$out/kyua.log" & progress=$!	# console progress
t0=$(date +%s.%N)
# shellcheck disable=SC2086
env -i PATH="$safe_path" HOME="$out/home" LANG=C.UTF-8 \
	"$build/lib/tools/kc-leftovers" --report "$out/leftovers.txt" --tmp "$out" \
	--keep "$top" --keep "$build" \
	-- $wrap kyua "$@" > "$out/kyua.log" 2>&1
kyua_rc=$?
echo "kc-progress: end" >> "$out/kyua.log"; wait "$progress"	# stops progress.sh
t1=$(date +%s.%N)
# kc-leftovers exits 3 when kyua succeeded but something was left (reported
# below), 2 when it could not set the run up; else with kyua's status.
left=0
[ -s "$out/leftovers.txt" ] && left=1
[ "$kyua_rc" -eq 3 ] && [ $left -eq 1 ] && kyua_rc=0
rm -rf "${out:?}/home" "${out:?}/vgcache"
# Empty when the run left nothing (else leftovers.txt names what is there).
rmdir "$out/tmp" "$out/shm" 2>/dev/null

grep -v -e '^Results saved to' -e '^Committed action' "$out/kyua.log" | grep -E -- '->' | \
	grep -v -- '->  passed' || true

# The run-level failures: one line each, "run failure: <cause>".
runfail=
fail() { runfail="${runfail}run failure: $*
"; }

if [ ! -s "$out/results.db" ]; then
	cat "$out/kyua.log" >&2
	fail "kyua wrote no results (exit $kyua_rc); see $out/kyua.log"
	printf '%s' "$runfail" > "$out/summary.txt"
	echo "0 passed, 1 failed, 0 skipped" >> "$out/summary.txt"
	ln -sfn "$run_id" "$results/latest"
	cat "$out/summary.txt"
	exit 1
fi

[ -n "$libc" ] || libc="glibc $(getconf GNU_LIBC_VERSION 2>/dev/null | sed 's/^glibc //')"
"$build/lib/tools/kc-report" --db "$out/results.db" --json "$out/results.json" \
	--summary "$out/summary.txt" --strip-prefix "$prefix" --started "$started" \
	--kernel "$(uname -r)" --machine "${machine:-$(uname -m)}" --libc "$libc" \
	${emulator:+--emulator "$emulator"} ${vg_version:+--valgrind "$vg_version"} \
	${sandbox:+--sandbox "$sandbox"}
report_rc=$?
if [ ! -s "$out/summary.txt" ] || [ "$report_rc" -gt 1 ]; then
	fail "kc-report failed (exit $report_rc) on $out/results.db"
	echo "0 passed, 0 failed, 0 skipped" > "$out/summary.txt"
fi
# kyua: 0 all passed, 1 some case failed; anything else is kyua's own error,
# and so is 1 when no case failed.
case_failed=$(tail -n 1 "$out/summary.txt" | sed -n 's/.* \([0-9][0-9]*\) failed.*/\1/p')
if [ "$kyua_rc" -gt 1 ] || { [ "$kyua_rc" -eq 1 ] && [ "${case_failed:-0}" -eq 0 ]; }; then
	fail "kyua (under kc-leftovers) exited $kyua_rc; see $out/kyua.log"
fi

env -i PATH="$safe_path" HOME=/nonexistent kyua report-junit --results-file="$out/results.db" \
	--output="$out/junit.xml.tmp" 2>/dev/null &&
	sed '/<property name="env\./d' "$out/junit.xml.tmp" > "$out/junit.xml"
rm -f "$out/junit.xml.tmp"
env -i PATH="$safe_path" HOME=/nonexistent kyua report-html --results-file="$out/results.db" \
	--output="$out/html" --force >/dev/null 2>&1

ln -sfn "$run_id" "$results/latest"

if [ $left -eq 1 ]; then
	sed 's/^/run-suite.sh: /' "$out/leftovers.txt" >&2
	fail "LEFTOVERS: the run left $(wc -l < "$out/leftovers.txt" | tr -d ' ') thing(s) behind; see $out/leftovers.txt"
fi
wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
nrun=$(printf '%s' "$runfail" | grep -c '^run failure:')
{
	sed '$d' "$out/summary.txt"
	echo "wall time ${wall} s; parallelism $jobs; results in $out"
	printf '%s' "$runfail"
	tail -n 1 "$out/summary.txt" | awk -v n="$nrun" \
	    '{ print $1 " passed, " $3 + n " failed, " $5 " skipped" }'
} > "$out/summary.tmp" && mv "$out/summary.tmp" "$out/summary.txt"
cat "$out/summary.txt"

[ "$report_rc" -eq 0 ] && [ "$nrun" -eq 0 ] || exit 1
exit 0
