/*
 * What every boot target (boot/<target>/) provides to the tests in tests/.
 * The library (arch/, lib/) never includes this header.
 *
 * Start-up order on a bare-metal target: the boot code sets up its console,
 * traps and page tables, calls vmio_extable_init(), prints the banner with
 * plat_print_banner(), then calls guest_main() and powers off with its
 * return value as the exit status (0 = success).
 */
#ifndef PLAT_H
#define PLAT_H

#include <stddef.h>
#include <stdint.h>

struct plat_info {
	const char *isa;    /* "x86_64", "riscv64", "loongarch64", "host" */
	const char *boot;   /* how we were started: "OpenSBI", "PVH loader", ... */
	uint64_t mem_bytes; /* RAM found at boot */
	size_t page_size;   /* page size of the user test region */
};

const struct plat_info *plat_info(void);

/* Write one byte to the console. */
void plat_putchar(int c);

/* Power off; the test runner sees status 0 as success. */
_Noreturn void plat_exit(int status);

/* Entry point of a guest image, provided by tests/. */
int guest_main(void);

/* Print the one-paragraph banner (boot/common/banner.c). */
void plat_print_banner(void);

/*
 * The user test region: UREG_PAGES pages of plat_info()->page_size each,
 * starting at plat_user_base(), user-accessible where mapped:
 *   page 0              unmapped (hole)
 *   UREG_RW_PAGES pages read-write, initially zero (over 1 MiB in all)
 *   page UREG_RO        read-only, byte i holds plat_ro_byte(i)
 *   one page            unmapped (hole)
 *   page UREG_RW2       read-write, initially zero
 *   one page            unmapped (hole)
 * So reads run from page 1 to the end of the read-only page; writes stop
 * at the read-only page; UREG_RW2 is a writable page between two holes.
 * Kernel code may reach it only through the fallible primitives
 * (SMAP on x86_64, sstatus.SUM on riscv64).
 */
enum {
	UREG_RW = 1,
	UREG_RW_PAGES = 260,
	UREG_RO = UREG_RW + UREG_RW_PAGES,
	UREG_RW2 = UREG_RO + 2,
	UREG_PAGES = UREG_RW2 + 2,
};

/* Whether page i of the user test region is mapped, and writable. */
static inline int ureg_page_mapped(unsigned i)
{
	return (i >= UREG_RW && i <= UREG_RO) || i == UREG_RW2;
}

static inline int ureg_page_writable(unsigned i)
{
	return ureg_page_mapped(i) && i != UREG_RO;
}

uintptr_t plat_user_base(void);

/*
 * Bare metal: a fresh frame (kernel address) for page i of the region,
 * zeroed or, for the read-only page, holding plat_ro_byte(); NULL for a
 * hole.  Out of memory, it says so and exits (boot/common/user_frames.c).
 */
void *plat_user_frame(unsigned i);

static inline uint8_t plat_ro_byte(size_t i)
{
	return (uint8_t)(i * 131u + 7u);
}

/*
 * The highest page of the virtual address space, [2^64 - page_size, 2^64)
 * with plat_info()->page_size, mapped read-write for the kernel only (no
 * user bit) to a fresh zeroed frame, so that tests can use ranges that end
 * exactly at 2^64.  Mapped on the first call; returns its address, or 0
 * where it cannot be mapped (host: the top of a Linux process's address
 * space belongs to the kernel).
 */
uintptr_t plat_map_top_page(void);

/*
 * Security probes (bare metal only).
 * plat_plain_load_faults: does an ordinary kernel load (no exception-table
 * entry, user access not enabled) from p; returns 1 if it trapped (the trap
 * is then absorbed), 0 if it read a value.
 * plat_user_access_open: 1 if kernel access to user pages is currently
 * enabled (x86_64 RFLAGS.AC, riscv64 sstatus.SUM), else 0.
 */
int plat_plain_load_faults(const volatile uint8_t *p);
int plat_user_access_open(void);

/*
 * Periodic timer interrupts: plat_timer_start arms a timer that interrupts
 * about every period_us microseconds (of guest time) until plat_timer_stop;
 * plat_timer_ticks counts the interrupts taken since boot;
 * plat_timer_ticks_watched counts those whose interrupted PC lay in
 * [lo, hi) of the last plat_timer_watch(lo, hi), since that call.
 */
void plat_timer_start(uint32_t period_us);
void plat_timer_stop(void);
uint64_t plat_timer_ticks(void);
void plat_timer_watch(uintptr_t lo, uintptr_t hi);
uint64_t plat_timer_ticks_watched(void);

/* For the boot targets' tick handlers: count a tick at the interrupted pc. */
void plat_timer_tick_at(uintptr_t pc);

/*
 * SMP (bare metal).  CPU 0 boots alone and runs guest_main(); the
 * secondaries are started by plat_smp_start() and then wait for work.
 * Every CPU has its own stack, trap state (x86_64: TSS and IST stacks),
 * SMAP/SUM state and timer; all share one page table.
 *
 * plat_smp_start: start every secondary CPU QEMU gave us (-smp N), at most
 *   PLAT_MAX_CPUS in all; returns the number of CPUs online, CPU 0
 *   included.  Idempotent.  A single-CPU machine returns 1.
 * plat_cpu_id: the calling CPU's number, 0 .. plat_cpu_count() - 1.
 * plat_smp_run: run fn(cpu, arg) on secondary `cpu` (1 .. count - 1) and
 *   return at once; plat_smp_wait(cpu) returns when it has returned.
 * plat_smp_run_all: run fn(cpu, arg) on every online CPU, the caller
 *   included (as its own cpu number), and return when all have returned.
 * plat_user_page_set: make page i of the user test region present (with
 *   its original frame and permissions) or not present, then shoot the old
 *   translation down on every online CPU (IPI + invlpg / sfence.vma /
 *   invtlb) and wait until each has done so.  Callable from any CPU.
 * plat_ipi_at: for the boot targets' IPI handlers, like plat_timer_tick_at.
 * plat_cpu_ipis / plat_cpu_ticks: interrupts taken by `cpu` since boot;
 *   plat_cpu_ipis_watched / plat_cpu_ticks_watched: those whose
 *   interrupted PC lay in [lo, hi) of the last plat_timer_watch().
 *
 * The timer calls above act on the calling CPU (plat_timer_start arms its
 * own timer); plat_timer_ticks() counts the ticks of all CPUs.
 */
#define PLAT_MAX_CPUS 8
unsigned plat_smp_start(void);
unsigned plat_cpu_count(void);
unsigned plat_cpu_id(void);
void plat_smp_run(unsigned cpu, void (*fn)(unsigned cpu, void *arg), void *arg);
void plat_smp_wait(unsigned cpu);
void plat_smp_run_all(void (*fn)(unsigned cpu, void *arg), void *arg);
void plat_user_page_set(unsigned i, int present);
void plat_ipi_at(uintptr_t pc);
uint64_t plat_cpu_ipis(unsigned cpu);
uint64_t plat_cpu_ticks(unsigned cpu);
uint64_t plat_cpu_ipis_watched(unsigned cpu);
uint64_t plat_cpu_ticks_watched(unsigned cpu);

/*
 * The console lock (minilibc printf and puts hold it for a whole call, so
 * lines from several CPUs do not mix); recursive on one CPU, so a trap
 * that prints while its CPU holds it goes on.  No-ops where there is one CPU.
 */
void plat_console_lock(void);
void plat_console_unlock(void);

/*
 * Faults the kernel takes inside vmio's primitives (bare metal: a page or
 * access fault at an exception-table instruction; host: a SIGSEGV/SIGBUS
 * there).  plat_fault_count: how many were fixed up since boot (host:
 * since the user test region was first mapped).  plat_fault_hook: run
 * fn(addr, arg) with the faulting address at each such fault, on the
 * faulting CPU, just before the fixup is applied (fn NULL: none); it may
 * call plat_user_page_set, which simulates another CPU's unmap landing
 * between a primitive's first fault and its retry.  Boot targets report
 * each such fault with plat_fault_fixed(addr).
 */
void plat_fault_hook(void (*fn)(uintptr_t addr, void *arg), void *arg);
uint64_t plat_fault_count(void);
void plat_fault_fixed(uintptr_t addr);

/*
 * Bare metal: plat_user_page_set changes the page table and flushes the
 * local TLB, then calls smp_tlb_shootdown(va) to flush the other CPUs
 * (boot/common/user_frames.c has a weak one-CPU default that does nothing).
 */
void smp_tlb_shootdown(uintptr_t va);

/*
 * Contiguous, page-aligned, zeroed physical frames of plat_info()->page_size
 * bytes from a bump allocator,
 * returned as kernel addresses; NULL when memory runs out.  Never freed.
 * Not for two CPUs at once (no lock): the callers keep to one at a time.
 */
void *plat_frames_alloc(size_t nframes);

/*
 * Kernel address of the PCI ECAM configuration space of bus 0, device 0,
 * function 0 (the host bridge), mapped uncached; 0 where there is none (host).
 */
uintptr_t plat_pci_ecam_base(void);

#endif
