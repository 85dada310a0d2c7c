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

/*
 * Where vmio lies: the text, rodata, data and bss of its two prelinked
 * objects (lib/vmio/spans.h; the vmio-sections test checks they hold every
 * allocated byte of those objects), and the exception table.
 */
#define SPAN_DECL(g, s) extern char __vmio_##g##_##s##_start[], __vmio_##g##_##s##_end[];
SPAN_DECL(main, text) SPAN_DECL(main, rodata) SPAN_DECL(main, data) SPAN_DECL(main, bss)
SPAN_DECL(extable, text) SPAN_DECL(extable, rodata) SPAN_DECL(extable, data) SPAN_DECL(extable, bss)
#define SPAN(g, s) { #g " " #s, (uintptr_t)__vmio_##g##_##s##_start, (uintptr_t)__vmio_##g##_##s##_end }
static const struct { const char *name; uintptr_t start, end; } spans[] = {
	SPAN(main, text), SPAN(main, rodata), SPAN(main, data), SPAN(main, bss),
	SPAN(extable, text), SPAN(extable, rodata), SPAN(extable, data), SPAN(extable, bss),
	{ "vmio_extable", (uintptr_t)__start_vmio_extable, (uintptr_t)__stop_vmio_extable },
};
extern char vmio_user_range[]; /* lib/vmio/user_bounds.h: vmio's data */

static int in_span(uintptr_t a, unsigned i)
{
	return spans[i].start <= a && a < spans[i].end;
}

/* The spans hold what vmio is known to place. */
VT_CASE(vmio_spans_hold_its_code_data_and_table)
{
	const unsigned text = 0, data = 2, ext_text = 4, table = 8;

	for (unsigned i = 0; i < sizeof(spans) / sizeof(spans[0]); i++)
		VT_CHECK(spans[i].start <= spans[i].end);
	VT_CHECK(in_span((uintptr_t)&vmio_user_range_set, text));
	VT_CHECK(in_span((uintptr_t)&vm_freader_from_user_space, text));
	VT_CHECK(in_span((uintptr_t)&__memcpy_fallible, text));
	VT_CHECK(in_span((uintptr_t)&__strncpy_fallible, text));
	/* (Entries of the table may cover the embedder's own instructions.) */
	VT_CHECK(in_span((uintptr_t)&vmio_extable_init, ext_text));
	VT_CHECK(in_span((uintptr_t)&vmio_extable_fixup, ext_text));
	VT_CHECK(in_span((uintptr_t)vmio_user_range, data));
	VT_CHECK(spans[table].start < spans[table].end);
}

/*
 * A range that holds any byte vmio places is refused on bare metal,
 * changing nothing: for each span, a range of exactly it, of its first
 * byte only and of its last byte only, and a range around it; on the host,
 * where the process is its own user space, each is accepted.
 */
VT_CASE(user_range_holding_any_byte_of_vmio_is_refused_on_bare_metal)
{
	uintptr_t s0 = 0, e0 = 0;
#ifdef VMIO_HOST
	const int want = 0;
#else
	const int want = VMIO_EINVAL;
#endif
	unsigned panics = panic_count, tried = 0;

	vmio_user_range_get(&s0, &e0);
	for (unsigned i = 0; i < sizeof(spans) / sizeof(spans[0]); i++) {
		uintptr_t a = spans[i].start, b = spans[i].end;
		const uintptr_t r[][2] = { { a, b }, { a, a + 1 }, { b - 1, b }, { a - 0x1000, b + 0x1000 } };

		if (a == b)
			continue; /* an empty span: no byte there */
		for (unsigned k = 0; k < sizeof(r) / sizeof(r[0]); k++) {
			int err = vmio_user_range_set(r[k][0], r[k][1]);

			tried++;
			if (err != want)
				vt_fail_eq(__FILE__, __LINE__, spans[i].name, "refused", r[k][0], r[k][1]);
			VT_CHECK(range_is(want ? s0 : r[k][0], want ? e0 : r[k][1]));
			VT_EQ(vmio_user_range_set(s0, e0), 0);
		}
	}
	VT_CHECK(tried >= 4 * 4); /* main text, rodata, data; extable text; the table */
	VT_EQ(vmio_user_range_set(0, UINTPTR_MAX), want);
	VT_EQ(vmio_user_range_set(s0, e0), 0);
	VT_CHECK(range_is(s0, e0));
	VT_EQ(panic_count, panics);
}
