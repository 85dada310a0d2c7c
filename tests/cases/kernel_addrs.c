/*
 * Bare metal only: the kernel's own memory is not user memory.  Our
 * firmware runs its kernel outside the default user range on every ISA
 * (x86_64 and riscv64 in the top of the upper half, loongarch64 in a DMW
 * window), so from_user_space, of both kinds, refuses an address of its
 * text, data, bss, stack, exception table and a frame of its allocator
 * with VMIO_EFAULT and leaves the out-param as it was.  The user test
 * region is the control: the same calls accept it.  And the image has no
 * alias at its physical address: the boot-time identity map is gone.
 */
#ifndef VMIO_HOST
#include <stdio.h>
#include <string.h>

#include "plat.h"
#include "vmio/extable.h"
#include "vmio/vmio.h"
#include "vtest.h"

extern struct vmio_extable_entry __start_vmio_extable[];

/* Kernel address - physical address of the image (boot/<isa>/kernel.ld). */
#if defined(__x86_64__)
#define IMAGE_OFFSET 0xffffffff80000000UL
extern const char boot_stack_guard[]; /* boot/x86_64/entry.S */
#define STACK_GUARD ((uintptr_t)boot_stack_guard)
#define GUARD_SIZE 4096
#elif defined(__riscv)
#define IMAGE_OFFSET 0xffffffff00000000UL
extern const char __stack_guard[]; /* boot/riscv64/kernel.ld */
#define STACK_GUARD ((uintptr_t)__stack_guard)
#define GUARD_SIZE 4096
#elif defined(__loongarch__)
#define IMAGE_OFFSET 0x9000000000000000UL
#include "../../boot/loongarch64/boot.h"
#define STACK_GUARD ((uintptr_t)LA_KSTACK_GUARD)
#define GUARD_SIZE LA_PAGE_SIZE
#endif

static int kernel_data = 1;  /* .data */
static int kernel_bss;       /* .bss */

/* A function whose address is the kernel text. */
static int kernel_text(void)
{
	return kernel_data + kernel_bss;
}

/*
 * Both from_user_space calls on [p, p + len): 1 if each returns
 * VMIO_EFAULT and leaves its out-param byte for byte as it was, else 0.
 */
static int refused(const void *p, size_t len)
{
	struct vm_freader r, r0;
	struct vm_fwriter w, w0;
	int ok = 1;

	memset(&r, 0xa5, sizeof(r));
	memset(&w, 0x5a, sizeof(w));
	r0 = r;
	w0 = w;
	ok &= vm_freader_from_user_space(&r, p, len) == VMIO_EFAULT;
	ok &= memcmp(&r, &r0, sizeof(r)) == 0;
	ok &= vm_fwriter_from_user_space(&w, (void *)(uintptr_t)p, len) == VMIO_EFAULT;
	ok &= memcmp(&w, &w0, sizeof(w)) == 0;
	return ok;
}

/* Refused for an empty range, one byte and a page-sized range at p. */
static int refused_at(const void *p)
{
	return refused(p, 0) && refused(p, 1) && refused(p, 4096);
}

VT_CASE(user_space_refuses_kernel_text_data_bss_stack_extable)
{
	uint8_t local[16] = { 0 };
	const void *text = (const void *)(uintptr_t)&kernel_text;
	static int printed;

	if (!printed++)
		printf("  kernel text %p, data %p, bss %p, stack %p, extable %p\n", text,
		       (void *)&kernel_data, (void *)&kernel_bss, (void *)local,
		       (void *)__start_vmio_extable);
	VT_EQ(kernel_text(), 1);
	VT_CHECK(refused_at(text));
	VT_CHECK(refused_at(&kernel_data));
	VT_CHECK(refused_at(&kernel_bss));
	VT_CHECK(refused_at(local));
	VT_CHECK(refused_at(__start_vmio_extable));
}

VT_CASE(user_space_refuses_kernel_frames)
{
	void *frame = plat_frames_alloc(1);

	VT_CHECK(frame != NULL);
	VT_CHECK(refused_at(frame));
}

/* A plain load from the image's physical address faults; from its kernel address it does not. */
VT_CASE(kernel_image_has_no_low_alias)
{
	uintptr_t va = (uintptr_t)&kernel_data;

	VT_EQ(plat_plain_load_faults((const volatile uint8_t *)(va - IMAGE_OFFSET)), 1);
	VT_EQ(plat_plain_load_faults((const volatile uint8_t *)va), 0);
}

/* The kernel stack's guard page is unmapped in the kernel's high map; the page above it is not. */
VT_CASE(kernel_stack_guard_page_faults)
{
	VT_EQ(plat_plain_load_faults((const volatile uint8_t *)STACK_GUARD), 1);
	VT_EQ(plat_plain_load_faults((const volatile uint8_t *)STACK_GUARD + GUARD_SIZE - 1), 1);
	VT_EQ(plat_plain_load_faults((const volatile uint8_t *)STACK_GUARD + GUARD_SIZE), 0);
}

/* The control: the same calls take the user test region. */
VT_CASE(user_space_takes_the_user_region)
{
	const uint8_t *u = (const uint8_t *)plat_user_base() + UREG_RW * plat_info()->page_size;
	struct vm_freader r;
	struct vm_fwriter w;

	VT_EQ(vm_freader_from_user_space(&r, u, 16), 0);
	VT_EQ((uintptr_t)vm_freader_cursor(&r), (uintptr_t)u);
	VT_EQ(vm_freader_remain(&r), 16);
	VT_EQ(vm_fwriter_from_user_space(&w, (void *)(uintptr_t)u, 16), 0);
	VT_EQ(vm_fwriter_avail(&w), 16);
	VT_CHECK(!refused(u, 1));
}
#endif
