#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# `make selftest`: the suite's own tests (B/selftest/Kyuafile): lib units, the
# result writers, and the fault-injection checks proving that the cases can
# fail.  Results go to results/selftest/<run-id>/ in the same form as a run.
#
# usage: run-selftest.sh --build-root B [--valgrind PATH]
set -u
build=build
vg=
while [ $# -gt 0 ]; do
	case "$1" in
	--build-root) build=$2; shift 2 ;;
	--valgrind) vg=$2; shift 2 ;;
	*) echo "run-selftest.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
# The fault table's runner writes the proven count here (selftest/faults).
proven="$build/selftest/faults/proven.txt"
rm -f "$proven"
"$(dirname "$0")/run-suite.sh" --build-root "$build" --kyuafile selftest/Kyuafile \
	--results results/selftest --name selftest --strip-prefix "" \
	${vg:+--valgrind "$vg"}
rc=$?
if [ -r "$proven" ]; then
	cat "$proven"
else
	echo "proven able to fail: not measured (selftest/faults did not finish)"
fi
exit "$rc"
