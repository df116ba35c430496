#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Bench of the qemu-user columns of `make matrix`, for lib/tools/bench.sh:
#   1. every column qemu-user:ARCH:VER (each lib/arch/ARCH with a KC_QEMU in
#      its arch.mk, under each qemu line 7.2, 10.0, 11.1), from its latest
#      run (results/matrix/qemu-user-ARCH-VER/latest; no rerun: a column is
#      one `make matrix ENVS=qemu-user:ARCH:VER`, about a minute without
#      Valgrind): the wall time of the run, the sum of the case times,
#      whether that arch's Valgrind ran in it (the Valgrind directories take
#      10-30 minutes under qemu), and the verdict counts; a column never run
#      says so, one that could not start gives its broken record's reason;
#   2. measured now, per cross build present (build-ARCH/qemu-VER/, written
#      by the matrix) and qemu version: the cost of starting one program
#      under qemu-user, the mean of 5 `pidfd_open_test -l` (the listing kyua
#      runs for every program), against the same listing natively.
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
printf '  %-26s %8s %9s %-9s %s\n' column "wall s" "case s" valgrind verdicts
for m in lib/arch/*/arch.mk; do
	arch=${m%/arch.mk}
	arch=${arch##*/}
	grep -q "^KC_QEMU\.${arch}[[:space:]]*:=" "$m" || continue
	for ver in 7.2 10.0 11.1; do
		col=qemu-user:$arch:$ver
		d=results/matrix/qemu-user-$arch-$ver/latest
		s=$d/summary.txt
		if [ ! -f "$s" ]; then
			printf '  %-26s %s\n' "$col" "not run (make matrix ENVS=$col)"
			continue
		fi
		wall=$(sed -n 's/^wall time \([0-9.]*\) s.*/\1/p' "$s")
		cases=$(sed -n 's/.*case time \([0-9.]*\) s.*/\1/p' "$s")
		counts=$(sed -n 's/^cases: [0-9]*; \(.*\); case time.*/\1/p' "$s")
		[ -n "$counts" ] || counts=$(grep '^BROKEN' "$s" | cut -c1-90)
		vg=$(tr -d ' \n' < "$d/results.json" 2>/dev/null |
			sed -n 's/.*"valgrind":\("[^"]*"\|null\).*/\1/p' | tr -d '"')
		[ "$vg" = null ] && vg=no
		printf '  %-26s %8s %9s %-9s %s\n' "$col" "${wall:--}" "${cases:--}" \
			"${vg:--}" "$counts"
	done
done

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
