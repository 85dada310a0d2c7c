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

# configure_target <name>: host-gcc, host-clang or an ISA.
configure_target() {
	mkdir -p "$build"
	case "$1" in
	host-gcc) CC=gcc configure "$1" ;;
	host-clang) CC=clang-19 configure "$1" ;;
	*) configure "$1" --cross-file "$top/cross/$1.ini" ;;
	esac
}
