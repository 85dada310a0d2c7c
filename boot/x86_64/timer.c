/*
 * Interrupts: the legacy 8259 PICs remapped and masked, the local APIC
 * (xAPIC, memory-mapped) enabled, its timer for plat_timer_start().
 * The APIC timer rate is measured once against PIT channel 2.  Every CPU
 * sees its own local APIC at the same physical address, so these calls act
 * on the calling CPU's APIC and timer.
 */
#include "boot.h"
#include "plat.h"
#include "x86.h"

#define APIC_BASE_ENABLE (1ULL << 11)
#define APIC_SVR 0x0f0
#define APIC_LVT_TIMER 0x320
#define APIC_TIMER_INIT 0x380
#define APIC_TIMER_CUR 0x390
#define APIC_TIMER_DIV 0x3e0
#define SVR_ENABLE (1u << 8)
#define LVT_MASKED (1u << 16)
#define LVT_PERIODIC (1u << 17)
#define DIV_BY_16 0x3

#define PIT_HZ 1193182
#define PIT_CAL_MS 10
#define APIC_FALLBACK_PER_MS 62500 /* QEMU's 1 GHz APIC bus / 16 */

static volatile uint32_t *lapic;
static volatile uint32_t apic_per_ms; /* timer counts per millisecond, divider 16 */

/* Read or write the calling CPU's local APIC register at byte offset reg. */
uint32_t lapic_read(unsigned reg)
{
	return lapic[reg / 4];
}

void lapic_write(unsigned reg, uint32_t v)
{
	lapic[reg / 4] = v;
}

/* Move the 8259 vectors off the exception range and mask every line. */
static void pic_disable(void)
{
	outb(0x20, 0x11); /* ICW1: init, ICW4 follows */
	outb(0xa0, 0x11);
	outb(0x21, VEC_PIC_BASE);
	outb(0xa1, VEC_PIC_BASE + 8);
	outb(0x21, 0x04); /* slave on IRQ2 */
	outb(0xa1, 0x02);
	outb(0x21, 0x01); /* 8086 mode */
	outb(0xa1, 0x01);
	outb(0x21, 0xff);
	outb(0xa1, 0xff);
}

/*
 * Enable the calling CPU's local APIC (software enable in the spurious
 * vector register) with its timer masked.  The base is the same on every CPU.
 */
void lapic_cpu_init(void)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);

	if (!(base & APIC_BASE_ENABLE))
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
	lapic = (volatile uint32_t *)(uintptr_t)(base & 0xfffff000ULL);
	lapic_write(APIC_SVR, SVR_ENABLE | VEC_SPURIOUS);
	lapic_write(APIC_LVT_TIMER, LVT_MASKED | VEC_TIMER);
	lapic_write(APIC_TIMER_DIV, DIV_BY_16);
	lapic_write(APIC_TIMER_INIT, 0);
}

/* Mask the PICs and enable the boot CPU's local APIC with its timer masked. */
void timer_init(void)
{
	pic_disable();
	lapic_cpu_init();
}

/*
 * APIC timer counts in PIT_CAL_MS milliseconds, timed by PIT channel 2 in
 * one-shot mode (its output is bit 5 of port 0x61).  Bounded: falls back to
 * QEMU's known rate if the PIT never fires.
 */
static uint32_t calibrate(void)
{
	uint16_t count = PIT_HZ * PIT_CAL_MS / 1000;
	uint8_t p61 = inb(0x61);
	uint32_t elapsed = 0;

	outb(0x61, (p61 & ~0x02) | 0x01); /* gate on, speaker off */
	outb(0x43, 0xb0);                  /* channel 2, lo/hi byte, mode 0 */
	outb(0x42, count & 0xff);
	outb(0x42, count >> 8);
	lapic_write(APIC_LVT_TIMER, LVT_MASKED | VEC_TIMER);
	lapic_write(APIC_TIMER_INIT, 0xffffffff);
	for (uint32_t spin = 0; spin < 100000000; spin++) {
		if (inb(0x61) & 0x20) {
			elapsed = 0xffffffff - lapic_read(APIC_TIMER_CUR);
			break;
		}
	}
	lapic_write(APIC_TIMER_INIT, 0);
	outb(0x61, p61);
	return elapsed >= PIT_CAL_MS ? elapsed / PIT_CAL_MS : APIC_FALLBACK_PER_MS;
}

/*
 * Measure the APIC timer rate if not done yet.  The PIT is one device for
 * all CPUs: plat_smp_start() calls this on CPU 0 before any other CPU runs.
 */
void timer_calibrate(void)
{
	if (!apic_per_ms)
		apic_per_ms = calibrate();
}

/* Interrupt every period_us microseconds from now on (the calling CPU's periodic APIC timer). */
void plat_timer_start(uint32_t period_us)
{
	uint64_t count;

	timer_calibrate();
	count = (uint64_t)period_us * apic_per_ms / 1000;
	if (count == 0)
		count = 1;
	if (count > 0xffffffff)
		count = 0xffffffff;
	lapic_write(APIC_TIMER_DIV, DIV_BY_16);
	lapic_write(APIC_LVT_TIMER, LVT_PERIODIC | VEC_TIMER);
	lapic_write(APIC_TIMER_INIT, (uint32_t)count);
}

/* Stop the calling CPU's timer: mask it and clear its count. */
void plat_timer_stop(void)
{
	lapic_write(APIC_LVT_TIMER, LVT_MASKED | VEC_TIMER);
	lapic_write(APIC_TIMER_INIT, 0);
}

/*
 * Count a timer interrupt at the interrupted rip and acknowledge it; ignore an APIC spurious
 * interrupt (it needs no EOI).  Returns 1 if the trap was one of these.
 */
int timer_trap(struct trap_frame *f)
{
	if (f->vector == VEC_TIMER) {
		plat_timer_tick_at(f->rip);
		lapic_write(APIC_EOI, 0);
		return 1;
	}
	return f->vector == VEC_SPURIOUS;
}
