#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Debian's Valgrind for a foreign arch, in a root qemu-user can run it from:
# print "ROOT TOOL" (the root for qemu -L, the tool binary's name under
# ROOT/usr/libexec/valgrind), or exit 3 when Debian has no Valgrind for ARCH.
#
#   matrix/fetch-valgrind-arch.sh ARCH
#
# The arch's facts (lib/arch/ARCH/arch.mk): KC_VGSUITE (the suite of its
# valgrind package) and KC_VGPLAT (memcheck-<platform>), KC_DEBARCH,
# KC_SUITE (the suite of the sysroot).  The root is a copy of the arch's
# sysroot (matrix/fetch-sysroot.sh: the libraries the clients link, so the
# clients run under Valgrind exactly as under plain qemu) plus
#   - the valgrind package of KC_VGSUITE (sid's 3.27.1; bookworm's 3.19 for
#     mips64el and mipsel, which sid does not build);
#   - libc6-dbg of KC_SUITE, the same version as the sysroot's libc6:
#     without it Valgrind cannot find the ld.so symbols it must redirect
#     (FACTS-environments §2); the build-id of the root's ld.so is checked
#     against the debug files.
# The packages come through a private apt configuration built from the
# Debian mirror configured here (no host name written anywhere), and are
# extracted, not installed.  Cache: $KC_CACHE/valgrind-ARCH.
set -eu

arch=${1:?usage: fetch-valgrind-arch.sh ARCH}
top=$(cd "$(dirname "$0")/.." && pwd)
mk=$top/lib/arch/$arch/arch.mk
[ -f "$mk" ] || { echo "fetch-valgrind-arch.sh: no $mk" >&2; exit 2; }
fact() { sed -n "s/^$1\\.${arch}[[:space:]]*:=[[:space:]]*//p" "$mk"; }
vgsuite=$(fact KC_VGSUITE)
plat=$(fact KC_VGPLAT)
if [ -z "$vgsuite" ]; then
	echo "fetch-valgrind-arch.sh: Debian has no Valgrind for $arch (lib/arch/$arch/arch.mk has no KC_VGSUITE)" >&2
	exit 3
fi
debarch=$(fact KC_DEBARCH)
suite=$(fact KC_SUITE)
if [ "$(id -u)" -eq 0 ]; then
	cache=${KC_CACHE:-/var/cache/kconform}
else
	cache=${KC_CACHE:-$HOME/.cache/kconform}
fi
dir=$cache/valgrind-$arch
tool=memcheck-$plat
if [ -f "$dir/.kc-complete" ]; then
	echo "$dir/root $tool"
	exit 0
fi
mkdir -p "$cache"
exec 9> "$dir.lock"
flock 9
if [ -f "$dir/.kc-complete" ]; then
	echo "$dir/root $tool"
	exit 0
fi
sysroot=$(KC_CACHE=$cache "$top/matrix/fetch-sysroot.sh" "$arch")

mirror=$("$top/matrix/debian-mirror.sh") || exit 1

rm -rf "$dir"
mkdir -p "$dir/debs"
# Private apt configuration for suite $1 in $dir/apt-$1; sets $@.
conf() {
	a=$dir/apt-$1
	mkdir -p "$a/lists/partial" "$a/cache/archives/partial"
	echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $1 main" > "$a/sources.list"
	set -- -o Dir::Etc::sourcelist="$a/sources.list" -o Dir::Etc::sourceparts=/nonexistent \
		-o Dir::State::Lists="$a/lists" -o Dir::Cache="$a/cache" -o Dir::State::status=/dev/null \
		-o APT::Sandbox::User=root -o APT::Architecture="$debarch" -o APT::Architectures="$debarch" -qq
	apt-get "$@" update >&2
	echo "$@" > "$a/opts"
}
conf "$vgsuite"
# shellcheck disable=SC2046
(cd "$dir/debs" && apt-get $(cat "$dir/apt-$vgsuite/opts") download "valgrind:$debarch" >&2)
[ -d "$dir/apt-$suite" ] || conf "$suite"
# The sysroot's libc6 came from this suite's index: its libc6-dbg is that version.
# shellcheck disable=SC2046
libcver=$(apt-cache $(cat "$dir/apt-$suite/opts") show "libc6:$debarch" | sed -n 's/^Version: //p' | head -n 1)
# shellcheck disable=SC2046
(cd "$dir/debs" && apt-get $(cat "$dir/apt-$suite/opts") download "libc6-dbg:$debarch=$libcver" >&2)

cp -a "$sysroot" "$dir/root"
for d in "$dir"/debs/*.deb; do
	dpkg-deb -x "$d" "$dir/root"
done
rm -rf "$dir/debs" "$dir"/apt-*
# Absolute symlinks of the packages resolve against the host under qemu -L.
find "$dir/root" -type l | while read -r l; do
	t=$(readlink "$l")
	case $t in
	/*) ln -sfn "$(realpath -m --relative-to="$(dirname "$l")" "$dir/root$t")" "$l" ;;
	esac
done
[ -x "$dir/root/usr/libexec/valgrind/$tool" ] ||
	{ echo "fetch-valgrind-arch.sh: the valgrind package has no $tool" >&2; exit 1; }
# libc6-dbg must match the root's ld.so (else Valgrind cannot redirect it).
ldso=$(find "$dir/root/lib" "$dir/root/usr/lib" -maxdepth 2 -name 'ld*.so*' -type f 2>/dev/null | head -n 1)
bid=$(LC_ALL=C readelf -n "$ldso" 2>/dev/null | sed -n 's/^ *Build ID: *//p' | head -n 1)
if [ -n "$bid" ]; then
	short=${bid#??}
	[ -f "$dir/root/usr/lib/debug/.build-id/$(echo "$bid" | cut -c1-2)/$short.debug" ] || {
		echo "fetch-valgrind-arch.sh: libc6-dbg $libcver has no debug file for $ldso (build-id $bid): the sysroot's libc6 is another version" >&2
		exit 1
	}
fi
touch "$dir/.kc-complete"
echo "$dir/root $tool"
