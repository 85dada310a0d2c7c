#!/usr/bin/env bash
# A firmware that calls only vmio_extable_init() and vmio_extable_size()
# links and finds an empty table (issue 17, item 5): vmio as a Meson
# subproject, the toolchain's default linker script.  On the host the
# program runs and prints the size; for riscv64 (picolibc's default
# script, as the report had it) the image's table bounds are read with nm.
#   extable_alone.sh <vmio source root> <nm>
# Ends with "N passed, N failed".
set -u
src=$1 nm=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/../lib/check.sh"
# The parent: a program whose only vmio calls are the exception-table ones.
parent() { # parent <dir>
	mkdir -p "$1/subprojects"
	ln -s "$src" "$1/subprojects/vmio"
	cat >"$1/meson.build" <<'MESON'
project('alone', 'c', default_options : ['c_std=c11'])
executable('fw', 'fw.c', dependencies : dependency('vmio'))
MESON
	cat >"$1/fw.c" <<'C'
#include <vmio/extable.h>
#ifdef VMIO_HOST
#include <stdio.h>
#endif

int main(void)
{
	vmio_extable_init();
#ifdef VMIO_HOST /* (a picolibc firmware has no stdout of its own) */
	printf("vmio_extable_size() = %zu\n", vmio_extable_size());
#endif
	return vmio_extable_size() != 0;
}
C
}
# The table's bounds in an image are one address, and no primitive came in.
empty_table() { # empty_table <elf>
	local start stop
	start=$("$nm" "$1" | awk '$3 == "__start_vmio_extable" { print $1 }')
	stop=$("$nm" "$1" | awk '$3 == "__stop_vmio_extable" { print $1 }')
	echo "__start_vmio_extable=$start __stop_vmio_extable=$stop"
	[ -n "$start" ] && [ "$start" = "$stop" ]
}
no_primitive() { # no_primitive <elf>
	[ -f "$1" ] && ! "$nm" "$1" | grep -w __memcpy_fallible
}

parent "$tmp/host"
(cd "$tmp/host" && meson setup build) >>"$tmp/log" 2>&1
check "host: links" ninja -C "$tmp/host/build"
check "host: runs, vmio_extable_size() == 0" "$tmp/host/build/fw"
check "host: the table is empty" empty_table "$tmp/host/build/fw"
check "host: no primitive linked" no_primitive "$tmp/host/build/fw"
if command -v riscv64-unknown-elf-gcc >/dev/null; then
	parent "$tmp/rv"
	(cd "$tmp/rv" && meson setup build --cross-file "$src/cross/riscv64.ini") >>"$tmp/log" 2>&1
	check "riscv64, default linker script: links" ninja -C "$tmp/rv/build"
	check "riscv64: the table is empty (vmio_extable_size() == 0)" empty_table "$tmp/rv/build/fw"
	check "riscv64: no primitive linked" no_primitive "$tmp/rv/build/fw"
fi
finish 40
