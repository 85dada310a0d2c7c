/*
 * SMP on QEMU's loongarch virt machine (plat.h).
 *
 * QEMU starts every CPU at the ELF entry; start.S keeps CSR.CPUID 0 and
 * parks the others in `idle 0` until their mailbox 0 holds an address.
 * plat_smp_start() gives each parked CPU a number, a kernel stack and an
 * overflow stack, then sends it la_secondary_entry through the mailbox
 * (IOCSR MBUF_SEND) and an IPI (IPI_SEND) to wake it, as Linux's
 * loongson_boot_secondary() does to the firmware's parked cores.  The CPU
 * joins the shared page table (start.S), marks itself online and waits
 * for work from plat_smp_run().
 *
 * IPIs: each core's IOCSR IPI block has 32 status bits; IPI_SEND from any
 * core sets one in the target's STATUS and raises its IS[12] (ECFG
 * LIE[12]).  Bit IPI_WAKE only wakes a CPU from idle; bit IPI_SHOOTDOWN
 * asks it to drop the TLB entry of shoot_va and clear its bit in
 * shoot_pending.
 *
 * Memory order: state written by one CPU for another (la_cpu fields, the
 * shootdown request) is published with a release store (or `dbar 0`
 * before the IOCSR write that sends the IPI) and read with an acquire
 * load.
 */
#include <stdio.h>

#include "boot.h"
#include "csr.h"
#include "plat.h"

#define IPI_WAKE 0
#define IPI_SHOOTDOWN 1

#define FW_CFG_NB_CPUS 0x0005

enum { WORK_IDLE, WORK_RUN };

_Noreturn void la_secondary_main(struct la_cpu *c);
extern char la_secondary_entry[], overflow_stack_top[];

static struct la_cpu cpus[LA_MAX_CPUS];
static unsigned cpus_online = 1;
static int smp_started;
/* Read by start.S on a released CPU: its la_cpu, by CSR.CPUID. */
struct la_cpu *la_cpu_by_hwid[LA_MAX_HWID];
static uint8_t overflow_stacks[LA_MAX_CPUS][LA_OVERFLOW_STACK] __attribute__((aligned(16)));

/* One TLB shootdown at a time: the lock, the page, the CPUs yet to ack. */
static int shoot_lock;
static uintptr_t shoot_va;
static unsigned shoot_pending;

/* This CPU's la_cpu (KScratch SAVE2); CPU 0's until paging is on. */
static struct la_cpu *this_cpu(void)
{
	struct la_cpu *c = (struct la_cpu *)csr_read(CSR_SAVE2);

	return c ? c : &cpus[0];
}

/* This CPU's number, from the la_cpu its KScratch points to. */
unsigned plat_cpu_id(void)
{
	return this_cpu()->id;
}

/* The CPUs online: 1 until plat_smp_start() has released the others. */
unsigned plat_cpu_count(void)
{
	return __atomic_load_n(&cpus_online, __ATOMIC_ACQUIRE);
}

/* Set up CPU 0's la_cpu and point its KScratch at it. */
void smp_boot_cpu_init(void)
{
	cpus[0].id = 0;
	cpus[0].hwid = (unsigned)csr_read(CSR_CPUID) & 0x1ff;
	cpus[0].kstack_top = LA_KSTACK_TOP_OF(0);
	cpus[0].overflow_top = (uintptr_t)overflow_stack_top;
	cpus[0].online = 1;
	csr_write(CSR_SAVE2, (uintptr_t)&cpus[0]);
	iocsr_write32(0xffffffff, IOCSR_IPI_EN);
	csr_xchg(CSR_ECFG, ECFG_LIE_IPI, ECFG_LIE_IPI);
}

/* Set interrupt enable to ie (0 or CRMD_IE); returns what it was. */
static uint64_t irq_set(uint64_t ie)
{
	uint64_t old = csr_read(CSR_CRMD) & CRMD_IE;

	csr_xchg(CSR_CRMD, ie, CRMD_IE);
	return old;
}

/* Raise bit `vector` of CPU hwid's IPI status. */
static void ipi_send(unsigned hwid, unsigned vector)
{
	__asm__ volatile("dbar 0" ::: "memory");
	iocsr_write32(IOCSR_SEND_BLOCKING | hwid << IOCSR_SEND_CPU_SHIFT | vector,
		      IOCSR_IPI_SEND);
}

/* Put the 64-bit val into mailbox `box` of CPU hwid, high word first (as Linux). */
static void mail_send(unsigned hwid, unsigned box, uint64_t val)
{
	uint64_t to = IOCSR_SEND_BLOCKING | (uint64_t)hwid << IOCSR_SEND_CPU_SHIFT;

	iocsr_write64(to | (uint64_t)(box * 2 + 1) << 2 | (val & 0xffffffff00000000),
		      IOCSR_MBUF_SEND);
	iocsr_write64(to | (uint64_t)(box * 2) << 2 | val << 32, IOCSR_MBUF_SEND);
}

/* Drop this CPU's TLB entries for the page at va (G or ASID 0). */
static void tlb_flush_va(uintptr_t va)
{
	__asm__ volatile("dbar 0\n\tinvtlb 6, $zero, %0" : : "r"(va) : "memory");
}

/* Act on the IPI bits pending for this CPU; interrupts are off. */
static void ipi_handle(void)
{
	uint32_t status = iocsr_read32(IOCSR_IPI_STATUS);

	if (!status)
		return;
	iocsr_write32(status, IOCSR_IPI_CLEAR);
	if (status & 1u << IPI_SHOOTDOWN) {
		unsigned me = this_cpu()->id;

		tlb_flush_va(__atomic_load_n(&shoot_va, __ATOMIC_ACQUIRE));
		__atomic_fetch_and(&shoot_pending, ~(1u << me), __ATOMIC_RELEASE);
	}
}

/* The IPI interrupt (trap.c): count it at the interrupted pc and act on it. */
void smp_ipi(uintptr_t era)
{
	plat_ipi_at(era);
	ipi_handle();
}

/* In a wait loop: serve IPIs now, whatever CRMD.IE is, so no CPU waits on us. */
static void ipi_poll(void)
{
	uint64_t ie = irq_set(0);

	ipi_handle();
	irq_set(ie);
}

/* The constant counter (100 MHz on QEMU). */
static uint64_t rdtime(void)
{
	uint64_t t;

	__asm__ volatile("rdtime.d %0, $zero" : "=r"(t));
	return t;
}

/* Select fw_cfg item key and read its first 16 bits (little-endian). */
static unsigned fw_cfg_read16(uint16_t key)
{
	volatile uint16_t *sel = (volatile uint16_t *)phys_to_uncached(VIRT_FWCFG + 8);
	volatile uint8_t *data = (volatile uint8_t *)phys_to_uncached(VIRT_FWCFG);
	unsigned v;

	*sel = (uint16_t)(key << 8 | key >> 8);
	v = *data;
	return v | (unsigned)*data << 8;
}

/*
 * Release the CPU with CSR.CPUID hwid as number id and wait (up to a
 * second) until it is online; returns whether it came.
 */
static int start_cpu(unsigned id, unsigned hwid)
{
	struct la_cpu *c = &cpus[id];
	uint64_t t0;

	if (!mmu_map_kernel_stack(id))
		return 0;
	c->id = id;
	c->hwid = hwid;
	c->kstack_top = LA_KSTACK_TOP_OF(id);
	c->overflow_top = (uintptr_t)overflow_stacks[id] + LA_OVERFLOW_STACK;
	c->state = WORK_IDLE;
	la_cpu_by_hwid[hwid] = c;
	__asm__ volatile("dbar 0" ::: "memory");
	mail_send(hwid, 0, (uintptr_t)la_secondary_entry);
	ipi_send(hwid, IPI_WAKE);
	t0 = rdtime();
	while (!__atomic_load_n(&c->online, __ATOMIC_ACQUIRE))
		if (rdtime() - t0 > 100000000) {
			printf("smp: CPU %u (CPUID %u) did not come online\n", id, hwid);
			return 0;
		}
	return 1;
}

/*
 * plat.h: start the parked CPUs.  fw_cfg tells how many QEMU made (-smp);
 * on this machine CPU k has CSR.CPUID k.
 */
unsigned plat_smp_start(void)
{
	unsigned n;

	if (smp_started)
		return plat_cpu_count();
	smp_started = 1;
	n = fw_cfg_read16(FW_CFG_NB_CPUS);
	if (n > LA_MAX_CPUS)
		n = LA_MAX_CPUS;
	if (cpus[0].hwid != 0)
		return plat_cpu_count();
	for (unsigned hw = 1; hw < n; hw++) {
		unsigned id = plat_cpu_count();

		if (!start_cpu(id, hw))
			break;
		__atomic_store_n(&cpus_online, id + 1, __ATOMIC_RELEASE);
	}
	return plat_cpu_count();
}

/*
 * A secondary CPU in C, on its kernel stack with paging on: take IPIs,
 * say it is online, then run what plat_smp_run() gives it, sleeping in
 * between.  The check and the idle run with interrupts off, so a wake-up
 * IPI cannot slip in between them (idle still wakes on it).
 */
_Noreturn void la_secondary_main(struct la_cpu *c)
{
	iocsr_write32(0xffffffff, IOCSR_IPI_EN);
	csr_write(CSR_ECFG, ECFG_LIE_IPI);
	__atomic_store_n(&c->online, 1, __ATOMIC_RELEASE);
	for (;;) {
		irq_set(0);
		if (__atomic_load_n(&c->state, __ATOMIC_ACQUIRE) == WORK_RUN) {
			irq_set(CRMD_IE);
			c->fn(c->id, c->arg);
			__atomic_store_n(&c->state, WORK_IDLE, __ATOMIC_RELEASE);
			continue;
		}
		__asm__ volatile("idle 0" ::: "memory");
		irq_set(CRMD_IE); /* take what woke us */
	}
}

/* Hand fn(cpu, arg) to secondary `cpu` once it is idle, and wake it. */
void plat_smp_run(unsigned cpu, void (*fn)(unsigned cpu, void *arg), void *arg)
{
	struct la_cpu *c = &cpus[cpu];

	if (cpu == 0 || cpu >= plat_cpu_count() || cpu == plat_cpu_id()) {
		printf("plat_smp_run: CPU %u is not a secondary CPU online (count %u)\n", cpu,
		       plat_cpu_count());
		plat_exit(2);
	}
	plat_smp_wait(cpu);
	c->fn = fn;
	c->arg = arg;
	__atomic_store_n(&c->state, WORK_RUN, __ATOMIC_RELEASE);
	ipi_send(c->hwid, IPI_WAKE);
}

/* Wait until secondary `cpu` has returned from its work, serving our IPIs meanwhile. */
void plat_smp_wait(unsigned cpu)
{
	if (cpu >= plat_cpu_count())
		return;
	while (__atomic_load_n(&cpus[cpu].state, __ATOMIC_ACQUIRE) != WORK_IDLE)
		ipi_poll();
}

/* Run fn on every online CPU; called from CPU 0 (the secondaries run work, CPU 0 gives it). */
void plat_smp_run_all(void (*fn)(unsigned cpu, void *arg), void *arg)
{
	unsigned n = plat_cpu_count(), me = plat_cpu_id();

	for (unsigned c = 1; c < n; c++)
		if (c != me)
			plat_smp_run(c, fn, arg);
	fn(me, arg);
	for (unsigned c = 1; c < n; c++)
		if (c != me)
			plat_smp_wait(c);
}

/*
 * Drop the translation of the page at va on every online CPU: ours
 * directly, the others by IPI, and wait for each one's ack.  The caller
 * has stored the new PTE.  Senders take turns (shoot_lock); a sender
 * waiting for the lock or the acks serves IPIs itself, so two senders
 * never wait on each other.
 */
void smp_tlb_shootdown(uintptr_t va)
{
	unsigned n = plat_cpu_count(), me = plat_cpu_id(), others = 0;

	__asm__ volatile("dbar 0" ::: "memory");
	if (n > 1) {
		while (__atomic_exchange_n(&shoot_lock, 1, __ATOMIC_ACQUIRE))
			ipi_poll();
		for (unsigned c = 0; c < n; c++)
			if (c != me)
				others |= 1u << c;
		__atomic_store_n(&shoot_va, va, __ATOMIC_RELAXED);
		__atomic_store_n(&shoot_pending, others, __ATOMIC_RELEASE);
		for (unsigned c = 0; c < n; c++)
			if (c != me)
				ipi_send(cpus[c].hwid, IPI_SHOOTDOWN);
	}
	tlb_flush_va(va);
	if (n > 1) {
		while (__atomic_load_n(&shoot_pending, __ATOMIC_ACQUIRE))
			ipi_poll();
		__atomic_store_n(&shoot_lock, 0, __ATOMIC_RELEASE);
	}
}
