#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# `make matrix [ENVS="..."]`: run the suite once per environment, each into
# results/matrix/<env>/<run-id>/, then merge them into results/matrix.json and
# results/matrix.html (cases x environments; kc-matrix, page
# lib/tools/kc-matrix.html).  While an environment runs, the console shows
# "environment i of n", the cases done, the elapsed time and the program
# (lib/tools/progress.sh, started by run-suite.sh).
#
# Columns (kc-matrix --view): host shows its kernel cases twice, natively and
# under its Valgrind (the parity verdicts), as "host" and "host/valgrind"; a
# sandbox shows them natively; a valgrind:SUITE environment under that
# Valgrind.  Every cell keeps the other view's verdict in its details.
#
# Environments (ENVS, space-separated; default below):
#   host               this kernel, this machine, Debian's Valgrind on PATH
#   sandbox:PROFILE    the same under kc-sandbox --profile PROFILE
#   valgrind:SUITE     the Valgrind of Debian SUITE (trixie, sid, ...), fetched
#                      and cached by matrix/fetch-valgrind.sh
#   kernel:ARCH:VER    the suite of ARCH inside a qemu-system guest booting
#                      Debian's ARCH kernel VER (matrix/kernel/fetch-kernel.sh
#                      --arch ARCH --list), or a kernel image given by its
#                      path (matrix/kernel/run-kernel.sh); ARCH is a folder
#                      of lib/arch/ with kernel facts in its arch.mk; the
#                      suite is this build for the host's arch, else
#                      build-ARCH (`make ARCH=ARCH`, run here first)
#   kernel:ARCH:VER+COMPAT  the same kernel running the 32-bit COMPAT suite
#                      (KC_COMPAT.ARCH: kernel:x86_64:7.3+i686,
#                      kernel:aarch64:7.2+arm), from build-COMPAT
#   kernel:ARCH:VER+valgrind  the same guest with a Valgrind in its
#                      initramfs (run-kernel.sh --valgrind: the host's for
#                      x86_64, Debian's for aarch64), so the Valgrind cases
#                      run inside it: kernel x Valgrind (minutes per guest).
#                      Kernel environments boot in the background, KC_GUESTS
#                      at a time (default 2: two TCG guests use both cores
#                      without slowing each other), and are reported after
#                      the others; a guest that hangs past its limit
#                      (KC_GUEST_LIMIT overrides the arch's) or panics is
#                      broken in its own column, with the console's last
#                      lines
#   qemu-user:ARCH:VER the suite cross-built for ARCH (make ARCH=ARCH) and run
#                      by kyua on this host under Debian's qemu-user VER
#                      (7.2 bookworm, 10.0 trixie, 11.1 sid; fetched by
#                      matrix/fetch-qemu-user.sh), without that arch's
#                      Valgrind (its cases skip saying so; KC_QEMU_VALGRIND=yes
#                      adds it where Debian has one: matrix/run-qemu-user.sh)
#   qemu-user:ARCH:VER+valgrind  the Valgrind column of ARCH: cases/vgreq and
#                      cases/stackreg only, under Debian's Valgrind for ARCH
#                      (matrix/fetch-valgrind-arch.sh) under qemu-user VER
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
# The host's folder of lib/arch/: the one whose KC_TRIPLET lists what the
# compiler targets (as mk/arch.mk decides it).
t=$(${CC:-cc} -dumpmachine 2>/dev/null)
host_arch=
for m in "$here"/../lib/arch/*/arch.mk; do
	a=${m%/arch.mk}
	a=${a##*/}
	case " $(sed -n "s/^KC_TRIPLET\\.${a}[[:space:]]*:=[[:space:]]*//p" "$m") " in
	*" $t "*) host_arch=$a ;;
	esac
done
mkdir -p results
merge=
kernels=
guests=${KC_GUESTS:-2}
running=0
# Each background guest writes a line on fd 4 when it ends, so a new one
# starts as soon as any one of the running guests is done (POSIX sh has no
# `wait -n`).  The FIFO is unlinked once open.
done_fifo=results/.matrix-done.$$
rm -f "$done_fifo"
mkfifo "$done_fifo"
exec 4<>"$done_fifo"
rm -f "$done_fifo"
views=
n=$#
i=0
t0=$(date +%s)
for env in "$@"; do
	i=$((i + 1))
	progress="(environment $i of $n, $(($(date +%s) - t0)) s elapsed)"
	name=$(echo "$env" | tr ':/' '--')
	view=
	case "$env" in
	kernel:*:*)
		# kernel arch, suite arch, valgrind or -, version (kernel-env.sh)
		k=$("$here/kernel/kernel-env.sh" "$env") || continue
		read -r karch sarch vgw ver <<EOK
$k
EOK
		vgopt=
		[ "$vgw" = - ] || vgopt=--valgrind
		# The guest's suite: this build, or the cross build of its arch.
		suite=$build
		if [ "$sarch" != "$host_arch" ]; then
			suite=build-$sarch
			echo "== matrix: $env $progress: make ARCH=$sarch"
			make --no-print-directory -j"${JOBS:-2}" ARCH="$sarch" all \
				> "results/matrix-$name.build.log" 2>&1 || {
				echo "matrix: $env: make ARCH=$sarch failed (results/matrix-$name.build.log)" >&2
				continue
			}
			rm -f "results/matrix-$name.build.log"
		fi
		echo "== matrix: $env $progress: booting in the background"
		rm -f "results/matrix/$name/latest"
		# shellcheck disable=SC2086 # $vgopt: one word or none
		{
			"$here/kernel/run-kernel.sh" --build-root "$build" --arch "$karch" --suite-root "$suite" \
				--results "results/matrix/$name" $vgopt "$ver" > "results/matrix-$name.log" 2>&1
			echo "$name" >&4
		} &
		kernels="$kernels $name"
		running=$((running + 1))
		if [ "$running" -ge "$guests" ]; then
			read -r _ <&4
			running=$((running - 1))
		fi
		continue ;;
	qemu-user:*:*)
		a=${env#qemu-user:}
		echo "== matrix: environment $i of $n: $env"
		KC_PROGRESS_OUT=/dev/fd/3 KC_PROGRESS_LABEL="environment $i of $n: $env" \
			"$here/run-qemu-user.sh" --build-root "$build" --results "results/matrix/$name" \
			"${a%%:*}" "${a#*:}" 3>&2 > "results/matrix-$name.log" 2>&1
		tail -n 1 "results/matrix/$name/latest/summary.txt" 2>/dev/null || {
			echo "(no results; see results/matrix-$name.log)"
			continue
		}
		grep '^BROKEN' "results/matrix/$name/latest/summary.txt"
		[ -f "results/matrix/$name/latest/results.json" ] &&
			merge="$merge $name=results/matrix/$name/latest/results.json"
		rm -f "results/matrix-$name.log"
		echo "matrix: $i of $n environments done, $(($(date +%s) - t0)) s elapsed"
		continue ;;
	host) opts= ;;
	sandbox:*) opts="--sandbox ${env#sandbox:}" view="--view $name=native" ;;
	valgrind:*)
		vg=$("$here/fetch-valgrind.sh" "${env#valgrind:}") || {
			echo "matrix: $env: could not fetch Valgrind" >&2
			continue
		}
		opts="--valgrind $vg" view="--view $name=valgrind" ;;
	*) echo "matrix: unknown environment '$env'" >&2; exit 2 ;;
	esac
	echo "== matrix: environment $i of $n: $env"
	# The run's own output goes to a log; its progress lines to the console.
	# shellcheck disable=SC2086
	KC_PROGRESS_OUT=/dev/fd/3 KC_PROGRESS_LABEL="environment $i of $n: $env" \
		lib/tools/run-suite.sh --build-root "$build" --results "results/matrix/$name" $opts \
		3>&2 > "results/matrix-$name.log" 2>&1
	tail -n 1 "results/matrix/$name/latest/summary.txt" 2>/dev/null || echo "(no results)"
	if [ -f "results/matrix/$name/latest/results.json" ]; then
		merge="$merge $name=results/matrix/$name/latest/results.json"
		views="$views $view"
	fi
	rm -f "results/matrix-$name.log"
	echo "matrix: $i of $n environments done, $(($(date +%s) - t0)) s elapsed"
done
wait
for name in $kernels; do
	sum=results/matrix/$name/latest/summary.txt
	# No summary: the environment is not available here (run-kernel.sh says why).
	echo "== matrix: ${name}: $(grep '^BROKEN' "$sum" 2>/dev/null || tail -n 1 "$sum" 2>/dev/null ||
		echo "(no results: $(grep 'run-kernel.sh:' "results/matrix-$name.log" 2>/dev/null | tail -n 1))")"
	[ -f "results/matrix/$name/latest/results.json" ] &&
		merge="$merge $name=results/matrix/$name/latest/results.json"
	rm -f "results/matrix-$name.log"
done
[ -n "$merge" ] || { echo "matrix: no environment produced results" >&2; exit 1; }
# shellcheck disable=SC2086
"$build/lib/tools/kc-matrix" --json results/matrix.json --html results/matrix.html \
	--page "$here/../lib/tools/kc-matrix.html" $views $merge &&
	echo "matrix: results/matrix.json, results/matrix.html"
