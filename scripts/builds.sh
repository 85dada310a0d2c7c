# Shared by scripts/test and scripts/demo: the build directories and how to
# configure them.  Sourced, not run.
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
isas=(x86_64 riscv64 loongarch64)
build=${VMIO_BUILD:-$top/build} # where the build directories go

# configure <dir> [meson setup args...]: set up build/<dir> once.
configure() {
	local dir=$build/$1
	shift
	[ -f "$dir/build.ninja" ] && return 0
	meson setup "$dir" "$top" "$@" >"$build/$(basename "$dir").setup.log" 2>&1 || {
		cat "$build/$(basename "$dir").setup.log"
		return 1
	}
}

# The x86_64 copy and fill come in four widths (meson option x86_64_vector):
# host-gcc takes the widest this CPU has (auto), host-clang the next one
# down, x86_64 general registers and x86_64-sse2 SSE, so that every width
# this machine can run passes the tests.  host-clang also builds with no
# read bounce buffer (meson option read_bounce=0), host-gcc with the default.
host_clang_vector() {
	if grep -qw avx512vl /proc/cpuinfo; then echo avx2; else echo sse2; fi
}

# configure_target <name>: host-gcc, host-clang, an ISA, x86_64-sse2 or riscv64-rvv
# (the riscv64 library with its vector path, tests booted on a CPU with V).
configure_target() {
	mkdir -p "$build"
	case "$1" in
	host-gcc) CC=gcc configure "$1" ;;
	host-clang) CC=clang-19 configure "$1" -Dx86_64_vector="$(host_clang_vector)" -Dread_bounce=0 ;;
	x86_64-sse2) configure "$1" --cross-file "$top/cross/x86_64.ini" -Dx86_64_vector=sse2 ;;
	riscv64-rvv) configure "$1" --cross-file "$top/cross/riscv64.ini" -Driscv64_vector=rvv ;;
	*) configure "$1" --cross-file "$top/cross/$1.ini" ;;
	esac
}
