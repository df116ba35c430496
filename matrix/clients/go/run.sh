#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Go's Valgrind-instrumented runtime as a real client (`make client-go`;
# FACTS-valgrind.md §8): fetch Go from Debian sid (fetch-go.sh), build the
# programs of progs/ with -tags valgrind, run each REPS times under every
# chosen Valgrind (an XML run and a text run: --xml=yes hides the warnings),
# and let kc-goclass classify the errors and warnings and write
# results/clients/go/report.json and summary.txt.
#
#   run.sh --build-root B [--reps N] [--results DIR] [--keep DIR] [VALGRIND...]
#
# --keep DIR copies the raw run tree (XML files, logs) there before the
# temporary directory goes (how the selftest's canned files were made).
#
# VALGRIND: paths; default Debian's valgrind on PATH and the trixie and sid
# ones of matrix/fetch-valgrind.sh.  Nothing but the Debian archive is
# reached: Go builds with GOPROXY=off, GOTOOLCHAIN=local, no modules.
# Everything lives in one temporary directory, removed on exit; every run
# is a child reaped before the next starts, under `timeout`.  A failing
# step says which and exits 1; a run whose program or Valgrind failed is
# reported (summary "RUN PROBLEM") and makes the exit status 1.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
build=build reps=3 results=results/clients/go keep=
run_timeout=${KC_GO_RUN_TIMEOUT:-600}
while [ $# -gt 0 ]; do
	case $1 in
	--build-root) build=$2; shift 2 ;;
	--reps) reps=$2; shift 2 ;;
	--results) results=$2; shift 2 ;;
	--keep) keep=$2; shift 2 ;;
	--) shift; break ;;
	-*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
done
case $reps in ''|*[!0-9]*|0) echo "run.sh: --reps must be a positive number" >&2; exit 2 ;; esac

fail() {
	echo "client-go: $1 failed${2:+: $2}" >&2
	exit 1
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

classify=$build/matrix/clients/go/kc-goclass
[ -x "$classify" ] || fail "finding $classify" "run make first"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kc-client-go.XXXXXX") || fail "mktemp"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# 1. Go.
t=$(now)
goroot=$("$here/fetch-go.sh") || fail "fetching Go (fetch-go.sh)"
fetch_s=$(elapsed "$t")
go_env() {
	env -i PATH=/usr/bin:/bin HOME="$tmp/home" GOROOT="$goroot" GOTOOLCHAIN=local \
	    GOCACHE="$tmp/gocache" GOPATH="$tmp/gopath" GOPROXY=off GOFLAGS= \
	    GONOSUMDB= GOENV=off CGO_ENABLED=0 "$@"
}
mkdir -p "$tmp/home" "$tmp/bin" || fail "mkdir $tmp"
go_version=$(go_env "$goroot/bin/go" env GOVERSION) || fail "go env GOVERSION"

# 2. The programs, with the runtime's Valgrind mode.
t=$(now)
progs=
for d in "$here"/progs/*/; do
	p=$(basename "$d")
	(cd "$d" && go_env "$goroot/bin/go" build -tags valgrind -o "$tmp/bin/$p" main.go) \
		> "$tmp/build-$p.log" 2>&1 || {
		cat "$tmp/build-$p.log" >&2
		fail "building progs/$p with -tags valgrind"
	}
	progs="$progs $p"
done
build_s=$(elapsed "$t")

# 3. The Valgrinds.
if [ $# -eq 0 ]; then
	vg=$(command -v valgrind) || fail "finding valgrind on PATH"
	trixie=$("$top/matrix/fetch-valgrind.sh" trixie) || fail "fetching Valgrind (fetch-valgrind.sh trixie)"
	sid=$("$top/matrix/fetch-valgrind.sh" sid) || fail "fetching Valgrind (fetch-valgrind.sh sid)"
	set -- "$vg" "$trixie" "$sid"
fi

# One launch: Valgrind on a program with the runtime settings of FACTS §8,
# output to files under dir; the exit status goes to dir/<name>.rc.
launch() {	# name dir prog valgrind-options...
	name=$1 dir=$2 prog=$3
	shift 3
	env -i PATH=/usr/bin:/bin HOME="$tmp/home" GOGC=off GODEBUG=asyncpreemptoff=1 \
	    timeout -k 10 "$run_timeout" "$vgpath" "$@" "$tmp/bin/$prog" \
	    > "$dir/$name.out" 2>&1 < /dev/null
	echo $? > "$dir/$name.rc"
}

n=0
for vgpath in "$@"; do
	n=$((n + 1))
	vdir=$tmp/runs/vg/$n
	mkdir -p "$vdir/runs" || fail "mkdir $vdir"
	version=$("$vgpath" --version 2>/dev/null | sed -n 's/^valgrind-\([0-9][0-9.]*\).*/\1/p')
	[ -n "$version" ] || fail "running $vgpath --version"
	echo "$version" > "$vdir/version"
	echo "$vgpath" > "$vdir/path"
	echo "client-go: Valgrind $version ($vgpath):$progs x $reps" >&2
	t=$(now)
	for p in $progs; do
		i=1
		while [ "$i" -le "$reps" ]; do
			rdir=$vdir/runs/$p.$i
			mkdir -p "$rdir" || fail "mkdir $rdir"
			# %p only in --xml-file: with %p in --log-file too a forked
			# child's XML lands in the parent's file (FACTS §8).  No
			# error limit: every context, each with its count.
			launch xml "$rdir" "$p" --xml=yes --error-limit=no --xml-file="$rdir/%p.xml" \
			    --log-file="$rdir/xml-run.log"
			launch text "$rdir" "$p" --log-file="$rdir/text.log"
			i=$((i + 1))
		done
	done
	elapsed "$t" > "$vdir/run_s"
	echo "client-go: Valgrind $version: $(cat "$vdir/run_s") s" >&2
done

# 4. The verdict of each case of the table under each Valgrind: from the
# newest results.json of a run under that version (results/), else the one
# case run by kyua; "case missing" when its program does not list it.
: > "$tmp/runs/verdicts.tsv"
results_files=$(find "$top/results" -name '*.json' -path '*results*' ! -path "$top/results/clients/*" 2>/dev/null)
cases=$(sed -e 's/#.*//' "$here/cases.txt" | awk 'NF == 2 && $2 != "-" { print $2 }' | sort -u)
n=0
for vgpath in "$@"; do
	n=$((n + 1))
	version=$(cat "$tmp/runs/vg/$n/version")
	for id in $cases; do
		prog=${id%%:*} case=${id#*:}
		if ! [ -x "$build/$prog" ] || ! "$build/$prog" -l 2>/dev/null |
		    grep -qx "ident: $case"; then
			printf '%s\t%s\tcase missing\t%s\t%s\n' "$version" "$id" "$build/$prog -l" \
			    "the program does not list this case" >> "$tmp/runs/verdicts.tsv"
			continue
		fi
		rid=${id#cases/}
		# shellcheck disable=SC2086 # one word per file
		if line=$("$classify" verdict --version "$version" --id "$rid" $results_files); then
			printf '%s\t%s\t%s\n' "$version" "$id" "$line" >> "$tmp/runs/verdicts.tsv"
			continue
		fi
		out=$(env -i PATH=/usr/bin:/bin HOME="$tmp/home" kyua --config=none \
		    -v test_suites.kconform.valgrind="$vgpath" \
		    -v test_suites.kconform.source_root="$top" \
		    test --kyuafile="$build/Kyuafile" --results-file="$tmp/kyua-$n.db" "$id" 2>&1)
		line=$(printf '%s\n' "$out" | grep -F -- "$id  ->" | head -n 1)
		verdict=$(printf '%s\n' "$line" | sed -n 's/.*->  \([a-z_]*\).*/\1/p')
		reason=$(printf '%s\n' "$line" | sed -n 's/.*->  [a-z_]*: *\(.*\)  \[[0-9.]*s\]$/\1/p')
		[ -n "$verdict" ] || verdict=broken reason="kyua printed no verdict"
		rm -f "$tmp/kyua-$n.db"
		printf '%s\t%s\t%s\t%s\t%s\n' "$version" "$id" "$verdict" \
		    "kyua test under $vgpath" "$reason" >> "$tmp/runs/verdicts.tsv"
	done
done

cat > "$tmp/runs/meta" <<EOF
go $go_version
goroot $goroot
programs$progs
repetitions $reps
fetch_s $fetch_s
build_s $build_s
EOF

if [ -n "$keep" ]; then
	mkdir -p "$keep" || fail "mkdir $keep"
	cp -R "$tmp/runs/." "$keep/" || fail "copying the runs to $keep"
fi
mkdir -p "$results" || fail "mkdir $results"
"$classify" classify --cases "$here/cases.txt" --out "$results" "$tmp/runs"
rc=$?
[ $rc -le 2 ] || fail "kc-goclass classify"
echo "client-go: wrote $results/report.json and $results/summary.txt" >&2
[ $rc -eq 0 ] || { echo "client-go: some runs had problems (see summary.txt)" >&2; exit 1; }
exit 0
