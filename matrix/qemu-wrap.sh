#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Make a cross build runnable by kyua on the build host under one qemu-user,
# without binfmt_misc: mirror build-<arch>/ into OUT/, where every program of
# the target arch (test programs, helpers, subjects: every ELF of the
# target's machine) becomes a two-line #!/bin/sh wrapper that execs
#   qemu-<arch> [-L sysroot] <the real binary> "$@"
# and everything else (Kyuafiles copied, data files and host-built tools
# linked) stays where kyua and the cases look for it.  A case that execs a
# helper from its srcdir (kyua passes the wrapper's directory) therefore
# execs the wrapper, and the helper runs under the same qemu.
#
#   matrix/qemu-wrap.sh BUILD QEMUDIR OUT [VGROOT VGTOOL]
#
#   BUILD    the cross build tree (build-<arch>, with its kc-target)
#   QEMUDIR  the directory of qemu-<arch> (matrix/fetch-qemu-user.sh)
#   OUT      the tree to write (replaced)
#   VGROOT VGTOOL  that arch's Valgrind (matrix/fetch-valgrind-arch.sh):
#            OUT/bin/valgrind runs the tool binary VGTOOL of VGROOT under
#            the same qemu, with the real binaries substituted for wrappers
#
# KC_DEADLINE_SCALE=N in the environment: every wrapper hands it to its
# program (qemu -E), which scales its deadlines by N (lib/kc_case.h).
# KC_VALGRIND_ABSENT=TEXT likewise (why the run has no valgrind: the
# Valgrind cases' skip reason ends with it, lib/kc_vgrun.h); TEXT has no
# quote and no comma (qemu -E splits its argument at commas).
#
# OUT/bin is the PATH of the run (run-suite.sh --path): kyua, and valgrind
# only when the arch has one, so a case looking valgrind up on PATH skips
# ("valgrind not found on PATH: " and KC_VALGRIND_ABSENT) where the run
# has no Valgrind.
set -eu

build=$(cd "${1:?usage: qemu-wrap.sh BUILD QEMUDIR OUT [VGROOT VGTOOL]}" && pwd)
qdir=$(cd "${2:?}" && pwd)
out=${3:?}
vgroot=${4:-} vgtool=${5:-}
# shellcheck disable=SC1091
. "$build/kc-target"
qemu=$qdir/$KC_QEMU
[ -x "$qemu" ] || { echo "qemu-wrap.sh: $qemu: not an executable" >&2; exit 1; }
lflag=
[ "$KC_STATIC" = 1 ] || lflag="-L $KC_SYSROOT"
case ${KC_DEADLINE_SCALE:-} in
'') ;;
*[!0-9]*) echo "qemu-wrap.sh: KC_DEADLINE_SCALE=$KC_DEADLINE_SCALE: not a number" >&2; exit 1 ;;
*) lflag="$lflag -E KC_DEADLINE_SCALE=$KC_DEADLINE_SCALE" ;;
esac
case ${KC_VALGRIND_ABSENT:-} in
'') ;;
*[\',]*) echo "qemu-wrap.sh: KC_VALGRIND_ABSENT has a quote or a comma" >&2; exit 1 ;;
*) lflag="$lflag -E 'KC_VALGRIND_ABSENT=$KC_VALGRIND_ABSENT'" ;;
esac

rm -rf "$out"
mkdir -p "$out/bin"
out=$(cd "$out" && pwd)
# A case that reads a program's file (readelf) finds the real binary
# through KC_QEMU_WRAPPED (lib/kc_vgrun.h kc_vgrun_elf).
lflag="$lflag -E KC_QEMU_WRAPPED=$out:$build"
# The target's ELF machine (bytes 18-19 of the ELF header, read from the
# first test program built: a partial build may have only some): programs
# of that machine are wrapped (also for x86_64, whose machine is the
# host's), anything else is linked.
elfm() { od -An -tx1 -j18 -N2 "$1" | tr -d ' '; }
tp=
while read -r p _; do
	[ -f "$build/$p" ] && tp=$build/$p && break
done < "$build/kc-programs.txt"
[ -n "$tp" ] || { echo "qemu-wrap.sh: no test program of $build/kc-programs.txt is built" >&2; exit 1; }
tm=$(elfm "$tp")

(cd "$build" && find . -name '*.o' -prune -o -name '*.d' -prune -o -name '*.a' -prune \
    -o -path ./inc -prune -o -type f -print) | while read -r f; do
	f=${f#./}
	mkdir -p "$out/$(dirname "$f")"
	case $f in
	Kyuafile | */Kyuafile) cp "$build/$f" "$out/$f"; continue ;;
	esac
	magic=$(od -An -c -N4 "$build/$f" | tr -d ' ')
	if [ "$magic" = '177ELF' ] && [ -x "$build/$f" ] &&
	    [ "$(elfm "$build/$f")" = "$tm" ]; then
		# shellcheck disable=SC2016
		printf '#!/bin/sh\n# %s under %s (matrix/qemu-wrap.sh)\nexec %s %s -0 "$0" %s "$@"\n' \
			"$f" "$KC_QEMU" "$qemu" "$lflag" "$build/$f" > "$out/$f"
		chmod +x "$out/$f"
	else
		ln -s "$build/$f" "$out/$f"
	fi
done
# The host tools run-suite.sh calls (result writers, leftovers check) are
# host-built in the native tree: a cross build does not build them.
if [ ! -e "$out/lib/tools/kc-report" ]; then
	top=$(cd "$(dirname "$0")/.." && pwd)
	mkdir -p "$out/lib/tools"
	for t in kc-report kc-leftovers; do
		[ -x "$top/build/lib/tools/$t" ] || { echo "qemu-wrap.sh: build/lib/tools/$t missing (run make)" >&2; exit 1; }
		ln -sf "$top/build/lib/tools/$t" "$out/lib/tools/$t"
	done
fi
ln -s "$(command -v kyua)" "$out/bin/kyua"

[ -n "$vgroot" ] || exit 0
# That arch's Valgrind: the tool binary under the same qemu (the launcher
# cannot exec a foreign tool without binfmt_misc).  The client must be the
# real binary, not its wrapper: arguments naming a wrapper are replaced.
# Valgrind refuses the host's /proc/cpuinfo on some arches (mips): the arch
# folder's valgrind-cpuinfo is then bind-mounted over it, in a mount
# namespace of that Valgrind process only (unshare -m; the matrix runs as
# root).  Both by absolute path: the cases' PATH is the qemu tree's bin/.
pre="exec"
cpuinfo=$(cd "$(dirname "$0")/.." && pwd)/lib/arch/$KC_ARCH/valgrind-cpuinfo
# The arch folder's valgrind.supp (Valgrind false positives in the arch's
# system libraries before main, each with its evidence) goes to every launch.
supp=$(cd "$(dirname "$0")/.." && pwd)/lib/arch/$KC_ARCH/valgrind.supp
vgsupp=
[ -f "$supp" ] && vgsupp="--suppressions=$supp"
# shellcheck disable=SC2016
[ -f "$cpuinfo" ] &&
	pre='exec /usr/bin/unshare -m /bin/sh -c '"'"'/usr/bin/mount --bind "$0" /proc/cpuinfo && exec "$@"'"'"' '"$cpuinfo"
cat > "$out/bin/valgrind" <<EOW
#!/bin/sh
# $KC_ARCH Valgrind ($vgtool of $vgroot) under $KC_QEMU (matrix/qemu-wrap.sh)
VALGRIND_LIB=$vgroot/usr/libexec/valgrind
VALGRIND_LAUNCHER=$vgroot/usr/bin/valgrind
export VALGRIND_LIB VALGRIND_LAUNCHER
n=\$#
while [ "\$n" -gt 0 ]; do
	a=\$1
	shift
	case \$a in
	$out/*) [ -f "$build/\${a#$out/}" ] && a=$build/\${a#$out/} ;;
	esac
	set -- "\$@" "\$a"
	n=\$((n - 1))
done
$pre $qemu -L $vgroot $vgroot/usr/libexec/valgrind/$vgtool $vgsupp "\$@"
EOW
chmod +x "$out/bin/valgrind"
