/*
 * The trap handler called by trap_entry.S for every vector: timer ticks,
 * IPIs, demand paging (fault_lock.h), system calls and faults from ring 3,
 * the security probe, exception-table fixups; anything else is fatal.
 */
#include <stdio.h>

#include "boot.h"
#include "fault_lock.h"
#include "plat.h"
#include "usermode.h"
#include "vmio/extable.h"
#include "x86.h"

static const char *const exception_names[32] = {
	"#DE divide error", "#DB debug", "NMI", "#BP breakpoint",
	"#OF overflow", "#BR bound range", "#UD invalid opcode", "#NM no FPU",
	"#DF double fault", "coprocessor overrun", "#TS invalid TSS",
	"#NP segment not present", "#SS stack fault", "#GP general protection",
	"#PF page fault", "reserved", "#MF x87 error", "#AC alignment check",
	"#MC machine check", "#XM SIMD error", "#VE virtualization",
	"#CP control protection", "reserved", "reserved", "reserved", "reserved",
	"reserved", "reserved", "#HV hypervisor injection", "#VC VMM communication",
	"#SX security", "reserved",
};

static int dumping;

/* Print the trap and every register, then fail; never returns. */
static _Noreturn void trap_dump(const struct trap_frame *f)
{
	uint64_t cr2 = read_cr2();

	if (dumping++) { /* a trap while dumping: its stack may be ours */
		printf("UNEXPECTED TRAP vector %llu while reporting a trap, rip 0x%llx\n",
		       (unsigned long long)f->vector, (unsigned long long)f->rip);
		plat_exit(1);
	}
	printf("UNEXPECTED TRAP vector %llu (%s), error 0x%llx, rip 0x%llx, "
	       "address (cr2) 0x%llx\n",
	       (unsigned long long)f->vector,
	       f->vector < 32 ? exception_names[f->vector] : "interrupt",
	       (unsigned long long)f->error, (unsigned long long)f->rip,
	       (unsigned long long)cr2);
	printf("  rax %016llx rbx %016llx rcx %016llx rdx %016llx\n",
	       (unsigned long long)f->rax, (unsigned long long)f->rbx,
	       (unsigned long long)f->rcx, (unsigned long long)f->rdx);
	printf("  rsi %016llx rdi %016llx rbp %016llx rsp %016llx\n",
	       (unsigned long long)f->rsi, (unsigned long long)f->rdi,
	       (unsigned long long)f->rbp, (unsigned long long)f->rsp);
	printf("  r8  %016llx r9  %016llx r10 %016llx r11 %016llx\n",
	       (unsigned long long)f->r8, (unsigned long long)f->r9,
	       (unsigned long long)f->r10, (unsigned long long)f->r11);
	printf("  r12 %016llx r13 %016llx r14 %016llx r15 %016llx\n",
	       (unsigned long long)f->r12, (unsigned long long)f->r13,
	       (unsigned long long)f->r14, (unsigned long long)f->r15);
	printf("  cs %llx ss %llx rflags %016llx cr0 %llx cr3 %llx cr4 %llx\n",
	       (unsigned long long)f->cs, (unsigned long long)f->ss,
	       (unsigned long long)f->rflags, (unsigned long long)read_cr0(),
	       (unsigned long long)read_cr3(), (unsigned long long)read_cr4());
	plat_exit(1);
}

/*
 * Handle one trap.  A #PF or #GP at a listed instruction resumes at its
 * fixup with RFLAGS.AC cleared in the frame, so the user window is closed
 * again when the primitive goes on.
 */
void trap_dispatch(struct trap_frame *f);
void trap_dispatch(struct trap_frame *f)
{
	if (timer_trap(f) || smp_trap(f))
		return;
	if ((f->cs & 3) == 3) { /* from a user program */
		if (f->vector == VEC_SYSCALL) {
			/* With other CPUs online, take their IPIs during the call. */
			if (plat_cpu_count() > 1)
				__asm__ volatile("sti" ::: "memory");
			f->rax = (uint64_t)syscall_dispatch(f->rax, f->rdi, f->rsi, f->rdx, f->r10);
			__asm__ volatile("cli" ::: "memory");
			return;
		}
		if (f->vector == VEC_PF && demand_fault(read_cr2()))
			return; /* paged in: run the instruction again */
		if (f->vector < 32)
			user_fault(exception_names[f->vector], f->rip,
				   f->vector == VEC_PF ? read_cr2() : 0);
	}
	if (f->vector == VEC_PF || f->vector == VEC_GP) {
		uintptr_t fixup;

		if (probe_trap(f))
			return;
		if (f->vector == VEC_PF && demand_fault(read_cr2()))
			return; /* paged in (page faults allowed here): run it again */
		fixup = vmio_extable_fixup(f->rip);
		if (fixup) {
			plat_fault_fixed(f->vector == VEC_PF ? read_cr2() : 0);
			f->rip = fixup;
			f->rflags &= ~RFLAGS_AC;
			return;
		}
	}
	trap_dump(f);
}
