/*
 * Must FAIL: a plain load from the unmapped hole of the user test region.
 * No exception-table entry covers it, so the trap handler must dump and fail.
 */
#include <stdio.h>

#include "plat.h"
#include "vtest.h"

VT_CASE(load_from_unmapped_page)
{
	volatile uint8_t *hole = (volatile uint8_t *)(plat_user_base() +
		(UREG_RO + 1) * plat_info()->page_size);

	printf("  loaded %u: no trap\n", *hole);
}

int guest_main(void)
{
	return vt_run() ? 1 : 0;
}
