#!/usr/bin/env bash
# vmio as a Meson subproject of a small parent project, the way an embedder
# uses it:  subproject.sh <vmio source root> <C compiler>
# Checks that dependency('vmio') finds it, that the parent's plain build
# compiles libvmio and nothing else of vmio (no boot image, test or
# benchmark), that the parent's `meson test` runs only the parent's test,
# that `meson install` installs nothing of vmio, and, when the riscv64
# toolchain is present, that a riscv64 cross parent with b_staticpic=true
# builds and that a top-level riscv64 build installs (with -Dtests=false, or
# after `ninja libvmio.a` with --no-rebuild) without building anything else.  Ends with "N passed, N failed".
set -u
src=$1 cc=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/../lib/check.sh"
# Only vmio's own targets and the parent's: `meson introspect` names them.
targets_are() { # targets_are <build dir> <names...>
	local got want
	got=$(meson introspect --targets "$1" | python3 -c \
		'import json,sys; print(" ".join(sorted(t["name"] for t in json.load(sys.stdin))))')
	shift
	want=$(printf '%s\n' "$@" | sort | tr '\n' ' ' | sed 's/ $//')
	echo "targets: $got (want $want)"
	[ "$got" = "$want" ]
}
# vmio's own targets: the library and its two prelinked groups (meson.build).
vmio_targets="vmio vmio-main-parts vmio-main.o vmio-extable-parts vmio-extable.o"
# Nothing but these files came out of the build: no image, test or benchmark.
no_test_outputs() { # no_test_outputs <build dir>
	! find "$1" -type f \( -name '*.elf' -o -name 'host-tests' -o -name 'differential' \
		-o -name 'fuzz-ops' -o -name 'host-bench' -o -name 'libboot.a' \) | grep .
}
# The parent's tests are exactly its own one.
tests_are_parents() { # tests_are_parents <build dir>
	[ "$(meson test -C "$1" --list --no-rebuild 2>/dev/null)" = "parent-app" ]
}
# A build of the default targets has nothing left to do after the library and the app.
nothing_installed() { # nothing_installed <build dir>
	meson install -C "$1" --destdir "$tmp/dest-$(basename "$1")" &&
		! find "$tmp/dest-$(basename "$1")" -type f | grep .
}

# The native parent: an app that reads a buffer through a vmio reader.
mkdir -p "$tmp/parent/subprojects"
ln -s "$src" "$tmp/parent/subprojects/vmio"
cat >"$tmp/parent/meson.build" <<'MESON'
project('parent', 'c', default_options : ['c_std=c11'])
vmio = dependency('vmio')
app = executable('app', 'app.c', dependencies : vmio)
test('parent-app', app)
MESON
cat >"$tmp/parent/app.c" <<'C'
#include <stdio.h>
#include <vmio/vmio.h>

#ifndef VMIO_HOST
#error "dependency('vmio') did not pass -DVMIO_HOST"
#endif

int main(void)
{
	unsigned char src[4] = { 1, 2, 3, 4 }, dst[4] = { 0 };
	struct vm_reader r = vm_reader_from_bytes(src, sizeof src);
	struct vm_writer w = vm_writer_from_bytes(dst, sizeof dst);
	int ok = vm_reader_read(&r, &w) == 4 && dst[3] == 4;

	printf("%d passed, %d failed\n", ok, !ok);
	return !ok;
}
C
export PKG_CONFIG_LIBDIR=$tmp/no-pc # no installed vmio.pc may answer for the subproject
(cd "$tmp/parent" && CC=$cc meson setup build) >>"$tmp/log" 2>&1 ||
	{ cat "$tmp/log"; echo "FAIL parent setup"; echo "$passed passed, $((failed + 1)) failed"; exit 1; }
check "dependency('vmio') found in the subproject" grep -q "Dependency vmio found: YES" \
	"$tmp/parent/build/meson-logs/meson-log.txt"
check "the parent defines only vmio and app" targets_are "$tmp/parent/build" $vmio_targets app
check "plain ninja builds the parent" ninja -C "$tmp/parent/build"
check "libvmio.a built" test -f "$tmp/parent/build/subprojects/vmio/libvmio.a"
check "no vmio image, test or benchmark built" no_test_outputs "$tmp/parent/build"
check "the parent's meson test lists only its own test" tests_are_parents "$tmp/parent/build"
check "the parent's meson test passes" meson test -C "$tmp/parent/build"
check "meson install installs nothing of vmio" nothing_installed "$tmp/parent/build"

# riscv64 cross parent with b_staticpic=true (Meson's default): a static
# library of the parent's own, compiled against vmio's headers.
if command -v riscv64-unknown-elf-gcc >/dev/null; then
	mkdir -p "$tmp/rv/subprojects"
	ln -s "$src" "$tmp/rv/subprojects/vmio"
	cat >"$tmp/rv/meson.build" <<'MESON'
project('rvparent', 'c', default_options : ['c_std=c11', 'b_staticpic=true'])
vmio = dependency('vmio')
static_library('fw', 'fw.c', dependencies : vmio)
MESON
	cat >"$tmp/rv/fw.c" <<'C'
#include <vmio/vmio.h>

int fw_read_user(const void *uptr, void *kbuf, size_t len)
{
	struct vm_freader r;
	int err = vm_freader_from_user_space(&r, uptr, len);

	return err ? err : vm_freader_read_val(&r, kbuf, len);
}
C
	(cd "$tmp/rv" && meson setup build --cross-file "$src/cross/riscv64.ini") >>"$tmp/log" 2>&1
	check "riscv64 parent with b_staticpic=true configures" test -f "$tmp/rv/build/build.ninja"
	check "riscv64 parent with b_staticpic=true builds" ninja -C "$tmp/rv/build"
	check "riscv64 parent: only vmio and fw" targets_are "$tmp/rv/build" $vmio_targets fw
	check "riscv64 parent: no vmio image, test or benchmark built" no_test_outputs "$tmp/rv/build"

	# vmio at top level, installed the two ways docs/library_usage.md gives:
	# -Dtests=false, then `meson install` (it builds every target of the
	# build directory first: here the library alone); or, in a build
	# directory with the tests, `ninja libvmio.a` then `meson install
	# --no-rebuild`.  Both build nothing else and install the library, the
	# headers but vmio/host.h, and vmio.pc.
	meson setup "$tmp/top" "$src" --cross-file "$src/cross/riscv64.ini" --prefix /opt/vmio \
		-Dtests=false >>"$tmp/log" 2>&1
	check "top level, -Dtests=false: meson install" meson install -C "$tmp/top" --destdir "$tmp/inst"
	check "top level, -Dtests=false: only vmio is defined" targets_are "$tmp/top" $vmio_targets
	check "top level, -Dtests=false: no image, test or benchmark built" no_test_outputs "$tmp/top"
	meson setup "$tmp/top2" "$src" --cross-file "$src/cross/riscv64.ini" --prefix /opt/vmio \
		>>"$tmp/log" 2>&1
	check "top level: ninja libvmio.a" ninja -C "$tmp/top2" libvmio.a
	check "top level: meson install --no-rebuild" \
		meson install -C "$tmp/top2" --no-rebuild --destdir "$tmp/inst2"
	check "top level: no image, test or benchmark built" no_test_outputs "$tmp/top2"
	check "top level: both ways install the same files" \
		diff <(cd "$tmp/inst" && find . | sort) <(cd "$tmp/inst2" && find . | sort)
	for f in lib/libvmio.a lib/pkgconfig/vmio.pc include/vmio/vmio.h include/vmio/user_range.h; do
		check "top level: installed $f" test -f "$tmp/inst/opt/vmio/$f"
	done
	check "top level: vmio/host.h not installed for riscv64" test ! -e "$tmp/inst/opt/vmio/include/vmio/host.h"

	# A riscv64 Meson project that finds the installed copy through its .pc,
	# with the cross-file lines docs/library_usage.md gives (the copy lies in
	# a scratch sysroot, so sys_root makes pkg-config prefix its paths).
	mkdir -p "$tmp/pc"
	cp "$tmp/rv/fw.c" "$tmp/pc/fw.c"
	cat >"$tmp/pc/meson.build" <<'MESON'
project('pcparent', 'c', default_options : ['c_std=c11'])
vmio = dependency('vmio', method : 'pkg-config')
static_library('fw', 'fw.c', dependencies : vmio)
MESON
	cat >"$tmp/pc/vmio.ini" <<INI
[binaries]
pkgconfig = 'pkg-config'
[properties]
sys_root = '$tmp/inst'
pkg_config_libdir = ['$tmp/inst/opt/vmio/lib/pkgconfig']
INI
	(cd "$tmp/pc" && meson setup build --cross-file "$src/cross/riscv64.ini" \
		--cross-file "$tmp/pc/vmio.ini") >>"$tmp/log" 2>&1
	check "installed .pc: dependency('vmio') found through pkg-config" \
		grep -q "Run-time dependency vmio found: YES" "$tmp/pc/build/meson-logs/meson-log.txt"
	check "installed .pc: the riscv64 consumer builds against the copy" ninja -C "$tmp/pc/build"
	check "installed .pc: its include path is the copy's" \
		grep -q -- "-I$tmp/inst/opt/vmio/include" "$tmp/pc/build/build.ninja"
fi
finish 60
