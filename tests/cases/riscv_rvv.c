/*
 * riscv64 only: which path the fallible copy, fill and strings take, told
 * by the instructions a 4 KiB call retires (rdinstret, exact under QEMU
 * -icount: test riscv-path).  Built with riscv64_vector=rvv and booted on
 * a CPU with V (VMIO_TEST_RVV), a call with sstatus.VS on takes the vector
 * path (copy under 0.08 instructions a byte, where the scalar path needs
 * over 0.25; strings under 0.1 against over 0.5) and leaves vstart 0; with
 * VS Off it takes the scalar path.  Without the option, always scalar.
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

/* Instructions of a strnlen and a strncpy of a 4000-byte string (checked). */
static void string_costs(unsigned long *nlen, unsigned long *ncpy)
{
	static char kdst[4200];
	char *u = (char *)ureg_page(UREG_RW + 8) + 5;
	size_t len = ~(size_t)0;

	VT_EQ(__memset_fallible(u, 'a', 4000), 0);
	VT_EQ(__memset_fallible(u + 4000, 0, 1), 0);
	unsigned long t = instret();
	int r = __strnlen_fallible(u, N, &len);
	*nlen = instret() - t;
	VT_EQ(r, 0);
	VT_EQ(len, 4000);
	t = instret();
	r = __strncpy_fallible(kdst, u, N, &len);
	*ncpy = instret() - t;
	VT_EQ(r, 0);
	VT_EQ(len, 4000);
	VT_EQ(kdst[3999], 'a');
	VT_EQ(kdst[4000], 0);
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
	unsigned long nlen, ncpy;
	string_costs(&nlen, &ncpy);
#ifdef VMIO_TEST_RVV
	VT_CHECK(nlen < N / 10);
	VT_CHECK(ncpy < N / 10);
	VT_CHECK(fill_cost() < N * 5 / 100);
	VT_EQ(__vmio_rvv_vs, SSTATUS_VS);
	VT_CHECK((sstatus() & SSTATUS_VS) != 0);
	unsigned long vstart;
	__asm__ volatile(".option push\n.option arch, +v\ncsrr %0, vstart\n.option pop"
			 : "=r"(vstart));
	VT_EQ(vstart, 0);
#else
	VT_CHECK(nlen > N / 2);
	VT_CHECK(ncpy > N / 2);
	VT_CHECK(fill_cost() > N / 8);
#endif
	ureg_setup();
}

VT_CASE(riscv_rvv_vs_off_is_scalar)
{
	unsigned long vs = sstatus() & SSTATUS_VS;

	ureg_setup();
	__asm__ volatile("csrc sstatus, %0" : : "r"(SSTATUS_VS));
	unsigned long c = copy_cost(1, 0), f = fill_cost(), nlen, ncpy;
	string_costs(&nlen, &ncpy);
	__asm__ volatile("csrs sstatus, %0" : : "r"(vs));
	VT_CHECK(c > N / 4);
	VT_CHECK(f > N / 8);
	VT_CHECK(nlen > N / 2);
	VT_CHECK(ncpy > N / 2);
	VT_EQ(sstatus() & SSTATUS_VS, vs);
	ureg_setup();
}
#endif
