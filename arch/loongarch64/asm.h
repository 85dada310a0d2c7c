/*
 * loongarch64 assembly helpers.  There is no SMAP-like switch on LoongArch:
 * a PLV0 access may reach any page whose PTE PLV is 3, so the fallible
 * routines open no window and close none.
 */
#ifndef VMIO_LOONGARCH64_ASM_H
#define VMIO_LOONGARCH64_ASM_H

#include "asm_extable.h"

/*
 * EX(fixup, insn): the one instruction insn may fault; a fault resumes at
 * fixup.  VMIO_EX on a local label, for code with many such instructions.
 */
#define EX(fixup, ...) 98: __VA_ARGS__; VMIO_EX(98b, fixup)

#define FUNC(name)               \
	.globl name;             \
	.type name, @function;   \
	.balign 16;              \
name:

#define ENDFUNC(name) .size name, . - name

/*
 * The fixup stubs of memcpy.S and memset.S: .Lfix<n> resumes at a0 + n,
 * .Lfixm<n> at a0 - n (a3 = the offset, then .Lresume of the routine).
 */
.macro FIXUP_STUBS
	.irp	off, 1, 2, 3, 8, 16, 24, 32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120
.Lfix\off:
	addi.d	$a3, $zero, \off
	b	.Lresume
	.endr
	.irp	off, 8, 16, 24, 32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120
.Lfixm\off:
	addi.d	$a3, $zero, -\off
	b	.Lresume
	.endr
.endm

#define VMIO_EFAULT (-14)

#endif
