/* The security probes of plat.h: does SMAP stop a plain load, is the user window open. */
#include "boot.h"
#include "plat.h"
#include "x86.h"

int boot_probe_load(const volatile uint8_t *p);
extern const char boot_probe_insn[], boot_probe_resume[];

static volatile int probe_armed;

/* Load one byte from p the ordinary way; 1 if that trapped, else 0. */
int plat_plain_load_faults(const volatile uint8_t *p)
{
	int trapped;

	probe_armed = 1;
	trapped = boot_probe_load(p);
	probe_armed = 0;
	return trapped;
}

/*
 * Absorb the one trap the armed probe provokes: resume after the load with
 * eax = 1.  Returns 1 if the trap was the probe's.
 */
int probe_trap(struct trap_frame *f)
{
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
