#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Kernel environments: their names, in one place for run-matrix.sh and
# bench.sh.
#
#   matrix/kernel/kernel-env.sh ENV      ENV = kernel:ARCH:VER[+COMPAT][+valgrind]
#	prints "ARCH SUITE-ARCH VALGRIND VER": the kernel's arch (a folder of
#	lib/arch/), the arch of the suite it runs (ARCH, or COMPAT when
#	KC_COMPAT.ARCH names it), "valgrind" or "-", and VER (a version of
#	fetch-kernel.sh --arch ARCH --list, or a kernel image's path)
#   matrix/kernel/kernel-env.sh --all [--valgrind]
#	prints every kernel environment, one a line: each arch with kernel
#	facts (KC_QEMU_SYSTEM), each of its kernels, and for an arch with
#	KC_COMPAT its newest kernel once more with the 32-bit suite; with
#	--valgrind also the newest kernel of each arch whose suite has a
#	Valgrind in a guest (KC_VGPLAT and KC_GUEST_LIMIT_VALGRIND) as
#	+valgrind (minutes per guest)
set -eu
here=$(dirname "$0")
top=$(cd "$here/../.." && pwd)
fact() {
	sed -n "s/^$1\\.$2[[:space:]]*:=[[:space:]]*//p" "$top/lib/arch/$2/arch.mk"
}

if [ "${1:-}" = --all ]; then
	vg=${2:-}
	for m in "$top"/lib/arch/*/arch.mk; do
		a=${m%/arch.mk}
		a=${a##*/}
		[ -n "$(fact KC_QEMU_SYSTEM "$a")" ] || continue
		vers=$("$here/fetch-kernel.sh" --arch "$a" --list | awk '{ print $1 }')
		[ -n "$vers" ] || continue
		for v in $vers; do
			echo "kernel:$a:$v"
		done
		newest=$(echo "$vers" | sort -V | tail -n 1)
		c=$(fact KC_COMPAT "$a")
		[ -z "$c" ] || echo "kernel:$a:$newest+$c"
		if [ "$vg" = --valgrind ] && [ -n "$(fact KC_VGPLAT "$a")" ] &&
		    [ -n "$(fact KC_GUEST_LIMIT_VALGRIND "$a")" ]; then
			echo "kernel:$a:$newest+valgrind"
		fi
	done
	exit 0
fi

env=${1:?usage: kernel-env.sh kernel:ARCH:VER[+COMPAT][+valgrind] | --all [--valgrind]}
case $env in
kernel:*:*) ;;
*) echo "kernel-env.sh: '$env' is not kernel:ARCH:VER" >&2; exit 2 ;;
esac
rest=${env#kernel:}
karch=${rest%%:*}
ver=${rest#*:}
[ -f "$top/lib/arch/$karch/arch.mk" ] || { echo "kernel-env.sh: no lib/arch/$karch" >&2; exit 2; }
vg=-
case $ver in
*+valgrind) vg=valgrind; ver=${ver%+valgrind} ;;
esac
sarch=$karch
case $ver in
*+*)
	c=${ver##*+}
	if [ "$c" = "$(fact KC_COMPAT "$karch")" ]; then
		sarch=$c
		ver=${ver%+*}
	fi ;;
esac
echo "$karch $sarch $vg $ver"
