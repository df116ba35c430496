#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Install what kconform needs on Debian (`make deps`; `make check` and
# `make selftest` call it first).  Already installed: does nothing.  Missing
# and root: apt-get installs it.  Missing and not root: prints the exact
# command and exits 1.  What each package is for: README.md, "Dependencies".
#
#   lib/tools/deps.sh [ARCH]
#   lib/tools/deps.sh --kernel ARCH
#
# With ARCH (a folder of lib/arch/; `make ARCH=<arch>`, `make deps
# ARCH=<arch>`), also the host packages that cross build needs: KC_PKGS.ARCH
# of lib/arch/ARCH/arch.mk, the tools that build a KC_FROMSRC sysroot, and
# qemu-user-static.  With --kernel ARCH, only what boots that arch's kernels
# (matrix/kernel/run-kernel.sh): KC_KERNEL_PKGS.ARCH (qemu-system, firmware,
# cpio).
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
# The value of make variable $1.$2 in lib/arch/$2/arch.mk.
fact() {
	sed -n "s/^$1\\.$2[[:space:]]*:=[[:space:]]*//p" "$top/lib/arch/$2/arch.mk"
}

pkgs="kyua libatf-dev pkg-config gcc make libc6-dev libexpat1-dev libseccomp-dev sqlite3 \
libsqlite3-dev libjson-c-dev valgrind chromium clang"
# selftest/kernelci: LAVA YAML read as LAVA reads it, KCIDB JSON validated;
# make dist: xz for the release tarball.
pkgs="$pkgs python3-yaml python3-jsonschema xz-utils"
# selftest/lib/shlint_test: every script of the tree is shellcheck-clean.
pkgs="$pkgs shellcheck"
# The selftests also build every arch's routines static and run them under
# qemu-user (selftest/lib/arch_qemu_test): the KC_PKGS of every lib/arch
# folder (Debian's cross gcc and cross libc; patchelf for loongarch64, whose
# gcc and qemu 11.1 are extracted by the selftest build, see below).
case "$(uname -m)" in
x86_64) for a in "$top"/lib/arch/*/arch.mk; do
		a=${a%/arch.mk}
		pkgs="$pkgs $(fact KC_PKGS "${a##*/}")"
	done
	pkgs="$pkgs qemu-user-static dpkg-dev"
	# Kernel environments: boot Debian kernels with qemu-system; cpio packs the initramfs.
	pkgs="$pkgs qemu-system-x86 cpio" ;;
esac
if [ "${1:-}" = --kernel ]; then
	[ -f "$top/lib/arch/${2:-}/arch.mk" ] || { echo "kconform: no lib/arch/${2:-}/arch.mk" >&2; exit 2; }
	pkgs=$(fact KC_KERNEL_PKGS "$2")
	[ -n "$pkgs" ] || { echo "kconform: no KC_KERNEL_PKGS.$2: no kernel environment for $2" >&2; exit 2; }
elif [ $# -gt 0 ]; then
	[ -f "$top/lib/arch/$1/arch.mk" ] || { echo "kconform: no lib/arch/$1/arch.mk" >&2; exit 2; }
	pkgs="$pkgs $(fact KC_PKGS "$1") qemu-user-static"
	# Sysroot: apt-get download / dpkg-deb (Debian libraries) or, for the
	# big-endian ports, apt-get source and the four builds from source.
	pkgs="$pkgs dpkg-dev"
	[ "$(fact KC_FROMSRC "$1")" = 1 ] && pkgs="$pkgs autoconf automake libtool cmake g++ gperf"
fi

missing=
for p in $pkgs; do
	st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)
	[ "$st" = installed ] || missing="$missing $p"
done
# Not Debian packages of this suite: loongarch64's cross gcc (trixie's,
# extracted), its sysroot (its static helpers link sid's libc) and a
# qemu-user that can start its programs (7.2 cannot), all cached outside the
# tree; as root only, once.
extras() {
	[ "$(uname -m)" = x86_64 ] && [ "$(id -u)" -eq 0 ] || return 0
	"$top/matrix/fetch-cross-gcc.sh" loongarch64 > /dev/null &&
		"$top/matrix/fetch-sysroot.sh" loongarch64 > /dev/null &&
		"$top/matrix/fetch-qemu-user.sh" 11.1 > /dev/null
}
[ -z "$missing" ] && { extras; exit; }

if [ "$(id -u)" -ne 0 ]; then
	echo "kconform: missing Debian packages:$missing" >&2
	echo "kconform: install them as root with:" >&2
	echo "    apt-get update && apt-get install -y$missing" >&2
	exit 1
fi
echo "kconform: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
# $missing is a list of package names, one word each.
# shellcheck disable=SC2086
if ! { apt-get -o DPkg::Lock::Timeout=900 update -qq &&
	apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends $missing >/dev/null; }; then
	echo "kconform: apt-get install failed for:$missing" >&2
	exit 1
fi
extras
