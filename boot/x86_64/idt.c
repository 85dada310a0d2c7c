/*
 * The interrupt descriptor table, shared by all CPUs, and each CPU's
 * task-state segment that holds its interrupt stacks.  Every gate switches
 * to an IST stack: the library is built with the compiler's default red
 * zone, which a trap frame pushed on the interrupted stack would overwrite.
 * A TSS descriptor is marked busy by ltr, so each CPU has its own GDT: CPU 0
 * uses entry.S's boot_gdt, the others a copy of it.
 */
#include "boot.h"
#include "plat.h"
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

#define GDT_WORDS 7 /* entry.S's boot_gdt: null, code, data, TSS (2), user data, user code */

extern struct table_ptr boot_gdt_ptr; /* entry.S: boot_gdt's lgdt operand */

static struct idt_gate idt[256] __attribute__((aligned(16)));
static struct tss tss[PLAT_MAX_CPUS] __attribute__((aligned(16)));
static uint8_t ist_stacks[PLAT_MAX_CPUS][IST_COUNT][IST_STACK_SIZE] __attribute__((aligned(16)));
static uint64_t cpu_gdt[PLAT_MAX_CPUS][GDT_WORDS] __attribute__((aligned(16)));

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

/* Set up CPU cpu's TSS with its IST stacks, describe it in gdt, and load TR. */
static void tss_load(unsigned cpu, uint64_t *gdt)
{
	struct tss *t = &tss[cpu];
	uint64_t base = (uintptr_t)t, limit = sizeof(*t) - 1;

	for (int i = 0; i < IST_COUNT; i++)
		t->ist[i] = (uintptr_t)ist_stacks[cpu][i] + IST_STACK_SIZE;
	t->iomap_base = sizeof(*t);
	gdt[SEL_TSS / 8] = (limit & 0xffff) | (base & 0xffffff) << 16 |
			   0x89ULL << 40 | /* present, available 64-bit TSS */
			   ((limit >> 16) & 0xf) << 48 | ((base >> 24) & 0xff) << 56;
	gdt[SEL_TSS / 8 + 1] = base >> 32;
	__asm__ volatile("ltr %w0" : : "r"(SEL_TSS) : "memory");
}

/* Load the shared IDT on the calling CPU. */
static void idt_load(void)
{
	struct table_ptr idtr = { sizeof(idt) - 1, (uintptr_t)idt };

	__asm__ volatile("lidt %0" : : "m"(idtr));
}

/*
 * A secondary CPU: its own copy of boot_gdt (the same selectors, so the
 * segment registers loaded from boot_gdt stay valid), its TSS, the IDT.
 */
void cpu_tables_load(unsigned cpu)
{
	uint64_t *gdt = cpu_gdt[cpu];
	struct table_ptr gdtr = { GDT_WORDS * 8 - 1, (uintptr_t)gdt };

	if (boot_gdt_ptr.limit + 1 != GDT_WORDS * 8)
		boot_panic("boot_gdt is not the size idt.c copies");
	for (unsigned i = 0; i < GDT_WORDS; i++)
		gdt[i] = boot_gdt[i];
	__asm__ volatile("lgdt %0" : : "m"(gdtr) : "memory");
	tss_load(cpu, gdt);
	idt_load();
}

/* CPU 0: fill its TSS descriptor in boot_gdt, load TR, build and load the IDT. */
void idt_init(void)
{
	if (trap_stubs_end - trap_stubs != 256 * 16)
		boot_panic("trap stubs are not 16 bytes each");
	tss_load(0, boot_gdt);

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
	idt_load();
}

/* The stack that traps from ring 3 without an IST slot (system calls) start on, this CPU's. */
void tss_set_rsp0(uint64_t rsp)
{
	tss[plat_cpu_id()].rsp[0] = rsp;
}
