/*
 * Internal to lib/vmio: the bounds of the exception table, section
 * "vmio_extable".  The linker provides them (automatically for an orphan
 * section, as on the host; a bare-metal linker script that places the
 * section must define both and KEEP it).  Hidden and, on bare metal, not
 * weak: the compiler then addresses them PC-relative, with no GOT and no
 * absolute relocation, wherever the image is linked; a bare-metal link
 * that lacks them fails loudly instead of running with an empty table.
 * On the host they are weak: a program that links no primitive has an
 * empty table.
 */
#ifndef VMIO_LIB_EXTABLE_BOUNDS_H
#define VMIO_LIB_EXTABLE_BOUNDS_H

#include "vmio/extable.h"

#ifdef VMIO_HOST
#define VMIO_EXTABLE_BOUND __attribute__((weak, visibility("hidden")))
#else
#define VMIO_EXTABLE_BOUND __attribute__((visibility("hidden")))
#endif

extern struct vmio_extable_entry __start_vmio_extable[] VMIO_EXTABLE_BOUND;
extern struct vmio_extable_entry __stop_vmio_extable[] VMIO_EXTABLE_BOUND;

/* The address of the instruction that entry e covers. */
static inline uintptr_t vmio_extable_insn(const struct vmio_extable_entry *e)
{
	return (uintptr_t)&e->insn + (uintptr_t)(intptr_t)e->insn;
}

#endif
