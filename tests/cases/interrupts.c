/*
 * Timer interrupts (signals on the host) taken in the middle of long
 * fallible copies and fills that end in a fault change neither the count
 * nor the bytes.  Each case watches the routine's code and checks
 * that ticks did land inside it.
 */
#include <stdio.h>
#include <string.h>

#include "ureg.h"
#include "vmio/arch.h"
#include "vtest.h"

#define TAIL 100         /* bytes asked for past the end of the readable run */
#define MIN_TICKS 3      /* interrupts that must land during the loop */
#define MIN_INSIDE 1     /* of which inside __memcpy_fallible or __memset_fallible */
#define MAX_ROUNDS 4000

/* The ends of the routines (end labels, or defined at link time on x86_64). */
extern const char __memcpy_fallible_end[], __memset_fallible_end[];

/*
 * Where the copy and the fill spend their time: with riscv64_vector=rvv on a
 * CPU with V (VMIO_TEST_RVV), their vector bodies (arch/riscv64/rvv_copy.S).
 */
#ifdef VMIO_TEST_RVV
extern const char __vmio_rvv_copy[], __vmio_rvv_copy_end[];
extern const char __vmio_rvv_fill[], __vmio_rvv_fill_end[];
#define COPY_BODY (uintptr_t)__vmio_rvv_copy, (uintptr_t)__vmio_rvv_copy_end
#define FILL_BODY (uintptr_t)__vmio_rvv_fill, (uintptr_t)__vmio_rvv_fill_end
#else
#define COPY_BODY (uintptr_t)__memcpy_fallible, (uintptr_t)__memcpy_fallible_end
#define FILL_BODY (uintptr_t)__memset_fallible, (uintptr_t)__memset_fallible_end
#endif

/* The bounds are sane: each routine is under 64 KiB long. */
VT_CASE(timer_pc_bounds_of_the_routines)
{
	uintptr_t cpy = (uintptr_t)__memcpy_fallible, set = (uintptr_t)__memset_fallible;

	VT_CHECK((uintptr_t)__memcpy_fallible_end - cpy - 1 < 0x10000);
	VT_CHECK((uintptr_t)__memset_fallible_end - set - 1 < 0x10000);
}

static uint8_t *kernel_buffer(size_t len)
{
	static uint8_t *k;

	if (!k)
		k = plat_frames_alloc((len + ureg_ps - 1) / ureg_ps);
	return k;
}

VT_CASE(timer_during_long_copy_with_fault)
{
	ureg_setup();
	const uint8_t *src = ureg_page(UREG_RW);
	size_t readable = (UREG_RW_PAGES + 1) * ureg_ps; /* then a hole */
	size_t len = readable + TAIL;
	uint8_t *k = kernel_buffer(len);
	uint64_t t0 = plat_timer_ticks();
	unsigned rounds = 0;

	VT_CHECK(k != NULL);
	if (!k)
		return;
	plat_timer_watch(COPY_BODY);
	plat_timer_start(100);
	do {
		memset(k + readable, 0x5a, TAIL);
		VT_EQ(__memcpy_fallible(k, src, len), TAIL);
		for (size_t i = 0; i < readable; i++)
			if (k[i] != ureg_expected(src + i)) {
				VT_EQ(k[i], ureg_expected(src + i));
				break;
			}
		for (size_t i = readable; i < len; i++)
			VT_EQ(k[i], 0x5a);
		rounds++;
	} while ((plat_timer_ticks() - t0 < MIN_TICKS ||
		  plat_timer_ticks_watched() < MIN_INSIDE) &&
		 rounds < MAX_ROUNDS && !vt_case_failures());
	plat_timer_stop();
	printf("    %u copies of %zu bytes, %llu interrupts, %llu inside the copy\n",
	       rounds, len, (unsigned long long)(plat_timer_ticks() - t0),
	       (unsigned long long)plat_timer_ticks_watched());
	VT_CHECK(plat_timer_ticks() - t0 >= MIN_TICKS);
	VT_CHECK(plat_timer_ticks_watched() >= MIN_INSIDE);
}

VT_CASE(timer_during_long_fill_with_fault)
{
	ureg_setup();
	uint8_t *dst = ureg_page(UREG_RW);
	size_t writable = UREG_RW_PAGES * ureg_ps; /* then the read-only page */
	size_t len = writable + TAIL;
	uint8_t *k = kernel_buffer(len + ureg_ps);
	uint64_t t0 = plat_timer_ticks();
	unsigned rounds = 0;

	VT_CHECK(k != NULL);
	if (!k)
		return;
	plat_timer_watch(FILL_BODY);
	plat_timer_start(100);
	do {
		VT_EQ(__memset_fallible(dst, 0xff, len), TAIL);
		VT_EQ(__memcpy_fallible(k, dst, writable + ureg_ps), 0);
		for (size_t i = 0; i < writable; i++)
			if (k[i] != 0xff) {
				VT_EQ(k[i], 0xff);
				break;
			}
		for (size_t i = 0; i < ureg_ps; i++)
			VT_EQ(k[writable + i], plat_ro_byte(i));
		rounds++;
	} while ((plat_timer_ticks() - t0 < MIN_TICKS ||
		  plat_timer_ticks_watched() < MIN_INSIDE) &&
		 rounds < MAX_ROUNDS && !vt_case_failures());
	plat_timer_stop();
	printf("    %u fills of %zu bytes, %llu interrupts, %llu inside the fill\n",
	       rounds, len, (unsigned long long)(plat_timer_ticks() - t0),
	       (unsigned long long)plat_timer_ticks_watched());
	VT_CHECK(plat_timer_ticks() - t0 >= MIN_TICKS);
	VT_CHECK(plat_timer_ticks_watched() >= MIN_INSIDE);
	ureg_restore(dst, writable);
}
