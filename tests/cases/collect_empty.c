/*
 * collect_alloc of an empty reader succeeds with an empty result and never
 * asks the allocator for zero bytes (malloc(0) may legally return NULL).
 */
#include "ureg.h"
#include "vmio/vmio.h"
#include "vtest.h"

static unsigned calls;

/* An allocator that, like a legal malloc, returns NULL for zero bytes. */
static void *null_for_zero(void *ctx, size_t len)
{
	static uint8_t arena[16];

	(void)ctx;
	calls++;
	return len && len <= sizeof(arena) ? arena : NULL;
}

static void never_free(void *ctx, void *p, size_t len)
{
	(void)ctx, (void)p, (void)len;
	calls += 100;
}

VT_CASE(collect_alloc_of_an_empty_reader_is_empty_without_alloc)
{
	const struct vmio_allocator a = { null_for_zero, never_free, NULL };
	struct vm_freader r;
	void *out = (void *)&calls;
	size_t n = 99;

	ureg_setup();
	calls = 0;
	VT_EQ(vm_freader_from_user_space(&r, ureg_page(UREG_RW), 0), 0);
	VT_EQ(vm_freader_collect_alloc(&r, &a, &out, &n), 0);
	VT_EQ(n, 0);
	VT_CHECK(out == NULL);
	VT_EQ(calls, 0);
	VT_EQ((uintptr_t)vm_freader_cursor(&r), (uintptr_t)ureg_page(UREG_RW));

	/* Also at a hole: an empty range touches no memory. */
	out = (void *)&calls, n = 99;
	VT_EQ(vm_freader_from_user_space(&r, ureg_page(UREG_RO + 1), 0), 0);
	VT_EQ(vm_freader_collect_alloc(&r, &a, &out, &n), 0);
	VT_EQ(n, 0);
	VT_CHECK(out == NULL);
	VT_EQ(calls, 0);

	/* An exhausted reader is empty too. */
	uint8_t k[4] = { 1, 2, 3, 4 };
	struct vm_freader kr = vm_reader_to_fallible(vm_reader_from_bytes(k, sizeof(k)));

	vm_freader_skip(&kr, 4);
	out = (void *)&calls, n = 99;
	VT_EQ(vm_freader_collect_alloc(&kr, &a, &out, &n), 0);
	VT_EQ(n, 0);
	VT_CHECK(out == NULL);
	VT_EQ(calls, 0);
}
