/*
 * riscv64 only: which path the fallible copy and fill take, told by the
 * instructions a 4 KiB call retires (rdinstret).  Built with
 * riscv64_vector=rvv and booted on a CPU with V (VMIO_TEST_RVV), a call
 * with sstatus.VS on takes the vector path (under 0.08 instructions a byte;
 * the scalar path needs over 0.25) and leaves vstart 0; with VS Off it
 * takes the scalar path.  Built without the option, always the scalar one.
 */
#if defined(__riscv)
#include "ureg.h"
#include "vmio/arch.h"
#include "vmio/rvv.h"
#include "vtest.h"

#define N 4096
#define SSTATUS_VS (3UL << 9)

static unsigned long instret(void)
{
	unsigned long v;

	__asm__ volatile("csrr %0, instret" : "=r"(v));
	return v;
}

static unsigned long sstatus(void)
{
	unsigned long v;

	__asm__ volatile("csrr %0, sstatus" : "=r"(v));
	return v;
}

/* Instructions of one 4 KiB copy at the offsets (checked), or of a fill. */
static unsigned long copy_cost(unsigned so, unsigned doff)
{
	uint8_t *src = ureg_page(UREG_RW + 2) + so, *dst = ureg_page(UREG_RW + 4) + doff;
	unsigned long t = instret();
	size_t left = __memcpy_fallible(dst, src, N);

	t = instret() - t;
	VT_EQ(left, 0);
	uint8_t out[64];
	ureg_read_back(out, dst + N - 64, 64);
	for (unsigned i = 0; i < 64; i++)
		VT_EQ(out[i], ureg_expected(src + N - 64 + i));
	return t;
}

static unsigned long fill_cost(void)
{
	uint8_t *dst = ureg_page(UREG_RW + 6) + 3;
	unsigned long t = instret();
	size_t left = __memset_fallible(dst, 0x5a, N);

	t = instret() - t;
	VT_EQ(left, 0);
	return t;
}

VT_CASE(riscv_rvv_path_as_built)
{
	static const unsigned offs[][2] = { { 0, 0 }, { 1, 0 }, { 3, 0 }, { 0, 3 } };

	ureg_setup();
	for (unsigned i = 0; i < 4; i++) {
		unsigned long t = copy_cost(offs[i][0], offs[i][1]);
#ifdef VMIO_TEST_RVV
		VT_CHECK(t < N * 8 / 100);
#else
		VT_CHECK(t > N / 4);
#endif
	}
#ifdef VMIO_TEST_RVV
	VT_CHECK(fill_cost() < N * 5 / 100);
	VT_EQ(__vmio_rvv_vs, SSTATUS_VS);
	VT_CHECK((sstatus() & SSTATUS_VS) != 0);
	unsigned long vstart;
	__asm__ volatile(".option push\n.option arch, +v\ncsrr %0, vstart\n.option pop"
			 : "=r"(vstart));
	VT_EQ(vstart, 0);
#else
	VT_CHECK(fill_cost() > N / 8);
#endif
	ureg_setup();
}

VT_CASE(riscv_rvv_vs_off_is_scalar)
{
	unsigned long vs = sstatus() & SSTATUS_VS;

	ureg_setup();
	__asm__ volatile("csrc sstatus, %0" : : "r"(SSTATUS_VS));
	unsigned long c = copy_cost(1, 0), f = fill_cost();
	__asm__ volatile("csrs sstatus, %0" : : "r"(vs));
	VT_CHECK(c > N / 4);
	VT_CHECK(f > N / 8);
	VT_EQ(sstatus() & SSTATUS_VS, vs);
	ureg_setup();
}
#endif
