#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Run the installed kconform suite inside a LAVA test shell and report every
# case (lava/kconform.yaml runs this; installed as libexec/kconform/kconform-lava).
# POSIX sh and awk only: busybox ash and a minimal rootfs can run it.
#
#   kconform-lava.sh [-p PREFIX] [-u URL] [-s "PATTERN..."] [-f SKIPFILE]
#                    [-P "PROGRAM..."] [-n SHARDS] [-i INDEX] [-I true|false]
#                    [-o OUTDIR] [-k KTAP [-l LIST]]
#
#   -p  install prefix (default /opt/kconform): PREFIX/bin/kc-run and
#       PREFIX/tests/kconform/kc-programs.txt
#   -u  if PREFIX has no kc-run: fetch this kconform-<ver>-<arch>.tar.xz
#       (rooted at /) and extract it at /
#   -s  skip list: shell patterns over "<program>:<case>" (KTAP names), or a
#       bare program name (all its cases); -f a file of them, one a line, #
#       comments allowed
#   -P  run only these programs; -n/-i keep shard INDEX of SHARDS (programs
#       dealt round-robin)
#   -I  false: first install valgrind and the shared libraries the programs
#       link with (Debian: libatf-c-1 libexpat1 libseccomp2 libjson-c5
#       libsqlite3-0; apt-get, else valgrind with dnf); default true: skip
#   -o  output directory (default ./output)
#   -k  do not run: report this KTAP file (e.g. a saved console log); -l the
#       matching `kc-run --list` output, so that missing cases are unknown
#
# Writes OUTDIR/kconform.ktap (kc-run's output), OUTDIR/kconform.list
# (--list), OUTDIR/result.txt ("<program>_<case> <pass|fail|skip|unknown>",
# Linaro test-definitions' convention, read by send-to-lava.sh and
# test-runner) and OUTDIR/<program>_<case>.log for every case that did not
# plainly pass.  With lava-test-set and lava-test-case on PATH, each program
# is a test set and each case a lava-test-case with its duration as the
# measurement.  Result map: ok pass; ok # XFAIL pass (reason in the log);
# ok # SKIP skip; not ok (also # ERROR, # TIMEOUT, # XPASS) fail; a listed
# case without a result line (the runner died) unknown.
# Exit status: 0 reported (whatever the verdicts), 2 setup failure.
set -u

set -f	# patterns and lists are words, never globbed here
prefix=/opt/kconform url='' skips='' skipfile='' programs='' shards=1 index=1 skip_install=true
out=./output ktap='' list=''
while getopts p:u:s:f:P:n:i:I:o:k:l: opt; do
	case $opt in
	p) prefix=$OPTARG ;;
	u) url=$OPTARG ;;
	s) skips=$OPTARG ;;
	f) skipfile=$OPTARG ;;
	P) programs=$OPTARG ;;
	n) shards=$OPTARG ;;
	i) index=$OPTARG ;;
	I) skip_install=$OPTARG ;;
	o) out=$OPTARG ;;
	k) ktap=$OPTARG ;;
	l) list=$OPTARG ;;
	*) echo "usage: kconform-lava.sh [-p PREFIX] [-u URL] [-s SKIPS] [-f SKIPFILE] [-P PROGRAMS] [-n N -i I] [-I true|false] [-o DIR] [-k KTAP]" >&2
	   exit 2 ;;
	esac
done
die() { echo "kconform-lava: $*" >&2; exit 2; }
mkdir -p "$out" || die "cannot create $out"

if [ -z "$ktap" ]; then
	if [ ! -x "$prefix/bin/kc-run" ] && [ -n "$url" ]; then
		tarball=$out/kconform.tar.xz
		if command -v wget >/dev/null; then
			wget -q -O "$tarball" "$url" || die "wget $url failed"
		elif command -v curl >/dev/null; then
			curl -fsSL -o "$tarball" "$url" || die "curl $url failed"
		else
			die "neither wget nor curl to fetch $url"
		fi
		xz -dc "$tarball" | tar -xf - -C / || die "cannot extract $tarball at /"
	fi
	[ -x "$prefix/bin/kc-run" ] || die "$prefix/bin/kc-run: not installed (make install PREFIX=$prefix, or -u URL)"
	if [ "$skip_install" = false ]; then
		if command -v apt-get >/dev/null; then
			{ apt-get update -q && apt-get install -y -q valgrind libatf-c-1 libexpat1 \
				libseccomp2 libjson-c5 libsqlite3-0; } ||
				die "apt-get install failed"
		elif command -v dnf >/dev/null; then
			dnf install -y valgrind || die "dnf install valgrind failed"
		elif ! command -v valgrind >/dev/null; then
			echo "kconform-lava: no apt-get or dnf: the Valgrind cases will skip" >&2
		fi
	fi
	root=$prefix/tests/kconform
	[ -r "$root/kc-programs.txt" ] || die "$root/kc-programs.txt missing"

	# The programs of this shard: the named ones, else every registered one.
	if [ -z "$programs" ]; then
		programs=$(awk '!/^#/ && NF { print $1 }' "$root/kc-programs.txt")
	fi
	# shellcheck disable=SC2086 # the lists are words
	sel=$(printf '%s\n' $programs | awk -v n="$shards" -v i="$index" \
		'NF { if ((k++ % n) == i - 1) print }')
	[ -n "$sel" ] || die "shard $index of $shards holds no program"

	# Skip patterns: "-s" words and the file's lines; a bare program means all its cases.
	set --
	for pat in $skips $( [ -n "$skipfile" ] && sed 's/#.*//' "$skipfile"); do
		case $pat in *:*) ;; *) pat="$pat:*" ;; esac
		set -- "$@" --skip "$pat"
	done
	# shellcheck disable=SC2086
	"$prefix/bin/kc-run" --build-root "$root" --list $sel > "$out/kconform.list" ||
		echo "kconform-lava: kc-run --list failed for a program (reported as an error case)" >&2
	# shellcheck disable=SC2086
	"$prefix/bin/kc-run" --build-root "$root" --runner lava "$@" $sel > "$out/kconform.ktap"
	rc=$?
	echo "kconform-lava: kc-run exit status $rc (0 pass, 1 a case failed, 4 all skipped)"
	ktap=$out/kconform.ktap
else
	[ -r "$ktap" ] || die "$ktap: cannot read"
	if [ -n "$list" ]; then
		cp "$list" "$out/kconform.list" || die "$list: cannot read"
	else
		: > "$out/kconform.list"
	fi
fi

# The converter: KTAP (and the --list) in, one command line per event out:
#   set start|stop <program>
#   case <program> <case> <pass|fail|skip|unknown> <seconds|-> <logfile|->
# and result.txt and the per-case logs written on the way.
awk -v out="$out" -v listfile="$out/kconform.list" '
function flat(id,   s) { s = id; gsub(/[^a-z0-9_]/, "_", s); return s }
function ended(   i, ndiag) {
	# Listed cases of the program that never got a result line.
	for (i = 1; i <= nlisted[prog]; i++)
		if (!((prog SUBSEP listed[prog, i]) in seen))
			emit(listed[prog, i], "unknown", "-", "no result line: the runner stopped before this case")
	print "set stop " prog
	prog = ""
}
function emit(cs, res, secs, why,   lf) {
	seen[prog SUBSEP cs] = 1
	lf = "-"
	if (why != "") {
		lf = out "/" prog "_" cs ".log"
		for (d = 1; d <= ndiag; d++)
			print diag[d] > lf
		if (why != "")
			print why > lf
		close(lf)
	}
	ndiag = 0
	print prog "_" cs " " res >> (out "/result.txt")
	print "case " prog " " cs " " res " " secs " " lf
}
BEGIN {
	printf "" > (out "/result.txt")
	while ((getline l < listfile) > 0) {
		split(l, a, ":")
		if (!(a[1] in nlisted))
			order[++nprogs] = a[1]
		listed[a[1], ++nlisted[a[1]]] = a[2]
	}
}
{ sub(/\r$/, "") }
# A program: its "# program:" line (indented in a subtest, at column 0 when
# it could not be listed) opens the set; its column-0 result line closes it.
/^(  )?# program: / {
	if (prog != "")
		ended()
	id = $0; sub(/^ *# program: /, "", id)
	prog = flat(id); ndiag = 0; secs = "-"
	started[prog] = 1
	print "set start " prog
	next
}
prog != "" && /^  # / {
	l = substr($0, 5)
	# "# <case>: <seconds> s[: <reason>]" precedes each result line.
	if (match(l, /^[a-z0-9_]+: [0-9.]+ s/)) {
		secs = l; sub(/^[a-z0-9_]+: /, "", secs); sub(/ s.*/, "", secs)
	}
	diag[++ndiag] = $0
	next
}
prog != "" && /^  (not )?ok [0-9]+ [a-z0-9_]+/ {
	l = substr($0, 3)
	notok = (l ~ /^not ok /)
	sub(/^(not )?ok [0-9]+ /, "", l)
	cs = l; sub(/ .*/, "", cs)
	dir = ""
	if (index(l, " # ") > 0) {
		dir = substr(l, index(l, " # ") + 3); split(dir, w, " ")
		dir = w[1]
	}
	why = ""
	if (notok) res = "fail"
	else if (dir == "SKIP") res = "skip"
	else res = "pass"
	if (dir != "" || notok) why = $0
	emit(cs, res, secs, why)
	secs = "-"
	next
}
prog != "" && /^(not )?ok [0-9]+ / {
	# A program that could not be listed: one error case, as kc-run counts it.
	if (nlisted[prog] == 0 && !((prog SUBSEP "__test_cases_list__") in seen) && $0 ~ /# ERROR/)
		emit("__test_cases_list__", "fail", "-", $0)
	ended()
	next
}
END {
	if (prog != "")
		ended()
	# Listed programs the KTAP never reached.
	for (i = 1; i <= nprogs; i++) {
		if (order[i] in started)
			continue
		prog = order[i]
		print "set start " prog
		ended()
	}
}
' "$ktap" | while read -r kind a b c d e; do
	case $kind in
	set)
		if command -v lava-test-set >/dev/null; then lava-test-set "$a" "$b"; fi ;;
	case)
		if command -v lava-test-case >/dev/null; then
			# shellcheck disable=SC2046 # optional words
			lava-test-case "$b" --result "$c" \
				$( [ "$d" != - ] && echo "--measurement $d --units seconds") \
				$( [ "$e" != - ] && echo "--output $e")
		fi ;;
	esac
done
command -v lava-test-case >/dev/null ||
	echo "kconform-lava: no lava-test-case on PATH: results are in $out/result.txt (send-to-lava.sh, test-runner)"
echo "kconform-lava: $(wc -l < "$out/result.txt") cases reported; $(awk '{ n[$2]++ } END { printf "pass %d, fail %d, skip %d, unknown %d", n["pass"], n["fail"], n["skip"], n["unknown"] }' "$out/result.txt")"
exit 0
