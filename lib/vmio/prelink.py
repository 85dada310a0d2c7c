#!/usr/bin/env python3
"""Prelink a group of vmio's objects into one relocatable object.

usage: prelink.py SCRIPT OUTPUT ARCHIVE -- CC [ARGS...]

Runs `CC ARGS -r -T SCRIPT --whole-archive ARCHIVE -o OUTPUT` (a partial
link, lib/vmio/prelink.ld.in), then clears SHF_MERGE and SHF_STRINGS on the
four spanned sections (.text, .rodata, .data, .bss).  A linker script cannot:
a .rodata made only of string literals stays mergeable, and the final link
would then merge its strings with other objects' and move the bound symbols.
Not mergeable, each section is placed whole, where its bounds say.
"""
import struct
import subprocess
import sys

SHF_MERGE, SHF_STRINGS = 0x10, 0x20
SPANNED = {b'.text', b'.rodata', b'.data', b'.bss'}


def unmerge(path):
    with open(path, 'r+b') as f:
        elf = bytearray(f.read())
        if elf[:4] != b'\x7fELF' or elf[4] != 2 or elf[5] != 1:
            sys.exit(f'prelink: {path} is not a little-endian ELF64 object')
        shoff, = struct.unpack_from('<Q', elf, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from('<HHH', elf, 0x3a)
        strtab_off, = struct.unpack_from('<Q', elf, shoff + shstrndx * shentsize + 0x18)
        for i in range(shnum):
            sh = shoff + i * shentsize
            name_off, = struct.unpack_from('<I', elf, sh)
            name = bytes(elf[strtab_off + name_off:elf.index(b'\0', strtab_off + name_off)])
            flags, = struct.unpack_from('<Q', elf, sh + 8)
            if name in SPANNED and flags & (SHF_MERGE | SHF_STRINGS):
                struct.pack_into('<Q', elf, sh + 8, flags & ~(SHF_MERGE | SHF_STRINGS))
                struct.pack_into('<Q', elf, sh + 0x38, 0)  # sh_entsize
        f.seek(0)
        f.write(elf)


def main():
    script, output, archive = sys.argv[1:4]
    cc = sys.argv[sys.argv.index('--') + 1:]
    subprocess.run(cc + ['-r', '-nostdlib', '-nostartfiles', '-Wl,--no-gc-sections',
                         '-T', script, '-Wl,--whole-archive', archive,
                         '-Wl,--no-whole-archive', '-o', output], check=True)
    unmerge(output)


if __name__ == '__main__':
    main()
