/* The guest test image: every registered case, then the summary line. */
#include "plat.h"
#include "vmio/vmio.h"
#include "vtest.h"

int guest_main(void)
{
	/*
	 * Where our kernel lies inside the default user range (x86_64 at 1 MiB,
	 * riscv64 at 0x80200000) the library refuses that range: the user range
	 * is then the user test region alone.
	 */
	if (vmio_user_range_set(VMIO_USER_START, VMIO_USER_END)) {
		uintptr_t base = plat_user_base();

		if (vmio_user_range_set(base, base + UREG_PAGES * plat_info()->page_size))
			return 2;
	}
	return vt_run() ? 1 : 0;
}
