#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Fetch a Debian x86_64 kernel of the ladder below, extract its vmlinuz into
# a cache outside the tree, and print the vmlinuz path.
#
#   matrix/kernel/fetch-kernel.sh VERSION     e.g. 6.1, 6.12, 7.3
#   matrix/kernel/fetch-kernel.sh --list      the ladder: VERSION PACKAGE
#
# The packages come through a private apt configuration (own sources list,
# lists and cache under the cache directory; APT::Architectures amd64) built
# from the Debian mirror URIs already configured on this machine; dpkg is
# not touched and no archive host name is written anywhere.  Cache:
# $KC_CACHE/kernels/<VERSION>/ (KC_CACHE default /var/cache/kconform, or
# ~/.cache/kconform when not root), holding vmlinuz and `package`.
#
# Adding a kernel is adding a line to the ladder (README, "Adding a kernel").
set -eu

# VERSION  PACKAGE (its suite: any of those configured below).  From 6.19 on
# Debian splits the kernel into linux-binary-<abi> (linux-image-<abi> is a
# meta package), and sid's 7.2 is split the same way (FACTS-environments §9).
ladder='5.10 linux-image-5.10.0-46-cloud-amd64
6.1 linux-image-6.1.0-56-cloud-amd64
6.12 linux-image-6.12.117+deb13-cloud-amd64
6.16 linux-image-6.16.12+deb13-cloud-amd64
6.17 linux-image-6.17.13+deb13-cloud-amd64
6.18 linux-image-6.18.15+deb13-cloud-amd64
6.19 linux-binary-6.19.14+deb13-cloud-amd64
7.0 linux-binary-7.0.13+deb13-cloud-amd64
7.1 linux-binary-7.1.13+deb13-cloud-amd64
7.2 linux-binary-7.2.13+deb14-cloud-amd64
7.3 linux-binary-7.3.4+deb13-cloud-amd64'
suites='bullseye bookworm trixie trixie-backports sid'
security_suites='bullseye-security bookworm-security trixie-security'

ver=${1:?usage: fetch-kernel.sh VERSION | --list}
if [ "$ver" = --list ]; then
	echo "$ladder"
	exit 0
fi
pkg=$(echo "$ladder" | awk -v v="$ver" '$1 == v { print $2 }')
[ -n "$pkg" ] || { echo "fetch-kernel.sh: no kernel $ver in the ladder (--list)" >&2; exit 2; }

if [ "$(id -u)" -eq 0 ]; then
	cache=${KC_CACHE:-/var/cache/kconform}/kernels
else
	cache=${KC_CACHE:-$HOME/.cache/kconform}/kernels
fi
dir=$cache/$ver
if [ -f "$dir/vmlinuz" ] && [ "$(cat "$dir/package" 2>/dev/null)" = "$pkg" ]; then
	echo "$dir/vmlinuz"
	exit 0
fi

# The mirrors configured here: the main archive and the security archive.
uris() {
	awk -v want="$1" '
		/^URIs:/ { uri = $2 }
		/^Suites:/ { sec = 0; for (i = 2; i <= NF; i++) if ($i ~ /-security$/) sec = 1 }
		/^$/ { if (uri != "" && sec == want) print uri; uri = "" }
		END { if (uri != "" && sec == want) print uri }' /etc/apt/sources.list.d/*.sources 2>/dev/null |
		head -n 1
}
main=$(uris 0)
security=$(uris 1)
[ -n "$main" ] || { echo "fetch-kernel.sh: no Debian mirror configured in /etc/apt" >&2; exit 1; }

apt=$cache/apt
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial"
key=/usr/share/keyrings/debian-archive-keyring.gpg
{
	for s in $suites; do
		echo "deb [arch=amd64 signed-by=$key] $main $s main"
	done
	if [ -n "$security" ]; then
		for s in $security_suites; do
			echo "deb [arch=amd64 signed-by=$key] $security $s main"
		done
	fi
} > "$apt/sources.list"
set -- -o Dir::Etc::sourcelist="$apt/sources.list" -o Dir::Etc::sourceparts=/nonexistent \
	-o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache" \
	-o APT::Architectures::=amd64 -o APT::Sandbox::User=root -qq
# Refresh the lists when they are older than a day (or absent).
if [ -z "$(find "$apt/lists" -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null | head -n 1)" ]; then
	apt-get "$@" update >&2
fi

rm -rf "$dir"
mkdir -p "$dir/x"
(cd "$dir" && apt-get "$@" download "$pkg" >&2)
dpkg-deb -x "$dir"/*.deb "$dir/x"
img=$(find "$dir/x" -name 'vmlinuz*' -type f | head -n 1)
[ -n "$img" ] || { echo "fetch-kernel.sh: no vmlinuz in $pkg" >&2; exit 1; }
mv "$img" "$dir/vmlinuz"
rm -rf "$dir/x" "$dir"/*.deb
echo "$pkg" > "$dir/package"
echo "$dir/vmlinuz"
