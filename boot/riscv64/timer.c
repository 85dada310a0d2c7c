/*
 * Periodic timer interrupts through SBI set_timer; the period is measured
 * with rdtime, whose rate is the device tree's timebase-frequency.
 */
#include "plat.h"
#include "riscv.h"

static uint64_t timebase = 10000000; /* QEMU virt: 10 MHz */
/* Each hart has its own timer (SBI set_timer acts on the caller). */
static struct {
	uint64_t period, next;
} per_cpu[PLAT_MAX_CPUS];
/* Ticks that interrupted code with SUM set, and ticks handled with SUM set. */
static volatile uint64_t sum_interrupted, sum_in_handler;

static uint64_t rdtime(void)
{
	uint64_t t;

	__asm__ volatile("rdtime %0" : "=r"(t));
	return t;
}

/* Record the rate of rdtime (0 keeps the default). */
void timer_init(uint64_t timebase_hz)
{
	if (timebase_hz)
		timebase = timebase_hz;
}

/* Arm a timer interrupt every period_us microseconds. */
void plat_timer_start(uint32_t period_us)
{
	unsigned cpu = plat_cpu_id();
	uint64_t period = (uint64_t)period_us * timebase / 1000000;

	if (period == 0)
		period = 1;
	per_cpu[cpu].period = period;
	per_cpu[cpu].next = rdtime() + period;
	sbi_set_timer(per_cpu[cpu].next);
	csr_set(sie, SIE_STIE);
	csr_set(sstatus, SSTATUS_SIE);
}

/*
 * Stop the interrupts: no more enabled, none left pending.  With other
 * CPUs online, interrupts stay enabled for their IPIs (smp.c).
 */
void plat_timer_stop(void)
{
	if (riscv_ncpu <= 1)
		csr_clear(sstatus, SSTATUS_SIE);
	csr_clear(sie, SIE_STIE);
	sbi_set_timer(UINT64_MAX);
}

/*
 * From trap.c: count the interrupt at sepc, note whether SUM was set in the
 * interrupted code and here (trap entry must have cleared it), and program
 * the next one.
 */
void timer_interrupt(const struct riscv_frame *f)
{
	uint64_t now = rdtime();
	unsigned cpu = plat_cpu_id();
	uint64_t period = per_cpu[cpu].period, next = per_cpu[cpu].next;

	plat_timer_tick_at(f->sepc);
	if (f->sstatus & SSTATUS_SUM)
		sum_interrupted++;
	if (csr_read(sstatus) & SSTATUS_SUM)
		sum_in_handler++;
	next += period;
	if (next <= now) /* fell behind: do not fire in a burst */
		next = now + period;
	per_cpu[cpu].next = next;
	sbi_set_timer(next);
}

/* For tests/cases/riscv_sum.c: the SUM counts of timer_interrupt since boot. */
void riscv_timer_sum_counts(uint64_t *interrupted_open, uint64_t *handler_open)
{
	*interrupted_open = sum_interrupted;
	*handler_open = sum_in_handler;
}
