/* The C side of start-up, in the order plat.h prescribes. */
#include "boot.h"
#include "csr.h"
#include "plat.h"
#include "vmio/extable.h"

_Noreturn void boot_main(void);

/* On the mapped kernel stack: the tests; powers off with their status. */
static _Noreturn void boot_tests(void)
{
	csr_xchg(CSR_CRMD, CRMD_IE, CRMD_IE); /* sources stay masked in ECFG */
	vmio_extable_init();
	plat_print_banner();
	plat_exit(guest_main());
}

/* On the boot stack: traps, memory, paging (which maps the kernel stack). */
_Noreturn void boot_main(void)
{
	trap_init();
	smp_boot_cpu_init();
	mem_init();
	mmu_init();
	call_on_stack(LA_KSTACK_TOP, boot_tests);
}
