/*
 * The C side of trap_entry (trap.S): fixups for the library's fallible
 * accesses, the timer and IPI interrupts, the plain-load probe, and a dump of
 * anything else.
 */
#include <stdio.h>

#include "boot.h"
#include "csr.h"
#include "fault_lock.h"
#include "plat.h"
#include "trap.h"
#include "usermode.h"
#include "vmio/extable.h"

static const char *const reg_names[32] = {
	"zero", "ra", "tp", "sp", "a0", "a1", "a2", "a3",
	"a4", "a5", "a6", "a7", "t0", "t1", "t2", "t3",
	"t4", "t5", "t6", "t7", "t8", "u0", "fp", "s0",
	"s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8",
};

/* Exceptions an access to a bad address raises: the ones a fixup may absorb. */
static int is_access_fault(unsigned ecode, unsigned subcode)
{
	switch (ecode) {
	case ECODE_PIL:
	case ECODE_PIS:
	case ECODE_PME:
	case ECODE_PNR:
	case ECODE_PPI:
		return 1;
	case ECODE_ADE:
		return subcode == 1; /* ADEM: a data address outside the VA range */
	default:
		return 0;
	}
}

/* Print the frame, starting with the line the runner looks for, and fail. */
static _Noreturn void dump(const struct trap_frame *f, unsigned ecode, unsigned subcode)
{
	static int dumping;

	if (dumping++)
		plat_exit(3); /* a trap while dumping: stop at once */
	printf("UNEXPECTED TRAP: ecode 0x%x subcode 0x%x, era 0x%016llx, badv 0x%016llx\n",
	       ecode, subcode, (unsigned long long)f->era, (unsigned long long)f->badv);
	if (f->badv - LA_KSTACK_GUARD < LA_PAGE_SIZE)
		printf("  (the kernel stack overflowed into its guard page)\n");
	printf("  estat 0x%llx prmd 0x%llx\n", (unsigned long long)f->estat,
	       (unsigned long long)f->prmd);
	for (unsigned i = 0; i < 32; i++)
		printf("  %-4s 0x%016llx%s", reg_names[i], (unsigned long long)f->r[i],
		       i % 4 == 3 ? "\n" : "");
	plat_exit(1);
}

/* The names of the exceptions a user program may take. */
static const char *ecode_name(unsigned ecode)
{
	static const char *const names[] = {
		"INT", "PIL page invalid (load)", "PIS page invalid (store)",
		"PIF page invalid (fetch)", "PME page modify (read-only)",
		"PNR page not readable", "PNX page not executable",
		"PPI page privilege", "ADE address error", "ALE misaligned",
		"BCE bound check", "SYS", "BRK breakpoint", "INE invalid instruction",
		"IPE privileged instruction", "FPD FPU disabled",
	};

	return ecode < sizeof(names) / sizeof(names[0]) ? names[ecode] : "exception";
}

/* A page-invalid fault (PIL, PIS): the page may be paged in on demand (fault_lock.h). */
static int demand_paged(const struct trap_frame *f, unsigned ecode)
{
	return (ecode == ECODE_PIL || ecode == ECODE_PIS) && demand_fault((uintptr_t)f->badv);
}

/*
 * A system call or a fault from a user program (PLV3); the latter ends it
 * unless it was on a page paged in on demand.  With other CPUs online a
 * system call runs with interrupts on, so that a CPU spinning on a lock
 * in one still takes TLB shootdowns (trap.S keeps ERA and PRMD in the
 * frame, so a nested trap does not lose them).
 */
static void user_trap(struct trap_frame *f, unsigned ecode)
{
	if (ecode == ECODE_SYS) {
		if (plat_cpu_count() > 1)
			csr_xchg(CSR_CRMD, CRMD_IE, CRMD_IE);
		f->r[4] = (uint64_t)syscall_dispatch(f->r[11], f->r[4], f->r[5], f->r[6], f->r[7]);
		csr_xchg(CSR_CRMD, 0, CRMD_IE);
		f->era += 4;
		return;
	}
	if (demand_paged(f, ecode))
		return; /* paged in: run the instruction again */
	user_fault(ecode_name(ecode), (uintptr_t)f->era,
		   ecode >= ECODE_PIL && ecode <= ECODE_ALE ? (uintptr_t)f->badv : 0);
}

void plat_trap(struct trap_frame *f)
{
	unsigned ecode = (unsigned)(f->estat >> 16) & 0x3f;
	unsigned subcode = (unsigned)(f->estat >> 22) & 0x1ff;

	if ((f->prmd & PRMD_PPLV) == 3 && ecode != ECODE_INT) {
		user_trap(f, ecode);
		return;
	}

	if (ecode == ECODE_INT) {
		uint64_t is = f->estat & csr_read(CSR_ECFG);

		if (is & ESTAT_IS_IPI)
			smp_ipi((uintptr_t)f->era);
		if (is & ESTAT_IS_TI)
			timer_tick((uintptr_t)f->era);
		if (is & (ESTAT_IS_IPI | ESTAT_IS_TI))
			return;
	} else if (demand_paged(f, ecode)) {
		return; /* paged in (page faults allowed here): run it again */
	} else if (is_access_fault(ecode, subcode)) {
		uintptr_t fixup = vmio_extable_fixup((uintptr_t)f->era);

		if (!fixup && f->era == (uintptr_t)plat_probe_load)
			fixup = (uintptr_t)plat_probe_resume;
		if (fixup) {
			if (f->era != (uintptr_t)plat_probe_load)
				plat_fault_fixed((uintptr_t)f->badv);
			f->era = fixup;
			return;
		}
	}
	dump(f, ecode, subcode);
}

void trap_init(void)
{
	csr_write(CSR_ECFG, 0); /* one entry for all, every interrupt masked */
	csr_write(CSR_EENTRY, (uintptr_t)trap_entry);
}
