/*
 * boot_main: the C side of the x86_64 boot, called by entry.S in long mode
 * in the top 2 GiB, the boot identity map still on (mmu_init drops its RAM).  Also the platform facts of plat.h that need no
 * hardware: plat_info() and plat_exit().
 */
#include <stdio.h>

#include "boot.h"
#include "plat.h"
#include "vmio/extable.h"
#include "x86.h"

#define DEBUG_EXIT_PORT 0xf4 /* isa-debug-exit: QEMU exits with (v << 1) | 1 */

static struct plat_info info = { "x86_64", "PVH loader", 0, PAGE_SIZE };

/* Our platform description; mem_bytes is filled in by mem_init(). */
const struct plat_info *plat_info(void)
{
	return &info;
}

/* Record the RAM that mem.c found. */
void boot_set_mem_bytes(uint64_t bytes)
{
	info.mem_bytes = bytes;
}

/* Exit QEMU through isa-debug-exit: status 0 -> exit code 1, else 3. */
_Noreturn void plat_exit(int status)
{
	outl(DEBUG_EXIT_PORT, status ? 1 : 0);
	for (;;)
		__asm__ volatile("cli; hlt");
}

/* Report a fatal boot error and fail. */
_Noreturn void boot_panic(const char *why)
{
	printf("boot: %s\n", why);
	plat_exit(1);
}

/* Bring the machine up in the order plat.h asks for, run the guest, power off. */
void boot_main(uint32_t start_info);
void boot_main(uint32_t start_info)
{
	console_init();
	idt_init();
	cpu_init();
	mem_init(start_info);
	mmu_init();
	pci_init();
	timer_init();
	vmio_extable_init();
	plat_print_banner();
	printf("  cpu: SMEP %s, SMAP %s; PCI ECAM at %p\n", cpu_smep ? "on" : "off",
	       cpu_smap ? "on" : "off", (void *)plat_pci_ecam_base());
	__asm__ volatile("sti");
	plat_exit(guest_main());
}
