#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Fetch Debian's Valgrind from another suite (bullseye, trixie, sid, ...),
# extract it into a cache outside the tree, and print the path of a wrapper
# script that runs it (usable as `make check VALGRIND=<path>`).
#
#   matrix/fetch-valgrind.sh SUITE
#
# The package comes through a private apt configuration that reuses the
# Debian mirror URI already configured on this machine
# (/etc/apt/sources.list.d/*.sources or /etc/apt/sources.list); no archive
# host name is written anywhere.  Cache: $KC_CACHE, default
# /var/cache/kconform (or ~/.cache/kconform when not root).
set -eu

suite=${1:?usage: fetch-valgrind.sh SUITE}
if [ "$(id -u)" -eq 0 ]; then
	cache=${KC_CACHE:-/var/cache/kconform}
else
	cache=${KC_CACHE:-$HOME/.cache/kconform}
fi
dir=$cache/valgrind-$suite
wrapper=$dir/valgrind
if [ -x "$wrapper" ]; then
	echo "$wrapper"
	exit 0
fi

# The mirror of the Debian main archive configured here (not -security).
mirror=$("$(dirname "$0")/debian-mirror.sh") || exit 1

apt=$dir/apt
rm -rf "$dir"
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$dir/root"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $suite main" \
	> "$apt/sources.list"
set -- -o Dir::Etc::sourcelist="$apt/sources.list" -o Dir::Etc::sourceparts=/nonexistent \
	-o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache" -o APT::Sandbox::User=root -qq
apt-get "$@" update >&2
(cd "$dir" && apt-get "$@" download valgrind >&2)
dpkg-deb -x "$dir"/valgrind_*.deb "$dir/root"
rm -rf "$apt" "$dir"/valgrind_*.deb

bin=$dir/root/usr/bin/valgrind.bin
[ -x "$bin" ] || bin=$dir/root/usr/bin/valgrind
cat > "$wrapper" <<EOW
#!/bin/sh
# Valgrind from Debian $suite, extracted by kconform's matrix/fetch-valgrind.sh.
VALGRIND_LIB=$dir/root/usr/libexec/valgrind
export VALGRIND_LIB
exec $bin "\$@"
EOW
chmod +x "$wrapper"
"$wrapper" --version >&2
echo "$wrapper"
