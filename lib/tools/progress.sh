#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Console progress of one kyua run: follows the run's kyua.log, where kyua
# writes one line per case as it finishes ("cases/<prog>:<case>  ->  ..."),
# and prints the cases done, the elapsed time and the current program.  On a
# terminal it redraws one line; otherwise (a CI log) it prints one line per
# program.  It stops at kyua's last line, or when process PID (the caller)
# exits, whichever comes first.  run-suite.sh starts it next to kyua.
#
# Environment: KC_PROGRESS_OUT, where to write (default /dev/stderr);
# KC_PROGRESS_LABEL, a prefix such as "environment 2 of 5: sandbox:clone3-eperm".
#
# usage: progress.sh KYUA_LOG PID
set -u
[ $# -eq 2 ] || { echo "usage: progress.sh KYUA_LOG PID" >&2; exit 2; }
log=$1 pid=$2
exec 9>>"${KC_PROGRESS_OUT:-/dev/stderr}" || exit 0
label=${KC_PROGRESS_LABEL:+$KC_PROGRESS_LABEL: }
tty=0
[ -t 9 ] && tty=1
t0=$(date +%s)

tail -n +1 -F --pid="$pid" "$log" 2>/dev/null | {
	n=0 prog='' line=''
	while IFS= read -r l; do
		case "$l" in
		*'  ->  '*)
			n=$((n + 1))
			p=${l%%:*} ;;
		'Results saved to'*|'Committed action'*)
			break ;;
		*) continue ;;
		esac
		line="${label}$n cases done, $(($(date +%s) - t0)) s, in ${p#cases/}"
		if [ $tty -eq 1 ]; then
			printf '\r%s\033[K' "$line" >&9
		elif [ "$p" != "$prog" ]; then
			printf '%s\n' "$line" >&9
		fi
		prog=$p
	done
	[ $tty -eq 1 ] && [ -n "$line" ] && printf '\r\033[K' >&9
	[ $n -gt 0 ] && printf '%s%d cases done in %d s\n' "$label" "$n" $(($(date +%s) - t0)) >&9
}
exit 0
