/*
 * The once-accesses and the fallible cmpxchg: round trips at every width
 * (kernel memory through the infallible ones, user memory through the
 * fallible ones), faults on unmapped and read-only pages, misalignment.
 */
#include "ureg.h"
#include "vmio/once.h"
#include "vtest.h"

static const uint64_t values[] = { 0, 1, 0x80, 0xff, 0x1234, 0x8000ffff,
				   0xffffffff, 0x0123456789abcdefULL, ~0ULL };

/* Widths as a table: 1, 2, 4, 8 bytes. */
static uint64_t mask_of(unsigned bytes)
{
	return bytes == 8 ? ~0ULL : (1ULL << (8 * bytes)) - 1;
}

static int load(unsigned bytes, const void *p, uint64_t *out)
{
	uint8_t b;
	uint16_t h;
	uint32_t w;
	int r;

	switch (bytes) {
	case 1: r = vmio_load_u8_fallible(p, &b); if (!r) *out = b; return r;
	case 2: r = vmio_load_u16_fallible(p, &h); if (!r) *out = h; return r;
	case 4: r = vmio_load_u32_fallible(p, &w); if (!r) *out = w; return r;
	default: return vmio_load_u64_fallible(p, out);
	}
}

static int store(unsigned bytes, void *p, uint64_t v)
{
	switch (bytes) {
	case 1: return vmio_store_u8_fallible(p, (uint8_t)v);
	case 2: return vmio_store_u16_fallible(p, (uint16_t)v);
	case 4: return vmio_store_u32_fallible(p, (uint32_t)v);
	default: return vmio_store_u64_fallible(p, v);
	}
}

static uint64_t load_infallible(unsigned bytes, const volatile void *p)
{
	switch (bytes) {
	case 1: return vmio_arch_load_u8(p);
	case 2: return vmio_arch_load_u16(p);
	case 4: return vmio_arch_load_u32(p);
	default: return vmio_arch_load_u64(p);
	}
}

static void store_infallible(unsigned bytes, volatile void *p, uint64_t v)
{
	switch (bytes) {
	case 1: vmio_arch_store_u8(p, (uint8_t)v); break;
	case 2: vmio_arch_store_u16(p, (uint16_t)v); break;
	case 4: vmio_arch_store_u32(p, (uint32_t)v); break;
	default: vmio_arch_store_u64(p, v); break;
	}
}

VT_CASE(once_infallible_round_trip_kernel)
{
	static uint64_t cell[2];

	for (unsigned bytes = 1; bytes <= 8; bytes *= 2)
		for (unsigned i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
			cell[0] = cell[1] = 0x5a5a5a5a5a5a5a5aULL;
			store_infallible(bytes, &cell[0], values[i]);
			VT_EQ(load_infallible(bytes, &cell[0]), values[i] & mask_of(bytes));
			/* Bytes past the width are untouched (little endian). */
			if (bytes < 8)
				VT_EQ(cell[0] >> (8 * bytes), 0x5a5a5a5a5a5a5a5aULL >> (8 * bytes));
			VT_EQ(cell[1], 0x5a5a5a5a5a5a5a5aULL);
		}
}

VT_CASE(once_fallible_round_trip_user)
{
	ureg_setup();
	uint8_t *p = ureg_page(UREG_RW2) + 64;

	for (unsigned bytes = 1; bytes <= 8; bytes *= 2)
		for (unsigned i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
			uint64_t out = 0x77;

			VT_EQ(store(bytes, p, values[i]), 0);
			VT_EQ(load(bytes, p, &out), 0);
			VT_EQ(out, values[i] & mask_of(bytes));
			/* The next byte keeps its pattern. */
			VT_EQ(load(1, p + bytes, &out), 0);
			VT_EQ(out, ureg_expected(p + bytes));
		}
	ureg_restore(p, 8);
}

VT_CASE(once_fallible_faults)
{
	ureg_setup();
	uint8_t *hole = ureg_page(UREG_RW2 + 1);
	uint8_t *ro = ureg_page(UREG_RO);

	for (unsigned bytes = 1; bytes <= 8; bytes *= 2) {
		uint64_t out = 0x77, want = 0;

		VT_EQ(load(bytes, hole, &out), VMIO_EFAULT);
		VT_EQ(out, 0x77);
		VT_EQ(load(bytes, ureg_page(0) + ureg_ps - bytes, &out), VMIO_EFAULT);
		VT_EQ(store(bytes, hole + 8, 1), VMIO_EFAULT);
		/* Read-only: loads work, stores fault and change nothing. */
		VT_EQ(load(bytes, ro + 8, &out), 0);
		for (unsigned i = 0; i < bytes; i++)
			want |= (uint64_t)plat_ro_byte(8 + i) << (8 * i);
		VT_EQ(out, want);
		VT_EQ(store(bytes, ro + 8, ~want), VMIO_EFAULT);
		VT_EQ(load(bytes, ro + 8, &out), 0);
		VT_EQ(out, want);
	}
}

VT_CASE(once_misaligned_is_refused_without_access)
{
	ureg_setup();
	uint8_t *rw = ureg_page(UREG_RW2);
	uint8_t *hole = ureg_page(UREG_RW2 + 1);

	for (unsigned bytes = 2; bytes <= 8; bytes *= 2)
		for (unsigned off = 1; off < bytes; off++) {
			uint64_t out = 0x77;

			/* In a hole an access would fault: EINVAL shows none was made. */
			VT_EQ(load(bytes, hole + off, &out), VMIO_EINVAL);
			VT_EQ(store(bytes, hole + off, 1), VMIO_EINVAL);
			VT_EQ(store(bytes, rw + off, 0), VMIO_EINVAL);
			VT_EQ(load(1, rw + off, &out), 0);
			VT_EQ(out, ureg_expected(rw + off));
		}
}

VT_CASE(cmpxchg_fallible)
{
	ureg_setup();
	uint32_t *u = (uint32_t *)(ureg_page(UREG_RW2) + 128);
	uint32_t old = 0, v = 0;

	VT_EQ(vmio_store_u32_fallible(u, 0xffffffff), 0);
	/* Equal: swapped, and 0xffffffff comes back as a value, not an error. */
	VT_EQ(vmio_cmpxchg_u32_fallible(u, 0xffffffff, 7, &old), 0);
	VT_EQ(old, 0xffffffff);
	VT_EQ(vmio_load_u32_fallible(u, &v), 0);
	VT_EQ(v, 7);
	/* Not equal: the value found, nothing stored. */
	VT_EQ(vmio_cmpxchg_u32_fallible(u, 8, 9, &old), 0);
	VT_EQ(old, 7);
	VT_EQ(vmio_load_u32_fallible(u, &v), 0);
	VT_EQ(v, 7);
	/* Faults: *old untouched. */
	old = 0x1234;
	VT_EQ(vmio_cmpxchg_u32_fallible((uint32_t *)ureg_page(UREG_RW2 + 1), 0, 1, &old),
	      VMIO_EFAULT);
	VT_EQ(old, 0x1234);
	uint32_t *ro = (uint32_t *)(ureg_page(UREG_RO) + 16);
	uint32_t ro_val = 0;
	VT_EQ(vmio_load_u32_fallible(ro, &ro_val), 0);
	VT_EQ(vmio_cmpxchg_u32_fallible(ro, ro_val, ro_val + 1, &old), VMIO_EFAULT);
	VT_EQ(old, 0x1234);
	VT_EQ(vmio_load_u32_fallible(ro, &v), 0);
	VT_EQ(v, ro_val);
	/* A comparison that fails needs write access too, on every ISA. */
	VT_EQ(vmio_cmpxchg_u32_fallible(ro, ro_val + 1, 0, &old), VMIO_EFAULT);
	VT_EQ(old, 0x1234);
	VT_EQ(vmio_load_u32_fallible(ro, &v), 0);
	VT_EQ(v, ro_val);
	VT_EQ(vmio_cmpxchg_u32_fallible((uint32_t *)((uint8_t *)u + 2), 7, 1, &old),
	      VMIO_EINVAL);
	ureg_restore((uint8_t *)u, 4);
}
