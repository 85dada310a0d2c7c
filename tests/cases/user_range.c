/*
 * The runtime user range: set and get, refusals that change nothing, the
 * boundary rule of from_user_space over the current range, and (bare
 * metal) the refusal of a range that holds vmio itself.
 */
#include "panic_hook.h"
#include "ureg.h"
#include "vmio/vmio.h"
#include "vtest.h"

/* The table's bounds, as the library sees them (the linker defines them). */
extern struct vmio_extable_entry __start_vmio_extable[];
extern struct vmio_extable_entry __stop_vmio_extable[];

/* Is the range [start, end) the current user range? */
static int range_is(uintptr_t start, uintptr_t end)
{
	uintptr_t s = 1, e = 2;

	vmio_user_range_get(&s, &e);
	return s == start && e == end;
}

VT_CASE(user_range_set_get_and_restore)
{
	uintptr_t s0 = 0, e0 = 0, s = 0, e = 0;
	uintptr_t a, b;

	ureg_setup();
	a = (uintptr_t)ureg_page(1), b = (uintptr_t)ureg_page(3);
	vmio_user_range_get(&s0, &e0);
	VT_CHECK(s0 < e0);
	VT_EQ(vmio_user_range_set(a, b), 0);
	vmio_user_range_get(&s, &e);
	VT_EQ(s, a);
	VT_EQ(e, b);
	/* One byte is a range. */
	VT_EQ(vmio_user_range_set(a, a + 1), 0);
	VT_CHECK(range_is(a, a + 1));
	VT_EQ(vmio_user_range_set(s0, e0), 0);
	VT_CHECK(range_is(s0, e0));
}

VT_CASE(user_range_start_not_below_end_is_einval_and_changes_nothing)
{
	uintptr_t s0 = 0, e0 = 0;
	uintptr_t a, b;

	ureg_setup();
	a = (uintptr_t)ureg_page(1), b = (uintptr_t)ureg_page(3);
	vmio_user_range_get(&s0, &e0);
	VT_EQ(vmio_user_range_set(a, b), 0);
	VT_EQ(vmio_user_range_set(b, a), VMIO_EINVAL);
	VT_CHECK(range_is(a, b));
	VT_EQ(vmio_user_range_set(a, a), VMIO_EINVAL);
	VT_CHECK(range_is(a, b));
	VT_EQ(vmio_user_range_set(UINTPTR_MAX, 0), VMIO_EINVAL);
	VT_EQ(vmio_user_range_set(UINTPTR_MAX, UINTPTR_MAX), VMIO_EINVAL);
	VT_CHECK(range_is(a, b));
	VT_EQ(vmio_user_range_set(s0, e0), 0);
	VT_CHECK(range_is(s0, e0));
}

/*
 * from_user_space over [start, end): accepted iff start <= ptr and
 * ptr + len <= end without wrapping; a refusal leaves the output as it
 * was.  The ranges are only built, never used.
 */
static void check_boundaries(uintptr_t start, uintptr_t end)
{
	const struct { uintptr_t ptr; size_t len; int ok; } cases[] = {
		{ start - 1, 0, 0 },
		{ start - 1, 1, 0 },
		{ start - 1, 2, 0 },
		{ start, 0, 1 },
		{ start, 1, 1 },
		{ start, end - start, 1 },
		{ start, end - start + 1, 0 },
		{ end - 1, 0, 1 },
		{ end - 1, 1, 1 },
		{ end - 1, 2, 0 },
		{ end, 0, 1 }, /* empty, one past the end */
		{ end, 1, 0 },
		{ end + 1, 0, 0 },
		{ end + 1, 1, 0 },
		{ start, SIZE_MAX, 0 },   /* wraps */
		{ end - 1, SIZE_MAX, 0 }, /* wraps */
		{ UINTPTR_MAX, 1, 0 },    /* wraps from the top */
		{ UINTPTR_MAX, 0, 0 },
	};

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vm_freader r = { { 1, 2 } };
		struct vm_fwriter w = { { 3, 4 } };
		int want = cases[i].ok ? 0 : VMIO_EFAULT;

		VT_EQ(vm_freader_from_user_space(&r, (const void *)cases[i].ptr, cases[i].len), want);
		VT_EQ(vm_fwriter_from_user_space(&w, (void *)cases[i].ptr, cases[i].len), want);
		if (cases[i].ok) {
			VT_EQ(r.r.cursor, cases[i].ptr);
			VT_EQ(vm_freader_remain(&r), cases[i].len);
			VT_EQ(w.r.cursor, cases[i].ptr);
			VT_EQ(vm_fwriter_avail(&w), cases[i].len);
		} else {
			VT_EQ(r.r.cursor, 1);
			VT_EQ(r.r.end, 2);
			VT_EQ(w.r.cursor, 3);
			VT_EQ(w.r.end, 4);
		}
		if (vt_case_failures())
			return;
	}
}

VT_CASE(from_user_space_boundaries_of_the_current_range)
{
	uintptr_t s0 = 0, e0 = 0;

	vmio_user_range_get(&s0, &e0);
	check_boundaries(s0, e0);
}

VT_CASE(from_user_space_boundaries_follow_a_changed_range)
{
	uintptr_t s0 = 0, e0 = 0;
	uintptr_t a, b;
	struct vm_freader r;
	uint8_t v = 0xff;

	ureg_setup();
	a = (uintptr_t)ureg_page(UREG_RW) + 3, b = (uintptr_t)ureg_page(UREG_RW + 2) + 5;
	vmio_user_range_get(&s0, &e0);
	VT_EQ(vmio_user_range_set(a, b), 0);
	check_boundaries(a, b);
	/* What was inside the old range and is outside the new one is refused. */
	VT_EQ(vm_freader_from_user_space(&r, ureg_page(UREG_RW), 1), VMIO_EFAULT);
	VT_EQ(vm_freader_from_user_space(&r, ureg_page(UREG_RO), 1), VMIO_EFAULT);
	/* And a reader made inside it reads. */
	VT_EQ(vm_freader_from_user_space(&r, (void *)a, 1), 0);
	VT_EQ(vm_freader_read_val(&r, &v, 1), 0);
	VT_EQ(v, ureg_expected((const uint8_t *)a));
	VT_EQ(vmio_user_range_set(s0, e0), 0);
	VT_CHECK(range_is(s0, e0));
	check_boundaries(s0, e0);
	VT_EQ(vm_freader_from_user_space(&r, ureg_page(UREG_RW), 1), 0);
}

/* The address of the instruction that table entry e covers. */
static uintptr_t entry_insn(const struct vmio_extable_entry *e)
{
	return (uintptr_t)&e->insn + (uintptr_t)(intptr_t)e->insn;
}

/*
 * A range that holds vmio's own code, data or exception table is refused on
 * bare metal, changing nothing; on the host, where the process is its own
 * user space, it is accepted.
 */
VT_CASE(user_range_holding_vmio_is_refused_on_bare_metal)
{
	uintptr_t s0 = 0, e0 = 0;
	const uintptr_t at[] = {
		entry_insn(__start_vmio_extable),    /* the assembly */
		entry_insn((const struct vmio_extable_entry *)((uintptr_t)__stop_vmio_extable - 8)),
		(uintptr_t)&vmio_user_range_set,     /* the C code */
		(uintptr_t)&vm_freader_from_user_space,
		(uintptr_t)__start_vmio_extable,     /* the table */
		(uintptr_t)__stop_vmio_extable - 1,
	};
#ifdef VMIO_HOST
	const int want = 0;
#else
	const int want = VMIO_EINVAL;
#endif
	unsigned panics = panic_count;

	vmio_user_range_get(&s0, &e0);
	VT_CHECK((uintptr_t)__start_vmio_extable < (uintptr_t)__stop_vmio_extable);
	for (unsigned i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		VT_EQ(vmio_user_range_set(at[i], at[i] + 1), want);
		VT_CHECK(range_is(want ? s0 : at[i], want ? e0 : at[i] + 1));
		VT_EQ(vmio_user_range_set(at[i] - 0x1000, at[i] + 0x1000), want);
		VT_EQ(vmio_user_range_set(s0, e0), 0);
		VT_CHECK(range_is(s0, e0));
	}
	VT_EQ(vmio_user_range_set(0, UINTPTR_MAX), want);
	VT_EQ(vmio_user_range_set(s0, e0), 0);
	VT_CHECK(range_is(s0, e0));
	VT_EQ(panic_count, panics);
}
