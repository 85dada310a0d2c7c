/*
 * riscv_boot: from entry.S to guest_main(), in the upper half on entry.S's
 * boot page table.  Reads RAM and the timer rate from the device tree,
 * maps RAM and the devices at physical + KERNEL_OFFSET and the user test
 * region (plat.h) in the lower half, switches to those tables (no identity
 * map left), then runs the guest.
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
	return ECAM_BASE + KERNEL_OFFSET;
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
		mmu_map(USER_BASE + i * PAGE_SIZE, virt_to_phys(frame), PAGE_SIZE,
			PTE_U | PTE_R | (ureg_page_writable(i) ? PTE_W : 0));
	}
}

/* Map the device page(s) at physical pa, len bytes, at pa + KERNEL_OFFSET. */
static void map_device(uintptr_t pa, size_t len)
{
	mmu_map(pa + KERNEL_OFFSET, pa, len, PTE_R | PTE_W);
}

/* For plat_smp_start (smp.c): the device tree and the hart we booted on. */
const void *riscv_dtb;
unsigned long riscv_boot_hart;

/* hartid and the device tree's physical address, as OpenSBI passed them. */
void riscv_boot(unsigned long hartid, uintptr_t dtb_phys)
{
	const void *dtb = phys_to_virt(dtb_phys);
	uintptr_t kend = virt_to_phys(__kernel_end), guard = virt_to_phys(__stack_guard);
	uint64_t ram_base, ram_size, ram_end;

	console_init();
	if (!fdt_valid(dtb))
		riscv_panic("no device tree in a1");
	riscv_dtb = dtb;
	riscv_boot_hart = hartid;
	find_memory(dtb, &ram_base, &ram_size);
	ram_end = ram_base + ram_size;
	timer_init(find_timebase(dtb));
	info.mem_bytes = ram_size;
	if (kend > ram_end)
		riscv_panic("kernel image beyond RAM");
	if (ram_end > KERNEL_MAP_LIMIT)
		ram_end = KERNEL_MAP_LIMIT; /* the rest has no kernel address */

	/* Free RAM: after the kernel, and below the device tree if it is above. */
	frames_init((uintptr_t)phys_to_virt(kend),
		    (uintptr_t)phys_to_virt(dtb_phys > kend && dtb_phys < ram_end ? dtb_phys : ram_end));

	/* All RAM but the guard page below the kernel stack. */
	mmu_map((uintptr_t)phys_to_virt(ram_base), ram_base, guard - ram_base,
		PTE_R | PTE_W | PTE_X);
	mmu_map((uintptr_t)phys_to_virt(guard + PAGE_SIZE), guard + PAGE_SIZE,
		ram_end - guard - PAGE_SIZE, PTE_R | PTE_W | PTE_X);
	map_device(TEST_BASE, PAGE_SIZE);
	map_device(UART_BASE, PAGE_SIZE);
	map_device(ECAM_BASE, ECAM_SIZE);
	map_user_region();
	mmu_enable();

	vmio_extable_init();
	if (riscv_vector_init(dtb))
		info.boot = "OpenSBI; V on";
	plat_print_banner();
	plat_exit(guest_main());
}
