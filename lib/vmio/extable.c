/*
 * The exception table: lookup for the trap handler, and the one-time sort.
 * Entries live in the linker section "vmio_extable" (see extable_bounds.h).
 */
#include "extable_bounds.h"

/*
 * An empty piece of the table, kept by the linker even under --gc-sections
 * (flag R, SHF_GNU_RETAIN): the section exists, and the linker defines its
 * bounds, even in a firmware that links no assembly of vmio and so no entry.
 */
__asm__(".pushsection vmio_extable, \"awR\"\n.balign 4\n.popsection");

static uintptr_t entry_insn(const struct vmio_extable_entry *e)
{
	return vmio_extable_insn(e);
}

static uintptr_t entry_fixup(const struct vmio_extable_entry *e)
{
	return (uintptr_t)&e->fixup + (uintptr_t)(intptr_t)e->fixup;
}

/* Store absolute addresses insn and fixup into entry e, relative to e. */
static void entry_set(struct vmio_extable_entry *e, uintptr_t insn, uintptr_t fixup)
{
	e->insn = (int32_t)(insn - (uintptr_t)&e->insn);
	e->fixup = (int32_t)(fixup - (uintptr_t)&e->fixup);
}

size_t vmio_extable_size(void)
{
	return (size_t)(__stop_vmio_extable - __start_vmio_extable);
}

/*
 * Insertion sort: the assembler emits each file's entries in address order
 * and linkers keep .text and the table in the same object order, so this
 * normally moves nothing.  Moving an entry re-bases its relative offsets.
 */
void vmio_extable_sort(struct vmio_extable_entry *begin, struct vmio_extable_entry *end)
{
	struct vmio_extable_entry *t = begin;
	size_t n = (size_t)(end - begin);

	for (size_t i = 1; i < n; i++) {
		uintptr_t insn = entry_insn(&t[i]), fixup = entry_fixup(&t[i]);
		size_t j = i;

		if (entry_insn(&t[j - 1]) <= insn)
			continue;
		for (; j > 0 && entry_insn(&t[j - 1]) > insn; j--)
			entry_set(&t[j], entry_insn(&t[j - 1]), entry_fixup(&t[j - 1]));
		entry_set(&t[j], insn, fixup);
	}
}

/* Binary search over the sorted entries [begin, end). */
uintptr_t vmio_extable_search(const struct vmio_extable_entry *begin,
			      const struct vmio_extable_entry *end, uintptr_t fault_pc)
{
	size_t lo = 0, hi = (size_t)(end - begin);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uintptr_t insn = entry_insn(&begin[mid]);

		if (insn == fault_pc)
			return entry_fixup(&begin[mid]);
		if (insn < fault_pc)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

void vmio_extable_init(void)
{
	vmio_extable_sort(__start_vmio_extable, __stop_vmio_extable);
}

uintptr_t vmio_extable_fixup(uintptr_t fault_pc)
{
	return vmio_extable_search(__start_vmio_extable, __stop_vmio_extable, fault_pc);
}
