/*
 * x86_64 bare metal only: SMAP is on and guards the user pages.  A plain
 * kernel load from a user page traps; after a fallible access that faulted,
 * the user-access window (RFLAGS.AC) is closed again, already at the fixup.
 */
#if defined(__x86_64__) && !defined(VMIO_HOST)
#include "asm_extable.h"
#include "plat.h"
#include "vmio/arch.h"
#include "vmio/errno.h"
#include "vtest.h"

#define CR4_SMAP (1ULL << 21)
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
#else
typedef int x86_smap_not_built; /* ISO C wants a declaration in every file */
#endif
