#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Install a built tree (mk/install.mk: `make install`, `make dist`) into
# DESTDIR/PREFIX:
#   bin/                      the tools given with -b (paths under the build root)
#   libexec/kconform/kconform-lava   lava/kconform-lava.sh
#   share/kconform/lava/      the LAVA test definition and example jobs
#   tests/kconform/Kyuafile   the Kyuafile tree of KYUAROOT (one per directory,
#   tests/kconform/<area>/    FreeBSD's /usr/tests layout) and, next to each,
#                             every executable of the build's matching
#                             directory (programs, helpers and subjects:
#                             found through srcdir)
#   tests/kconform/kc-programs.txt   the build's cases/ programs, relative to
#                             tests/kconform (kc-run --build-root PREFIX/tests/kconform)
# KYUAROOT is the directory holding the conformance tree's top Kyuafile
# (cases today; the build's cases once the registry generates them).
#
# usage: install.sh -B BUILD -K KYUAROOT -d DESTDIR -p PREFIX [-b TOOL]...
set -eu

build='' kyua='' dest='' prefix='' tools=''
while getopts B:K:d:p:b: opt; do
	case $opt in
	B) build=$OPTARG ;;
	K) kyua=$OPTARG ;;
	d) dest=$OPTARG ;;
	p) prefix=$OPTARG ;;
	b) tools="$tools $OPTARG" ;;
	*) echo "usage: install.sh -B BUILD -K KYUAROOT -d DESTDIR -p PREFIX [-b TOOL]..." >&2; exit 2 ;;
	esac
done
if [ -z "$build" ] || [ -z "$kyua" ] || [ -z "$prefix" ]; then
	echo "usage: install.sh -B BUILD -K KYUAROOT -d DESTDIR -p PREFIX [-b TOOL]..." >&2
	exit 2
fi
case $prefix in /*) ;; *) echo "install.sh: PREFIX must be absolute: $prefix" >&2; exit 2 ;; esac
[ -f "$kyua/Kyuafile" ] || { echo "install.sh: $kyua/Kyuafile missing" >&2; exit 1; }
[ -f "$build/kc-programs.txt" ] || { echo "install.sh: $build/kc-programs.txt missing (make all)" >&2; exit 1; }
top=$dest$prefix
tests=$top/tests/kconform

mkdir -p "$top/bin" "$top/libexec/kconform" "$top/share/kconform/lava/examples" "$tests"
for t in $tools; do
	[ -x "$build/$t" ] || { echo "install.sh: $build/$t not built" >&2; exit 1; }
	cp "$build/$t" "$top/bin/${t##*/}"
done
cp lava/kconform-lava.sh "$top/libexec/kconform/kconform-lava"
chmod 755 "$top/libexec/kconform/kconform-lava"
cp lava/kconform.yaml "$top/share/kconform/lava/"
cp lava/examples/*.yaml "$top/share/kconform/lava/examples/"

# The Kyuafile tree, and the build's executables of each of its directories.
(cd "$kyua" && find . -name Kyuafile | LC_ALL=C sort) | while read -r k; do
	d=${k%/Kyuafile}
	d=${d#.}
	d=${d#/}
	mkdir -p "$tests/$d"
	cp "$kyua/$k" "$tests/$d/Kyuafile"
	[ -z "$d" ] && continue
	[ -d "$build/cases/$d" ] || { echo "install.sh: $build/cases/$d: not built" >&2; exit 1; }
	find "$build/cases/$d" -maxdepth 1 -type f -perm -u+x | while read -r x; do
		cp "$x" "$tests/$d/"
	done
done
# The runner's list: the conformance programs, relative to tests/kconform.
grep '^cases/' "$build/kc-programs.txt" | sed 's|^cases/||' > "$tests/kc-programs.txt"
echo "installed into $top"
