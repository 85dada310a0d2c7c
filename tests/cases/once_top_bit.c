/*
 * Once-loads of values with the top bit of their width set, compared as
 * the C type they are, never widened first.  riscv64's and loongarch64's
 * psABIs keep a 32-bit value sign-extended in its register (unsigned ones
 * too) and 8- and 16-bit unsigned ones zero-extended; a compiler compares
 * the whole register with a constant so extended, so a routine that
 * returns the other form makes `v == 0x80000000u` false.
 */
#include "ureg.h"
#include "vmio/mmio.h"
#include "vmio/once.h"
#include "vtest.h"

/* The comparisons live in functions of their own that take the value as
 * it came back, in the same register, so nothing re-extends it. */
__attribute__((noinline)) static int is_u8(uint8_t v, uint8_t want) { return v == want; }
__attribute__((noinline)) static int is_u16(uint16_t v, uint16_t want) { return v == want; }
__attribute__((noinline)) static int is_u32(uint32_t v, uint32_t want) { return v == want; }
__attribute__((noinline)) static int is_top_u32(uint32_t v) { return v == 0x80000000u; }

static volatile uint64_t cell;

VT_CASE(infallible_loads_with_the_top_bit_set_compare_as_their_type)
{
	static const uint32_t w32[] = { 0x80000000u, 0xffffffffu, 0x80000001u, 0xfffffffeu };

	for (unsigned i = 0; i < sizeof(w32) / sizeof(w32[0]); i++) {
		cell = 0x5a5a5a5a00000000ULL | w32[i];
		uint32_t v = vmio_arch_load_u32(&cell);

		VT_CHECK(v == w32[i]);
		VT_CHECK(is_u32(vmio_arch_load_u32(&cell), w32[i]));
		VT_CHECK(vmio_arch_load_u32(&cell) == w32[i]);
	}
	cell = 0x80000000u;
	VT_CHECK(is_top_u32(vmio_arch_load_u32(&cell)));
	VT_CHECK(vmio_arch_load_u32(&cell) == 0x80000000u);

	cell = 0x8080;
	VT_CHECK(vmio_arch_load_u8(&cell) == 0x80u);
	VT_CHECK(is_u8(vmio_arch_load_u8(&cell), 0x80));
	VT_CHECK(vmio_arch_load_u16(&cell) == 0x8080u);
	VT_CHECK(is_u16(vmio_arch_load_u16(&cell), 0x8080));
	cell = 0xffff;
	VT_CHECK(vmio_arch_load_u8(&cell) == 0xffu);
	VT_CHECK(vmio_arch_load_u16(&cell) == 0xffffu);
	cell = 0x8000000000000000ULL;
	VT_CHECK(vmio_arch_load_u64(&cell) == 0x8000000000000000ULL);
}

VT_CASE(fallible_loads_and_cmpxchg_with_the_top_bit_set)
{
	ureg_setup();
	uint8_t *p = ureg_page(UREG_RW2) + 256;
	uint32_t w = 0, old = 0;
	uint16_t h = 0;
	uint8_t b = 0;

	VT_EQ(vmio_store_u32_fallible(p, 0x80000000u), 0);
	VT_EQ(vmio_load_u32_fallible(p, &w), 0);
	VT_CHECK(w == 0x80000000u);
	VT_CHECK(is_top_u32(w));
	VT_EQ(vmio_load_u16_fallible(p + 2, &h), 0);
	VT_CHECK(h == 0x8000u);
	VT_EQ(vmio_load_u8_fallible(p + 3, &b), 0);
	VT_CHECK(b == 0x80u);

	/* Equal with the top bit set: swapped. */
	VT_EQ(vmio_cmpxchg_u32_fallible((uint32_t *)p, 0x80000000u, 0xfffffffeu, &old), 0);
	VT_CHECK(old == 0x80000000u);
	VT_EQ(vmio_load_u32_fallible(p, &w), 0);
	VT_CHECK(w == 0xfffffffeu);
	/* Not equal: 0x7ffffffe shares the low 31 bits, nothing stored. */
	VT_EQ(vmio_cmpxchg_u32_fallible((uint32_t *)p, 0x7ffffffeu, 1, &old), 0);
	VT_CHECK(old == 0xfffffffeu);
	VT_EQ(vmio_load_u32_fallible(p, &w), 0);
	VT_CHECK(w == 0xfffffffeu);
	VT_EQ(vmio_cmpxchg_u32_fallible((uint32_t *)p, 0xfffffffeu, 0x80000000u, &old), 0);
	VT_CHECK(is_u32(old, 0xfffffffeu));
	VT_EQ(vmio_load_u32_fallible(p, &w), 0);
	VT_CHECK(is_top_u32(w));
	ureg_restore(p, 4);
}

VT_CASE(read_once_with_the_top_bit_set_through_readers_and_mmio)
{
	static uint32_t buf[4] = { 0x80000000u, 0xffffffffu, 0, 0 };
	uint32_t v = 0;
	uint16_t h = 0;
	uint8_t b = 0;

	struct vm_reader r = vm_reader_from_bytes(buf, sizeof(buf));
	VT_EQ(vm_reader_read_once(&r, &v), 0);
	VT_CHECK(v == 0x80000000u);
	VT_CHECK(is_top_u32(v));
	VT_EQ(vm_reader_read_once(&r, &v), 0);
	VT_CHECK(v == 0xffffffffu);

	struct vm_freader fr = vm_reader_to_fallible(vm_reader_from_bytes(buf, sizeof(buf)));
	VT_EQ(vm_freader_read_once(&fr, &v), 0);
	VT_CHECK(is_top_u32(v));

	ureg_setup();
	uint8_t *p = ureg_page(UREG_RW2) + 512;
	struct vm_freader ur;
	VT_EQ(vmio_store_u32_fallible(p, 0x80000000u), 0);
	VT_EQ(vm_freader_from_user_space(&ur, p, 4), 0);
	VT_EQ(vm_freader_read_once(&ur, &v), 0);
	VT_CHECK(v == 0x80000000u);
	VT_EQ(vm_freader_from_user_space(&ur, p + 2, 2), 0);
	VT_EQ(vm_freader_read_once(&ur, &h), 0);
	VT_CHECK(h == 0x8000u);
	ureg_restore(p, 4);

	struct vmio_mmio m;
	vmio_mmio_init(&m, (uintptr_t)buf, sizeof(buf));
	v = 0;
	VT_EQ(vmio_read_once(&m.once, 0, &v), 0);
	VT_CHECK(v == 0x80000000u);
	VT_CHECK(is_top_u32(v));
	VT_EQ(vmio_read_once(&m.once, 3, &b), 0);
	VT_CHECK(b == 0x80u);
	v = 0;
	VT_EQ(vmio_read_val(&m.io, 0, &v, sizeof(v)), 0);
	VT_CHECK(v == 0x80000000u);
}
