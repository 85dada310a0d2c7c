#!/usr/bin/env bash
# Install the built library into a scratch prefix, then build and run
# example.c against that copy alone, the way an embedder would:
#   embed.sh <build dir> <C compiler> <example.c>
set -eu
build=$1 cc=$2 example=$3
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
meson install -C "$build" --no-rebuild --destdir "$dest" >"$dest/install.log" 2>&1 ||
	{ cat "$dest/install.log"; echo "0 passed, 1 failed"; exit 1; }
pc=$(dirname "$(find "$dest" -name vmio.pc | head -n 1)")
# The .pc names the prefix without the destdir: point pkg-config at the copy.
export PKG_CONFIG_PATH=$pc PKG_CONFIG_SYSROOT_DIR=$dest
# shellcheck disable=SC2046
$cc -std=c11 -Wall -Wextra -Werror -D_DEFAULT_SOURCE $(pkg-config --cflags vmio) \
	"$example" $(pkg-config --libs vmio) -o "$dest/example"
"$dest/example"
