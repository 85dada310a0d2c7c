/*
 * x86_64 assembly helpers.  USER_ACCESS_BEGIN/END open and close the window
 * in which SMAP lets the kernel touch user pages (stac/clac set and clear
 * RFLAGS.AC).  On the host target we run in user mode, where stac would
 * raise #UD and there is no SMAP, so the window is empty.  On bare metal the
 * CPU must have SMAP (CPUID.7.EBX[20]) even if CR4.SMAP is left off.
 */
#ifndef VMIO_X86_64_ASM_H
#define VMIO_X86_64_ASM_H

#include "asm_extable.h"

#ifdef VMIO_HOST
#define USER_ACCESS_BEGIN
#define USER_ACCESS_END
#else
#define USER_ACCESS_BEGIN stac
#define USER_ACCESS_END clac
#endif

/* EX(fixup, insn): the one instruction insn may fault; a fault resumes at fixup. */
#define EX(fixup, ...) 98: __VA_ARGS__; VMIO_EX(98b, fixup)

#define FUNC(name)               \
	.globl name;             \
	.type name, @function;   \
	.balign 16;              \
name:

#define ENDFUNC(name) .size name, . - name

#endif
