#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Build the sysroot of one target arch and print its path: the libraries the
# suite's programs link (libc, libatf-c, libexpat, libseccomp, libjson-c),
# for `make ARCH=<arch>` to compile against and for `qemu-<arch> -L` to run
# with.
#
#   matrix/fetch-sysroot.sh ARCH		(ARCH: a folder of lib/arch/)
#
# The facts come from lib/arch/ARCH/arch.mk:
#   KC_SUITE.ARCH	Debian suite of the libraries; they are downloaded with
#			`apt-get download` through a private apt configuration
#			(APT::Architectures=KC_DEBARCH.ARCH) that reuses the
#			Debian mirror configured here, and `dpkg-deb -x`ed.
#   KC_FROMSRC.ARCH	1 for the big-endian ports, which Debian has no
#			libraries for: the four libraries are cross-built,
#			static, from the orig tarballs (`apt-get source
#			--download-only`, FACTS-environments §8) against the
#			cross libc of Debian's libc6-dev-*-cross.
# Cache: $KC_CACHE (default /var/cache/kconform, ~/.cache/kconform when not
# root)/sysroot-ARCH; a finished sysroot holds .kc-complete and is reused.
# No archive host name is written anywhere.
set -eu

arch=${1:?usage: fetch-sysroot.sh ARCH}
top=$(cd "$(dirname "$0")/.." && pwd)
mk=$top/lib/arch/$arch/arch.mk
[ -f "$mk" ] || { echo "fetch-sysroot.sh: no $mk (unknown arch $arch)" >&2; exit 2; }
if [ "$(id -u)" -eq 0 ]; then
	cache=${KC_CACHE:-/var/cache/kconform}
else
	cache=${KC_CACHE:-$HOME/.cache/kconform}
fi

# The value of make variable NAME.arch in arch.mk (empty when unset).
fact() {
	sed -n "s/^$1\\.${arch}[[:space:]]*:=[[:space:]]*//p" "$mk"
}

root=$cache/sysroot-$arch
# One builder per cache entry (two makes, or two worktrees, at once): wait
# for the other, then reuse what it finished.
mkdir -p "$cache"
exec 9>"$root.lock"
flock 9
if [ -f "$root/.kc-complete" ]; then
	echo "$root"
	exit 0
fi
debarch=$(fact KC_DEBARCH)
suite=$(fact KC_SUITE)
cross=$(fact KC_CROSS)
fromsrc=$(fact KC_FROMSRC)

# The mirror of the Debian main archive configured here (matrix/debian-mirror.sh).
mirror() {
	"$top/matrix/debian-mirror.sh"
}

# Private apt configuration in $1 for suite $2, arch $3, with deb-src when $4.
# Sets the positional parameters to the apt options.
apt_conf() {
	mkdir -p "$1/lists/partial" "$1/cache/archives/partial"
	{
		echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $(mirror) $2 main"
		[ -z "$4" ] || echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $(mirror) $2 main"
	} > "$1/sources.list"
}
apt_opts() {
	echo "-o Dir::Etc::sourcelist=$1/sources.list -o Dir::Etc::sourceparts=/nonexistent" \
		"-o Dir::State::Lists=$1/lists -o Dir::Cache=$1/cache" \
		"-o Dir::State::status=/dev/null -o APT::Sandbox::User=root" \
		"-o APT::Architecture=$2 -o APT::Architectures=$2 -qq"
}

# --- Debian packages ---------------------------------------------------------
debian_root() {
	apt=$root.apt
	rm -rf "$root" "$apt"
	mkdir -p "$root" "$apt/debs"
	apt_conf "$apt" "$suite" "$debarch" ""
	# shellcheck disable=SC2046 # word splitting of the option list is intended
	set -- $(apt_opts "$apt" "$debarch")
	apt-get "$@" update >&2
	# The -dev packages and everything they depend on (no recommends), as
	# this suite names them.
	pkgs=$(apt-cache "$@" depends --recurse --no-recommends --no-suggests \
		--no-conflicts --no-breaks --no-replaces --no-enhances \
		libc6-dev libatf-dev libexpat1-dev libseccomp-dev libjson-c-dev libgcc-s1 |
		grep '^[a-z0-9]' | sort -u)
	# shellcheck disable=SC2086 # one word per package
	(cd "$apt/debs" && apt-get "$@" download $pkgs >&2)
	for d in "$apt"/debs/*.deb; do
		dpkg-deb -x "$d" "$root"
	done
	rm -rf "$apt"
	# Merged-/usr packages (trixie, sid): the ELF interpreter is /lib*/...
	for l in lib lib64; do
		if [ -d "$root/usr/$l" ] && [ ! -e "$root/$l" ]; then
			ln -s "usr/$l" "$root/$l"
		fi
	done
	# Absolute symlinks resolve against the host under qemu -L and ld:
	# make them relative to the root (FACTS-environments §8).
	find "$root" -type l | while read -r l; do
		t=$(readlink "$l")
		case $t in
		/*)
			rel=$(realpath -m --relative-to="$(dirname "$l")" "$root$t")
			ln -sfn "$rel" "$l"
			;;
		esac
	done
	# Without its own ld.so.cache the guest's ld.so reads the host's.
	mkdir -p "$root/etc"
	: > "$root/etc/ld.so.cache"
}

# --- big-endian ports: the libraries from source ------------------------------
# Set t to the orig tarball of source package $1 (bookworm), cached once
# for all arches.
orig() {
	pkg=$1
	src=$cache/src
	t=$(find "$src" -maxdepth 1 -name "${pkg}_*.orig.tar.*" 2>/dev/null | head -n 1)
	[ -z "$t" ] || return 0
	apt=$src/apt
	mkdir -p "$src"
	if [ ! -f "$apt/.updated" ]; then
		apt_conf "$apt" bookworm amd64 src
		# shellcheck disable=SC2046 # word splitting of the option list is intended
		apt-get $(apt_opts "$apt" amd64) update >&2
		: > "$apt/.updated"
	fi
	# The .dsc may be refused; the orig tarball is what counts.
	# shellcheck disable=SC2046
	(cd "$src" && apt-get $(apt_opts "$apt" amd64) source --download-only "$pkg" >&2) || true
	t=$(find "$src" -maxdepth 1 -name "${pkg}_*.orig.tar.*" | head -n 1)
	[ -n "$t" ] || { echo "fetch-sysroot.sh: no orig tarball for $pkg" >&2; exit 1; }
}

# Unpack tarball $1 into a fresh directory $2; print the shallowest
# directory holding file $3 (orig tarballs of git snapshots nest the source:
# libexpat-R_2_5_0/expat/).
unpack() {
	rm -rf "$2" && mkdir -p "$2"
	tar -xf "$1" -C "$2"
	find "$2" -name "$3" | awk -F/ '{ print NF, $0 }' | sort -n | head -n 1 |
		cut -d' ' -f2- | xargs dirname
}

fromsrc_root() {
	work=$root.build
	rm -rf "$root" "$work"
	mkdir -p "$root/usr/include" "$root/usr/lib" "$work"
	cc=$cross-gcc
	command -v "$cc" >/dev/null || { echo "fetch-sysroot.sh: $cc not installed (make deps ARCH=$arch)" >&2; exit 1; }
	jobs=$(nproc 2>/dev/null || echo 2)
	conf="--host=$cross --prefix=$root/usr --libdir=$root/usr/lib --disable-shared --enable-static"

	orig expat
	d=$(unpack "$t" "$work/expat" configure.ac)
	[ -x "$d/configure" ] || (cd "$d" && autoreconf -i -s >&2)
	# shellcheck disable=SC2086
	(cd "$d" && CC=$cc ./configure $conf --without-docbook --without-examples \
		--without-tests --without-xmlwf >&2 && make -j"$jobs" >&2 && make install >&2)

	orig libseccomp
	d=$(unpack "$t" "$work/seccomp" configure.ac)
	[ -x "$d/configure" ] || (cd "$d" && autoreconf -i -s >&2)
	# shellcheck disable=SC2086
	(cd "$d" && CC=$cc ./configure $conf >&2 && make -j"$jobs" -C include >&2 &&
		make -j"$jobs" -C src libseccomp.la >&2 &&
		make -C include install >&2 && make -C src install-libLTLIBRARIES >&2 &&
		make install-pkgconfDATA >&2)

	orig json-c
	d=$(unpack "$t" "$work/json-c" CMakeLists.txt)
	mkdir -p "$d/kc-build"
	(cd "$d/kc-build" && cmake -DCMAKE_SYSTEM_NAME=Linux -DCMAKE_C_COMPILER="$cc" \
		-DCMAKE_INSTALL_PREFIX="$root/usr" -DCMAKE_INSTALL_LIBDIR=lib \
		-DBUILD_SHARED_LIBS=OFF -DBUILD_STATIC_LIBS=ON -DBUILD_TESTING=OFF \
		-DDISABLE_WERROR=ON -DBUILD_APPS=OFF .. >&2 &&
		make -j"$jobs" >&2 && make install >&2)

	# atf: a git snapshot without configure.  configure wants a C++ compiler
	# (the host's is accepted: only libatf-c is built) and cannot run the
	# target's programs, so the run-time checks are answered here.
	orig atf
	d=$(unpack "$t" "$work/atf" configure.ac)
	# $conf is a list of configure options, one word each.
	# shellcheck disable=SC2086
	(cd "$d" && autoreconf -i -s >&2 &&
		CC=$cc CXX=g++ kyua_cv_getopt_plus=yes kyua_cv_attribute_noreturn=yes \
		kyua_cv_getcwd_works=yes kyua_cv_getopt_optind_reset_value=0 \
		./configure $conf >&2 && make -j"$jobs" libatf-c.la atf-c/atf-c.pc >&2)
	cp "$d/.libs/libatf-c.a" "$root/usr/lib/"
	cp "$d/atf-c/atf-c.pc" "$root/usr/lib/pkgconfig/"
	mkdir -p "$root/usr/include/atf-c"
	cp "$d/atf-c.h" "$root/usr/include/"
	for h in "$d"/atf-c/*.h; do
		case $h in *_int.h) ;; *) cp "$h" "$root/usr/include/atf-c/" ;; esac
	done
	cp "$d/atf-c/defs.h" "$root/usr/include/atf-c/" 2>/dev/null || true
	rm -rf "$work"
}

case $fromsrc in
1) fromsrc_root ;;
*)
	[ -n "$suite" ] || { echo "fetch-sysroot.sh: no KC_SUITE.$arch in $mk" >&2; exit 2; }
	debian_root
	;;
esac
date -u '+%Y-%m-%dT%H:%M:%SZ' > "$root/.kc-complete"
echo "$root"
