#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Fetch Go from Debian sid (golang-1.26-go + golang-1.26-src, the runtime
# sources that -tags valgrind compiles), extract both into one root in a
# cache outside the tree, and print the GOROOT.  The same private-apt route
# as matrix/fetch-valgrind.sh: the Debian mirror URI already configured in
# /etc/apt, its own sources, lists and cache dirs; no host name written.
#
#   matrix/clients/go/fetch-go.sh
#
# Cache: $KC_CACHE/go-sid (default /var/cache/kconform, ~/.cache/kconform
# when not root).  The entry is built in a temporary directory next to it
# and renamed into place only when complete, under a lock, so a failed or
# concurrent fetch leaves nothing half-made.  A failure names its step.
set -eu

pkgver=${KC_GO_PKG:-1.26}
if [ "$(id -u)" -eq 0 ]; then
	cache=${KC_CACHE:-/var/cache/kconform}
else
	cache=${KC_CACHE:-$HOME/.cache/kconform}
fi
dir=$cache/go-sid
goroot=$dir/root/usr/lib/go-$pkgver

fail() {
	echo "fetch-go.sh: $1 failed" >&2
	exit 1
}

if [ -x "$goroot/bin/go" ]; then
	echo "$goroot"
	exit 0
fi

mkdir -p "$cache" || fail "mkdir $cache"
exec 9>"$dir.lock" || fail "open $dir.lock"
flock 9 || fail "flock $dir.lock"
if [ -x "$goroot/bin/go" ]; then
	echo "$goroot"
	exit 0
fi

# The mirror of the Debian main archive configured here (not -security).
mirror=$("$(dirname "$0")/../../debian-mirror.sh") || fail "finding a Debian mirror in /etc/apt"

tmp=$(mktemp -d "$dir.XXXXXX") || fail "mktemp"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
apt=$tmp/apt
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$tmp/root" || fail "mkdir $tmp"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror sid main" \
	> "$apt/sources.list" || fail "writing the private sources.list"
set -- -o Dir::Etc::sourcelist="$apt/sources.list" -o Dir::Etc::sourceparts=/nonexistent \
	-o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache" -o APT::Sandbox::User=root -qq
apt-get "$@" update >&2 || fail "apt-get update (sid)"
(cd "$tmp" && apt-get "$@" download "golang-$pkgver-go" "golang-$pkgver-src" >&2) ||
	fail "apt-get download golang-$pkgver-go golang-$pkgver-src"
for deb in "$tmp"/golang-*.deb; do
	dpkg-deb -x "$deb" "$tmp/root" || fail "dpkg-deb -x $(basename "$deb")"
done
rm -rf "$apt" "$tmp"/golang-*.deb
[ -x "$tmp/root/usr/lib/go-$pkgver/bin/go" ] || fail "finding usr/lib/go-$pkgver/bin/go in the packages"
[ -f "$tmp/root/usr/lib/go-$pkgver/src/runtime/valgrind.go" ] ||
	fail "finding src/runtime/valgrind.go (Go < 1.25 has no valgrind tag)"
rm -rf "$dir"
mv "$tmp" "$dir" || fail "mv into $dir"
trap - EXIT
chmod 755 "$dir"
GOTOOLCHAIN=local "$goroot/bin/go" version >&2 || fail "running go version"
echo "$goroot"
