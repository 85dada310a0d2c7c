/*
 * PCI ECAM on q35: the MCH's PCIEXBAR register (bus 0, device 0, function
 * 0, offset 0x60) places the 256 MiB MMCONFIG window.  The BIOS normally
 * enables it at 0xb0000000; if it did not, we do.  entry.S maps
 * 0xb0000000..4 GiB uncached.
 */
#include "boot.h"
#include "plat.h"
#include "x86.h"

#define PCI_CONFIG_ADDR 0xcf8
#define PCI_CONFIG_DATA 0xcfc
#define PCIEXBAR 0x60
#define PCIEXBAR_ENABLE 1u
#define PCIEXBAR_BASE_MASK 0xf0000000u /* with length field 0: 256 buses */
#define ECAM_DEFAULT 0xb0000000u

static uintptr_t ecam;

/* Read or write a 32-bit config register of the host bridge via ports 0xcf8/0xcfc. */
static uint32_t host_bridge_read(uint8_t off)
{
	outl(PCI_CONFIG_ADDR, 0x80000000u | off);
	return inl(PCI_CONFIG_DATA);
}

static void host_bridge_write(uint8_t off, uint32_t v)
{
	outl(PCI_CONFIG_ADDR, 0x80000000u | off);
	outl(PCI_CONFIG_DATA, v);
}

/* Find (or set up) the ECAM window below 4 GiB, where entry.S mapped it uncached. */
void pci_init(void)
{
	uint32_t lo = host_bridge_read(PCIEXBAR), hi = host_bridge_read(PCIEXBAR + 4);

	if (!(lo & PCIEXBAR_ENABLE) || hi != 0 || (lo & 0x6) != 0 ||
	    (lo & PCIEXBAR_BASE_MASK) < ECAM_DEFAULT) {
		host_bridge_write(PCIEXBAR + 4, 0);
		host_bridge_write(PCIEXBAR, ECAM_DEFAULT | PCIEXBAR_ENABLE);
		lo = ECAM_DEFAULT;
	}
	ecam = lo & PCIEXBAR_BASE_MASK;
}

/* Identity address of the ECAM window (bus 0 device 0 function 0 at its start). */
uintptr_t plat_pci_ecam_base(void)
{
	return ecam;
}
