#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# `make bench`, the kernel part (called by lib/tools/bench.sh): boot every
# kernel environment under qemu-system with the suite's initramfs, two
# guests at a time (KC_GUESTS), and print per environment the boot time (the
# guest's uptime when kc-run starts), the run time (the cases' own time, as
# kc-run measured it) and the wall time of the whole guest, then the total.
# Runs go to results/bench-kernel/<run-id>/ (run-kernel.sh's layout).
#
# usage: matrix/kernel/bench.sh BUILD-ROOT [ENV...]
# ENV is a kernel environment (kernel:ARCH:VER[+COMPAT][+valgrind], see
# kernel-env.sh) or, for x86_64, a bare version; default $KC_BENCH_KERNELS,
# else every kernel environment of `kernel-env.sh --all` (without the
# +valgrind ones, which take minutes each).  The cross builds they run
# (build-ARCH) are made first, outside the timed part; an environment that
# is not available here (no qemu, no build) says why in its line.
# KC_BENCH_KERNELS=none skips the kernel part; KC_BENCH_KERNELS=matrix boots
# nothing and prints the same table from the last `make matrix` run of each
# kernel environment (results/matrix/<env>/latest/summary.txt, +valgrind
# ones included), with the run's id (its date) instead of a result.
set -u
build=${1:-build}
[ $# -gt 0 ] && shift
here=$(dirname "$0")
if [ $# -gt 0 ]; then
	envs=$*
elif [ -n "${KC_BENCH_KERNELS:-}" ]; then
	envs=$KC_BENCH_KERNELS
else
	envs=$("$here/kernel-env.sh" --all)
fi
[ "$envs" != none ] || { echo "bench: kernel environments skipped (KC_BENCH_KERNELS=none)"; exit 0; }

# The figures of one run-kernel.sh summary ($2) as a line of the table.
row() {
	boot=$(sed -n 's/^boot \([0-9.?]*\) s.*/\1/p' "$2" | head -n 1)
	wall=$(sed -n 's/^boot .*; wall \([0-9.]*\) s.*/\1/p' "$2" | head -n 1)
	run=$(sed -n 's/^cases: .*case time \([0-9.]*\) s.*/\1/p' "$2" | head -n 1)
	res=$3
	[ -n "$res" ] || res=$(tail -n 1 "$2")
	grep -q '^BROKEN' "$2" && res="broken: $(sed -n 's/^BROKEN: //p' "$2" | head -n 1)"
	# Not available here: run-kernel.sh's own words.
	[ -n "$wall" ] || grep -q '^BROKEN' "$2" ||
		res="not run: $(grep -E 'run-kernel.sh:|kernel-env.sh:|not a kernel' "$2" | tail -n 1)"
	printf '%-28s %8s %8s %8s  %s\n' "${1#kernel:}" "${boot:--}" "${run:--}" "${wall:--}" "$res"
}

if [ "$envs" = matrix ]; then
	printf '%-28s %8s %8s %8s  %s\n' environment boot_s run_s wall_s "matrix run"
	n=0
	for e in $("$here/kernel-env.sh" --all --valgrind); do
		s=results/matrix/$(echo "$e" | tr ':/' '--')/latest/summary.txt
		if [ ! -f "$s" ]; then
			printf '%-28s %8s %8s %8s  %s\n' "${e#kernel:}" - - - "not in results/matrix"
			continue
		fi
		n=$((n + 1))
		id=$(basename "$(readlink "${s%/summary.txt}")")
		row "$e" "$s" "${id%%-*}: $(sed -n 's/^cases: [0-9]*; //; s/; case time.*//p' "$s")"
	done
	echo "kernel environments: $n from results/matrix (make matrix), none booted here"
	exit 0
fi
guests=${KC_GUESTS:-2}
results=results/bench-kernel
logs=$(mktemp -d "${TMPDIR:-/tmp}/kc-bench-kernel.XXXXXX") || exit 2
trap 'rm -rf "$logs"' EXIT INT TERM
t=$(${CC:-cc} -dumpmachine 2>/dev/null)
host_arch=
for m in "$here"/../../lib/arch/*/arch.mk; do
	a=${m%/arch.mk}
	a=${a##*/}
	case " $(sed -n "s/^KC_TRIPLET\\.${a}[[:space:]]*:=[[:space:]]*//p" "$m") " in
	*" $t "*) host_arch=$a ;;
	esac
done

# Environment names, their run-kernel.sh arguments, and the builds first.
list=
for e in $envs; do
	case $e in kernel:*) ;; *) e=kernel:x86_64:$e ;; esac
	list="$list $e"
	k=$("$here/kernel-env.sh" "$e") || continue
	read -r karch sarch vgw ver <<EOK
$k
EOK
	if [ "$sarch" != "$host_arch" ] && [ ! -f "build-$sarch/kc-programs.txt" ]; then
		make --no-print-directory -j"${JOBS:-2}" ARCH="$sarch" all \
			> "$logs/make-$sarch.log" 2>&1 || echo "bench: make ARCH=$sarch failed"
	fi
done

t0=$(date +%s)
running=0
for e in $list; do
	n=$(echo "$e" | tr ':/+' '---')
	k=$("$here/kernel-env.sh" "$e") || { echo "not a kernel environment" > "$logs/$n.log"; continue; }
	read -r karch sarch vgw ver <<EOK
$k
EOK
	suite=$build
	[ "$sarch" = "$host_arch" ] || suite=build-$sarch
	vgopt=
	[ "$vgw" = - ] || vgopt=--valgrind
	# shellcheck disable=SC2086 # $vgopt: one word or none
	"$here/run-kernel.sh" --build-root "$build" --arch "$karch" --suite-root "$suite" \
		--results "$results" $vgopt "$ver" > "$logs/$n.log" 2>&1 &
	running=$((running + 1))
	if [ "$running" -ge "$guests" ]; then
		wait
		running=0
	fi
done
wait
t1=$(date +%s)

printf '%-28s %8s %8s %8s  %s\n' environment boot_s run_s wall_s result
for e in $list; do
	row "$e" "$logs/$(echo "$e" | tr ':/+' '---').log" ''
done
echo "kernel environments: $(echo "$list" | wc -w) guests, $guests at a time, $((t1 - t0)) s wall"
