/* The C side of start-up, in the order plat.h prescribes. */
#include "boot.h"
#include "csr.h"
#include "plat.h"
#include "vmio/extable.h"

_Noreturn void boot_main(void);

/* Traps, memory, paging, then the tests; powers off with their status. */
_Noreturn void boot_main(void)
{
	trap_init();
	mem_init();
	mmu_init();
	csr_xchg(CSR_CRMD, CRMD_IE, CRMD_IE); /* sources stay masked in ECFG */
	vmio_extable_init();
	plat_print_banner();
	plat_exit(guest_main());
}
