/*
 * A small reader for the flattened device tree OpenSBI passes in a1: just
 * enough to find a property of the root or of a node right below it.
 * All fields are big-endian; the structure block is a stream of 32-bit
 * tokens (begin node + name, property + length + name offset + value, end
 * node), each item padded to 4 bytes.
 */
#include <string.h>

#include "riscv.h"

#define FDT_MAGIC 0xd00dfeedU
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_NOP 4
#define FDT_END 9

struct fdt_header {
	uint32_t magic, totalsize, off_dt_struct, off_dt_strings;
	uint32_t off_mem_rsvmap, version, last_comp_version;
	uint32_t boot_cpuid_phys, size_dt_strings, size_dt_struct;
};

static uint32_t be32(const void *p)
{
	const uint8_t *b = p;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* 1 if fdt starts with a device-tree header we can read. */
int fdt_valid(const void *fdt)
{
	const struct fdt_header *h = fdt;

	return fdt && be32(&h->magic) == FDT_MAGIC && be32(&h->last_comp_version) <= 17;
}

/* Total size of the blob in bytes. */
uint32_t fdt_size(const void *fdt)
{
	return be32(&((const struct fdt_header *)fdt)->totalsize);
}

/* Whether a node called name ("memory@80000000") is the node asked for ("memory"). */
static int name_matches(const char *name, const char *want)
{
	size_t n = strlen(want);

	return strncmp(name, want, n) == 0 && (name[n] == '\0' || name[n] == '@');
}

/*
 * The value of property prop of node, where node is "" for the root or the
 * name of a child of the root (the unit address may be left out); its
 * length goes to *len.  NULL when there is no such property.
 */
const void *fdt_prop(const void *fdt, const char *node, const char *prop, uint32_t *len)
{
	const struct fdt_header *h = fdt;
	const uint8_t *base = fdt;
	const uint8_t *p = base + be32(&h->off_dt_struct);
	const uint8_t *end = p + be32(&h->size_dt_struct);
	const char *strings = (const char *)base + be32(&h->off_dt_strings);
	int depth = 0, inside = 0; /* inside: in the node asked for */

	while (p + 4 <= end) {
		uint32_t tok = be32(p);

		p += 4;
		if (tok == FDT_BEGIN_NODE) {
			const char *name = (const char *)p;

			depth++;
			inside = (depth == 1 && node[0] == '\0') ||
				 (depth == 2 && name_matches(name, node));
			p += (strlen(name) + 1 + 3) & ~3UL;
		} else if (tok == FDT_END_NODE) {
			depth--;
			inside = depth == 1 && node[0] == '\0';
		} else if (tok == FDT_PROP) {
			uint32_t plen = be32(p), nameoff = be32(p + 4);

			if (inside && strcmp(strings + nameoff, prop) == 0) {
				*len = plen;
				return p + 8;
			}
			p += 8 + ((plen + 3) & ~3U);
		} else if (tok != FDT_NOP) {
			break; /* FDT_END or garbage */
		}
	}
	return NULL;
}

/* A number of ncells (1 or 2) big-endian cells at p. */
uint64_t fdt_cells(const void *p, uint32_t ncells)
{
	const uint8_t *b = p;

	return ncells == 2 ? (uint64_t)be32(b) << 32 | be32(b + 4) : be32(b);
}

/*
 * The hart ids of the /cpus/cpu@... nodes not marked disabled, in tree
 * order, at most max of them into ids[]; returns how many.  Hart ids need
 * not be contiguous.
 */
unsigned fdt_cpu_harts(const void *fdt, unsigned long *ids, unsigned max)
{
	const struct fdt_header *h = fdt;
	const uint8_t *base = fdt;
	const uint8_t *p = base + be32(&h->off_dt_struct);
	const uint8_t *end = p + be32(&h->size_dt_struct);
	const char *strings = (const char *)base + be32(&h->off_dt_strings);
	int depth = 0, in_cpus = 0, in_cpu = 0, has_reg = 0, disabled = 0;
	unsigned n = 0;
	uint64_t reg = 0;

	while (p + 4 <= end && n < max) {
		uint32_t tok = be32(p);

		p += 4;
		if (tok == FDT_BEGIN_NODE) {
			const char *name = (const char *)p;

			depth++;
			if (depth == 2)
				in_cpus = name_matches(name, "cpus");
			if (depth == 3) {
				in_cpu = in_cpus && name_matches(name, "cpu");
				has_reg = disabled = 0;
			}
			p += (strlen(name) + 1 + 3) & ~3UL;
		} else if (tok == FDT_END_NODE) {
			if (depth == 3 && in_cpu && has_reg && !disabled)
				ids[n++] = (unsigned long)reg;
			if (depth == 3)
				in_cpu = 0;
			depth--;
		} else if (tok == FDT_PROP) {
			uint32_t plen = be32(p), nameoff = be32(p + 4);

			if (depth == 3 && in_cpu) {
				if (strcmp(strings + nameoff, "reg") == 0 && (plen == 4 || plen == 8)) {
					reg = fdt_cells(p + 8, plen / 4);
					has_reg = 1;
				} else if (strcmp(strings + nameoff, "status") == 0 &&
					   strncmp((const char *)p + 8, "disabled", 8) == 0) {
					disabled = 1;
				}
			}
			p += 8 + ((plen + 3) & ~3U);
		} else if (tok != FDT_NOP) {
			break;
		}
	}
	return n;
}
