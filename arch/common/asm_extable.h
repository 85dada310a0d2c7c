/*
 * Assembly helper shared by every ISA: VMIO_EX(label, fixup) records that
 * the instruction at `label` may fault and that execution resumes at `fixup`.
 * Entries are two 32-bit offsets relative to their own address (see
 * include/vmio/extable.h), so they link at any address without relocation.
 */
#ifndef VMIO_ASM_EXTABLE_H
#define VMIO_ASM_EXTABLE_H

#define VMIO_EX(insn, fixup)                      \
	.pushsection vmio_extable, "awR";          \
	.balign 4;                                \
	.long (insn) - .;                         \
	.long (fixup) - .;                        \
	.popsection

#endif
