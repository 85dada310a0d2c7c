/*
 * SMP (plat.h): secondary harts started through SBI HSM hart_start,
 * interprocessor interrupts through the SBI IPI extension (they arrive as
 * supervisor software interrupts, sip.SSIP), and the TLB shootdown that
 * plat_user_page_set asks for.
 *
 * CPU numbers are 0 (the hart we booted on) .. riscv_ncpu - 1, the other
 * harts of the device tree in its order; hart ids need not be contiguous.
 * Each CPU has its own stack, and plat_cpu_id() finds the CPU from sp.
 * After plat_smp_start every CPU runs the kernel with interrupts enabled
 * (sstatus.SIE, sie.SSIE), so that a shootdown never waits for long;
 * whoever waits for a lock or for other CPUs services shootdowns itself.
 */
#include <stdio.h>

#include "plat.h"
#include "riscv.h"

#define STACK_PAGES 16 /* 64 KiB per secondary */
#define START_TIMEOUT_US 2000000

extern char __stack_bottom[], __stack_top[];

volatile unsigned riscv_ncpu = 1;
uint64_t riscv_cpu_stack_top[PLAT_MAX_CPUS]; /* entry.S reads it */
static uintptr_t stack_lo[PLAT_MAX_CPUS];
static unsigned long hart_of[PLAT_MAX_CPUS];
static volatile int online[PLAT_MAX_CPUS];

/* Work for a secondary (plat_smp_run): posted when seq != done. */
static struct work {
	void (*volatile fn)(unsigned cpu, void *arg);
	void *volatile arg;
	volatile unsigned long seq, done;
	volatile unsigned waiter; /* the CPU to wake when done */
} work[PLAT_MAX_CPUS];

/* The shootdown in flight (one at a time, under shoot_lock). */
static struct spinlock shoot_lock;
static volatile uintptr_t shoot_va;
static volatile unsigned long shoot_req[PLAT_MAX_CPUS], shoot_ack[PLAT_MAX_CPUS];
static unsigned long shoot_gen;

/* The CPUs online (1 before plat_smp_start). */
unsigned plat_cpu_count(void)
{
	return riscv_ncpu;
}

/* The CPU whose stack sp lies in (CPU 0's boot stack, else a secondary's). */
unsigned plat_cpu_id(void)
{
	uintptr_t sp = (uintptr_t)__builtin_frame_address(0);

	for (unsigned c = 1; c < riscv_ncpu; c++)
		if (sp - stack_lo[c] < STACK_PAGES * PAGE_SIZE)
			return c;
	return 0;
}

/* Send an IPI to cpu (sip.SSIP there). */
static void ipi_cpu(unsigned cpu)
{
	sbi_send_ipi(hart_of[cpu]);
}

/* Do the shootdown asked of this CPU, if any: sfence.vma for its address. */
static void smp_poll(void)
{
	unsigned cpu = plat_cpu_id();
	unsigned long req = __atomic_load_n(&shoot_req[cpu], __ATOMIC_ACQUIRE);

	if (req != shoot_ack[cpu]) {
		__asm__ volatile("sfence.vma %0, zero" : : "r"(shoot_va) : "memory");
		__atomic_store_n(&shoot_ack[cpu], req, __ATOMIC_RELEASE);
	}
}

/*
 * Wait with wfi until cond holds; interrupts are off between the test and
 * the wfi, so a wake-up IPI in between leaves SSIP pending and wfi returns.
 */
#define IDLE_UNTIL(cond)                                                     \
	do {                                                                 \
		while (!(cond)) {                                            \
			unsigned long sie_ = csr_read(sstatus) & SSTATUS_SIE; \
			csr_clear(sstatus, SSTATUS_SIE);                     \
			if (!(cond))                                         \
				__asm__ volatile("wfi" ::: "memory");        \
			csr_set(sstatus, sie_);                              \
			smp_poll();                                          \
		}                                                            \
	} while (0)

/* Take l, doing the shootdowns asked of this CPU while waiting. */
void spin_lock(struct spinlock *l)
{
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
			smp_poll();
}

/* Release l. */
void spin_unlock(struct spinlock *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

/*
 * The strong form of the hook plat_user_page_set calls after changing a
 * PTE and fencing locally: every other online CPU does sfence.vma for va,
 * through an IPI, and this returns once all have acknowledged.
 */
void smp_tlb_shootdown(uintptr_t va)
{
	unsigned me, n = riscv_ncpu;

	if (n <= 1)
		return;
	spin_lock(&shoot_lock);
	me = plat_cpu_id();
	shoot_va = va;
	shoot_gen++;
	for (unsigned c = 0; c < n; c++) {
		if (c == me || !online[c])
			continue;
		__atomic_store_n(&shoot_req[c], shoot_gen, __ATOMIC_RELEASE);
		ipi_cpu(c);
	}
	for (unsigned c = 0; c < n; c++)
		if (c != me && online[c])
			while (__atomic_load_n(&shoot_ack[c], __ATOMIC_ACQUIRE) != shoot_gen)
				;
	spin_unlock(&shoot_lock);
}

/* From trap.c: a supervisor software interrupt, i.e. an IPI. */
void riscv_ipi(const struct riscv_frame *f)
{
	csr_clear(sip, SIP_SSIP); /* before looking: a later IPI stays pending */
	plat_ipi_at(f->sepc);
	smp_poll();
}

/* Post fn(cpu, arg) to secondary cpu, once its last work is done, and wake it. */
void plat_smp_run(unsigned cpu, void (*fn)(unsigned cpu, void *arg), void *arg)
{
	struct work *w = &work[cpu];

	if (cpu == 0 || cpu >= riscv_ncpu)
		riscv_panic("plat_smp_run: no such secondary CPU");
	IDLE_UNTIL(w->done == w->seq);
	w->fn = fn;
	w->arg = arg;
	w->waiter = plat_cpu_id();
	__atomic_store_n(&w->seq, w->seq + 1, __ATOMIC_RELEASE);
	ipi_cpu(cpu);
}

/* Wait (in wfi) until secondary cpu has finished its work. */
void plat_smp_wait(unsigned cpu)
{
	struct work *w = &work[cpu];

	if (cpu == 0 || cpu >= riscv_ncpu)
		return;
	IDLE_UNTIL(__atomic_load_n(&w->done, __ATOMIC_ACQUIRE) == w->seq);
}

/* Run fn on every online CPU, this one included, and wait for all. */
void plat_smp_run_all(void (*fn)(unsigned cpu, void *arg), void *arg)
{
	unsigned me = plat_cpu_id(), n = riscv_ncpu;

	for (unsigned c = 1; c < n; c++)
		if (c != me)
			plat_smp_run(c, fn, arg);
	fn(me, arg);
	for (unsigned c = 1; c < n; c++)
		if (c != me)
			plat_smp_wait(c);
}

/* A secondary, from entry.S: onto the kernel's page table, then run work forever. */
void riscv_secondary(unsigned long hartid, unsigned long cpu)
{
	struct work *w = &work[cpu];

	(void)hartid;
	mmu_enable();
	csr_set(sie, SIE_SSIE);
	csr_set(sstatus, SSTATUS_SIE);
	__atomic_store_n(&online[cpu], 1, __ATOMIC_RELEASE);
	for (;;) {
		unsigned long seq;

		IDLE_UNTIL(__atomic_load_n(&w->seq, __ATOMIC_ACQUIRE) != w->done);
		seq = w->seq;
		w->fn((unsigned)cpu, w->arg);
		__atomic_store_n(&w->done, seq, __ATOMIC_RELEASE);
		ipi_cpu(w->waiter);
	}
}

/* Microseconds of rdtime. */
static uint64_t now_us(void)
{
	uint64_t t;

	__asm__ volatile("rdtime %0" : "=r"(t));
	return t / 10; /* QEMU virt: 10 MHz */
}

/*
 * Start every other hart of the device tree (at most PLAT_MAX_CPUS CPUs
 * in all), each with its own stack, and wait until each is online.
 */
unsigned plat_smp_start(void)
{
	static int started;
	unsigned long harts[PLAT_MAX_CPUS * 4];
	unsigned nharts, n = 1;

	if (started)
		return riscv_ncpu;
	started = 1;
	hart_of[0] = riscv_boot_hart;
	stack_lo[0] = (uintptr_t)__stack_bottom;
	online[0] = 1;
	nharts = fdt_cpu_harts(riscv_dtb, harts, sizeof(harts) / sizeof(harts[0]));
	for (unsigned i = 0; i < nharts && n < PLAT_MAX_CPUS; i++) {
		uint8_t *stack;
		uint64_t t0;

		if (harts[i] == riscv_boot_hart)
			continue;
		stack = plat_frames_alloc(STACK_PAGES);
		if (!stack)
			riscv_panic("no memory for a secondary stack");
		stack_lo[n] = (uintptr_t)stack;
		riscv_cpu_stack_top[n] = (uintptr_t)stack + STACK_PAGES * PAGE_SIZE;
		hart_of[n] = harts[i];
		riscv_ncpu = n + 1; /* plat_cpu_id may now name it */
		if (sbi_hart_start(harts[i], riscv_secondary_entry_pa, n)) {
			printf("smp: hart %lu did not start\n", harts[i]);
			riscv_ncpu = n;
			continue;
		}
		t0 = now_us();
		while (!__atomic_load_n(&online[n], __ATOMIC_ACQUIRE))
			if (now_us() - t0 > START_TIMEOUT_US)
				riscv_panic("a secondary hart never came online");
		n++;
	}
	riscv_ncpu = n;
	csr_set(sie, SIE_SSIE);
	csr_set(sstatus, SSTATUS_SIE);
	return n;
}
