/*
 * The security probes of plat.h: does SMAP stop a plain load, is the user
 * window open; and, for tests/cases/x86_smap.c, does SMEP stop the kernel
 * from executing a user page.
 */
#include "boot.h"
#include "plat.h"
#include "x86.h"

#define PF_FETCH (1u << 4) /* #PF error code: an instruction fetch */

int boot_probe_load(const volatile uint8_t *p);
int boot_probe_exec(const void *p);
int x86_probe_exec_faults(const void *p);
extern const char boot_probe_insn[], boot_probe_resume[];

static volatile int probe_armed;
static volatile uintptr_t exec_target; /* armed: the user code called */

/* Load one byte from p the ordinary way; 1 if that trapped, else 0. */
int plat_plain_load_faults(const volatile uint8_t *p)
{
	int trapped;

	probe_armed = 1;
	trapped = boot_probe_load(p);
	probe_armed = 0;
	return trapped;
}

/* Call p, which holds a ret; 1 if fetching from p trapped, else 0. */
int x86_probe_exec_faults(const void *p)
{
	int trapped;

	exec_target = (uintptr_t)p;
	trapped = boot_probe_exec(p);
	exec_target = 0;
	return trapped;
}

/*
 * Absorb the one trap an armed probe provokes: resume after the load, or
 * return from the call (pop its return address), with eax = 1.  Returns 1
 * if the trap was a probe's.
 */
int probe_trap(struct trap_frame *f)
{
	if (exec_target && f->rip == exec_target && f->vector == VEC_PF &&
	    (f->error & PF_FETCH)) {
		exec_target = 0;
		f->rip = *(const uint64_t *)(uintptr_t)f->rsp;
		f->rsp += 8;
		f->rax = 1;
		return 1;
	}
	if (!probe_armed || f->rip != (uintptr_t)boot_probe_insn)
		return 0;
	probe_armed = 0;
	f->rip = (uintptr_t)boot_probe_resume;
	f->rax = 1;
	return 1;
}

/* 1 if RFLAGS.AC is set, which lets the kernel touch user pages under SMAP. */
int plat_user_access_open(void)
{
	return (read_rflags() & RFLAGS_AC) != 0;
}
