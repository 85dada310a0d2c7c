/*
 * The user range as a kernel finds it at boot, before anything sets it.
 * Where the kernel lies inside the default range (a kernel linked low),
 * every user reader or writer is refused (fails closed, no panic) and
 * setting the default range is refused, until the kernel sets a range that
 * leaves it out.  Where it lies outside (our kernels on all three ISAs:
 * higher half, DMW window), the default range works and the kernel's own
 * text is refused as a user pointer.  tests/host/user_range_unsafe.c runs
 * the first case in a host process built as bare metal.
 */
#include "panic_hook.h"
#include "plat.h"
#include "vmio/vmio.h"
#include "vtest.h"

static int default_holds_kernel(void)
{
	uintptr_t p = (uintptr_t)&__memcpy_fallible;

	return VMIO_USER_START <= p && p < VMIO_USER_END;
}

VT_CASE(default_user_range_is_loud_when_it_holds_the_kernel)
{
	uintptr_t base = plat_user_base(), s = 0, e = 0;
	uintptr_t rw = base + UREG_RW * plat_info()->page_size;
	struct vm_freader r = { { 1, 2 } };
	struct vm_fwriter w = { { 3, 4 } };
	uint64_t v = 1;

	vmio_user_range_get(&s, &e);
	VT_EQ(s, VMIO_USER_START);
	VT_EQ(e, VMIO_USER_END);
	if (!default_holds_kernel()) {
		VT_EQ(vm_freader_from_user_space(&r, (void *)rw, 8), 0);
		VT_EQ(vm_freader_read_val(&r, &v, 8), 0);
		VT_EQ(v, 0);
		VT_EQ(vm_freader_from_user_space(&r, (void *)&__memcpy_fallible, 8), VMIO_EFAULT);
		VT_EQ(vmio_user_range_set(VMIO_USER_START, VMIO_USER_END), 0);
		VT_EQ(panic_count, 0);
		return;
	}
	/* Every user reader or writer: VMIO_EFAULT with nothing changed, no panic. */
	VT_EQ(vm_freader_from_user_space(&r, (void *)rw, 8), VMIO_EFAULT);
	VT_EQ(vm_fwriter_from_user_space(&w, (void *)rw, 8), VMIO_EFAULT);
	VT_EQ(panic_count, 0);
	VT_EQ(r.r.cursor, 1);
	VT_EQ(r.r.end, 2);
	VT_EQ(w.r.cursor, 3);
	VT_EQ(w.r.end, 4);
	/* The default range cannot be chosen on purpose either. */
	VT_EQ(vmio_user_range_set(VMIO_USER_START, VMIO_USER_END), VMIO_EINVAL);
	vmio_user_range_get(&s, &e);
	VT_EQ(s, VMIO_USER_START);
	VT_EQ(e, VMIO_USER_END);
	/* A range that leaves the kernel out ends it. */
	VT_EQ(vmio_user_range_set(base, base + UREG_PAGES * plat_info()->page_size), 0);
	VT_EQ(vm_freader_from_user_space(&r, (void *)rw, 8), 0);
	VT_EQ(vm_freader_read_val(&r, &v, 8), 0);
	VT_EQ(v, 0);
	VT_EQ(vm_fwriter_from_user_space(&w, (void *)rw, 8), 0);
	VT_EQ(panic_count, 0);
}

int guest_main(void)
{
	return vt_run() ? 1 : 0;
}
