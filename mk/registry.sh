#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Write the program registry into build root B (see mk/registry.mk): read
# "<dir>/<prog> key=value ..." lines on stdin (ATF_PROGS with their
# TEST_METADATA, directory defaults first), and write
#   B/kc-programs.txt   the same lines, each key once (the last value wins)
#   B/<dir>/Kyuafile    atf_test_program{name=..., key="value", ...} per program
#   B/<parent>/Kyuafile include("<child>/Kyuafile") per child directory
#   B/Kyuafile          include("cases/Kyuafile") (the conformance suite;
#                       B/selftest/Kyuafile is the selftests' own root)
# Files whose content did not change are left alone.
#
# usage: printf '%s\n' 'cases/x/y_test timeout=60' ... | registry.sh B
set -eu
B=${1:?usage: registry.sh build-root}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

awk -v out="$tmp" '
function parent(d) { return d ~ /\// ? substr(d, 1, match(d, /\/[^\/]*$/) - 1) : "" }
function base(p) { return substr(p, match(p, /[^\/]*$/)) }
# Remember directory d and its ancestors, each child once, in first-seen order.
function adddir(d,    p) {
	if (d in seen)
		return
	seen[d] = 1
	p = parent(d)
	if (d != "" ) {
		adddir(p)
		kids[p] = kids[p] " " d
	}
	dirs[++ndirs] = d
}
NF > 0 {
	prog = $1
	nk = 0
	delete val
	delete order
	for (i = 2; i <= NF; i++) {
		k = substr($i, 1, index($i, "=") - 1)
		if (!(k in val))
			order[++nk] = k
		val[k] = substr($i, index($i, "=") + 1)
	}
	line = prog
	lua = "atf_test_program{name=\"" base(prog) "\""
	for (i = 1; i <= nk; i++) {
		line = line " " order[i] "=" val[order[i]]
		lua = lua ", " order[i] "=\"" val[order[i]] "\""
	}
	print line > (out "/kc-programs.txt")
	d = parent(prog)
	adddir(d)
	progs[d] = progs[d] lua "}\n"
}
END {
	for (i = 1; i <= ndirs; i++) {
		d = dirs[i]
		rel = (d == "" ? "" : d "/") "Kyuafile"
		f = rel
		gsub(/\//, "%", f)
		f = out "/" f
		printf "-- Generated from the module.mk files by mk/registry.sh: do not edit.\n" > f
		printf "syntax(2)\ntest_suite(\"kconform\")\n" > f
		printf "%s", progs[d] > f
		n = split(kids[d], kd, " ")
		for (j = 1; j <= n; j++) {
			if (d == "" && kd[j] != "cases")
				continue	# the top runs the conformance suite only
			printf "include(\"%s/Kyuafile\")\n", base(kd[j]) > f
		}
		close(f)
		print rel > (out "/list")
	}
}'

# Install the changed Kyuafiles; kc-programs.txt always (it is the make
# target, so its time must move).
while read -r rel; do
	flat=$(printf '%s' "$rel" | tr / %)
	mkdir -p "$B/$(dirname "$rel")"
	cmp -s "$tmp/$flat" "$B/$rel" 2>/dev/null || cp "$tmp/$flat" "$B/$rel"
done < "$tmp/list"
cp "$tmp/kc-programs.txt" "$B/kc-programs.txt"
