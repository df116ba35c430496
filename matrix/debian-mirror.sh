#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Print the URI of the Debian main archive mirror configured on this machine
# (the first non -security entry of /etc/apt/sources.list.d/*.sources, else
# of /etc/apt/sources.list), for the fetch scripts' private apt
# configurations: no archive host name is written anywhere.  With
# --security, the URI of the security archive instead (the first -security
# entry; exit 1, silently, when none is configured: it is optional).  Exit 1,
# with a message, when no main archive is configured.
#
# usage: matrix/debian-mirror.sh [--security]
set -u
want=0
case "${1:-}" in
--security) want=1 ;;
'') ;;
*) echo "usage: debian-mirror.sh [--security]" >&2; exit 2 ;;
esac
mirror=$(awk -v want="$want" '
	/^URIs:/ { uri = $2 }
	/^Suites:/ { sec = 0; for (i = 2; i <= NF; i++) if ($i ~ /-security$/) sec = 1 }
	/^$/ { if (uri != "" && sec == want) { print uri; exit } uri = ""; sec = 0 }
	END { if (uri != "" && sec == want) print uri }' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)
if [ -z "$mirror" ] && [ -f /etc/apt/sources.list ]; then
	mirror=$(awk -v want="$want" '$1 == "deb" && ($3 ~ /-security$/) == want {
		for (i = 2; i <= NF; i++) if ($i ~ /:\/\//) { print $i; exit } }' /etc/apt/sources.list)
fi
if [ -z "$mirror" ]; then
	[ "$want" = 1 ] && exit 1
	echo "debian-mirror.sh: no Debian mirror configured in /etc/apt" >&2
	exit 1
fi
echo "$mirror"
