/*
 * riscv64 assembly helpers.  sstatus.SUM lets S-mode load and store to
 * pages marked U; the fallible routines set it only for their user-access
 * window and clear it before every return.  Our trap handler clears it on
 * entry, so a fixup that goes on touching user memory must set it again.
 */
#ifndef VMIO_RISCV64_ASM_H
#define VMIO_RISCV64_ASM_H

#include "asm_extable.h"

/*
 * EX(fixup, insn): the one instruction insn may fault; a fault resumes at
 * fixup.  VMIO_EX on a local label, for code with many such instructions.
 */
#define EX(fixup, ...) 98: __VA_ARGS__; VMIO_EX(98b, fixup)

#define SSTATUS_SUM (1 << 18)
#define VMIO_EFAULT (-14)

#define FUNC(name)               \
	.globl name;             \
	.type name, @function;   \
	.balign 4;               \
name:

#define ENDFUNC(name) .size name, . - name

/*
 * VMIO_EX_AT(fn, insn, fixup): VMIO_EX with both addresses written as
 * offsets into function fn.  The assembler keeps every label a relocation
 * names as a symbol in .text, which disassemblers and debuggers then take
 * for the start of a function; fn + offset needs no such label.  For code
 * assembled with .option norelax, where these offsets are final.
 */
#define VMIO_EX_AT(fn, insn, fixup) \
	VMIO_EX((fn) + ((insn) - (fn)), (fn) + ((fixup) - (fn)))

/*
 * RVV_DISPATCH target: at a fallible routine's entry (SUM set, a2 bytes),
 * go to the vector body target when a2 >= 3, vmio_rvv_enable() was called
 * and sstatus.VS is not Off (vmio/rvv.h).  Below 3 bytes the scalar byte
 * loop takes fewer instructions (measured: copy 19 against 20 at 2 bytes,
 * fill 16 against 20; at 3, copy 24 against 20, fill 20 and 20).
 * Clobbers t0, t1.
 */
.macro RVV_DISPATCH target
	sltiu	t0, a2, 3
	bnez	t0, .Lbytes
	ld	t0, __vmio_rvv_vs	/* 0, or the VS mask */
	csrr	t1, sstatus
	and	t0, t0, t1
	beqz	t0, 97f
	j	\target
97:
.endm

/* The same for the string primitives, first thing at their entry (any size). */
.macro RVV_DISPATCH_STR target
	ld	t0, __vmio_rvv_vs
	csrr	t1, sstatus
	and	t0, t0, t1
	beqz	t0, 97f
	j	\target
97:
.endm

#endif
