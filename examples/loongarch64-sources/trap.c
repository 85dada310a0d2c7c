/*
 * The trap handler: an access fault taken in vmio's user-access code
 * resumes at the fixup vmio gives for the faulting ERA; anything else is
 * a bug and stops the test.
 */
#include "checks.h"
#include "console.h"
#include "platform.h"
#include "vmio/vmio.h"

#define ECODE_PIL 0x1 /* page invalid on load */
#define ECODE_PIS 0x2 /* page invalid on store */
#define ECODE_PME 0x4 /* page modify: store to a page with D = 0 */
#define ECODE_PNR 0x5 /* page not readable */
#define ECODE_PPI 0x7 /* page privilege */
#define ECODE_ADE 0x8 /* address error; subcode 1 = ADEM, a data access */

unsigned long faults_fixed;
uintptr_t last_fault_addr;

extern char trap_entry[];

/* Take every exception but TLB refill at trap_entry. */
void trap_init(void)
{
	csr_write(CSR_EENTRY, (uintptr_t)trap_entry);
}

/* Whether the exception is one a bad data address raises. */
static bool is_access_fault(unsigned ecode, unsigned subcode)
{
	switch (ecode) {
	case ECODE_PIL:
	case ECODE_PIS:
	case ECODE_PME:
	case ECODE_PNR:
	case ECODE_PPI:
		return true;
	case ECODE_ADE:
		return subcode == 1;
	default:
		return false;
	}
}

void handle_trap(struct trap_frame *f);

/* Apply vmio's fixup to a fault it expects; stop on anything else. */
void handle_trap(struct trap_frame *f)
{
	unsigned ecode = (f->estat >> 16) & 0x3f, subcode = (f->estat >> 22) & 0x1ff;

	if (is_access_fault(ecode, subcode)) {
		uintptr_t fixup = vmio_extable_fixup(f->era);

		if (fixup) {
			f->era = fixup;
			faults_fixed++;
			last_fault_addr = f->badv;
			return;
		}
	}
	kprintf("unexpected trap: ecode %#x subcode %#x era %#lx badv %#lx\n", ecode, subcode,
		(unsigned long)f->era, (unsigned long)f->badv);
	kprintf("0 passed, 1 failed\n");
	platform_exit(2);
}
