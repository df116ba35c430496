#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# `make bench`, the kernel part (called by lib/tools/bench.sh): boot every
# kernel of the x86_64 ladder under qemu-system with the suite's initramfs,
# two guests at a time (KC_GUESTS), and print per kernel the boot time (the
# guest's uptime when kc-run starts), the run time (the cases' own time, as
# kc-run measured it) and the wall time of the whole guest, then the total.
# Runs go to results/bench-kernel/<run-id>/ (run-kernel.sh's layout).
#
# usage: matrix/kernel/bench.sh BUILD-ROOT [VERSION...]
# (default: every version of `fetch-kernel.sh --list`, or $KC_BENCH_KERNELS)
set -u
build=${1:-build}
[ $# -gt 0 ] && shift
here=$(dirname "$0")
command -v qemu-system-x86_64 >/dev/null || {
	echo "bench: qemu-system-x86_64 not installed: no kernel figures"
	exit 0
}
if [ $# -gt 0 ]; then
	kernels=$*
elif [ -n "${KC_BENCH_KERNELS:-}" ]; then
	kernels=$KC_BENCH_KERNELS
else
	kernels=$("$here/fetch-kernel.sh" --list | awk '{ print $1 }')
fi
guests=${KC_GUESTS:-2}
results=results/bench-kernel
logs=$(mktemp -d "${TMPDIR:-/tmp}/kc-bench-kernel.XXXXXX") || exit 2
trap 'rm -rf "$logs"' EXIT INT TERM

# Build the initramfs once, before guests start in parallel.
"$here/mkinitramfs.sh" --build-root "$build" \
	--out "$build/matrix/kernel/initrd-x86_64.cpio.gz" >/dev/null || exit 2

t0=$(date +%s)
running=0
for k in $kernels; do
	"$here/run-kernel.sh" --build-root "$build" --results "$results" "$k" \
		> "$logs/$k.log" 2>&1 &
	running=$((running + 1))
	if [ "$running" -ge "$guests" ]; then
		wait
		running=0
	fi
done
wait
t1=$(date +%s)

printf '%-8s %8s %8s %8s  %s\n' kernel boot_s run_s wall_s result
for k in $kernels; do
	l=$logs/$k.log
	boot=$(sed -n 's/^boot \([0-9.?]*\) s.*/\1/p' "$l" | head -n 1)
	wall=$(sed -n 's/^boot .*; wall \([0-9.]*\) s.*/\1/p' "$l" | head -n 1)
	run=$(sed -n 's/^cases: .*case time \([0-9.]*\) s.*/\1/p' "$l" | head -n 1)
	res=$(tail -n 1 "$l")
	grep -q '^BROKEN' "$l" && res="broken: $(sed -n 's/^BROKEN: //p' "$l" | head -n 1)"
	printf '%-8s %8s %8s %8s  %s\n' "$k" "${boot:--}" "${run:--}" "${wall:--}" "$res"
done
echo "kernel ladder: $(echo "$kernels" | wc -w) guests, $guests at a time, $((t1 - t0)) s wall"
