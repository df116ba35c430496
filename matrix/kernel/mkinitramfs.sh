#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Build the initramfs a qemu-system guest runs the suite from: a gzip'd newc
# cpio (Debian's cpio) holding
#   /init                      kc-run (static): runs everything, prints KTAP, powers off
#   /kconform/kc-programs.txt  the build's program list, its cases/ lines
#   /kconform/cases/...        every executable of the build's cases/ tree (the
#                              programs and the helpers/subjects they find
#                              through srcdir, which is the program's directory)
#   /bin/sh                    for the cases that exec a shell
#   the shared libraries ldd lists for those, and the dynamic loader, at
#   their own paths (Debian's libatf-c is shared-only)
#   /dev/console               so the kernel opens the console for /init
# Binaries are stripped copies.  Valgrind is not included.
#
# usage: mkinitramfs.sh --build-root B --out FILE.cpio.gz
set -eu

build=build out=
while [ $# -gt 0 ]; do
	case "$1" in
	--build-root) build=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	*) echo "mkinitramfs.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
[ -n "$out" ] || { echo "usage: mkinitramfs.sh --build-root B --out FILE.cpio.gz" >&2; exit 2; }
for f in "$build/matrix/kernel/kc-run" "$build/kc-programs.txt"; do
	[ -e "$f" ] || { echo "mkinitramfs.sh: $f missing (make all first)" >&2; exit 1; }
done
command -v cpio >/dev/null || { echo "mkinitramfs.sh: cpio not installed (make deps)" >&2; exit 1; }

stage=$(mktemp -d "${TMPDIR:-/tmp}/kc-initramfs.XXXXXX")
trap 'rm -rf "$stage"' EXIT INT TERM
mkdir -p "$stage/kconform" "$stage/bin" "$stage/dev" "$stage/proc" "$stage/sys" "$stage/tmp"
chmod 1777 "$stage/tmp"
# Without a node the kernel warns "unable to open an initial console"; kc-run
# reopens it from devtmpfs then, so a non-root build still boots.
mknod "$stage/dev/console" c 5 1 2>/dev/null || true

cp "$build/matrix/kernel/kc-run" "$stage/init"
strip "$stage/init"
# The conformance programs only (the list may name the selftests too).
grep '^cases/' "$build/kc-programs.txt" > "$stage/kconform/kc-programs.txt" || {
	echo "mkinitramfs.sh: no cases/ program in $build/kc-programs.txt" >&2
	exit 1
}

# Every executable file of the cases tree (not objects, not dependency files).
(cd "$build" && find cases -type f -perm -u+x) | while read -r f; do
	mkdir -p "$stage/kconform/${f%/*}"
	cp "$build/$f" "$stage/kconform/$f"
	strip "$stage/kconform/$f" 2>/dev/null || true
done
cp "$(readlink -f /bin/sh)" "$stage/bin/sh"

# Shared libraries and the loader of everything dynamic, at their paths.
find "$stage" -type f -perm -u+x | while read -r f; do
	ldd "$f" 2>/dev/null | awk '/=> \// { print $3 } /^\t\// { print $1 }'
done | sort -u | while read -r lib; do
	mkdir -p "$stage${lib%/*}"
	cp -L "$lib" "$stage$lib"
done

mkdir -p "$(dirname "$out")"
# A private temporary name: two guests may start at once.
(cd "$stage" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) | gzip -1 > "$out.$$"
mv "$out.$$" "$out"
echo "$out: $(wc -c < "$out") bytes"
