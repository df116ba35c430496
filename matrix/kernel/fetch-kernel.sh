#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Fetch a Debian kernel of the table below for one arch, extract its image
# (vmlinuz, or vmlinux where Debian ships that) into a cache outside the
# tree, and print the image's path.
#
#   matrix/kernel/fetch-kernel.sh [--arch ARCH] VERSION   e.g. 6.1, 6.12, 7.3
#   matrix/kernel/fetch-kernel.sh [--arch ARCH] --list    VERSION PACKAGE lines
#   matrix/kernel/fetch-kernel.sh --arch ARCH --deb PACKAGE
#			extract another Debian package of ARCH (the guest's
#			busybox-static) and print the directory it is in
#
# ARCH is a folder of lib/arch/ (default x86_64); its Debian arch is
# KC_DEBARCH.ARCH of lib/arch/ARCH/arch.mk.  The packages come through a
# private apt configuration per Debian arch (own sources list, lists and
# cache under the cache directory; APT::Architectures that arch) built from
# the Debian mirror URIs already configured on this machine; dpkg is not
# touched and no archive host name is written anywhere.  Cache:
# $KC_CACHE/kernels/<ARCH>/<VERSION>/ (KC_CACHE default /var/cache/kconform,
# or ~/.cache/kconform when not root), holding the image and `package`.
#
# Adding a kernel is adding a line to the table (README, "Adding a kernel").
set -eu

# ARCH  VERSION  PACKAGE (its suite: any of those configured below).  From
# 6.19 on Debian splits the kernel into linux-binary-<abi> (linux-image-<abi>
# is a meta package), and sid's 7.2 is split the same way
# (FACTS-environments §9).  x86_64: the whole ladder; aarch64: bookworm,
# trixie, sid; ppc64le, s390x, riscv64, loongarch64: sid; the two little-endian
# mips ports: bookworm's malta kernels (5Kc for 64-bit, 4Kc for 32-bit).
kernels='x86_64 5.10 linux-image-5.10.0-46-cloud-amd64
x86_64 6.1 linux-image-6.1.0-56-cloud-amd64
x86_64 6.12 linux-image-6.12.117+deb13-cloud-amd64
x86_64 6.16 linux-image-6.16.12+deb13-cloud-amd64
x86_64 6.17 linux-image-6.17.13+deb13-cloud-amd64
x86_64 6.18 linux-image-6.18.15+deb13-cloud-amd64
x86_64 6.19 linux-binary-6.19.14+deb13-cloud-amd64
x86_64 7.0 linux-binary-7.0.13+deb13-cloud-amd64
x86_64 7.1 linux-binary-7.1.13+deb13-cloud-amd64
x86_64 7.2 linux-binary-7.2.13+deb14-cloud-amd64
x86_64 7.3 linux-binary-7.3.4+deb13-cloud-amd64
aarch64 6.1 linux-image-6.1.0-56-cloud-arm64
aarch64 6.12 linux-image-6.12.117+deb13-cloud-arm64
aarch64 7.2 linux-binary-7.2.13+deb14-cloud-arm64
ppc64le 7.2 linux-binary-7.2.13+deb14-powerpc64le
s390x 7.2 linux-binary-7.2.13+deb14-s390x
riscv64 7.2 linux-binary-7.2.13+deb14-riscv64
loongarch64 7.2 linux-binary-7.2.13+deb14-loong64
mips64el 6.1 linux-image-6.1.0-50-5kc-malta
mipsel 6.1 linux-image-6.1.0-50-4kc-malta'
suites='bullseye bookworm trixie trixie-backports sid'
security_suites='bullseye-security bookworm-security trixie-security'

arch=x86_64
if [ "${1:-}" = --arch ]; then
	arch=${2:?usage: fetch-kernel.sh [--arch ARCH] VERSION | --list}
	shift 2
fi
top=$(cd "$(dirname "$0")/../.." && pwd)
mk=$top/lib/arch/$arch/arch.mk
[ -f "$mk" ] || { echo "fetch-kernel.sh: no $mk (unknown arch $arch)" >&2; exit 2; }
debarch=$(sed -n "s/^KC_DEBARCH\\.${arch}[[:space:]]*:=[[:space:]]*//p" "$mk")
[ -n "$debarch" ] || { echo "fetch-kernel.sh: no KC_DEBARCH.$arch in $mk" >&2; exit 2; }

ver=${1:?usage: fetch-kernel.sh [--arch ARCH] VERSION | --list}
ladder=$(echo "$kernels" | awk -v a="$arch" '$1 == a { print $2, $3 }')
if [ "$ver" = --list ]; then
	[ -z "$ladder" ] || echo "$ladder"
	exit 0
fi
want=
if [ "$ver" = --deb ]; then
	pkg=${2:?usage: fetch-kernel.sh --arch ARCH --deb PACKAGE}
	want=deb
else
	pkg=$(echo "$ladder" | awk -v v="$ver" '$1 == v { print $2 }')
	[ -n "$pkg" ] || { echo "fetch-kernel.sh: no $arch kernel $ver in the table (--arch $arch --list)" >&2; exit 2; }
fi

if [ "$(id -u)" -eq 0 ]; then
	cache=${KC_CACHE:-/var/cache/kconform}/kernels
else
	cache=${KC_CACHE:-$HOME/.cache/kconform}/kernels
fi
if [ -n "$want" ]; then
	dir=$cache/$arch/deb/$pkg
	[ -f "$dir/.kc-complete" ] && { echo "$dir/x"; exit 0; }
else
	dir=$cache/$arch/$ver
	if [ -f "$dir/package" ] && [ "$(cat "$dir/package")" = "$pkg" ]; then
		for img in "$dir"/vmlinu[xz]; do
			[ -f "$img" ] && { echo "$img"; exit 0; }
		done
	fi
fi

# The mirrors configured here (matrix/debian-mirror.sh): the main archive
# and, when one is configured, the security archive.
main=$("$top/matrix/debian-mirror.sh") || exit 1
security=$("$top/matrix/debian-mirror.sh" --security) || security=

# One apt state per Debian arch; one fetcher at a time on it (two guests start together).
apt=$cache/apt-$debarch
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial"
exec 9>"$apt.lock"
flock 9
key=/usr/share/keyrings/debian-archive-keyring.gpg
{
	for s in $suites; do
		echo "deb [arch=$debarch signed-by=$key] $main $s main"
	done
	if [ -n "$security" ]; then
		for s in $security_suites; do
			echo "deb [arch=$debarch signed-by=$key] $security $s main"
		done
	fi
} > "$apt/sources.list"
set -- -o Dir::Etc::sourcelist="$apt/sources.list" -o Dir::Etc::sourceparts=/nonexistent \
	-o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache" \
	-o APT::Architecture="$debarch" -o APT::Architectures::="$debarch" -o APT::Sandbox::User=root -qq
# Refresh the lists when they are older than a day (or absent).
if [ -z "$(find "$apt/lists" -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null | head -n 1)" ]; then
	# An index of a suite the package is not in may fail ("Mirror sync in
	# progress?"): the download below says whether what is needed was found.
	apt-get "$@" update >&2 || echo "fetch-kernel.sh: some $debarch indexes failed; going on" >&2
fi

rm -rf "$dir"
mkdir -p "$dir/x"
(cd "$dir" && apt-get "$@" download "$pkg:$debarch" >&2)
dpkg-deb -x "$dir"/*.deb "$dir/x"
rm -f "$dir"/*.deb
if [ -n "$want" ]; then
	: > "$dir/.kc-complete"
	echo "$dir/x"
	exit 0
fi
# vmlinuz (boot/vmlinuz-<abi>, or usr/lib/modules/<abi>/vmlinuz in the split
# packages), vmlinux on ppc64el.
img=$(find "$dir/x" \( -name 'vmlinuz*' -o -name 'vmlinux*' \) -type f | head -n 1)
[ -n "$img" ] || { echo "fetch-kernel.sh: no vmlinuz or vmlinux in $pkg" >&2; exit 1; }
case ${img##*/} in
vmlinux*) name=vmlinux ;;
*) name=vmlinuz ;;
esac
mv "$img" "$dir/$name"
rm -rf "$dir/x"
echo "$pkg" > "$dir/package"
echo "$dir/$name"
