#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Print the URI of the Debian main archive mirror configured on this machine
# (the first non -security entry of /etc/apt/sources.list.d/*.sources, else
# of /etc/apt/sources.list), for the fetch scripts' private apt
# configurations: no archive host name is written anywhere.  Exit 1, with a
# message, when none is configured.
#
# usage: matrix/debian-mirror.sh
set -u
mirror=$(awk '
	/^URIs:/ { uri = $2 }
	/^Suites:/ { for (i = 2; i <= NF; i++) if ($i !~ /-security$/) main = 1 }
	/^$/ { if (uri != "" && main) { print uri; exit } uri = ""; main = 0 }
	END { if (uri != "" && main) print uri }' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)
if [ -z "$mirror" ] && [ -f /etc/apt/sources.list ]; then
	mirror=$(awk '$1 == "deb" && $3 !~ /-security$/ { for (i = 2; i <= NF; i++) if ($i ~ /:\/\//) { print $i; exit } }' \
		/etc/apt/sources.list)
fi
[ -n "$mirror" ] || { echo "debian-mirror.sh: no Debian mirror configured in /etc/apt" >&2; exit 1; }
echo "$mirror"
