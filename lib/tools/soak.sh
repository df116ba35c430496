#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# `make soak [N=50]`: look for flakes.  Two instances run at the same time,
# each running the kernel directories (the cases that need no Valgrind) N
# times and the whole suite 5 times, every run through run-suite.sh (so each
# run also passes its leftovers check while the other instance runs).  A
# flake is a case whose verdict is not the same in every run, or a run that
# failed as a whole; each is printed with its verdict counts and first
# reason.  A flake is a defect to fix, never a retry.  A case failing in
# every run is printed too.  Exit 0 if no case failed and no run failed.
#
# Runs go to results/soak/<instance>/; a run is deleted once its verdicts
# are read unless it failed.
#
# usage: soak.sh --build-root B [-n N] [--full M] [--valgrind PATH]
set -u
build=build n=50 full=5 vg=''
# The directories whose cases run natively only (the parity directory runs
# them under Valgrind).
kernel="cases/pidfd cases/clone3"
while [ $# -gt 0 ]; do
	case "$1" in
	--build-root) build=$2; shift 2 ;;
	-n) n=$2; shift 2 ;;
	--full) full=$2; shift 2 ;;
	--valgrind) vg=$2; shift 2 ;;
	*) echo "soak.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
here=$(cd "$(dirname "$0")" && pwd)
top=results/soak
rm -rf "$top" && mkdir -p "$top" || exit 2

# One run: its verdicts, one "<program>:<case> <verdict>\t<reason>" a line,
# appended to the instance's list; a run-level failure as "run:<name> failed".
one() {
	inst=$1 name=$2
	shift 2
	"$here/run-suite.sh" --build-root "$build" --results "$top/$inst" --name "$name" \
		${vg:+--valgrind "$vg"} "$@" > "$top/$inst/$name.out" 2>&1
	rc=$?
	db=$top/$inst/latest/results.db
	if [ -s "$db" ]; then
		sqlite3 -separator ' ' "$db" "SELECT p.relative_path || ':' || c.name,
			r.result_type || char(9) || coalesce(r.result_reason, '')
			FROM test_results r JOIN test_cases c USING (test_case_id)
			JOIN test_programs p USING (test_program_id)" >> "$top/$inst/verdicts"
	fi
	grep '^run failure:' "$top/$inst/latest/summary.txt" 2>/dev/null | \
		sed "s|^|run:$inst/$name |" >> "$top/$inst/runfail"
	if [ $rc -eq 0 ]; then
		rm -rf "${top:?}/$inst/$(readlink "$top/$inst/latest")" "$top/$inst/$name.out"
	fi
}

instance() {
	inst=$1 i=1
	mkdir -p "$top/$inst" && : > "$top/$inst/verdicts" && : > "$top/$inst/runfail"
	while [ "$i" -le "$n" ]; do
		# shellcheck disable=SC2086
		one "$inst" "k$i" -- $kernel
		i=$((i + 1))
	done
	i=1
	while [ "$i" -le "$full" ]; do
		one "$inst" "f$i"
		i=$((i + 1))
	done
}

echo "soak: 2 instances, each ${n}x $kernel and ${full}x everything; load: $(uptime)"
instance a &
pa=$!
instance b &
pb=$!
wait "$pa"
wait "$pb"
echo "soak: done; load: $(uptime)"

cat "$top/a/verdicts" "$top/b/verdicts" > "$top/verdicts"
# Per case: the count of each verdict; a case with two or more is a flake.
awk -F '\t' '
	{
		split($1, w, " "); id = w[1]; v = w[2]
		if (!((id, v) in seen)) { kinds[id]++; first[id, v] = $2 }
		seen[id, v]++
		if (!(id in order)) { order[id] = ++nids; ids[nids] = id }
		runs[id]++
	}
	END {
		split("passed expected_failure skipped failed broken", vs, " ")
		for (i = 1; i <= nids; i++) {
			id = ids[i]
			if (kinds[id] < 2) {
				# Not a flake, but a failure in every run.
				if ((id, "failed") in seen || (id, "broken") in seen)
					printf "failing in every run: %s: %s\n", id,
					    first[id, (id, "failed") in seen ? "failed" : "broken"]
				continue
			}
			line = ""
			for (j = 1; j <= 5; j++)
				if ((id, vs[j]) in seen)
					line = line sprintf(" %s %d", vs[j], seen[id, vs[j]])
			printf "flake: %s:%s\n", id, line
			for (j = 1; j <= 5; j++)
				if ((id, vs[j]) in seen && vs[j] != "passed")
					printf "    %s: %s\n", vs[j], first[id, vs[j]]
			flakes++
		}
		printf "soak: %d cases, %d case runs, %d flaky case(s)\n", nids, NR, flakes
	}' "$top/verdicts"
cat "$top/a/runfail" "$top/b/runfail"
nf=$(awk -F '\t' '{ split($1, w, " "); if (!((w[1], w[2]) in s)) { s[w[1], w[2]] = 1; k[w[1]]++ } }
	END { for (i in k) if (k[i] > 1) f++; print f + 0 }' "$top/verdicts")
nfail=$(awk -F '\t' '{ split($1, w, " "); if (w[2] == "failed" || w[2] == "broken") print w[1] }' \
	"$top/verdicts" | sort -u | wc -l)
nr=$(cat "$top/a/runfail" "$top/b/runfail" | grep -c .)
echo "soak: $nf flaky case(s), $nfail case(s) failed at least once, $nr failed run(s)"
[ "$nf" -eq 0 ] && [ "$nfail" -eq 0 ] && [ "$nr" -eq 0 ]
