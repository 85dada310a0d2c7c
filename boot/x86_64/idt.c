/*
 * The interrupt descriptor table and the task-state segment that holds its
 * interrupt stacks.  Every gate switches to an IST stack: the library is
 * built with the compiler's default red zone, which a trap frame pushed on
 * the interrupted stack would overwrite.
 */
#include "boot.h"
#include "x86.h"

#define SEL_CODE 0x08
#define SEL_TSS 0x18
#define GATE_INTERRUPT 0x8e /* present, ring 0, 64-bit interrupt gate (IF cleared) */
#define GATE_USER 0xee      /* the same, callable from ring 3 (int $0x80) */
#define IST_STACK_SIZE 16384

/* IST slots: exceptions, interrupts, and the ones that may hit anywhere. */
enum { IST_EXCEPTION = 1, IST_INTERRUPT = 2, IST_CRITICAL = 3, IST_COUNT = 3 };

struct idt_gate {
	uint16_t offset_lo;
	uint16_t selector;
	uint8_t ist;
	uint8_t type;
	uint16_t offset_mid;
	uint32_t offset_hi;
	uint32_t zero;
} __attribute__((packed));

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

struct table_ptr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

_Static_assert(sizeof(struct idt_gate) == 16, "IDT gate is 16 bytes");
_Static_assert(sizeof(struct tss) == 104, "64-bit TSS is 104 bytes");

extern const char trap_stubs[], trap_stubs_end[];

static struct idt_gate idt[256] __attribute__((aligned(16)));
static struct tss tss __attribute__((aligned(16)));
static uint8_t ist_stacks[IST_COUNT][IST_STACK_SIZE] __attribute__((aligned(16)));

/*
 * The IST slot for vector v: NMI, #DF and #MC get a stack of their own.
 * The system-call gate has none: a call from ring 3 runs on TSS.RSP0, so
 * the faults that vmio's routines take inside it (on the exception stack)
 * do not overwrite its frame.
 */
static uint8_t ist_for(unsigned v)
{
	if (v == VEC_SYSCALL)
		return 0;
	if (v == 2 || v == 8 || v == 18)
		return IST_CRITICAL;
	return v < 32 ? IST_EXCEPTION : IST_INTERRUPT;
}

/* Fill the TSS descriptor in the GDT, load TR, build and load the IDT. */
void idt_init(void)
{
	uint64_t base = (uintptr_t)&tss, limit = sizeof(tss) - 1;
	struct table_ptr idtr = { sizeof(idt) - 1, (uintptr_t)idt };

	if (trap_stubs_end - trap_stubs != 256 * 16)
		boot_panic("trap stubs are not 16 bytes each");
	for (int i = 0; i < IST_COUNT; i++)
		tss.ist[i] = (uintptr_t)ist_stacks[i] + IST_STACK_SIZE;
	tss.iomap_base = sizeof(tss);
	boot_gdt[SEL_TSS / 8] = (limit & 0xffff) | (base & 0xffffff) << 16 |
				0x89ULL << 40 | /* present, available 64-bit TSS */
				((limit >> 16) & 0xf) << 48 | ((base >> 24) & 0xff) << 56;
	boot_gdt[SEL_TSS / 8 + 1] = base >> 32;
	__asm__ volatile("ltr %w0" : : "r"(SEL_TSS));

	for (unsigned v = 0; v < 256; v++) {
		uint64_t a = (uintptr_t)(trap_stubs + 16 * v);

		idt[v] = (struct idt_gate){
			.offset_lo = (uint16_t)a,
			.selector = SEL_CODE,
			.ist = ist_for(v),
			.type = v == VEC_SYSCALL ? GATE_USER : GATE_INTERRUPT,
			.offset_mid = (uint16_t)(a >> 16),
			.offset_hi = (uint32_t)(a >> 32),
		};
	}
	__asm__ volatile("lidt %0" : : "m"(idtr));
}

/* The stack that traps from ring 3 without an IST slot (system calls) start on. */
void tss_set_rsp0(uint64_t rsp)
{
	tss.rsp[0] = rsp;
}
