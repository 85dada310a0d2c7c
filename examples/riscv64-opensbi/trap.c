/*
 * The trap handler: a page or access fault taken in vmio's user-access
 * code resumes at the fixup vmio gives for the faulting pc, with SUM
 * cleared in the saved sstatus; anything else is a bug and stops the test.
 */
#include <stdio.h>

#include "checks.h"
#include "platform.h"
#include "vmio/vmio.h"

#define CAUSE_INTERRUPT (1UL << 63)
#define CAUSE_LOAD_ACCESS 5
#define CAUSE_STORE_ACCESS 7
#define CAUSE_LOAD_PAGE_FAULT 13
#define CAUSE_STORE_PAGE_FAULT 15

unsigned long faults_fixed, faults_paged_in;
uintptr_t last_fault_addr;
bool demand_page_hole;

extern char trap_entry[];

/* Take every trap at trap_entry (direct mode). */
void trap_init(void)
{
	__asm__ volatile("csrw stvec, %0" ::"r"(trap_entry));
}

void handle_trap(struct trap_frame *f);

/* Apply vmio's fixup to a fault it expects; stop on anything else. */
void handle_trap(struct trap_frame *f)
{
	switch (f->scause) {
	case CAUSE_LOAD_ACCESS:
	case CAUSE_STORE_ACCESS:
	case CAUSE_LOAD_PAGE_FAULT:
	case CAUSE_STORE_PAGE_FAULT: {
		uintptr_t fixup;

		/* First resolve the fault if the kernel can (demand paging):
		 * the instruction then runs again.  Only a fault that stays
		 * takes vmio's fixup. */
		if (demand_page_hole && f->stval - (USER_BASE + USER_HOLE * PAGE_SIZE) < PAGE_SIZE) {
			map_hole(true);
			faults_paged_in++;
			return;
		}
		fixup = vmio_extable_fixup(f->sepc);
		if (fixup) {
			f->sepc = fixup;
			f->sstatus &= ~SSTATUS_SUM;
			faults_fixed++;
			last_fault_addr = f->stval;
			return;
		}
		break;
	}
	default:
		break;
	}
	printf("unexpected trap: scause %#lx sepc %#lx stval %#lx\n",
	       (unsigned long)f->scause, (unsigned long)f->sepc, (unsigned long)f->stval);
	printf("0 passed, 1 failed\n");
	platform_exit(3);
}

/* Whether sstatus.SUM is clear now. */
bool user_access_closed(void)
{
	unsigned long s;

	__asm__ volatile("csrr %0, sstatus" : "=r"(s));
	return !(s & SSTATUS_SUM);
}

/* Open user access as a kernel might have done before calling vmio. */
void open_user_access(void)
{
	__asm__ volatile("csrs sstatus, %0" ::"r"(SSTATUS_SUM) : "memory");
}
