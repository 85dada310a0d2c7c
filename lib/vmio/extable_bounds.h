/*
 * Internal to lib/vmio: the bounds of the exception table, section
 * "vmio_extable".  The linker provides them (automatically for an orphan
 * section, as on the host; a bare-metal linker script that places the
 * section must define both and KEEP it).  Weak: a program that links no
 * primitive has an empty table.  Hidden: the library is linked into one
 * image with them, so the compiler may address them PC-relative, without
 * a GOT, wherever that image is linked.
 */
#ifndef VMIO_LIB_EXTABLE_BOUNDS_H
#define VMIO_LIB_EXTABLE_BOUNDS_H

#include "vmio/extable.h"

extern struct vmio_extable_entry __start_vmio_extable[]
	__attribute__((weak, visibility("hidden")));
extern struct vmio_extable_entry __stop_vmio_extable[]
	__attribute__((weak, visibility("hidden")));

#endif
