/*
 * RAM discovery and the frame allocator.  The PVH loader hands us struct
 * hvm_start_info; from version 1 on it points to an E820-style memory map.
 * Without one we fall back to the CMOS size registers QEMU fills in.
 */
#include <string.h>

#include "boot.h"
#include "plat.h"
#include "x86.h"

#define HVM_START_MAGIC 0x336ec578
#define MEMMAP_RAM 1
#define MAX_RANGES 16

struct hvm_start_info {
	uint32_t magic;
	uint32_t version;
	uint32_t flags;
	uint32_t nr_modules;
	uint64_t modlist_paddr;
	uint64_t cmdline_paddr;
	uint64_t rsdp_paddr;
	uint64_t memmap_paddr; /* version >= 1 */
	uint32_t memmap_entries;
	uint32_t reserved;
};

struct hvm_memmap_entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
	uint32_t reserved;
};

extern char _end[]; /* end of the image, page-aligned (kernel.ld) */

/* Free RAM above the image, mapped at KERNEL_BASE, in address order (physical). */
static struct {
	uint64_t base, end;
} ranges[MAX_RANGES];
static unsigned nranges, cur;

/* Record RAM [addr, addr + size) as free where it lies above the image and in the kernel map. */
static void add_ram(uint64_t addr, uint64_t size)
{
	uint64_t base = addr, end = addr + size;
	uint64_t image_end = virt_to_phys(_end);

	if (base < image_end)
		base = image_end;
	if (end > KERNEL_MAP_LIMIT)
		end = KERNEL_MAP_LIMIT;
	base = (base + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
	end &= ~(uint64_t)(PAGE_SIZE - 1);
	if (base < end && nranges < MAX_RANGES) {
		ranges[nranges].base = base;
		ranges[nranges].end = end;
		nranges++;
	}
}

/* CMOS register r (QEMU's RTC keeps the memory size there). */
static uint8_t cmos_read(uint8_t r)
{
	outb(0x70, r);
	return inb(0x71);
}

/*
 * Find RAM from the PVH memory map (or CMOS) and set up the frame allocator.
 * The start info and the map lie in low RAM, read at KERNEL_BASE.
 */
void mem_init(uint32_t start_info_phys)
{
	const struct hvm_start_info *si = phys_to_virt(start_info_phys);
	uint64_t total = 0;

	if (si->magic != HVM_START_MAGIC)
		boot_panic("no PVH start info (bad magic)");
	if (si->version >= 1 && si->memmap_entries) {
		const struct hvm_memmap_entry *e = phys_to_virt(si->memmap_paddr);

		for (uint32_t i = 0; i < si->memmap_entries; i++) {
			if (e[i].type != MEMMAP_RAM)
				continue;
			total += e[i].size;
			add_ram(e[i].addr, e[i].size);
		}
	} else {
		/* 0x34/0x35: RAM between 16 MiB and 4 GiB in 64 KiB units. */
		uint64_t above16m = (uint64_t)(cmos_read(0x34) | cmos_read(0x35) << 8) << 16;

		total = (16ULL << 20) + above16m;
		add_ram(1ULL << 20, total - (1ULL << 20));
	}
	if (!nranges)
		boot_panic("no free RAM above the image");
	boot_set_mem_bytes(total);
}

/*
 * Bump-allocate nframes zeroed, contiguous 4 KiB frames, returned at their
 * KERNEL_BASE address; NULL when none are left.
 */
void *plat_frames_alloc(size_t nframes)
{
	for (; cur < nranges; cur++) {
		uint64_t room = (ranges[cur].end - ranges[cur].base) / PAGE_SIZE;

		if (nframes <= room) {
			uint64_t *p = phys_to_virt(ranges[cur].base);

			ranges[cur].base += nframes * PAGE_SIZE;
			for (size_t i = 0; i < nframes * (PAGE_SIZE / 8); i++)
				p[i] = 0;
			return p;
		}
	}
	return NULL;
}
