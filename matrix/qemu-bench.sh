#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Bench of the qemu-user columns of `make matrix`, for lib/tools/bench.sh:
#   1. per column qemu-user:ARCH:VER its latest run (results/matrix/
#      qemu-user-ARCH-VER/latest): the wall time of the run, the sum of the
#      case times, and the verdict counts (no rerun: a column is one
#      `make matrix ENVS=qemu-user:ARCH:VER`, about a minute each);
#   2. measured now, per cross build present (build-ARCH/qemu-VER/, written
#      by the matrix) and qemu version: the cost of starting one program
#      under qemu-user, the mean of 5 `pidfd_open_test -l` (the listing kyua
#      runs for every program), against the same listing natively.
# Usage: matrix/qemu-bench.sh [build-root]
set -u
B=${1:-build}
now_ms() { date +%s%3N; }
# $1 program, $2 repetitions: mean milliseconds of `$1 -l`.
mean_ms() {
	t0=$(now_ms)
	i=0
	while [ $i -lt "$2" ]; do
		"$1" -l > /dev/null 2>&1 || return 1
		i=$((i + 1))
	done
	echo $((($(now_ms) - t0) / $2))
}

echo "qemu-user columns (latest matrix runs):"
printf '  %-26s %8s %9s  %s\n' column "wall s" "case s" verdicts
found=0
for d in results/matrix/qemu-user-*; do
	s=$d/latest/summary.txt
	[ -f "$s" ] || continue
	found=1
	col=$(basename "$d" | sed 's/^qemu-user-\([^-]*\)-/qemu-user:\1:/')
	wall=$(sed -n 's/^wall time \([0-9.]*\) s.*/\1/p' "$s")
	cases=$(sed -n 's/.*case time \([0-9.]*\) s.*/\1/p' "$s")
	counts=$(sed -n 's/^cases: [0-9]*; \(.*\); case time.*/\1/p' "$s")
	[ -n "$counts" ] || counts=$(grep '^BROKEN' "$s" | cut -c1-70)
	printf '  %-26s %8s %9s  %s\n' "$col" "${wall:--}" "${cases:--}" "$counts"
done
[ $found -eq 1 ] || echo "  (none yet: make matrix ENVS=\"qemu-user:aarch64:11.1 ...\")"

echo "qemu-user start-up (mean of 5 'pidfd_open_test -l'; native x86_64 for scale):"
n=$(mean_ms "$B/cases/pidfd/pidfd_open_test" 5) && printf '  %-26s %6s ms\n' native "$n"
for t in build-*/qemu-*/cases/pidfd/pidfd_open_test; do
	[ -x "$t" ] || continue
	col=$(echo "$t" | sed 's|^build-\([^/]*\)/qemu-\([^/]*\)/.*|qemu-user:\1:\2|')
	if m=$(mean_ms "$t" 5); then
		printf '  %-26s %6s ms\n' "$col" "$m"
	else
		printf '  %-26s %s\n' "$col" "cannot start (see the column's broken record)"
	fi
done
