#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Console progress of one kyua run: follows the run's kyua.log, where kyua
# writes one line per case as it finishes ("cases/<prog>:<case>  ->  ..."),
# and prints the cases done, the elapsed time and the current program.  On a
# terminal it redraws one line; otherwise (a CI log) it prints one line per
# program.  run-suite.sh starts it next to kyua, appends the line
# "kc-progress: end" to kyua.log when kyua has exited, and waits for it: it
# stops there, stops its tail, and leaves nothing running.
#
# Environment: KC_PROGRESS_OUT, where to write (default /dev/stderr);
# KC_PROGRESS_LABEL, a prefix such as "environment 2 of 5: sandbox:clone3-eperm".
#
# usage: progress.sh KYUA_LOG
set -u
[ $# -eq 1 ] || { echo "usage: progress.sh KYUA_LOG" >&2; exit 2; }
log=$1
exec 9>>"${KC_PROGRESS_OUT:-/dev/stderr}" || exit 0
label=${KC_PROGRESS_LABEL:+$KC_PROGRESS_LABEL: }
tty=0
[ -t 9 ] && tty=1
t0=$(date +%s)

# tail writes into a FIFO rather than a pipe, so that its pid is known here
# and it can be stopped at the end line.
fifo=$log.progress
rm -f "$fifo"
mkfifo "$fifo" || exit 0
tail -n +1 -F "$log" >"$fifo" 2>/dev/null &
tailpid=$!

n=0 prog='' line=''
while IFS= read -r l; do
	case "$l" in
	*'  ->  '*)
		n=$((n + 1))
		p=${l%%:*} ;;
	'kc-progress: end')
		break ;;
	*) continue ;;
	esac
	# The elapsed time costs a fork of date: taken only for a line printed.
	if [ $tty -eq 1 ]; then
		line="${label}$n cases done, $(($(date +%s) - t0)) s, in ${p#cases/}"
		printf '\r%s\033[K' "$line" >&9
	elif [ "$p" != "$prog" ]; then
		line="${label}$n cases done, $(($(date +%s) - t0)) s, in ${p#cases/}"
		printf '%s\n' "$line" >&9
	fi
	prog=$p
done <"$fifo"
kill "$tailpid" 2>/dev/null
wait "$tailpid" 2>/dev/null
rm -f "$fifo"
[ $tty -eq 1 ] && [ -n "$line" ] && printf '\r\033[K' >&9
[ $n -gt 0 ] && printf '%s%d cases done in %d s\n' "$label" "$n" $(($(date +%s) - t0)) >&9
exit 0
