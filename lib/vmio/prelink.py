#!/usr/bin/env python3
"""Prelink a group of vmio's objects into one relocatable object.

usage: prelink.py SCRIPT OUTPUT ARCHIVE -- CC [ARGS...]

Runs `CC ARGS -r -T SCRIPT --whole-archive ARCHIVE -o OUTPUT` (a partial
link, lib/vmio/prelink.ld.in), then clears SHF_MERGE and SHF_STRINGS on the
four spanned sections (.text, .rodata, .data, .bss), and gives an empty one
the flags of its kind (ld.lld gives it those of the section before it, so
an empty .rodata came out executable).  A linker script cannot:
a .rodata made only of string literals stays mergeable, and the final link
would then merge its strings with other objects' and move the bound symbols.
Not mergeable, each section is placed whole, where its bounds say.
"""
import struct
import subprocess
import sys

SHF_WRITE, SHF_ALLOC, SHF_EXECINSTR, SHF_MERGE, SHF_STRINGS = 0x1, 0x2, 0x4, 0x10, 0x20
# The flags each spanned section has in any object.
CANONICAL = {b'.text': SHF_ALLOC | SHF_EXECINSTR, b'.rodata': SHF_ALLOC,
             b'.data': SHF_ALLOC | SHF_WRITE, b'.bss': SHF_ALLOC | SHF_WRITE}


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
            size, = struct.unpack_from('<Q', elf, sh + 0x20)
            if name not in CANONICAL:
                continue
            if flags & (SHF_MERGE | SHF_STRINGS):
                flags &= ~(SHF_MERGE | SHF_STRINGS)
                struct.pack_into('<Q', elf, sh + 0x38, 0)  # sh_entsize
            if size == 0:
                # ld.lld gives an empty output section the flags of the one
                # before it (an empty .rodata would make the final one
                # executable): give it its own.
                flags = CANONICAL[name]
            struct.pack_into('<Q', elf, sh + 8, flags)
        f.seek(0)
        f.write(elf)


def main():
    script, output, archive = sys.argv[1:4]
    cc = sys.argv[sys.argv.index('--') + 1:]
    subprocess.run(cc + ['-r', '-nostdlib', '-nostartfiles', '-Wl,--no-gc-sections', '-Wl,--build-id=none',
                         '-T', script, '-Wl,--whole-archive', archive,
                         '-Wl,--no-whole-archive', '-o', output], check=True)
    unmerge(output)


if __name__ == '__main__':
    main()
