#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Boot an x86_64 kernel under qemu-system (TCG) with the suite's initramfs,
# let kc-run (/init) run every case and print KTAP on the serial console,
# and turn that KTAP into a normalized run under results/<run-id>/:
#   console.log   the whole console (firmware and kernel noise included)
#   results.json  schema kconform-results/1; environment: the guest's kernel
#                 release (from the KTAP header), arch, emulator
#                 "qemu-system-x86_64 <version>"
#   summary.txt   counts, boot and run time; last line "N passed, N failed, N skipped"
# and point <results>/latest at it.
#
# A boot that hangs (the wall-clock limit), panics or ends without a complete
# KTAP is reported as broken: results.json holds one broken record
# kernel/boot:boot whose reason carries the console's last lines.
#
# usage: run-kernel.sh --build-root B [--results DIR] [--timeout SECONDS]
#                      [--append TEXT] VERSION | PATH-TO-KERNEL-IMAGE
# VERSION is one of `fetch-kernel.sh --list` (fetched and cached); a path
# boots that image (a kernel developer's own build: it needs a serial
# console, devtmpfs, tmpfs and cgroup2 built in, or an initramfs does not
# help).  --append adds kernel parameters (e.g. to make a boot fail on
# purpose).  Exit status: 0 no case failed, 1 a case failed, 3 broken boot.
set -u

build=build results=results limit=600 extra=
while [ $# -gt 0 ]; do
	case "$1" in
	--build-root) build=$2; shift 2 ;;
	--results) results=$2; shift 2 ;;
	--timeout) limit=$2; shift 2 ;;
	--append) extra=$2; shift 2 ;;
	--) shift; break ;;
	-*) echo "run-kernel.sh: unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
done
[ $# -eq 1 ] || { echo "usage: run-kernel.sh --build-root B [--results DIR] VERSION|IMAGE" >&2; exit 2; }
here=$(dirname "$0")
qemu="qemu-system-x86_64"
command -v "$qemu" >/dev/null || { echo "run-kernel.sh: $qemu not installed (make deps)" >&2; exit 2; }

case "$1" in
*/*) image=$1; label=custom-$(basename "$1") ;;
*) image=$("$here/fetch-kernel.sh" "$1") || { echo "run-kernel.sh: cannot fetch kernel $1" >&2; exit 2; }
   label=$1 ;;
esac
[ -f "$image" ] || { echo "run-kernel.sh: $image: no such kernel image" >&2; exit 2; }

# The initramfs, rebuilt when anything it holds is newer.
initrd=$build/matrix/kernel/initrd-x86_64.cpio.gz
if [ ! -f "$initrd" ] || [ -n "$(find "$build/cases" "$build/matrix/kernel/kc-run" \
	"$build/kc-programs.txt" -newer "$initrd" -type f \( -perm -u+x -o -name kc-programs.txt \) \
	2>/dev/null | head -n 1)" ]; then
	"$here/mkinitramfs.sh" --build-root "$build" --out "$initrd" >&2 || exit 2
fi

run_id=$(date -u +%Y%m%dT%H%M%SZ)-kernel-x86_64-$label
mkdir -p "$results" && results=$(cd "$results" && pwd) || exit 2
out=$results/$run_id
mkdir -p "$out" || exit 2
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
qver=$("$qemu" --version | sed -n 's/^QEMU emulator version \([0-9][0-9.]*\).*/\1/p')
emulator="$qemu $qver"
libc="glibc $(getconf GNU_LIBC_VERSION 2>/dev/null | sed 's/^glibc //')"

# FACTS-environments §9: TCG, no network, serial console; kc-run's arguments
# after "--".  qemu exits 0 when /init powers off (-no-reboot turns the
# reboot of panic=-1 into an exit too).  no_timer_check: on a loaded host
# (load 20 on 2 cores) a TCG guest's IO-APIC timer check can miss the 8254
# and the kernel panics "IO-APIC + timer doesn't work!" before /init (seen
# with 6.16.12); the check is for broken boards, not for qemu.
t0=$(date +%s.%N)
timeout --kill-after=5 "$limit" "$qemu" -accel tcg -m 512 -smp 1 -nic none -nographic \
	-no-reboot -kernel "$image" -initrd "$initrd" \
	-append "console=ttyS0 panic=-1 quiet no_timer_check $extra -- --runner=qemu-system --summary=lava" \
	< /dev/null > "$out/console.log" 2>&1
qrc=$?
t1=$(date +%s.%N)
wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
boot=$(sed -n 's/^# uptime \([0-9.]*\) s.*/\1/p' "$out/console.log" | head -n 1)

broken=
if [ $qrc -eq 124 ] || [ $qrc -eq 137 ]; then
	broken="$qemu killed at the ${limit} s limit"
elif [ $qrc -ne 0 ]; then
	broken="$qemu exited $qrc"
elif ! grep -q '^kconform: end' "$out/console.log"; then
	broken="the guest powered off without a complete KTAP"
fi
# A panic names its cause on one line; the last lines are its backtrace.
panic=$(tr -d '\r' < "$out/console.log" | grep -m 1 'Kernel panic' | sed 's/^\[[ 0-9.]*\] //')
[ -z "$broken" ] || [ -z "$panic" ] || broken="$broken: $panic"
rc=0
if [ -z "$broken" ]; then
	"$build/lib/tools/kc-ktap" --json "$out/results.json" --summary "$out/summary.txt" \
		--libc "$libc" --emulator "$emulator" --started "$started" "$out/console.log" \
		2> "$out/ktap-errors.txt"
	rc=$?
	[ $rc -le 1 ] || broken="the console's KTAP is malformed: $(head -n 3 "$out/ktap-errors.txt" | tr '\n' ' ')"
fi
# The console without firmware escape sequences (ESC c, ESC [ ... letter).
esc=$(printf '\033')
plain() {
	tr -d '\r' < "$out/console.log" | sed "s/${esc}c//g; s/${esc}\[[0-9;?]*[A-Za-z]//g"
}
# Text as a JSON string body: backslashes and quotes escaped, controls dropped.
jesc() {
	tr -d '\000-\037' | sed 's/\\/\\\\/g; s/"/\\"/g'
}
if [ -n "$broken" ]; then
	last=$(plain | grep -v '^[[:space:]]*$' | tail -n 8 | tr '\n' '|' | sed 's/|$//; s/|/ | /g')
	reason=$(printf '%s; console: %s' "$broken" "$last" | jesc)
	label_j=$(printf '%s' "$label" | jesc)
	cat > "$out/results.json" <<EOJ
{
  "schema": "kconform-results/1",
  "environment": {"kernel": "$label_j", "machine": "x86_64", "libc": "$libc",
                  "emulator": "$emulator", "valgrind": null, "sandbox": null},
  "started": "$started", "duration_s": $wall,
  "cases": [
    {"id": "kernel/boot:boot", "program": "kernel/boot", "case": "boot", "verdict": "broken",
     "reason": "$reason", "duration_s": $wall}
  ]
}
EOJ
	{
		echo "BROKEN: kernel $label: $broken"
		echo "console (last lines):"
		plain | tail -n 20 | sed 's/^/    /'
		echo "0 passed, 1 failed, 0 skipped"
	} > "$out/summary.txt"
	rc=3
else
	{
		sed '$d' "$out/summary.txt"
		echo "kernel image $image"
		echo "boot ${boot:-?} s (uptime at kconform: begin); wall ${wall} s; results in $out"
		tail -n 1 "$out/summary.txt"
	} > "$out/summary.tmp" && mv "$out/summary.tmp" "$out/summary.txt"
fi
ln -sfn "$run_id" "$results/latest"
cat "$out/summary.txt"
exit $rc
