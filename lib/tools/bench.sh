#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# `make bench`: measure the suite instead of asserting on time in tests
# (machines here are shared and noisy).  Runs the whole suite once, as
# `make check` does (build excluded), into results/bench/<run-id>/, with the
# Valgrind under test behind a wrapper that logs every launch and the
# directory of the case program that made it.  Then prints, per directory
# and in total:
#
#   launches  Valgrind launches of the directory's cases
#   floor     launches x bare launch cost / cores + native case time, where
#             the bare launch cost is that of an empty subject with the
#             options every kc_vgrun launch has (the mean of 5 launches just
#             before the run and 5 just after), and the native case time is
#             the case time of directories that launch no Valgrind
#   wall      first case start to last case end of the directory (the whole
#             kyua run for the total)
#   ratio     wall / floor
#
# and the machine's load (uptime) before and after, since the figures mean
# little on a busy machine.  Then runs each directory's own hook,
# cases/<dir>/bench.sh, if it has one, with the build root as argument.
#
# usage: bench.sh --build-root B [--valgrind PATH]
set -u
build=build
vg=''
while [ $# -gt 0 ]; do
	case "$1" in
	--build-root) build=$2; shift 2 ;;
	--valgrind) vg=$2; shift 2 ;;
	*) echo "bench.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
here=$(dirname "$0")
safe_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
[ -n "$vg" ] || vg=$(PATH=$safe_path command -v valgrind) || {
	echo "bench: no valgrind on PATH" >&2; exit 1; }
cores=$(nproc 2>/dev/null || echo 1)
mkdir -p results/bench || exit 2
w=$(cd results/bench && pwd)/wrap
rm -rf "$w" && mkdir -p "$w" || exit 2

# The wrapper: one line per launch, the directory of the parent program
# (cases/<dir>/<prog>, or selftest/...), then the real Valgrind.
cat > "$w/valgrind" <<EOF
#!/bin/sh
case "\$1" in
--version) ;;
*) d=\$(tr '\\000' '\\n' < /proc/\$PPID/cmdline | head -n 1 | \\
	sed -n 's|.*/cases/\\([^/]*\\)/[^/]*\$|\\1|p')
   echo "\${d:-other}" >> "$w/launches" ;;
esac
exec "$vg" "\$@"
EOF
chmod +x "$w/valgrind"

# The bare launch: kc_vgrun's options (lib/kc_vgrun.c), an empty subject.
printf 'int main(void){return 0;}\n' > "$w/empty.c"
cc -O2 -o "$w/empty" "$w/empty.c" || exit 2
bare() {
	n=5 i=0 b0=$(date +%s%N)
	while [ $i -lt $n ]; do
		"$vg" --tool=memcheck -q --xml=yes --xml-file="$w/x.xml" --log-file="$w/x.log" \
		    --vgdb=no --error-exitcode=99 "$@" "$w/empty" || exit 2
		i=$((i + 1))
	done
	echo $(( ($(date +%s%N) - b0) / n / 1000000 ))
}

echo "== bench: load before: $(uptime)"
bare_0=$(bare --read-inline-info=no)
bare_inl=$(bare)
"$here/run-suite.sh" --build-root "$build" --results results/bench --name bench \
	--valgrind "$w/valgrind" >/dev/null 2>&1
rc=$?
echo "== bench: load after: $(uptime)"
bare_1=$(bare --read-inline-info=no)
# The machine's speed drifts over a run (a shared host): the floor takes the
# mean of the bare launches measured just before and just after it.
if [ -z "$bare_0" ] || [ -z "$bare_1" ]; then
	echo "bench: the bare launch failed" >&2
	exit 2
fi
bare_ms=$(( (bare_0 + bare_1) / 2 ))
latest=results/bench/latest
echo "bare Valgrind launch (empty subject): ${bare_ms} ms (before the run ${bare_0}, after ${bare_1}; with inline info: ${bare_inl} ms); cores $cores"
grep -E '^(cases:|wall time)' "$latest/summary.txt"
[ $rc -eq 0 ] || echo "bench: the measured run had failures (see $latest/summary.txt)"

# Per directory: cases, case time, span (from kyua's database, in us).
sqlite3 -separator ' ' "$latest/results.db" "
	SELECT substr(p.relative_path, 7, instr(substr(p.relative_path, 7), '/') - 1),
	       count(*), sum(r.end_time - r.start_time), min(r.start_time), max(r.end_time)
	FROM test_results r JOIN test_cases c USING (test_case_id)
	JOIN test_programs p USING (test_program_id)
	WHERE p.relative_path LIKE 'cases/%' GROUP BY 1 ORDER BY 1" > "$w/dirs" || exit 1
sort "$w/launches" 2>/dev/null | uniq -c > "$w/counts"
awk -v bare="$bare_ms" -v cores="$cores" -v wall="$(sed -n 's/^wall time \([0-9.]*\) s.*/\1/p' "$latest/summary.txt")" '
	FNR == NR { n[$2] = $1; next }
	{
		l = ($1 in n) ? n[$1] : 0
		native = (l == 0) ? $3 / 1e6 : 0
		fl = l * bare / 1000 / cores + native
		span = ($5 - $4) / 1e6
		ratio = (fl > 0) ? sprintf("%.2f", span / fl) : "-"
		printf "directory %-9s %3d cases, %4d launches, floor %6.1f s, wall %6.1f s, ratio %s\n",
		    $1, $2, l, fl, span, ratio
		tl += l; tn += native
	}
	END {
		fl = tl * bare / 1000 / cores + tn
		ratio = (fl > 0) ? sprintf("%.2f", wall / fl) : "-"
		printf "total: %d launches, floor %.1f s, wall %.1f s, ratio %s\n",
		    tl, fl, wall, ratio
	}' "$w/counts" "$w/dirs"

for hook in cases/*/bench.sh; do
	[ -x "$hook" ] || continue
	echo "== bench: $hook"
	"$hook" "$build" "$vg" || echo "bench: $hook failed"
done
"$here/../../matrix/kernel/bench.sh" "$build" || echo "bench: matrix/kernel/bench.sh failed"
matrix/qemu-bench.sh "$build" || echo "bench: matrix/qemu-bench.sh failed"	# the qemu-user columns
[ $rc -eq 0 ] && rm -rf "$w"
