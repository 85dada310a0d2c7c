#!/usr/bin/env bash
# Boot the kernel under QEMU: run-qemu.sh <kernel.elf>.  Exits 0 when QEMU
# ended through isa-debug-exit with status 1 (the kernel wrote 0: all
# passed) and the last line is "N passed, 0 failed"; else 1.
set -u
log=$(mktemp)
trap 'rm -f "$log"' EXIT
timeout "${QEMU_TIMEOUT:-240}" qemu-system-x86_64 -M q35 -cpu max -accel tcg -m 128M \
	-display none -serial stdio -monitor none -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=4 -kernel "$1" </dev/null | tee "$log"
status=${PIPESTATUS[0]}
last=$(tr -d '\r' <"$log" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -n 1)
[ "$status" -eq 1 ] && [[ "$last" == *" 0 failed" ]] && exit 0
echo "run-qemu.sh: QEMU exit status $status (1 is a pass), last summary '${last:-none}'"
exit 1
