#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# `make matrix [ENVS="..."]`: run the suite once per environment, each into
# results/matrix/<env>/<run-id>/, then merge them into results/matrix.json and
# results/matrix.html (cases x environments; kc-matrix).
#
# Environments (ENVS, space-separated; default below):
#   host               this kernel, this machine, Debian's Valgrind on PATH
#   sandbox:PROFILE    the same under kc-sandbox --profile PROFILE
#   valgrind:SUITE     the Valgrind of Debian SUITE (trixie, sid, ...), fetched
#                      and cached by matrix/fetch-valgrind.sh
#   kernel:x86_64:VER  the suite inside a qemu-system guest booting Debian's
#                      kernel VER (matrix/kernel/fetch-kernel.sh --list), or
#                      a kernel image given by its path
#                      (matrix/kernel/run-kernel.sh); these boot in the
#                      background, KC_GUESTS at a time (default 2: two TCG
#                      guests use both cores without slowing each other),
#                      and are reported after the others
#
# usage: run-matrix.sh --build-root B [ENV...]
set -u
build=build
if [ "${1:-}" = --build-root ]; then
	build=$2
	shift 2
fi
[ $# -gt 0 ] || set -- host sandbox:clone3-enosys sandbox:clone3-eperm sandbox:pidfd-enosys \
	valgrind:trixie valgrind:sid
here=$(dirname "$0")
merge=
kernels=
guests=${KC_GUESTS:-2}
running=0
envi=0
start=$(date +%s)
for env in "$@"; do
	envi=$((envi + 1))
	progress="($envi of $#, $(($(date +%s) - start)) s elapsed)"
	name=$(echo "$env" | tr ':/' '--')
	case "$env" in
	kernel:x86_64:*)
		echo "== matrix: $env $progress: booting in the background"
		rm -f "results/matrix/$name/latest"
		"$here/kernel/run-kernel.sh" --build-root "$build" --results "results/matrix/$name" \
			"${env#kernel:x86_64:}" > "results/matrix-$name.log" 2>&1 &
		kernels="$kernels $name"
		running=$((running + 1))
		if [ "$running" -ge "$guests" ]; then
			wait
			running=0
		fi
		continue ;;
	host) opts= ;;
	sandbox:*) opts="--sandbox ${env#sandbox:}" ;;
	valgrind:*)
		vg=$("$here/fetch-valgrind.sh" "${env#valgrind:}") || {
			echo "matrix: $env: could not fetch Valgrind" >&2
			continue
		}
		opts="--valgrind $vg" ;;
	*) echo "matrix: unknown environment '$env'" >&2; exit 2 ;;
	esac
	echo "== matrix: $env $progress"
	# shellcheck disable=SC2086
	lib/tools/run-suite.sh --build-root "$build" --results "results/matrix/$name" $opts \
		> "results/matrix-$name.log" 2>&1
	tail -n 1 "results/matrix/$name/latest/summary.txt" 2>/dev/null || echo "(no results)"
	[ -f "results/matrix/$name/latest/results.json" ] &&
		merge="$merge $name=results/matrix/$name/latest/results.json"
	rm -f "results/matrix-$name.log"
done
wait
for name in $kernels; do
	sum=results/matrix/$name/latest/summary.txt
	echo "== matrix: ${name}: $(grep '^BROKEN' "$sum" 2>/dev/null || tail -n 1 "$sum" 2>/dev/null ||
		echo "(no results)")"
	[ -f "results/matrix/$name/latest/results.json" ] &&
		merge="$merge $name=results/matrix/$name/latest/results.json"
	rm -f "results/matrix-$name.log"
done
[ -n "$merge" ] || { echo "matrix: no environment produced results" >&2; exit 1; }
# shellcheck disable=SC2086
"$build/lib/tools/kc-matrix" --json results/matrix.json --html results/matrix.html $merge &&
	echo "matrix: results/matrix.json, results/matrix.html"
