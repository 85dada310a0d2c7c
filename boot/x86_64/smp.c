/*
 * SMP on x86_64 (plat.h): the CPUs are found in the ACPI MADT, each
 * secondary is started by INIT-SIPI-SIPI through the boot CPU's local APIC
 * (xAPIC) into ap_boot.S's real-mode trampoline, which brings it to long
 * mode on the shared page table and into ap_main().  Each CPU gets its own
 * GDT, TSS and IST stacks (idt.c), kernel stack, SMEP/SMAP (cpu.c) and
 * local APIC timer (timer.c).  Secondaries then sleep in hlt until CPU 0
 * hands them work and wakes them with an IPI.  TLB shootdowns are another
 * IPI, acknowledged by each CPU.  CPU numbers 0 .. n-1 come from
 * IA32_TSC_AUX, read by rdtscp (set per CPU at start-up).
 */
#include <stdio.h>

#include "boot.h"
#include "plat.h"
#include "x86.h"

#define AP_TRAMP_PHYS 0x8000 /* ap_boot.S: the SIPI vector is this >> 12 */
#define AP_PML4_PHYS 0x9000  /* the trampoline's page table: PML4, then PDPT */
#define AP_PDPT_PHYS 0xa000
#define AP_STACK_SIZE 65536

#define MSR_TSC_AUX 0xc0000103
#define CPUID_EXT_RDTSCP (1u << 27) /* CPUID 0x80000001 EDX */

#define ICR_FIXED 0x000
#define ICR_INIT 0x500
#define ICR_STARTUP 0x600
#define ICR_BUSY (1u << 12)        /* delivery status: send pending */
#define ICR_ASSERT (1u << 14)
#define ICR_ALL_BUT_SELF (3u << 18) /* destination shorthand */

#define AP_WAIT_SPINS 20000000 /* bounds each wait for a starting CPU */

extern const char ap_tramp[], ap_tramp_end[], ap_tramp_cr3[], ap_tramp_stack[], ap_tramp_cpu[];
void ap_main(unsigned cpu);

static uint8_t ap_stacks[PLAT_MAX_CPUS][AP_STACK_SIZE] __attribute__((aligned(16)));
static uint32_t apic_ids[PLAT_MAX_CPUS]; /* by CPU number; CPU 0 is the boot CPU */
static volatile unsigned ncpus = 1;      /* CPUs online; they are numbered 0 .. ncpus - 1 */
static volatile int smp_started, have_rdtscp;

/* Work handed to a secondary: fn is set last and cleared when fn has returned. */
static struct {
	void (*volatile fn)(unsigned cpu, void *arg);
	void *volatile arg;
} work[PLAT_MAX_CPUS];

/* The TLB shootdown in progress: serialised by tlb_lock, published by tlb_gen. */
static volatile int tlb_lock;
static volatile uintptr_t tlb_va;
static volatile unsigned tlb_gen, tlb_acks, tlb_seen[PLAT_MAX_CPUS];

/* A spin-wait hint. */
static inline void cpu_relax(void)
{
	__asm__ volatile("pause" ::: "memory");
}

/* Disable interrupts and return the old RFLAGS; irq_restore puts IF back. */
static uint64_t irq_save(void)
{
	uint64_t f = read_rflags();

	__asm__ volatile("cli" ::: "memory");
	return f;
}

static void irq_restore(uint64_t f)
{
	if (f & RFLAGS_IF)
		__asm__ volatile("sti" ::: "memory");
}

/* The calling CPU's number: IA32_TSC_AUX through rdtscp, or its APIC id looked up. */
unsigned plat_cpu_id(void)
{
	uint32_t lo, hi, aux, id;

	if (!smp_started)
		return 0;
	if (have_rdtscp) {
		__asm__ volatile("rdtscp" : "=a"(lo), "=d"(hi), "=c"(aux));
		return aux;
	}
	id = lapic_read(APIC_ID) >> 24;
	for (unsigned i = 0; i < PLAT_MAX_CPUS; i++)
		if (apic_ids[i] == id)
			return i;
	return 0;
}

/* The CPUs online (1 until plat_smp_start). */
unsigned plat_cpu_count(void)
{
	return ncpus;
}

/* ---- Finding the CPUs: the ACPI MADT, else QEMU's CMOS CPU count ---- */

/* The 8-bit sum of n bytes at p (ACPI tables sum to 0). */
static uint8_t sum8(const uint8_t *p, size_t n)
{
	uint8_t s = 0;

	while (n--)
		s += *p++;
	return s;
}

/* Whether the n bytes at p are sig's. */
static int sig_is(const uint8_t *p, const char *sig, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (uint8_t)sig[i])
			return 0;
	return 1;
}

/* The little-endian 32-bit value at p (ACPI tables need not be aligned). */
static uint32_t get32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The ACPI RSDP in the EBDA's first KiB or in 0xe0000..0xfffff; NULL if none. */
static const uint8_t *rsdp_find(void)
{
	uint64_t ebda = (uint64_t)*(const volatile uint16_t *)phys_to_virt(0x40e) << 4;
	const uint64_t areas[2][2] = { { ebda, ebda + 1024 }, { 0xe0000, 0x100000 } };

	for (int a = 0; a < 2; a++) {
		if (!areas[a][0] || areas[a][1] > 0x100000)
			continue;
		for (uint64_t pa = areas[a][0]; pa + 20 <= areas[a][1]; pa += 16) {
			const uint8_t *p = phys_to_virt(pa);

			if (sig_is(p, "RSD PTR ", 8) && sum8(p, 20) == 0)
				return p;
		}
	}
	return NULL;
}

/* A table at physical pa we can read (in the kernel map), checked; NULL if not. */
static const uint8_t *acpi_table(uint64_t pa)
{
	const uint8_t *t;
	uint32_t len;

	if (!pa || pa + 36 > KERNEL_MAP_LIMIT)
		return NULL;
	t = phys_to_virt(pa);
	len = get32(t + 4);
	if (len < 36 || pa + len > KERNEL_MAP_LIMIT || sum8(t, len) != 0)
		return NULL;
	return t;
}

/*
 * The local APIC ids of the enabled processors in the MADT, at most max,
 * into ids; returns how many (0 without ACPI).  Uses the RSDT, whose
 * 32-bit entries QEMU's tables have.
 */
static unsigned madt_apic_ids(uint32_t *ids, unsigned max)
{
	const uint8_t *rsdp = rsdp_find(), *rsdt, *madt = NULL;
	unsigned n = 0;

	if (!rsdp || !(rsdt = acpi_table(get32(rsdp + 16))))
		return 0;
	for (uint32_t off = 36; off + 4 <= get32(rsdt + 4) && !madt; off += 4) {
		const uint8_t *t = acpi_table(get32(rsdt + off));

		if (t && sig_is(t, "APIC", 4))
			madt = t;
	}
	if (!madt)
		return 0;
	/* Entries follow the 36-byte header, the APIC address and the flags. */
	for (uint32_t off = 44; off + 2 <= get32(madt + 4); off += madt[off + 1]) {
		const uint8_t *e = madt + off;

		if (e[1] < 2)
			break;
		/* Type 0, processor local APIC: ACPI id, APIC id, flags (bit 0 enabled). */
		if (e[0] == 0 && e[1] >= 8 && (get32(e + 4) & 1) && n < max)
			ids[n++] = e[3];
	}
	return n;
}

/* CMOS register r (QEMU keeps the CPU count less one in 0x5f). */
static uint8_t cmos_read(uint8_t r)
{
	outb(0x70, r);
	return inb(0x71);
}

/* ---- Interprocessor interrupts ---- */

/* Write the ICR (destination APIC id or a shorthand in lo) and wait until it is sent. */
static void ipi_send(uint32_t apic_id, uint32_t lo)
{
	uint64_t f = irq_save();

	while (lapic_read(APIC_ICR_LO) & ICR_BUSY)
		cpu_relax();
	lapic_write(APIC_ICR_HI, apic_id << 24);
	lapic_write(APIC_ICR_LO, lo);
	while (lapic_read(APIC_ICR_LO) & ICR_BUSY)
		cpu_relax();
	irq_restore(f);
}

/*
 * Answer the shootdown in progress if this CPU has not yet: invalidate the
 * address and count an acknowledgement.  Called with interrupts off.
 */
static void tlb_serve(unsigned cpu)
{
	unsigned g = __atomic_load_n(&tlb_gen, __ATOMIC_ACQUIRE);

	if (tlb_seen[cpu] == g)
		return;
	__asm__ volatile("invlpg (%0)" : : "r"(tlb_va) : "memory");
	tlb_seen[cpu] = g;
	__atomic_fetch_add(&tlb_acks, 1, __ATOMIC_RELEASE);
}

/*
 * plat.h (the strong one, for plat_user_page_set): invalidate va's
 * translation on every online CPU (the caller's included) and return when
 * each has done so.  One shootdown at a time: a CPU waiting
 * for the lock answers the one in progress itself, so two CPUs shooting at
 * once cannot wait on each other even with interrupts off.
 */
void smp_tlb_shootdown(uintptr_t va)
{
	unsigned me, others;
	uint64_t f;

	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
	if (ncpus <= 1)
		return;
	me = plat_cpu_id();
	others = ncpus - 1;
	f = irq_save();
	while (__atomic_exchange_n(&tlb_lock, 1, __ATOMIC_ACQUIRE)) {
		tlb_serve(me);
		cpu_relax();
	}
	tlb_va = va;
	__atomic_store_n(&tlb_acks, 0, __ATOMIC_RELAXED);
	tlb_seen[me] = tlb_gen + 1;
	__atomic_store_n(&tlb_gen, tlb_gen + 1, __ATOMIC_RELEASE);
	ipi_send(0, ICR_ALL_BUT_SELF | ICR_ASSERT | ICR_FIXED | VEC_TLB);
	while (__atomic_load_n(&tlb_acks, __ATOMIC_ACQUIRE) < others)
		cpu_relax();
	__atomic_store_n(&tlb_lock, 0, __ATOMIC_RELEASE);
	irq_restore(f);
}

/* The IPI vectors: answer a shootdown, or just wake from hlt. */
int smp_trap(struct trap_frame *f)
{
	if (f->vector != VEC_TLB && f->vector != VEC_WAKE)
		return 0;
	if (f->vector == VEC_TLB)
		tlb_serve(plat_cpu_id());
	plat_ipi_at(f->rip);
	lapic_write(APIC_EOI, 0);
	return 1;
}

/* ---- Starting the secondaries ---- */

/*
 * Copy the trampoline to low memory and give it a page table of its own:
 * the kernel's top half (PML4 slot 511) and the first GiB identity-mapped
 * (entry.S's first page directory), so the instructions right after paging
 * is turned on are still mapped.  The kernel map reaches low RAM.
 */
static void tramp_install(void)
{
	uint8_t *dst = phys_to_virt(AP_TRAMP_PHYS);
	uint64_t *pml4 = phys_to_virt(AP_PML4_PHYS), *pdpt = phys_to_virt(AP_PDPT_PHYS);

	if (ap_tramp_end - ap_tramp > AP_PML4_PHYS - AP_TRAMP_PHYS)
		boot_panic("AP trampoline larger than its page");
	for (long i = 0; i < ap_tramp_end - ap_tramp; i++)
		dst[i] = (uint8_t)ap_tramp[i];
	for (int i = 0; i < 512; i++)
		pml4[i] = pdpt[i] = 0;
	pdpt[0] = virt_to_phys(boot_pd[0]) | PTE_P | PTE_W;
	pml4[0] = AP_PDPT_PHYS | PTE_P | PTE_W;
	pml4[511] = boot_pml4[511];
	*(volatile uint64_t *)(dst + (ap_tramp_cr3 - ap_tramp)) = AP_PML4_PHYS;
}

static volatile unsigned ap_arrived; /* the CPU number that last reached ap_main */

/* Start CPU cpu (APIC id apic_ids[cpu]); 1 once it runs ap_main, 0 if it never came. */
static int ap_start(unsigned cpu)
{
	uint8_t *tramp = phys_to_virt(AP_TRAMP_PHYS);

	*(volatile uint64_t *)(tramp + (ap_tramp_stack - ap_tramp)) =
		(uintptr_t)ap_stacks[cpu] + AP_STACK_SIZE;
	*(volatile uint64_t *)(tramp + (ap_tramp_cpu - ap_tramp)) = cpu;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	ipi_send(apic_ids[cpu], ICR_INIT | ICR_ASSERT);
	for (int sipi = 0; sipi < 2; sipi++) {
		ipi_send(apic_ids[cpu], ICR_STARTUP | ICR_ASSERT | (AP_TRAMP_PHYS >> 12));
		for (long spin = 0; spin < AP_WAIT_SPINS; spin++) {
			if (__atomic_load_n(&ap_arrived, __ATOMIC_ACQUIRE) == cpu)
				return 1;
			cpu_relax();
		}
	}
	return 0;
}

/* Whether this CPU has rdtscp (IA32_TSC_AUX then gives CPU numbers cheaply). */
static int cpu_has_rdtscp(void)
{
	uint32_t r[4];

	cpuid(0x80000000, 0, r);
	if (r[0] < 0x80000001)
		return 0;
	cpuid(0x80000001, 0, r);
	return (r[3] & CPUID_EXT_RDTSCP) != 0;
}

/* Start every CPU the firmware lists, one after the other (plat.h). */
unsigned plat_smp_start(void)
{
	uint32_t ids[PLAT_MAX_CPUS], bsp;
	unsigned n, k = 1;
	const char *from = "ACPI MADT";

	if (smp_started)
		return ncpus;
	n = madt_apic_ids(ids, PLAT_MAX_CPUS);
	if (!n) {
		from = "CMOS";
		n = cmos_read(0x5f) + 1u;
		if (n > PLAT_MAX_CPUS)
			n = PLAT_MAX_CPUS;
		for (unsigned i = 0; i < n; i++)
			ids[i] = i;
	}
	bsp = lapic_read(APIC_ID) >> 24;
	apic_ids[0] = bsp;
	for (unsigned i = 0; i < n && k < PLAT_MAX_CPUS; i++)
		if (ids[i] != bsp)
			apic_ids[k++] = ids[i];
	n = k;

	timer_calibrate();
	have_rdtscp = cpu_has_rdtscp();
	if (have_rdtscp)
		wrmsr(MSR_TSC_AUX, 0);
	if (n > 1)
		tramp_install();
	smp_started = 1;
	for (unsigned cpu = 1; cpu < n; cpu++) {
		if (!ap_start(cpu)) {
			printf("smp: CPU %u (APIC id %u) did not start\n", cpu, apic_ids[cpu]);
			break;
		}
		ncpus = cpu + 1;
	}
	printf("smp: %u of %u CPUs online (from the %s), CPU ids by %s\n", ncpus, n, from,
	       have_rdtscp ? "rdtscp" : "APIC id");
	return ncpus;
}

/*
 * A secondary CPU, on its own stack in the top half, on the trampoline's
 * page table: switch to the kernel's, set up its tables, CR4 and APIC, say
 * it has arrived, and run the work it is given, sleeping in between.
 */
void ap_main(unsigned cpu)
{
	write_cr3(virt_to_phys(boot_pml4));
	cpu_tables_load(cpu);
	cpu_init();
	if (have_rdtscp)
		wrmsr(MSR_TSC_AUX, cpu);
	lapic_cpu_init();
	__atomic_store_n(&ap_arrived, cpu, __ATOMIC_RELEASE);

	for (;;) {
		void (*fn)(unsigned, void *);

		/* sti; hlt: no interrupt can slip in between the test and the sleep. */
		__asm__ volatile("cli" ::: "memory");
		while (!(fn = work[cpu].fn))
			__asm__ volatile("sti; hlt; cli" ::: "memory");
		__asm__ volatile("sti" ::: "memory");
		fn(cpu, work[cpu].arg);
		__atomic_store_n(&work[cpu].fn, NULL, __ATOMIC_RELEASE);
	}
}

/* Hand fn(cpu, arg) to secondary cpu once it is idle, and wake it (plat.h). */
void plat_smp_run(unsigned cpu, void (*fn)(unsigned cpu, void *arg), void *arg)
{
	if (cpu == 0 || cpu >= ncpus || !fn)
		boot_panic("plat_smp_run: no such secondary CPU");
	plat_smp_wait(cpu);
	work[cpu].arg = arg;
	__atomic_store_n(&work[cpu].fn, fn, __ATOMIC_RELEASE);
	ipi_send(apic_ids[cpu], ICR_ASSERT | ICR_FIXED | VEC_WAKE);
}

/* Wait until secondary cpu has no work left. */
void plat_smp_wait(unsigned cpu)
{
	if (cpu >= PLAT_MAX_CPUS)
		return;
	while (__atomic_load_n(&work[cpu].fn, __ATOMIC_ACQUIRE))
		cpu_relax();
}

/*
 * Run fn on every online CPU, the caller included, and wait for all
 * (plat.h).  From a secondary, CPU 0 (busy in guest_main) is left out.
 */
void plat_smp_run_all(void (*fn)(unsigned cpu, void *arg), void *arg)
{
	unsigned me = plat_cpu_id(), n = ncpus;

	for (unsigned cpu = 1; cpu < n; cpu++)
		if (cpu != me)
			plat_smp_run(cpu, fn, arg);
	fn(me, arg);
	for (unsigned cpu = 1; cpu < n; cpu++)
		if (cpu != me)
			plat_smp_wait(cpu);
}

/* ---- The console lock: printf holds it for a whole call, recursively on one CPU ---- */

static volatile int con_owner = -1;
static unsigned con_depth;

/* Take the console; interrupts are off while the owner and depth change. */
void plat_console_lock(void)
{
	uint64_t f;
	int me;

	if (!smp_started)
		return;
	f = irq_save();
	me = (int)plat_cpu_id();
	if (__atomic_load_n(&con_owner, __ATOMIC_RELAXED) == me) {
		con_depth++;
	} else {
		for (;;) {
			int expect = -1;

			if (__atomic_compare_exchange_n(&con_owner, &expect, me, 0,
							__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
				break;
			cpu_relax();
		}
		con_depth = 1;
	}
	irq_restore(f);
}

/* Give the console back after the outermost plat_console_lock() of this CPU. */
void plat_console_unlock(void)
{
	uint64_t f;

	if (!smp_started)
		return;
	f = irq_save();
	if (__atomic_load_n(&con_owner, __ATOMIC_RELAXED) == (int)plat_cpu_id() && --con_depth == 0)
		__atomic_store_n(&con_owner, -1, __ATOMIC_RELEASE);
	irq_restore(f);
}
