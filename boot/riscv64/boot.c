/*
 * riscv_boot: from entry.S to guest_main().  Reads RAM and the timer rate
 * from the device tree, maps the kernel, the devices and the user test
 * region (plat.h) with Sv39, then runs the guest.
 */
#include <stdio.h>
#include <string.h>

#include "plat.h"
#include "riscv.h"
#include "vmio/extable.h"

#define UART_BASE 0x10000000UL
#define TEST_BASE 0x100000UL
#define ECAM_BASE 0x30000000UL /* QEMU virt PCIe configuration space */
#define ECAM_SIZE 0x10000000UL /* 256 buses */
#define USER_BASE 0x40000000UL /* the user test region, in the lower half */

extern char __kernel_start[], __kernel_end[], __stack_guard[];

static struct plat_info info = { "riscv64", "OpenSBI", 0, PAGE_SIZE };

const struct plat_info *plat_info(void)
{
	return &info;
}

uintptr_t plat_user_base(void)
{
	return USER_BASE;
}

uintptr_t plat_pci_ecam_base(void)
{
	return ECAM_BASE;
}

/* Report a fatal boot error and fail. */
_Noreturn void riscv_panic(const char *why)
{
	printf("riscv64 boot: %s\n", why);
	plat_exit(3);
}

/* Base and size of RAM from the /memory node (root #address/#size-cells). */
static void find_memory(const void *dtb, uint64_t *base, uint64_t *size)
{
	const void *p;
	uint32_t len, ac = 2, sc = 2;

	if ((p = fdt_prop(dtb, "", "#address-cells", &len)) && len == 4)
		ac = (uint32_t)fdt_cells(p, 1);
	if ((p = fdt_prop(dtb, "", "#size-cells", &len)) && len == 4)
		sc = (uint32_t)fdt_cells(p, 1);
	p = fdt_prop(dtb, "memory", "reg", &len);
	if (!p || ac < 1 || ac > 2 || sc < 1 || sc > 2 || len < 4 * (ac + sc))
		riscv_panic("no /memory reg in the device tree");
	*base = fdt_cells(p, ac);
	*size = fdt_cells((const uint8_t *)p + 4 * ac, sc);
}

/* The rate of rdtime: /cpus timebase-frequency, or 0 if absent. */
static uint64_t find_timebase(const void *dtb)
{
	uint32_t len;
	const void *p = fdt_prop(dtb, "cpus", "timebase-frequency", &len);

	return p && (len == 4 || len == 8) ? fdt_cells(p, len / 4) : 0;
}

/*
 * The user test region: each mapped page gets a fresh frame (zeroed); the
 * read-only one is filled with plat_ro_byte(i) through its kernel address
 * before it is mapped read-only for the user.
 */
static void map_user_region(void)
{
	for (unsigned i = 0; i < UREG_PAGES; i++) {
		uint8_t *frame = plat_user_frame(i);

		if (!frame)
			continue;
		mmu_map(USER_BASE + i * PAGE_SIZE, (uintptr_t)frame, PAGE_SIZE,
			PTE_U | PTE_R | (ureg_page_writable(i) ? PTE_W : 0));
	}
}

void riscv_boot(unsigned long hartid, const void *dtb)
{
	uintptr_t dtb_addr = (uintptr_t)dtb, kend = (uintptr_t)__kernel_end;
	uintptr_t guard = (uintptr_t)__stack_guard;
	uint64_t ram_base, ram_size, ram_end;

	(void)hartid;
	console_init();
	if (!fdt_valid(dtb))
		riscv_panic("no device tree in a1");
	find_memory(dtb, &ram_base, &ram_size);
	ram_end = ram_base + ram_size;
	timer_init(find_timebase(dtb));
	info.mem_bytes = ram_size;
	if (kend > ram_end)
		riscv_panic("kernel image beyond RAM");

	/* Free RAM: after the kernel, and below the device tree if it is above. */
	frames_init(kend, dtb_addr > kend && dtb_addr < ram_end ? dtb_addr : ram_end);

	/* All RAM but the guard page below the kernel stack. */
	mmu_map(ram_base, ram_base, guard - ram_base, PTE_R | PTE_W | PTE_X);
	mmu_map(guard + PAGE_SIZE, guard + PAGE_SIZE, ram_end - guard - PAGE_SIZE,
		PTE_R | PTE_W | PTE_X);
	mmu_map(TEST_BASE, TEST_BASE, PAGE_SIZE, PTE_R | PTE_W);
	mmu_map(UART_BASE, UART_BASE, PAGE_SIZE, PTE_R | PTE_W);
	mmu_map(ECAM_BASE, ECAM_BASE, ECAM_SIZE, PTE_R | PTE_W);
	map_user_region();
	mmu_enable();

	vmio_extable_init();
	plat_print_banner();
	plat_exit(guest_main());
}
