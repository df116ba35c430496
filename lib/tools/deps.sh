#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Install what kconform needs on Debian (`make deps`; `make check` and
# `make selftest` call it first).  Already installed: does nothing.  Missing
# and root: apt-get installs it.  Missing and not root: prints the exact
# command and exits 1.  What each package is for: README.md, "Dependencies".
set -u

pkgs="kyua libatf-dev pkg-config gcc make libc6-dev libexpat1-dev libseccomp-dev sqlite3 \
libsqlite3-dev libjson-c-dev valgrind"
# selftest/kernelci: LAVA YAML read as LAVA reads it, KCIDB JSON validated;
# make dist: xz for the release tarball.
pkgs="$pkgs python3-yaml python3-jsonschema xz-utils"
# The selftests also build the aarch64 routines and run them under qemu-user.
case "$(uname -m)" in
x86_64) pkgs="$pkgs gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static"
	# Kernel environments: boot Debian kernels with qemu-system; cpio packs the initramfs.
	pkgs="$pkgs qemu-system-x86 cpio" ;;
esac

missing=
for p in $pkgs; do
	st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)
	[ "$st" = installed ] || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "kconform: missing Debian packages:$missing" >&2
	echo "kconform: install them as root with:" >&2
	echo "    apt-get update && apt-get install -y$missing" >&2
	exit 1
fi
echo "kconform: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null || {
	echo "kconform: apt-get install failed for:$missing" >&2
	exit 1
}
