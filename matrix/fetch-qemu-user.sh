#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Fetch Debian's qemu-user of one release line, extract it into a cache
# outside the tree and print the directory that holds its qemu-<arch>
# binaries (always named qemu-<arch>, whatever the package calls them).
#
#   matrix/fetch-qemu-user.sh VERSION      VERSION: 7.2 | 10.0 | 11.1
#
#   7.2   bookworm's qemu-user-static (qemu-<arch>-static, static)
#   10.0  trixie's qemu-user (static-pie: runs from any directory)
#   11.1  sid's qemu-user (static-pie)
#
# The package comes through a private apt configuration that reuses the
# Debian mirror URI configured on this machine (as matrix/fetch-valgrind.sh);
# no archive host name is written anywhere, nothing is installed.  Cache:
# $KC_CACHE/qemu-user-<VERSION>, default /var/cache/kconform (or
# ~/.cache/kconform when not root).  The binaries are never registered with
# binfmt_misc: the runner execs them (matrix/qemu-wrap.sh).
set -eu

ver=${1:?usage: fetch-qemu-user.sh 7.2|10.0|11.1}
case $ver in
7.2) suite=bookworm pkg=qemu-user-static ;;
10.0) suite=trixie pkg=qemu-user ;;
11.1) suite=sid pkg=qemu-user ;;
*) echo "fetch-qemu-user.sh: unknown qemu-user line '$ver' (7.2, 10.0, 11.1)" >&2; exit 2 ;;
esac
if [ "$(id -u)" -eq 0 ]; then
	cache=${KC_CACHE:-/var/cache/kconform}
else
	cache=${KC_CACHE:-$HOME/.cache/kconform}
fi
dir=$cache/qemu-user-$ver
if [ -x "$dir/bin/qemu-aarch64" ]; then
	echo "$dir/bin"
	exit 0
fi
mkdir -p "$cache"
# One fetch at a time per line (two matrix runs may start together).
exec 9> "$dir.lock"
flock 9
if [ -x "$dir/bin/qemu-aarch64" ]; then
	echo "$dir/bin"
	exit 0
fi

mirror=$("$(dirname "$0")/debian-mirror.sh") || exit 1

apt=$dir/apt
rm -rf "$dir"
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$dir/root" "$dir/bin"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $suite main" \
	> "$apt/sources.list"
set -- -o Dir::Etc::sourcelist="$apt/sources.list" -o Dir::Etc::sourceparts=/nonexistent \
	-o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache" -o APT::Sandbox::User=root \
	-o APT::Architectures::=amd64 -qq
apt-get "$@" update >&2
(cd "$dir" && apt-get "$@" download "$pkg:amd64" >&2)
dpkg-deb -x "$dir/${pkg}"_*.deb "$dir/root"
rm -rf "$apt" "$dir/${pkg}"_*.deb

# bin/qemu-<arch> -> the package's binary (7.2 names them qemu-<arch>-static).
for q in "$dir"/root/usr/bin/qemu-*; do
	n=${q##*/}
	n=${n%-static}
	case $n in qemu-*-*) continue ;; esac	# qemu-img etc. are not in these packages; be safe
	ln -sf "../root/usr/bin/${q##*/}" "$dir/bin/$n"
done
"$dir/bin/qemu-aarch64" --version | head -n 1 >&2
echo "$dir/bin"
