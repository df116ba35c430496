#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# `make bench`: measure the suite instead of asserting on time in tests
# (machines here are shared and noisy).  Runs the whole suite once (build
# excluded) into results/bench/<run-id>/ and prints its wall time, the number
# of cases and the case time per directory; then runs each directory's own
# benchmark hook, cases/<dir>/bench.sh, if it has one (e.g. vgreq's Valgrind
# launch count and bare launch cost), with the build root as argument.
#
# usage: bench.sh --build-root B [--valgrind PATH]
set -u
build=build
vg=
while [ $# -gt 0 ]; do
	case "$1" in
	--build-root) build=$2; shift 2 ;;
	--valgrind) vg=$2; shift 2 ;;
	*) echo "bench.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
here=$(dirname "$0")
echo "== bench: make check (build excluded)"
"$here/run-suite.sh" --build-root "$build" --results results/bench --name bench \
	${vg:+--valgrind "$vg"} >/dev/null 2>&1
rc=$?
latest=results/bench/latest
grep -E '^(cases:|directory |wall time)' "$latest/summary.txt"
[ $rc -eq 0 ] || echo "bench: the measured run had failures (see $latest/summary.txt)"
for hook in cases/*/bench.sh; do
	[ -x "$hook" ] || continue
	echo "== bench: $hook"
	"$hook" "$build" ${vg:+"$vg"} || echo "bench: $hook failed"
done
"$here/../../matrix/kernel/bench.sh" "$build" || echo "bench: matrix/kernel/bench.sh failed"
