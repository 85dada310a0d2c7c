/* CPU protection features: SMEP and SMAP, turned on when CPUID says they exist. */
#include "boot.h"
#include "x86.h"

#define CPUID7_EBX_SMEP (1u << 7)
#define CPUID7_EBX_SMAP (1u << 20)

int cpu_smep, cpu_smap;

/*
 * Turn on CR4.SMEP (no kernel execution from user pages) and CR4.SMAP (no
 * kernel data access to user pages unless RFLAGS.AC is set) if the CPU has
 * them.  CR0.WP (no kernel writes to read-only pages) is set by entry.S.
 */
void cpu_init(void)
{
	uint32_t r[4];
	uint64_t cr4 = read_cr4();

	cpuid(0, 0, r);
	if (r[0] >= 7) {
		cpuid(7, 0, r);
		cpu_smep = (r[1] & CPUID7_EBX_SMEP) != 0;
		cpu_smap = (r[1] & CPUID7_EBX_SMAP) != 0;
	}
	if (cpu_smep)
		cr4 |= CR4_SMEP;
	if (cpu_smap)
		cr4 |= CR4_SMAP;
	write_cr4(cr4);
}
