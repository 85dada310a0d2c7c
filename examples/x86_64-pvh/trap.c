/*
 * The IDT and the trap handler: a page fault (or a general-protection
 * fault, as a non-canonical address gives) in vmio's user-access code
 * resumes at the fixup vmio gives for the faulting rip, with AC cleared
 * in the saved rflags; anything else is a bug and stops the test.
 */
#include "checks.h"
#include "console.h"
#include "platform.h"
#include "vmio/vmio.h"

#define VEC_GP 13
#define VEC_PF 14
#define GATE_INTERRUPT 0x8e /* present, ring 0, 64-bit interrupt gate */

struct gate {
	uint16_t offset0, selector;
	uint8_t ist, type;
	uint16_t offset1;
	uint32_t offset2, zero;
};

static struct gate idt[32];
extern char trap_stubs[];
unsigned long faults_fixed;
uintptr_t last_fault_addr;

/* Point gates 0..31 at their stubs and load the IDT. */
void trap_init(void)
{
	struct __attribute__((packed)) {
		uint16_t limit;
		uint64_t base;
	} idtr = { sizeof idt - 1, (uintptr_t)idt };

	for (unsigned v = 0; v < 32; v++) {
		uintptr_t stub = (uintptr_t)trap_stubs + 16 * v;

		idt[v] = (struct gate){ (uint16_t)stub, SEL_CODE, 0, GATE_INTERRUPT,
					(uint16_t)(stub >> 16), (uint32_t)(stub >> 32), 0 };
	}
	__asm__ volatile("lidt %0" ::"m"(idtr));
}

void handle_trap(struct trap_frame *f);

/* Apply vmio's fixup to a fault it expects; stop on anything else. */
void handle_trap(struct trap_frame *f)
{
	uintptr_t cr2 = 0;

	if (f->vector == VEC_PF)
		__asm__ volatile("mov %%cr2, %0" : "=r"(cr2));
	if (f->vector == VEC_PF || f->vector == VEC_GP) {
		uintptr_t fixup = vmio_extable_fixup(f->rip);

		if (fixup) {
			f->rip = fixup;
			f->rflags &= ~RFLAGS_AC;
			faults_fixed++;
			last_fault_addr = cr2;
			return;
		}
	}
	kprintf("unexpected trap: vector %lu error %#lx rip %#lx cr2 %#lx\n",
		(unsigned long)f->vector, (unsigned long)f->error, (unsigned long)f->rip,
		(unsigned long)cr2);
	kprintf("0 passed, 1 failed\n");
	platform_exit(2);
}

/* Whether RFLAGS.AC is clear now. */
bool user_access_closed(void)
{
	uint64_t rflags;

	__asm__ volatile("pushfq; popq %0" : "=r"(rflags));
	return !(rflags & RFLAGS_AC);
}

/* Open user access as a kernel might have done before calling vmio. */
void open_user_access(void)
{
	__asm__ volatile("stac" ::: "memory");
}
