#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Extract the cross gcc of an arch whose compiler is not in the build
# host's Debian suite (loongarch64 on bookworm: FACTS-environments §8) and
# print the path of its gcc.
#
#   matrix/fetch-cross-gcc.sh ARCH	(KC_CCSUITE.ARCH set in its arch.mk)
#
# gcc-KC_CCVER-<KC_CROSS>, the cross binutils and everything they depend on
# come from suite KC_CCSUITE through a private apt configuration (the Debian
# mirror configured here; no archive host name written anywhere) and are
# `dpkg-deb -x`ed, with that suite's host libc, into
# $KC_CACHE/cross-gcc-ARCH: nothing is installed system-wide (installing
# them would upgrade libc6 and dozens of packages).  patchelf points every
# host ELF program at the extracted ld.so and libraries; absolute symlinks
# are made relative.  The target libraries come from the sysroot
# (matrix/fetch-sysroot.sh), which the build passes with --sysroot.
set -eu

arch=${1:?usage: fetch-cross-gcc.sh ARCH}
top=$(cd "$(dirname "$0")/.." && pwd)
mk=$top/lib/arch/$arch/arch.mk
[ -f "$mk" ] || { echo "fetch-cross-gcc.sh: no $mk" >&2; exit 2; }
if [ "$(id -u)" -eq 0 ]; then
	cache=${KC_CACHE:-/var/cache/kconform}
else
	cache=${KC_CACHE:-$HOME/.cache/kconform}
fi
fact() {
	sed -n "s/^$1\\.${arch}[[:space:]]*:=[[:space:]]*//p" "$mk"
}
suite=$(fact KC_CCSUITE)
ver=$(fact KC_CCVER)
cross=$(fact KC_CROSS)
if [ -z "$suite" ] || [ -z "$ver" ]; then
	echo "fetch-cross-gcc.sh: $arch has no KC_CCSUITE/KC_CCVER (its gcc is a host package)" >&2
	exit 2
fi
root=$cache/cross-gcc-$arch
gcc=$root/usr/bin/$cross-gcc-$ver
# One builder per cache entry (two makes, or two worktrees, at once): wait
# for the other, then reuse what it finished.
mkdir -p "$cache"
exec 9>"$root.lock"
flock 9
if [ -f "$root/.kc-complete" ]; then
	echo "$gcc"
	exit 0
fi
command -v patchelf >/dev/null || { echo "fetch-cross-gcc.sh: patchelf not installed (make deps ARCH=$arch)" >&2; exit 1; }

mirror=$("$top/matrix/debian-mirror.sh") || exit 1

hostarch=$(dpkg --print-architecture)
apt=$root.apt
rm -rf "$root" "$apt"
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/debs" "$root"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $suite main" > "$apt/sources.list"
set -- -o Dir::Etc::sourcelist="$apt/sources.list" -o Dir::Etc::sourceparts=/nonexistent \
	-o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache" -o Dir::State::status=/dev/null \
	-o APT::Sandbox::User=root -o APT::Architecture="$hostarch" -o APT::Architectures="$hostarch" -qq
apt-get "$@" update >&2
pkgs=$(apt-cache "$@" depends --recurse --no-recommends --no-suggests --no-conflicts \
	--no-breaks --no-replaces --no-enhances "gcc-$ver-$cross" "binutils-$cross" |
	grep '^[a-z0-9]' | sort -u)
# shellcheck disable=SC2086 # one word per package
(cd "$apt/debs" && apt-get "$@" download $pkgs >&2)
for d in "$apt"/debs/*.deb; do
	dpkg-deb -x "$d" "$root"
done
rm -rf "$apt"
for l in lib lib64; do
	if [ -d "$root/usr/$l" ] && [ ! -e "$root/$l" ]; then
		ln -s "usr/$l" "$root/$l"
	fi
done
find "$root" -type l | while read -r l; do
	t=$(readlink "$l")
	case $t in
	/*) ln -sfn "$(realpath -m --relative-to="$(dirname "$l")" "$root$t")" "$l" ;;
	esac
done

# The host programs: the suite's ld.so and libraries, not the build host's.
interp=$(find "$root/usr/lib64" "$root/usr/lib" -maxdepth 2 -name 'ld-linux-*.so.*' 2>/dev/null | head -n 1)
[ -n "$interp" ] || { echo "fetch-cross-gcc.sh: no ld.so among the extracted packages" >&2; exit 1; }
multi=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)
rpath=$root/usr/lib/$multi:$root/usr/lib:$root/usr/lib/$multi/$cross
find "$root/usr/bin" "$root/usr/libexec" "$root/usr/$cross/bin" -type f 2>/dev/null |
while read -r f; do
	if patchelf --print-interpreter "$f" >/dev/null 2>&1; then
		patchelf --set-interpreter "$interp" --force-rpath --set-rpath "$rpath" "$f"
	fi
done
# (DT_RPATH, unlike DT_RUNPATH, also serves the libraries they load:
# libbfd, the LTO plugin's dependencies.)
"$gcc" --version >/dev/null
"$gcc" -dumpmachine >&2
date -u '+%Y-%m-%dT%H:%M:%SZ' > "$root/.kc-complete"
echo "$gcc"
