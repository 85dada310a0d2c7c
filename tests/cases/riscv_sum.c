/*
 * riscv64 only: sstatus.SUM guards the user pages.  A plain kernel load
 * from a user page traps; SUM is open only inside the fallible routines,
 * closed again after they fault (already at the fixup), closed in the
 * timer handler that interrupts them, and kept as it was across a timer
 * interrupt.
 */
#if defined(__riscv)
#include "asm_extable.h"
#include "plat.h"
#include "ureg.h"
#include "vmio/arch.h"
#include "vmio/errno.h"
#include "vtest.h"

#define SSTATUS_SUM (1UL << 18)
#define STR(...) #__VA_ARGS__
#define XSTR(x) STR(x)

/*
 * unsigned long riscv_sum_sstatus_after_fault(const void *p)
 *   a0 p; returns ~0 if the load from p did not fault, else sstatus as the
 *   fixup finds it (the trap handler must have cleared SUM).
 */
unsigned long riscv_sum_sstatus_after_fault(const void *p);
__asm__(".text\n"
	".globl riscv_sum_sstatus_after_fault\n"
	"riscv_sum_sstatus_after_fault:\n"
	"	li	t6, " XSTR(SSTATUS_SUM) "\n"
	"	csrs	sstatus, t6\n"
	"1:	lbu	a1, 0(a0)\n"
	"	csrc	sstatus, t6\n"
	"	li	a0, -1\n"
	"	ret\n"
	"2:	csrr	a0, sstatus\n"
	"	csrc	sstatus, t6\n"
	"	ret\n"
	XSTR(VMIO_EX(1b, 2b)) "\n");

/*
 * In boot/riscv64/timer.c: timer ticks since boot that interrupted code with
 * SUM set, and ticks whose handler (C, after trap entry) ran with SUM set.
 */
void riscv_timer_sum_counts(uint64_t *interrupted_open, uint64_t *handler_open);

/* The end label of arch/riscv64/memcpy.S; the vector body with V on. */
extern const char __memcpy_fallible_end[];
#ifdef VMIO_TEST_RVV
extern const char __vmio_rvv_copy[], __vmio_rvv_copy_end[];
#define COPY_BODY (uintptr_t)__vmio_rvv_copy, (uintptr_t)__vmio_rvv_copy_end
#else
#define COPY_BODY (uintptr_t)__memcpy_fallible, (uintptr_t)__memcpy_fallible_end
#endif

static void sum_open(void)
{
	__asm__ volatile("csrs sstatus, %0" :: "r"(SSTATUS_SUM) : "memory");
}

static void sum_close(void)
{
	__asm__ volatile("csrc sstatus, %0" :: "r"(SSTATUS_SUM) : "memory");
}

static uint64_t rdtime(void)
{
	uint64_t t;

	__asm__ volatile("rdtime %0" : "=r"(t));
	return t;
}

static uint8_t *user_page(unsigned i)
{
	return (uint8_t *)plat_user_base() + (size_t)i * plat_info()->page_size;
}

VT_CASE(riscv_sum_closed_outside_the_primitives)
{
	uint8_t b = 0;

	VT_EQ(plat_user_access_open(), 0);
	VT_EQ(vmio_arch_load_u8_fallible(user_page(UREG_RO), &b), 0);
	VT_EQ(b, plat_ro_byte(0));
	VT_EQ(plat_user_access_open(), 0);
}

VT_CASE(riscv_sum_plain_load_from_user_page_faults)
{
	static volatile uint8_t kernel_byte = 0x5a;

	VT_EQ(plat_plain_load_faults(user_page(UREG_RW)), 1);
	VT_EQ(plat_plain_load_faults(user_page(UREG_RW2) + 4095), 1);
	VT_EQ(plat_plain_load_faults(user_page(UREG_RO) + 17), 1);
	/* The probe itself: a kernel byte loads without a trap ... */
	VT_EQ(plat_plain_load_faults(&kernel_byte), 0);
	/* ... and so does a user byte while SUM is open: SUM is the guard. */
	sum_open();
	int faulted = plat_plain_load_faults(user_page(UREG_RW));
	sum_close();
	VT_EQ(faulted, 0);
	VT_EQ(plat_user_access_open(), 0);
}

VT_CASE(riscv_sum_closed_after_faulting_primitives)
{
	size_t ps = plat_info()->page_size;
	uint8_t *ro_end = user_page(UREG_RO) + ps; /* a hole follows */
	uint8_t *rw_end = user_page(UREG_RO);      /* the read-only page follows */
	uint8_t *rw2 = user_page(UREG_RW2);
	static uint8_t kbuf[4096];
	uint32_t v = 0;

	/* Read across the end of the read-only page into the hole: byte path. */
	VT_EQ(__memcpy_fallible(kbuf, ro_end - 16, 64), 64 - 16);
	VT_EQ(plat_user_access_open(), 0);
	VT_EQ(plat_plain_load_faults(user_page(UREG_RW)), 1);

	/* Long copies that fault in their wide loops, aligned and not. */
	VT_EQ(__memcpy_fallible(kbuf, ro_end - 1000, sizeof(kbuf)), sizeof(kbuf) - 1000);
	VT_EQ(plat_user_access_open(), 0);
	VT_EQ(__memcpy_fallible(kbuf, ro_end - 1003, sizeof(kbuf) - 8), sizeof(kbuf) - 8 - 1003);
	VT_EQ(plat_user_access_open(), 0);
	VT_EQ(__memcpy_fallible(rw_end - 1000, kbuf, sizeof(kbuf)), sizeof(kbuf) - 1000);
	VT_EQ(plat_user_access_open(), 0);
	VT_EQ(__memcpy_fallible(rw2 - 8, kbuf, 64), 64);
	VT_EQ(plat_user_access_open(), 0);

	/* Fills: into the read-only page, and a long one off the end of RW2. */
	VT_EQ(__memset_fallible(ro_end - 16, 0, 16), 16);
	VT_EQ(plat_user_access_open(), 0);
	VT_EQ(__memset_fallible(rw2 + ps - 1000, 0, 2000), 1000);
	VT_EQ(plat_user_access_open(), 0);

	/* Once-accesses and cmpxchg that fault. */
	VT_EQ(vmio_arch_load_u32_fallible(ro_end, &v), VMIO_EFAULT);
	VT_EQ(plat_user_access_open(), 0);
	VT_EQ(vmio_arch_store_u64_fallible(ro_end - 8, 1), VMIO_EFAULT);
	VT_EQ(plat_user_access_open(), 0);
	VT_EQ(vmio_arch_cmpxchg_u32_fallible((uint32_t *)ro_end, 0, 1, &v), VMIO_EFAULT);
	VT_EQ(plat_user_access_open(), 0);
	VT_EQ(plat_plain_load_faults(user_page(UREG_RW)), 1);

	/* Later cases expect the region's pattern where the copy and fill wrote. */
	ureg_setup();
	ureg_restore(rw_end - 1000, 1000);
	ureg_restore(rw2 + ps - 1000, 1000);
}

VT_CASE(riscv_sum_trap_handler_clears_sum_at_fixup)
{
	unsigned long s = riscv_sum_sstatus_after_fault(user_page(UREG_RO + 1));

	VT_CHECK(s != ~0UL);
	VT_EQ(s & SSTATUS_SUM, 0);
	VT_EQ(plat_user_access_open(), 0);
}

VT_CASE(riscv_sum_kept_across_timer_interrupt)
{
	uint64_t t0 = plat_timer_ticks(), deadline = rdtime() + 10000000; /* 1 s at 10 MHz */
	int open_after;

	plat_timer_start(1000);
	sum_open();
	while (plat_timer_ticks() < t0 + 2 && rdtime() < deadline)
		;
	open_after = plat_user_access_open();
	sum_close();
	plat_timer_stop();
	VT_CHECK(plat_timer_ticks() >= t0 + 2);
	VT_EQ(open_after, 1);
	VT_EQ(plat_user_access_open(), 0);
}

/* SUM is set in this loop only inside the copy, where the ticks land. */
VT_CASE(riscv_sum_closed_in_timer_handler_inside_copy)
{
	uint64_t open0, handler0, open1, handler1, inside = 0;
	uint64_t deadline = rdtime() + 20000000; /* 2 s at 10 MHz */
	static uint8_t kbuf[4096];

	riscv_timer_sum_counts(&open0, &handler0);
	plat_timer_watch(COPY_BODY);
	plat_timer_start(100);
	do {
		VT_EQ(__memcpy_fallible(kbuf, user_page(UREG_RO), sizeof(kbuf)), 0);
		inside = plat_timer_ticks_watched();
		riscv_timer_sum_counts(&open1, &handler1);
	} while ((inside < 2 || open1 == open0) && rdtime() < deadline);
	plat_timer_stop();
	/* Ticks landed in the copy while its window was open ... */
	VT_CHECK(inside >= 2);
	VT_CHECK(open1 > open0);
	/* ... and the handler never ran with SUM set. */
	VT_EQ(handler1 - handler0, 0);
	VT_EQ(kbuf[4095], plat_ro_byte(4095));
	VT_EQ(plat_user_access_open(), 0);
}
#else
typedef int riscv_sum_not_built; /* ISO C wants a declaration in every file */
#endif
