# Shared by the shell tests: source it after setting tmp (a scratch dir).
# check <description> <command...> runs the command with its output in
# $tmp/log and counts it; finish <lines> shows that many lines of the log
# if a check failed, prints "N passed, N failed" and returns non-zero when
# any check failed (make it the script's last command).
passed=0 failed=0
check() {
	local what=$1
	shift
	if "$@" >>"$tmp/log" 2>&1; then
		echo "ok   $what"
		passed=$((passed + 1))
	else
		echo "FAIL $what"
		failed=$((failed + 1))
	fi
}
finish() {
	[ "$failed" -eq 0 ] || tail -n "$1" "$tmp/log"
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
