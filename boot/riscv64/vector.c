/*
 * The vector extension at boot: if the device tree's first riscv,isa
 * (/cpus/cpu@0; QEMU gives every hart the same) names V among its
 * single-letter extensions, turn sstatus.VS on (Initial) and tell vmio it
 * may use V (vmio/rvv.h).  sstatus.VS alone would not do: QEMU lets S-mode
 * set it on a CPU without V.
 *
 * User programs run with VS Off (user_entry.S clears it before sret), so
 * they have no vector state the kernel could clobber: a vector instruction
 * in U-mode traps as illegal.  A trap from U-mode turns VS on for the
 * kernel (trap_entry.S), and sret puts back the user's sstatus, VS Off.
 */
#include <string.h>

#include "riscv.h"
#include "vmio/rvv.h"

#define SSTATUS_VS_INITIAL (1UL << 9)
#define FDT_BEGIN_NODE 1
#define FDT_PROP 3
#define FDT_END_NODE 2
#define FDT_NOP 4

static uint32_t be32(const uint8_t *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* The first property called prop anywhere in the tree, or NULL. */
static const char *fdt_first_prop(const void *fdt, const char *prop)
{
	const uint8_t *base = fdt;
	const uint8_t *p = base + be32(base + 8);	/* off_dt_struct */
	const uint8_t *end = p + be32(base + 36);	/* size_dt_struct */
	const char *strings = (const char *)base + be32(base + 12);

	while (p + 4 <= end) {
		uint32_t tok = be32(p);

		p += 4;
		if (tok == FDT_BEGIN_NODE) {
			p += (strlen((const char *)p) + 1 + 3) & ~3UL;
		} else if (tok == FDT_PROP) {
			uint32_t plen = be32(p), nameoff = be32(p + 4);

			if (strcmp(strings + nameoff, prop) == 0 && plen > 0 &&
			    ((const char *)p + 8)[plen - 1] == '\0')
				return (const char *)p + 8;
			p += 8 + ((plen + 3) & ~3U);
		} else if (tok != FDT_END_NODE && tok != FDT_NOP) {
			break;
		}
	}
	return NULL;
}

/* Whether isa ("rv64imafdcvh_zicsr_...") has the single-letter extension v. */
static int isa_has_v(const char *isa)
{
	if (strncmp(isa, "rv64", 4) != 0)
		return 0;
	for (isa += 4; *isa && *isa != '_'; isa++)
		if (*isa == 'v')
			return 1;
	return 0;
}

/* Turn on V for the kernel and for vmio if the device tree says we have it. */
int riscv_vector_init(const void *dtb)
{
	const char *isa = fdt_first_prop(dtb, "riscv,isa");

	if (!isa || !isa_has_v(isa))
		return 0;
	__asm__ volatile("csrs sstatus, %0" : : "r"(SSTATUS_VS_INITIAL));
	vmio_rvv_enable();
	return 1;
}
