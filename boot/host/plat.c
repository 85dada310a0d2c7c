/*
 * The host "boot target": the platform of plat.h inside a Linux process.
 * The user test region is an mmap()ed range whose holes are PROT_NONE and
 * whose read-only page is PROT_READ, so the primitives meet real faults.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

#include "plat.h"
#include "vmio/extable.h"

#define HOST_PAGE 4096UL
#define HOST_FRAMES 2048 /* 4 MiB of "physical" frames for VM object tests */

static struct plat_info info = { "host", "Linux process", 0, HOST_PAGE };
static uintptr_t user_base;

static void die(const char *what)
{
	perror(what);
	exit(2);
}

static struct sigaction vmio_segv, vmio_bus; /* what vmio_host_init installed */

/*
 * SIGSEGV/SIGBUS in front of vmio's handler: a fault at one of vmio's
 * instructions is counted and shown to plat_fault_hook's function, then
 * vmio's handler applies the fixup.
 */
static void on_fault(int sig, siginfo_t *si, void *uc)
{
	struct sigaction *next = sig == SIGBUS ? &vmio_bus : &vmio_segv;

	if (vmio_extable_fixup((uintptr_t)((ucontext_t *)uc)->uc_mcontext.gregs[REG_RIP]))
		plat_fault_fixed((uintptr_t)si->si_addr);
	if (next->sa_flags & SA_SIGINFO)
		next->sa_sigaction(sig, si, uc);
	else
		signal(sig, SIG_DFL);
}

/* Put on_fault in front of the handlers vmio_host_init installed. */
static void chain_fault_handlers(void)
{
	struct sigaction sa = { 0 };

	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSEGV, &sa, &vmio_segv) || sigaction(SIGBUS, &sa, &vmio_bus))
		die("sigaction");
}

/* Map the user test region once, laid out as plat.h describes. */
static void map_user_region(void)
{
	size_t ps = HOST_PAGE;
	/* One more inaccessible page on each side keeps stray accesses in. */
	uint8_t *base = mmap(NULL, (UREG_PAGES + 2) * ps, PROT_NONE,
			     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (base == MAP_FAILED)
		die("mmap user region");
	base += ps;
	for (unsigned i = 0; i < UREG_PAGES; i++)
		if (ureg_page_mapped(i) &&
		    mprotect(base + i * ps, ps, PROT_READ | PROT_WRITE))
			die("mprotect user region");
	for (size_t i = 0; i < ps; i++)
		base[UREG_RO * ps + i] = plat_ro_byte(i);
	if (mprotect(base + UREG_RO * ps, ps, PROT_READ))
		die("mprotect read-only page");
	user_base = (uintptr_t)base;
	chain_fault_handlers();
}

/* plat.h: page i of the user test region accessible as at start, or not at all. */
void plat_user_page_set(unsigned i, int present)
{
	int prot = !ureg_page_mapped(i) ? PROT_NONE :
		   !present ? PROT_NONE :
		   ureg_page_writable(i) ? PROT_READ | PROT_WRITE : PROT_READ;

	if (mprotect((void *)(plat_user_base() + i * HOST_PAGE), HOST_PAGE, prot))
		die("mprotect");
}

const struct plat_info *plat_info(void)
{
	if (!info.mem_bytes)
		info.mem_bytes = (uint64_t)sysconf(_SC_PHYS_PAGES) * (uint64_t)sysconf(_SC_PAGESIZE);
	return &info;
}

uintptr_t plat_user_base(void)
{
	if (!user_base)
		map_user_region();
	return user_base;
}

void plat_putchar(int c)
{
	putchar(c);
}

_Noreturn void plat_exit(int status)
{
	fflush(stdout);
	exit(status);
}

/* There is no SMAP in a process: user memory is the only memory. */
int plat_plain_load_faults(const volatile uint8_t *p)
{
	(void)p;
	return 0;
}

int plat_user_access_open(void)
{
	return 1;
}

/* SIGALRM: a timer tick at the interrupted rip. */
static void on_alarm(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	plat_timer_tick_at((uintptr_t)((ucontext_t *)uc)->uc_mcontext.gregs[REG_RIP]);
}

void plat_timer_start(uint32_t period_us)
{
	struct sigaction sa = { 0 };
	struct itimerval it = { { 0, period_us }, { 0, period_us } };

	sa.sa_sigaction = on_alarm;
	sa.sa_flags = SA_RESTART | SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGALRM, &sa, NULL) || setitimer(ITIMER_REAL, &it, NULL))
		die("timer");
}

void plat_timer_stop(void)
{
	struct itimerval off = { { 0, 0 }, { 0, 0 } };

	setitimer(ITIMER_REAL, &off, NULL);
}

void *plat_frames_alloc(size_t nframes)
{
	static uint8_t *arena;
	static size_t used;

	if (!arena) {
		arena = mmap(NULL, HOST_FRAMES * HOST_PAGE, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (arena == MAP_FAILED)
			die("mmap frames");
	}
	if (nframes > HOST_FRAMES - used)
		return NULL;
	used += nframes;
	return arena + (used - nframes) * HOST_PAGE;
}

uintptr_t plat_pci_ecam_base(void)
{
	return 0;
}

/* plat.h: none; the top of a Linux process's address space is the kernel's. */
uintptr_t plat_map_top_page(void)
{
	return 0;
}
