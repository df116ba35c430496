#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Build the initramfs a qemu-system guest runs the suite from: a gzip'd newc
# cpio (Debian's cpio) holding
#   /init                      kc-run (static) of that build: runs everything,
#                              prints KTAP, powers off
#   /kconform/kc-programs.txt  the build's program list, its cases/ lines
#   /kconform/cases/...        every executable of the build's cases/ tree (the
#                              programs and the helpers/subjects they find
#                              through srcdir, which is the program's directory)
#   /bin/sh                    for the cases that exec a shell: the host's
#                              (native build) or, for a cross build, Debian's
#                              busybox-static of that arch (fetch-kernel.sh --deb)
#   the shared libraries those need, found from each ELF file's NEEDED
#   entries and its interpreter (readelf, which reads any arch's ELF; ldd
#   cannot), recursively, in the library directories of the build's root:
#   the host for a native build, the sysroot of build-<arch>/kc-target for a
#   cross build; at their own paths (Debian's libatf-c is shared-only)
#   /dev/console               so the kernel opens the console for /init
# and, with --valgrind ROOT --vg-platform PLAT (a kernel x Valgrind
# environment), the Valgrind installed under ROOT: /usr/bin/valgrind (and
# the Debian wrapper's valgrind.bin), the tools and preloads of platform PLAT
# (memcheck-PLAT, vgpreload_*-PLAT.so) and the suppressions of
# /usr/libexec/valgrind, for a native build the host's readelf (a Valgrind
# case reads its subjects' DWARF forms with it), and, for every ELF file of the initramfs, its
# detached debug file ROOT/usr/lib/debug/.build-id/xx/yyy.debug where ROOT
# has one (libc6-dbg: without the loader's, Valgrind cannot redirect its
# string functions and aborts, FACTS-environments §9; so the loader's is
# required).  ROOT is / for a native build (the host's Valgrind and
# libc6-dbg), matrix/fetch-valgrind-arch.sh's root for a cross build (its
# sysroot is the build's, so the libraries match their debug files).
# Binaries are stripped copies (the arch's cross strip), but for --valgrind
# the case programs keep their symbols; Valgrind's files are copied as they
# are.  The build is the native one or a `make ARCH=<arch>`
# tree.
#
# usage: mkinitramfs.sh --build-root B --out FILE.cpio.gz
#                       [--valgrind ROOT --vg-platform PLAT]
set -eu

build=build out='' vgroot='' vgplat=''
while [ $# -gt 0 ]; do
	case "$1" in
	--build-root) build=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	--valgrind) vgroot=$2; shift 2 ;;
	--vg-platform) vgplat=$2; shift 2 ;;
	*) echo "mkinitramfs.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
[ -n "$out" ] || { echo "usage: mkinitramfs.sh --build-root B --out FILE.cpio.gz [--valgrind ROOT --vg-platform PLAT]" >&2; exit 2; }
[ -z "$vgroot" ] || [ -n "$vgplat" ] || { echo "mkinitramfs.sh: --valgrind needs --vg-platform" >&2; exit 2; }
for f in "$build/matrix/kernel/kc-run" "$build/kc-programs.txt"; do
	[ -e "$f" ] || { echo "mkinitramfs.sh: $f missing (make all first)" >&2; exit 1; }
done
command -v cpio >/dev/null || { echo "mkinitramfs.sh: cpio not installed (make deps)" >&2; exit 1; }
here=$(dirname "$0")
top=$(cd "$here/../.." && pwd)

# The build's arch: kc-target of a cross build, else the host's folder.
KC_ARCH='' KC_SYSROOT=''
if [ -f "$build/kc-target" ]; then
	# shellcheck disable=SC1091 # written by mk/arch.mk
	. "$build/kc-target"
fi
arch=${KC_ARCH:-}
root=${KC_SYSROOT:-}
# The value of make variable NAME.arch in lib/arch/<arch>/arch.mk.
fact() {
	[ -n "$arch" ] || return 0
	sed -n "s/^$1\\.${arch}[[:space:]]*:=[[:space:]]*//p" "$top/lib/arch/$arch/arch.mk"
}
strip='strip'
multi=$(gcc -print-multiarch 2>/dev/null || true)
if [ -n "$arch" ]; then
	cross=$(fact KC_CROSS)
	strip=$cross-strip
	# loongarch64: the binutils extracted with its cross gcc (fetch-cross-gcc.sh).
	if ! command -v "$strip" >/dev/null; then
		if [ "$(id -u)" -eq 0 ]; then c=${KC_CACHE:-/var/cache/kconform}; else c=${KC_CACHE:-$HOME/.cache/kconform}; fi
		strip=$c/cross-gcc-$arch/usr/bin/$cross-strip
	fi
	multi=$(fact KC_MULTIARCH)
	[ -n "$multi" ] || multi=$(fact KC_TRIPLET | awk '{ print $1 }')
fi

stage=$(mktemp -d "${TMPDIR:-/tmp}/kc-initramfs.XXXXXX")
trap 'rm -rf "$stage"' EXIT INT TERM
mkdir -p "$stage/kconform" "$stage/bin" "$stage/dev" "$stage/proc" "$stage/sys" "$stage/tmp"
chmod 1777 "$stage/tmp"
# Without a node the kernel warns "unable to open an initial console"; kc-run
# reopens it from devtmpfs then, so a non-root build still boots.
mknod "$stage/dev/console" c 5 1 2>/dev/null || true

cp "$build/matrix/kernel/kc-run" "$stage/init"
"$strip" "$stage/init"
# The conformance programs only (the list may name the selftests too).
grep '^cases/' "$build/kc-programs.txt" > "$stage/kconform/kc-programs.txt" || {
	echo "mkinitramfs.sh: no cases/ program in $build/kc-programs.txt" >&2
	exit 1
}

# Every executable file of the cases tree (not objects, not dependency files).
(cd "$build" && find cases -type f -perm -u+x) | while read -r f; do
	mkdir -p "$stage/kconform/${f%/*}"
	cp "$build/$f" "$stage/kconform/$f"
	# Scripts and data stay as they are; under Valgrind the programs keep
	# their symbols and debug info (the reports' frames name functions).
	[ -n "$vgroot" ] || "$strip" "$stage/kconform/$f" 2>/dev/null || true
done
if [ -n "$arch" ]; then
	bb=$("$here/fetch-kernel.sh" --arch "$arch" --deb busybox-static) || {
		echo "mkinitramfs.sh: cannot fetch busybox-static for $arch" >&2
		exit 1
	}
	# bin/busybox, or usr/bin/busybox in a merged-/usr suite.
	b=$bb/bin/busybox
	[ -f "$b" ] || b=$bb/usr/bin/busybox
	[ -f "$b" ] || { echo "mkinitramfs.sh: no bin/busybox or usr/bin/busybox in $bb" >&2; exit 1; }
	cp "$b" "$stage/bin/busybox"
	ln -s busybox "$stage/bin/sh"
else
	cp "$(readlink -f /bin/sh)" "$stage/bin/sh"
fi

# Valgrind: the launcher, this platform's tools and preloads, the
# suppressions (the loop below adds the libraries they need).
if [ -n "$vgroot" ]; then
	vr=${vgroot%/}
	lx=$vr/usr/libexec/valgrind
	[ -x "$lx/memcheck-$vgplat" ] || { echo "mkinitramfs.sh: no $lx/memcheck-$vgplat" >&2; exit 1; }
	mkdir -p "$stage/usr/bin" "$stage/usr/libexec/valgrind"
	for f in valgrind valgrind.bin; do
		[ -e "$vr/usr/bin/$f" ] && cp -L "$vr/usr/bin/$f" "$stage/usr/bin/$f"
	done
	for f in "$lx"/*-"$vgplat" "$lx"/vgpreload_*-"$vgplat".so "$lx"/*.supp; do
		[ -e "$f" ] && cp -L "$f" "$stage/usr/libexec/valgrind/"
	done
	# readelf, where the root has one of the suite's arch (the host's for a
	# native build): client_msg's DWARF 5 case reads its subjects' forms
	# with it (require.progs; without it the case skips, saying so).
	if [ -x "$vr/usr/bin/readelf" ] && [ -z "$arch" ]; then
		cp -L "$vr/usr/bin/readelf" "$stage/usr/bin/readelf"
	fi
fi

# Shared libraries and the loader of everything dynamic, at their paths:
# each ELF file's interpreter and NEEDED entries, looked up in the root's
# library directories, until no file adds a new one.
dirs="/lib/$multi /usr/lib/$multi /lib /usr/lib /lib64 /usr/lib64"
deps() {
	readelf -l "$1" 2>/dev/null | sed -n 's/.*\[Requesting program interpreter: \(.*\)\]/\1/p'
	readelf -d "$1" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | while read -r n; do
		p=
		for d in $dirs; do
			if [ -e "$root$d/$n" ]; then
				p=$d/$n
				break
			fi
		done
		echo "${p:-/missing/$n}"
	done
}
todo=$(find "$stage" -type f -perm -u+x)
while [ -n "$todo" ]; do
	next=
	for f in $todo; do
		for lib in $(deps "$f"); do
			[ -e "$stage$lib" ] && continue
			[ -e "$root$lib" ] || {
				echo "mkinitramfs.sh: ${f#"$stage"} needs ${lib#/missing/}: not in $root{${dirs% }}" | tr ' ' , >&2
				exit 1
			}
			mkdir -p "$stage${lib%/*}"
			cp -L "$root$lib" "$stage$lib"
			next="$next $stage$lib"
		done
	done
	todo=$next
done

# The detached debug files of everything in the initramfs (by build-id),
# where the Valgrind root has them; the loader's is required.
if [ -n "$vgroot" ]; then
	find "$stage" -type f ! -path "$stage/usr/lib/debug/*" | while read -r f; do
		bid=$(LC_ALL=C readelf -n "$f" 2>/dev/null | sed -n 's/^ *Build ID: *//p' | head -n 1)
		[ -n "$bid" ] || continue
		d=usr/lib/debug/.build-id/$(echo "$bid" | cut -c1-2)/${bid#??}.debug
		if [ -f "$vr/$d" ]; then
			mkdir -p "$stage/${d%/*}"
			cp -L "$vr/$d" "$stage/$d"
		fi
	done
	find "$stage/lib" "$stage/lib64" "$stage/usr/lib" -maxdepth 2 -name 'ld-linux*.so*' -type f 2>/dev/null |
	while read -r ld; do
		bid=$(LC_ALL=C readelf -n "$ld" 2>/dev/null | sed -n 's/^ *Build ID: *//p' | head -n 1)
		[ -f "$stage/usr/lib/debug/.build-id/$(echo "$bid" | cut -c1-2)/${bid#??}.debug" ] || {
			echo "mkinitramfs.sh: $vr/usr/lib/debug has no debug file for ${ld#"$stage"} (build-id $bid): install the libc6-dbg of the build's libc6" >&2
			exit 1
		}
	done
fi

mkdir -p "$(dirname "$out")"
# A private temporary name: two guests may start at once.
(cd "$stage" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) | gzip -1 > "$out.$$"
mv "$out.$$" "$out"
echo "$out: $(wc -c < "$out") bytes"
