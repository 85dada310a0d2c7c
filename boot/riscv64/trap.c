/*
 * riscv_trap: the C half of the trap vector (trap_entry.S).
 *  - supervisor timer interrupt: count it, program the next, return;
 *  - load page fault at riscv_probe_insn while a probe is armed: return 1
 *    from the probe (plat_plain_load_faults);
 *  - page or access fault at an instruction of the exception table: resume
 *    at its fixup with SUM clear;
 *  - from U-mode: an ecall is a system call; any other exception ends the
 *    program with a report (usermode.h);
 *  - anything else: dump "UNEXPECTED TRAP" and power off with status 1.
 */
#include <stdio.h>

#include "fault_lock.h"
#include "plat.h"
#include "riscv.h"
#include "usermode.h"
#include "vmio/extable.h"

extern char __stack_guard[];

static volatile int probe_armed;

static const char *const reg_names[32] = {
	"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2",
	"s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
	"a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
	"s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

/* Print the trap and every register, then fail. */
static _Noreturn void dump(const struct riscv_frame *f)
{
	static int dumping;

	if (dumping++) /* a trap while dumping: give up at once */
		plat_exit(2);
	printf("\nUNEXPECTED TRAP scause 0x%lx sepc 0x%lx stval 0x%lx\n",
	       (unsigned long)f->scause, (unsigned long)f->sepc, (unsigned long)f->stval);
	if (f->stval - (uintptr_t)__stack_guard < PAGE_SIZE)
		printf("  (the kernel stack overflowed into its guard page)\n");
	printf("  sstatus 0x%lx\n", (unsigned long)f->sstatus);
	for (int i = 1; i < 32; i++)
		printf("  %-4s 0x%016lx%s", reg_names[i], (unsigned long)f->x[i],
		       i % 4 == 0 || i == 31 ? "\n" : "");
	plat_exit(1);
}

#define SSTATUS_SPP (1UL << 8) /* the trap came from S-mode */
#define EXC_ECALL_U 8

/* The exceptions a user program may take. */
static const char *exception_name(uint64_t cause)
{
	static const char *const names[] = {
		"instruction misaligned", "instruction access fault",
		"illegal instruction", "breakpoint", "load misaligned",
		"load access fault", "store misaligned", "store access fault",
		"ecall from U", "ecall from S", "reserved", "reserved",
		"instruction page fault", "load page fault", "reserved",
		"store page fault",
	};

	return cause < sizeof(names) / sizeof(names[0]) ? names[cause] : "exception";
}

void riscv_trap(struct riscv_frame *f)
{
	uint64_t cause = f->scause;
	uintptr_t fixup;

	if (!(f->sstatus & SSTATUS_SPP) && !(cause & SCAUSE_INTR)) {
		if (cause == EXC_ECALL_U) {
			/* With other CPUs online, take their IPIs during the call. */
			if (riscv_ncpu > 1)
				csr_set(sstatus, SSTATUS_SIE);
			f->x[10] = (uint64_t)syscall_dispatch(f->x[17], f->x[10], f->x[11],
							      f->x[12], f->x[13]);
			csr_clear(sstatus, SSTATUS_SIE);
			f->sepc += 4;
			return;
		}
		if ((cause == EXC_LOAD_PAGE || cause == EXC_STORE_PAGE) &&
		    demand_fault((uintptr_t)f->stval))
			return; /* paged in: run the instruction again */
		user_fault(exception_name(cause), (uintptr_t)f->sepc, (uintptr_t)f->stval);
	}

	if (cause & SCAUSE_INTR) {
		if ((cause & ~SCAUSE_INTR) == IRQ_S_TIMER) {
			timer_interrupt(f);
			return;
		}
		if ((cause & ~SCAUSE_INTR) == IRQ_S_SOFT) {
			riscv_ipi(f);
			return;
		}
		dump(f);
	}
	if (cause == EXC_LOAD_PAGE && probe_armed &&
	    f->sepc == (uintptr_t)riscv_probe_insn) {
		f->sepc = (uintptr_t)riscv_probe_fixup;
		return;
	}
	if ((cause == EXC_LOAD_PAGE || cause == EXC_STORE_PAGE) &&
	    demand_fault((uintptr_t)f->stval))
		return; /* paged in (page faults allowed here): run it again */
	if (cause == EXC_LOAD_PAGE || cause == EXC_STORE_PAGE ||
	    cause == EXC_LOAD_ACCESS || cause == EXC_STORE_ACCESS) {
		fixup = vmio_extable_fixup(f->sepc);
		if (fixup) {
			plat_fault_fixed((uintptr_t)f->stval);
			f->sepc = fixup;
			f->sstatus &= ~SSTATUS_SUM;
			return;
		}
	}
	dump(f);
}

/* One plain kernel load from p: 1 if it trapped (the trap absorbed), else 0. */
int plat_plain_load_faults(const volatile uint8_t *p)
{
	int faulted;

	probe_armed = 1;
	faulted = riscv_probe_load(p);
	probe_armed = 0;
	return faulted;
}

/* 1 if S-mode may touch user pages right now (sstatus.SUM). */
int plat_user_access_open(void)
{
	return (csr_read(sstatus) & SSTATUS_SUM) != 0;
}
