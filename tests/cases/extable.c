/* The exception table: sorted, non-empty, and found only at listed PCs. */
#include "vmio/extable.h"
#include "vtest.h"

extern struct vmio_extable_entry __start_vmio_extable[] __attribute__((weak));

static uintptr_t insn_of(const struct vmio_extable_entry *e)
{
	return (uintptr_t)&e->insn + (uintptr_t)(intptr_t)e->insn;
}

VT_CASE(extable_sorted_and_searchable)
{
	size_t n = vmio_extable_size();

	VT_CHECK(n > 0);
	for (size_t i = 0; i < n; i++) {
		uintptr_t pc = insn_of(&__start_vmio_extable[i]);

		if (i > 0)
			VT_CHECK(insn_of(&__start_vmio_extable[i - 1]) < pc);
		VT_CHECK(vmio_extable_fixup(pc) != 0);
		/* An address one byte into a listed instruction is not listed. */
		if (i + 1 == n || insn_of(&__start_vmio_extable[i + 1]) != pc + 1)
			VT_EQ(vmio_extable_fixup(pc + 1), 0);
	}
	VT_EQ(vmio_extable_fixup(0), 0);
	VT_EQ(vmio_extable_fixup((uintptr_t)&vmio_extable_fixup), 0);
}
