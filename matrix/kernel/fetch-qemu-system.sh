#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# The qemu-system of an arch whose kernels the host's qemu cannot boot
# (KC_QEMU_MIN of lib/arch/ARCH/arch.mk), fetched from Debian and extracted
# into a cache outside the tree, not installed: print "QEMU BIOS", the
# qemu-system binary and the firmware file its -bios takes (or "-").
#
#   matrix/kernel/fetch-qemu-system.sh ARCH
#
# The arch's facts: KC_QEMU_FETCH (SUITE PACKAGE: the Debian package that
# holds KC_QEMU_SYSTEM, amd64, e.g. bookworm-backports' qemu-system-misc
# 10.0.2, which runs as extracted on bookworm, FACTS-environments §9), and
# KC_QEMU_BIOS (SUITE PACKAGE PATH: the firmware package, arch all, and the
# file of it that -bios loads; none: no -bios).  qemu-system-data of the
# qemu's suite comes too (its ROMs, found through -L, printed as the BIOS
# directory's sibling by run-kernel.sh).  The packages come through a
# private apt configuration built from the Debian mirror configured here
# (matrix/debian-mirror.sh); no archive host name is written anywhere.
# Cache: $KC_CACHE/qemu-system-ARCH (default /var/cache/kconform, or
# ~/.cache/kconform when not root), under an flock.
set -eu

arch=${1:?usage: fetch-qemu-system.sh ARCH}
top=$(cd "$(dirname "$0")/../.." && pwd)
mk=$top/lib/arch/$arch/arch.mk
[ -f "$mk" ] || { echo "fetch-qemu-system.sh: no $mk" >&2; exit 2; }
fact() { sed -n "s/^$1\\.${arch}[[:space:]]*:=[[:space:]]*//p" "$mk"; }
qfetch=$(fact KC_QEMU_FETCH)
[ -n "$qfetch" ] || { echo "fetch-qemu-system.sh: lib/arch/$arch/arch.mk has no KC_QEMU_FETCH" >&2; exit 2; }
qbin=$(fact KC_QEMU_SYSTEM)
bios=$(fact KC_QEMU_BIOS)
if [ "$(id -u)" -eq 0 ]; then
	cache=${KC_CACHE:-/var/cache/kconform}
else
	cache=${KC_CACHE:-$HOME/.cache/kconform}
fi
dir=$cache/qemu-system-$arch
answer() {
	b=-
	[ -z "$bios" ] || b=$dir/root/$(echo "$bios" | awk '{ print $3 }')
	echo "$dir/root/usr/bin/$qbin $b"
}
if [ -f "$dir/.kc-complete" ]; then
	answer
	exit 0
fi
mkdir -p "$cache"
exec 9> "$dir.lock"
flock 9
if [ -f "$dir/.kc-complete" ]; then
	answer
	exit 0
fi
mirror=$("$top/matrix/debian-mirror.sh") || exit 1

rm -rf "$dir"
mkdir -p "$dir/debs" "$dir/root"
# Download package $2 of suite $1 (amd64 or all) into $dir/debs.
get() {
	a=$dir/apt-$1
	if [ ! -d "$a" ]; then
		mkdir -p "$a/lists/partial" "$a/cache/archives/partial"
		echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $1 main" > "$a/sources.list"
	fi
	set -- "$1" "$2" -o Dir::Etc::sourcelist="$a/sources.list" -o Dir::Etc::sourceparts=/nonexistent \
		-o Dir::State::Lists="$a/lists" -o Dir::Cache="$a/cache" -o Dir::State::status=/dev/null \
		-o APT::Sandbox::User=root -o APT::Architectures::=amd64 -qq
	s=$1 p=$2
	shift 2
	[ -f "$a/.updated" ] || { apt-get "$@" update >&2 && touch "$a/.updated"; }
	# The suite's own version (a backports suite is not the default candidate).
	v=$(apt-cache "$@" show "$p" | sed -n 's/^Version: //p' | head -n 1)
	[ -n "$v" ] || { echo "fetch-qemu-system.sh: $s has no $p" >&2; exit 1; }
	(cd "$dir/debs" && apt-get "$@" download "$p=$v" >&2)
}
# shellcheck disable=SC2086 # SUITE PACKAGE
set -- $qfetch
get "$1" "$2"
get "$1" qemu-system-data
if [ -n "$bios" ]; then
	# shellcheck disable=SC2086 # SUITE PACKAGE PATH
	set -- $bios
	get "$1" "$2"
fi
for d in "$dir"/debs/*.deb; do
	dpkg-deb -x "$d" "$dir/root"
done
rm -rf "$dir/debs" "$dir"/apt-*
q=$dir/root/usr/bin/$qbin
[ -x "$q" ] || { echo "fetch-qemu-system.sh: the package has no usr/bin/$qbin" >&2; exit 1; }
"$q" --version | head -n 1 >&2 || {
	echo "fetch-qemu-system.sh: $q does not run here (missing libraries? ldd $q)" >&2
	exit 1
}
if [ -n "$bios" ]; then
	b=$dir/root/$(echo "$bios" | awk '{ print $3 }')
	[ -f "$b" ] || { echo "fetch-qemu-system.sh: no firmware $b" >&2; exit 1; }
fi
touch "$dir/.kc-complete"
answer
