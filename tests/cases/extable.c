/*
 * The exception table: the library's is sorted, non-empty, and found only
 * at listed PCs; the sort and the search put a shuffled table in order and
 * find exactly its entries.
 */
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

/* Stand-ins for the code the entries of a test table point into. */
static const char code[64], fixups[64];

/* The test table's entries by instruction offset, shuffled. */
static const unsigned shuffled[] = { 40, 3, 57, 10, 2, 25, 63, 33, 18 };
#define NTEST (sizeof shuffled / sizeof shuffled[0])

/* Point e at code + off, with its fixup at fixups + off. */
static void test_entry(struct vmio_extable_entry *e, unsigned off)
{
	e->insn = (int32_t)((uintptr_t)(code + off) - (uintptr_t)&e->insn);
	e->fixup = (int32_t)((uintptr_t)(fixups + off) - (uintptr_t)&e->fixup);
}

static uintptr_t fixup_of(const struct vmio_extable_entry *e)
{
	return (uintptr_t)&e->fixup + (uintptr_t)(intptr_t)e->fixup;
}

/* Is off one of the test table's instruction offsets? */
static int listed(unsigned off)
{
	for (size_t i = 0; i < NTEST; i++)
		if (shuffled[i] == off)
			return 1;
	return 0;
}

VT_CASE(extable_sort_and_search_shuffled)
{
	static struct vmio_extable_entry t[NTEST]; /* near code: offsets fit 32 bits */

	for (size_t i = 0; i < NTEST; i++)
		test_entry(&t[i], shuffled[i]);
	vmio_extable_sort(t, t + NTEST);
	/* Sorted, each entry still paired with its own fixup. */
	for (size_t i = 0; i < NTEST; i++) {
		uintptr_t off = insn_of(&t[i]) - (uintptr_t)code;

		VT_CHECK(off < sizeof code && listed((unsigned)off));
		VT_EQ(fixup_of(&t[i]), (uintptr_t)(fixups + off));
		if (i > 0)
			VT_CHECK(insn_of(&t[i - 1]) < insn_of(&t[i]));
	}
	VT_EQ(insn_of(&t[0]), (uintptr_t)(code + 2));
	VT_EQ(insn_of(&t[NTEST - 1]), (uintptr_t)(code + 63));
	/* Every listed PC is found, the first and last included; none other. */
	for (unsigned off = 0; off < sizeof code; off++)
		VT_EQ(vmio_extable_search(t, t + NTEST, (uintptr_t)(code + off)),
		      listed(off) ? (uintptr_t)(fixups + off) : 0);
	VT_EQ(vmio_extable_search(t, t + NTEST, (uintptr_t)code - 1), 0);
	VT_EQ(vmio_extable_search(t, t + NTEST, (uintptr_t)(code + sizeof code)), 0);
	VT_EQ(vmio_extable_search(t, t, (uintptr_t)(code + 2)), 0);
	/* Sorting again changes nothing; one entry alone is found. */
	vmio_extable_sort(t, t + NTEST);
	VT_EQ(insn_of(&t[0]), (uintptr_t)(code + 2));
	VT_EQ(vmio_extable_search(t, t + 1, (uintptr_t)(code + 2)), (uintptr_t)(fixups + 2));
	VT_EQ(vmio_extable_search(t, t + 1, (uintptr_t)(code + 3)), 0);
}
