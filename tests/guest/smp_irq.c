/*
 * smp-irq: timer interrupts and IPIs land inside fallible copies on every
 * CPU, and user access is closed after every call on every CPU.  Each CPU
 * runs its own timer and copies 16 pages and 100 bytes from user memory
 * whose last 100 bytes are a hole (count 100, the bytes exact); every few
 * copies it makes a page of its own not present and present again, which
 * interrupts every other CPU (TLB shootdown).  The loop ends when every
 * CPU has taken both a tick and an IPI inside __memcpy_fallible.
 */
#include <stdio.h>
#include <string.h>

#include "smp.h"
#include "ureg.h"
#include "vmio/vmio.h"
#include "vtest.h"

#define COPY_PAGES 16
#define TAIL 100
#define TOGGLE_EVERY 2  /* copies between shootdowns */
#define MAX_ROUNDS 3000 /* copies per CPU at most */
#define OWN_PAGE(cpu) (UREG_RW + 200 + (cpu)) /* outside the copies */

extern const char __memcpy_fallible_end[];

static struct {
	uint64_t rounds, bad_count, bad_bytes, open_after, errors;
} pc[PLAT_MAX_CPUS];
static uint8_t *kbufs[PLAT_MAX_CPUS];
static unsigned done; /* CPUs that have both kinds of interrupt inside the copy */
static struct smp_barrier start;

static void worker(unsigned cpu, void *arg)
{
	size_t ps = plat_info()->page_size, len = COPY_PAGES * ps + TAIL;
	const uint8_t *src = ureg_page(UREG_RO + 1) - COPY_PAGES * ps; /* a hole follows */
	uint8_t *k = kbufs[cpu];
	int counted = 0;

	(void)arg;
	smp_barrier(&start, smp_ncpu);
	plat_timer_start(200);
	while (smp_load(&done) < smp_ncpu && pc[cpu].rounds < MAX_ROUNDS) {
		struct vm_freader r;
		struct vm_writer w = vm_writer_from_kernel_space(k, len);
		size_t n = 0;

		memset(k + len - TAIL, 0x5a, TAIL);
		if (vm_freader_from_user_space(&r, src, len)) {
			pc[cpu].errors++;
			break;
		}
		if (vm_freader_read_fallible_to(&r, &w, &n) != VMIO_EFAULT || n != len - TAIL)
			pc[cpu].bad_count++;
		pc[cpu].open_after += plat_user_access_open();
		/* Spot checks: the first byte, one per page, the last, then the canary. */
		for (size_t i = 0; i < n; i += ps / 2)
			pc[cpu].bad_bytes += k[i] != ureg_expected(src + i);
		pc[cpu].bad_bytes += n && k[n - 1] != ureg_expected(src + n - 1);
		for (size_t i = len - TAIL; i < len; i++)
			pc[cpu].bad_bytes += k[i] != 0x5a;
		if (++pc[cpu].rounds % TOGGLE_EVERY == 0) {
			plat_user_page_set(OWN_PAGE(cpu), 0);
			plat_user_page_set(OWN_PAGE(cpu), 1);
			pc[cpu].open_after += plat_user_access_open();
		}
		if (!counted && plat_cpu_ticks_watched(cpu) && plat_cpu_ipis_watched(cpu)) {
			counted = 1;
			smp_add(&done, 1);
		}
	}
	plat_timer_stop();
	pc[cpu].open_after += plat_user_access_open();
}

VT_CASE(interrupts_inside_copies_on_every_cpu)
{
	uint64_t bad = 0, open = 0, errors = 0;

	SMP_NEED_TWO();
	ureg_setup();
	for (unsigned c = 0; c < smp_ncpu; c++)
		if (!kbufs[c])
			kbufs[c] = plat_frames_alloc(COPY_PAGES + 1);
	done = 0;
	plat_timer_watch((uintptr_t)__memcpy_fallible, (uintptr_t)__memcpy_fallible_end);
	plat_smp_run_all(worker, NULL);
	for (unsigned c = 0; c < smp_ncpu; c++) {
		printf("    CPU %u: %llu copies, %llu ticks (%llu inside the copy), %llu IPIs "
		       "(%llu inside)\n", c, (unsigned long long)pc[c].rounds,
		       (unsigned long long)plat_cpu_ticks(c),
		       (unsigned long long)plat_cpu_ticks_watched(c),
		       (unsigned long long)plat_cpu_ipis(c),
		       (unsigned long long)plat_cpu_ipis_watched(c));
		VT_CHECK(plat_cpu_ticks_watched(c) > 0);
		VT_CHECK(plat_cpu_ipis_watched(c) > 0);
		bad += pc[c].bad_count + pc[c].bad_bytes;
		open += pc[c].open_after;
		errors += pc[c].errors;
	}
	printf("    wrong counts or bytes %llu, user access left open %llu times\n",
	       (unsigned long long)bad, (unsigned long long)open);
	VT_EQ(errors, 0);
	VT_EQ(bad, 0);
	VT_EQ(open, 0);
	VT_EQ(plat_user_access_open(), 0);
}
