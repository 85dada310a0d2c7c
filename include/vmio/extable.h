/*
 * The exception table: one entry for every instruction of the library that
 * may fault on a caller-supplied address.  Entries are position-relative so
 * the table needs no relocation; vmio_extable_init() sorts them by address.
 */
#ifndef VMIO_EXTABLE_H
#define VMIO_EXTABLE_H

#include <stddef.h>
#include <stdint.h>

struct vmio_extable_entry {
	int32_t insn;  /* address of the faulting instruction, minus &insn */
	int32_t fixup; /* address to resume at, minus &fixup */
};

/*
 * Sort the table by instruction address.  Call once before the first fault
 * can happen (the host port and our boot code do), on one CPU, before any
 * other CPU starts: it sorts in place and takes no lock, and after it the
 * table is only read, so every CPU may look faults up at once.
 * Already-sorted tables, the normal case, are left untouched.
 */
void vmio_extable_init(void);

/* Number of entries in the table. */
size_t vmio_extable_size(void);

/*
 * Porting hook for a trap handler: the address to resume at when the
 * instruction at fault_pc faulted, or 0 when fault_pc is not in the table
 * (a real bug: the caller must treat it as a crash).
 */
uintptr_t vmio_extable_fixup(uintptr_t fault_pc);

/*
 * The same over any array of entries [begin, end): sort it by instruction
 * address (a moved entry is re-based), and search the sorted array for
 * fault_pc's fixup (0 if not listed).  vmio_extable_init() and
 * vmio_extable_fixup() apply them to the library's own table.
 */
void vmio_extable_sort(struct vmio_extable_entry *begin, struct vmio_extable_entry *end);
uintptr_t vmio_extable_search(const struct vmio_extable_entry *begin,
			      const struct vmio_extable_entry *end, uintptr_t fault_pc);

#endif
