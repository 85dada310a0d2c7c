/*
 * Bare-metal x86_64 and riscv64: every fallible primitive leaves user access
 * closed (RFLAGS.AC, sstatus.SUM clear) when it returns, whatever it was
 * before the call: done, zero length or faulted.  The infallible once
 * accesses leave it as it was.
 */
#if (defined(__x86_64__) && !defined(VMIO_HOST)) || defined(__riscv)
#include "plat.h"
#include "ureg.h"
#include "vmio/vmio.h"
#include "vtest.h"

static void access_open(void)
{
#ifdef __x86_64__
	__asm__ volatile("stac" ::: "memory", "cc");
#else
	__asm__ volatile("csrs sstatus, %0" :: "r"(1UL << 18) : "memory");
#endif
}

static void access_close(void)
{
#ifdef __x86_64__
	__asm__ volatile("clac" ::: "memory", "cc");
#else
	__asm__ volatile("csrc sstatus, %0" :: "r"(1UL << 18) : "memory");
#endif
}

static uint8_t *user_page(unsigned i)
{
	return (uint8_t *)plat_user_base() + (size_t)i * plat_info()->page_size;
}

VT_CASE(user_access_closed_after_each_primitive_even_if_open_before)
{
	static uint8_t kbuf[1024];
	static uint32_t kword = 7;
	uint8_t *rw = user_page(UREG_RW), *hole = user_page(UREG_RO + 1);
	uint32_t v = 0;
	int open[16], k = 0;

	ureg_setup();
	/* Each step: open, one call, note whether access is still open. */
#define STEP(call) do { access_open(); (void)(call); open[k++] = plat_user_access_open(); } while (0)
	STEP(__memcpy_fallible(kbuf, rw, sizeof(kbuf)));         /* done */
	STEP(__memcpy_fallible(kbuf, rw, 0));                    /* zero length */
	STEP(__memcpy_fallible(kbuf, hole - 100, sizeof(kbuf))); /* faulted (bulk, then bytes) */
	STEP(__memset_fallible(rw, 0, sizeof(kbuf)));
	STEP(__memset_fallible(rw, 0, 0));
	STEP(__memset_fallible(hole - 100, 0, sizeof(kbuf)));
	STEP(vmio_arch_load_u32_fallible(rw, &v));
	STEP(vmio_arch_load_u32_fallible(hole, &v));
	STEP(vmio_arch_store_u64_fallible(rw, 0));
	STEP(vmio_arch_store_u64_fallible(hole, 0));
	STEP(vmio_arch_cmpxchg_u32_fallible((uint32_t *)rw, 0, 0, &v));
	STEP(vmio_arch_cmpxchg_u32_fallible((uint32_t *)hole, 0, 0, &v));
#undef STEP
	ureg_restore(rw, sizeof(kbuf));
	for (int i = 0; i < k; i++)
		VT_EQ(open[i], 0);
	/* The infallible once accesses (kernel memory) leave it as it was. */
	access_open();
	v = vmio_arch_load_u32(&kword);
	open[0] = plat_user_access_open();
	access_close();
	v += vmio_arch_load_u32(&kword);
	VT_EQ(open[0], 1);
	VT_EQ(plat_user_access_open(), 0);
	VT_EQ(v, 14);
}
#endif
