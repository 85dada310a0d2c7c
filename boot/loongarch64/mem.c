/*
 * RAM discovery and the frame allocator.
 *
 * QEMU 7.2's loongarch virt machine starts a directly booted ELF with every
 * general register 0: it does put a device tree at physical 1 MiB, but
 * tells nobody.  What it does offer is fw_cfg (MMIO at 0x1e020000), whose
 * FW_CFG_RAM_SIZE item holds the -m size; we read that.  RAM is [0, 256 MiB) and, for the rest, from
 * 0x90000000 up.  The allocator hands out frames after our image in the
 * low part, then from the high part.
 */
#include "boot.h"
#include "csr.h"
#include "plat.h"

#define FW_CFG_SIGNATURE 0x0000
#define FW_CFG_RAM_SIZE 0x0003

extern char __kernel_end[];

static struct plat_info info = {
	"loongarch64", "QEMU -kernel (direct ELF boot)", 0, LA_PAGE_SIZE,
};

/* The region we allocate from: [next, end), physical; high is still to come. */
static uint64_t next_pa, end_pa, high_pa, high_end_pa;

const struct plat_info *plat_info(void)
{
	return &info;
}

/* Select fw_cfg item key and read n <= 8 of its bytes as a little-endian number. */
static uint64_t fw_cfg_read(uint16_t key, unsigned n)
{
	volatile uint16_t *sel = (volatile uint16_t *)phys_to_uncached(VIRT_FWCFG + 8);
	volatile uint8_t *data = (volatile uint8_t *)phys_to_uncached(VIRT_FWCFG);
	uint64_t v = 0;

	*sel = (uint16_t)(key << 8 | key >> 8); /* the selector is big-endian */
	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)*data << (8 * i);
	return v;
}

/* Find the RAM size (fw_cfg, else the low 256 MiB) and the free frames. */
void mem_init(void)
{
	uint64_t ram = VIRT_LOWRAM_SIZE;

	if (fw_cfg_read(FW_CFG_SIGNATURE, 4) == 0x554d4551) /* "QEMU" */
		ram = fw_cfg_read(FW_CFG_RAM_SIZE, 8);
	info.mem_bytes = ram;

	next_pa = cached_to_phys((uintptr_t)__kernel_end);
	end_pa = ram < VIRT_LOWRAM_SIZE ? ram : VIRT_LOWRAM_SIZE;
	if (ram > VIRT_LOWRAM_SIZE) {
		high_pa = VIRT_HIGHRAM_BASE;
		high_end_pa = VIRT_HIGHRAM_BASE + (ram - VIRT_LOWRAM_SIZE);
	}
}

/* Bump allocator: nframes zeroed pages from the current region, or from the next. */
void *plat_frames_alloc(size_t nframes)
{
	if (nframes > (end_pa - next_pa) / LA_PAGE_SIZE) {
		if (high_end_pa == 0 || nframes > (high_end_pa - high_pa) / LA_PAGE_SIZE)
			return NULL;
		next_pa = high_pa;
		end_pa = high_end_pa;
		high_pa = high_end_pa = 0;
	}
	uint64_t *p = (uint64_t *)phys_to_cached(next_pa);
	size_t words = nframes * (LA_PAGE_SIZE / 8);

	next_pa += nframes * LA_PAGE_SIZE;
	for (size_t i = 0; i < words; i++)
		p[i] = 0;
	return p;
}

/* The ECAM space of QEMU's gpex host bridge, through the uncached window. */
uintptr_t plat_pci_ecam_base(void)
{
	return phys_to_uncached(VIRT_PCIE_ECAM);
}

/* LoongArch has no SMAP-like switch: PLV0 may always touch PLV3 pages. */
int plat_user_access_open(void)
{
	return 0;
}
