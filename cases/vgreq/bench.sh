#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Bench of cases/vgreq, for lib/tools/bench.sh: the wall time of the vgreq
# cases alone under kyua (as make check runs them: all CPUs, one shared
# launch cache), the number of Valgrind launches they make (counted
# through the vgreq_launch_log config variable), and the bare cost of one
# Valgrind launch of an empty subject.
# Usage: cases/vgreq/bench.sh <build-root> [valgrind]
set -eu
B=$(cd "${1:?usage: $0 build-root [valgrind]}" && pwd)
VG=${2:-valgrind}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM

now_ms() { date +%s%3N; }

t0=$(now_ms)
mkdir "$T/cache"
(cd "$T" && kyua --config=none -v parallelism="$(nproc)" \
    -v "test_suites.kconform.valgrind=$VG" \
    -v "test_suites.kconform.vgrun_cache=$T/cache" \
    -v "test_suites.kconform.vgreq_launch_log=$T/launches" \
    test --results-file="$T/store.db" --kyuafile="$B/Kyuafile" \
    cases/vgreq >"$T/kyua.out" 2>&1) || true
t1=$(now_ms)
launches=$(wc -l <"$T/launches" 2>/dev/null || echo 0)

# Bare launch: memcheck, -q, XML on, of a program that only returns.
printf 'int main(void){return 0;}\n' >"$T/empty.c"
cc -O2 -o "$T/empty" "$T/empty.c"
n=5
b0=$(now_ms)
i=0
while [ $i -lt $n ]; do
	"$VG" -q --xml=yes --xml-file="$T/x.xml" --log-file="$T/x.log" \
	    --vgdb=no --read-inline-info=no "$T/empty"
	i=$((i + 1))
done
b1=$(now_ms)

echo "vgreq: $(tail -1 "$T/kyua.out")"
echo "vgreq: wall $((t1 - t0)) ms, valgrind launches $launches"
echo "vgreq: bare valgrind launch (empty subject) $(((b1 - b0) / n)) ms"
