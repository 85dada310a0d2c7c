/*
 * x86_64 bare metal only: SMAP is on and guards the user pages.  A plain
 * kernel load from a user page traps; after a fallible access that faulted,
 * the user-access window (RFLAGS.AC) is closed again, already at the fixup.
 * SMEP is on when the CPU has it: a kernel call into a user page traps.
 */
#if defined(__x86_64__) && !defined(VMIO_HOST)
#include <stdio.h>

#include "asm_extable.h"
#include "plat.h"
#include "vmio/arch.h"
#include "vmio/errno.h"
#include "vtest.h"

#define CR4_SMEP (1ULL << 20)
#define CR4_SMAP (1ULL << 21)
#define CPUID7_EBX_SMEP (1u << 7)
#define RFLAGS_AC (1ULL << 18)
#define STR(...) #__VA_ARGS__
#define XSTR(x) STR(x)

/*
 * uint64_t x86_smap_flags_after_fault(const void *p)
 *   rdi p; rax = ~0 if the load did not fault, else RFLAGS as the fixup
 *   finds them (the trap handler must have cleared AC).
 */
uint64_t x86_smap_flags_after_fault(const void *p);
__asm__(".text\n"
	".globl x86_smap_flags_after_fault\n"
	"x86_smap_flags_after_fault:\n"
	"	stac\n"
	"1:	movb (%rdi), %al\n"
	"	clac\n"
	"	movq $-1, %rax\n"
	"	ret\n"
	"2:	pushfq\n"
	"	popq %rax\n"
	"	clac\n"
	"	ret\n"
	XSTR(VMIO_EX(1b, 2b)) "\n");

/* In boot/x86_64/probe.c: call p (a ret); 1 if fetching from p trapped. */
int x86_probe_exec_faults(const void *p);

/* CPUID leaf 7, subleaf 0: EBX (0 if the leaf does not exist). */
static uint32_t cpuid7_ebx(void)
{
	uint32_t a, b, c, d;

	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0), "c"(0));
	if (a < 7)
		return 0;
	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(7), "c"(0));
	return b;
}

static uint64_t read_cr4(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

static uint8_t *user_page(unsigned i)
{
	return (uint8_t *)plat_user_base() + (size_t)i * plat_info()->page_size;
}

VT_CASE(x86_smap_enabled_in_cr4)
{
	VT_CHECK(read_cr4() & CR4_SMAP);
	VT_EQ(plat_user_access_open(), 0);
}

VT_CASE(x86_smap_plain_load_from_user_page_faults)
{
	static volatile uint8_t kernel_byte = 0x5a;

	VT_EQ(plat_plain_load_faults(user_page(UREG_RW)), 1);
	VT_EQ(plat_plain_load_faults(user_page(UREG_RO) + 17), 1);
	/* The probe itself: a kernel byte loads without a trap. */
	VT_EQ(plat_plain_load_faults(&kernel_byte), 0);
	VT_EQ(plat_user_access_open(), 0);
}

VT_CASE(x86_smap_window_closed_after_faulting_copy)
{
	size_t ps = plat_info()->page_size;
	uint8_t *ro_end = user_page(UREG_RO) + ps; /* a hole follows */
	uint8_t kbuf[64];

	/* Read across the end of the read-only page into the hole. */
	VT_EQ(__memcpy_fallible(kbuf, ro_end - 16, sizeof(kbuf)), sizeof(kbuf) - 16);
	VT_EQ(plat_user_access_open(), 0);
	VT_EQ(plat_plain_load_faults(user_page(UREG_RW)), 1);

	/* Write into the read-only page, then a once-load from the hole. */
	VT_EQ(__memset_fallible(ro_end - 16, 0, 16), 16);
	VT_EQ(plat_user_access_open(), 0);
	uint32_t v = 0;
	VT_EQ(vmio_arch_load_u32_fallible(ro_end, &v), VMIO_EFAULT);
	VT_EQ(plat_user_access_open(), 0);
	VT_EQ(plat_plain_load_faults(user_page(UREG_RW)), 1);
}

VT_CASE(x86_smap_trap_handler_clears_ac_at_fixup)
{
	uint64_t flags = x86_smap_flags_after_fault(user_page(UREG_RO + 1));

	VT_CHECK(flags != ~0ULL);
	VT_EQ(flags & RFLAGS_AC, 0);
	VT_EQ(plat_user_access_open(), 0);
}
VT_CASE(x86_smep_enabled_and_kernel_call_into_user_page_faults)
{
	uint8_t *code = user_page(UREG_RW2) + 64;
	uint8_t saved = 0;
	static uint8_t kernel_ret = 0xc3;

	if (!(cpuid7_ebx() & CPUID7_EBX_SMEP)) { /* QEMU's -cpu max has it */
		printf("    no SMEP on this CPU\n");
		return;
	}
	VT_CHECK(read_cr4() & CR4_SMEP);
	/* The probe itself: a ret in a kernel page runs ... */
	VT_EQ(x86_probe_exec_faults(&kernel_ret), 0);
	/* ... and the same ret in a user page traps. */
	VT_EQ(vmio_arch_load_u8_fallible(code, &saved), 0);
	VT_EQ(vmio_arch_store_u8_fallible(code, 0xc3), 0);
	VT_EQ(x86_probe_exec_faults(code), 1);
	VT_EQ(vmio_arch_store_u8_fallible(code, saved), 0);
	VT_EQ(plat_user_access_open(), 0);
}
#else
typedef int x86_smap_not_built; /* ISO C wants a declaration in every file */
#endif
