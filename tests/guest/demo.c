/*
 * The demo image: after the banner, a short self-check that the fallible
 * primitives stop exactly at a real fault on this target.
 */
#include "plat.h"
#include "vmio/arch.h"
#include "vmio/errno.h"
#include "vtest.h"

static uint8_t kbuf[64];

VT_CASE(copy_stops_at_the_read_only_page)
{
	size_t ps = plat_info()->page_size;
	uint8_t *end_rw = (uint8_t *)plat_user_base() + (UREG_RW + UREG_RW_PAGES) * ps;

	for (int i = 0; i < 64; i++)
		kbuf[i] = (uint8_t)i;
	/* 24 bytes fit before the read-only page that follows the read-write ones. */
	VT_EQ(__memcpy_fallible(end_rw - 24, kbuf, 64), 40);
}

VT_CASE(fill_refused_by_read_only_page)
{
	uint8_t *ro = (uint8_t *)plat_user_base() + UREG_RO * plat_info()->page_size;

	VT_EQ(__memset_fallible(ro, 0, 16), 16);
}

VT_CASE(once_load_from_read_only_page)
{
	uint8_t *ro = (uint8_t *)plat_user_base() + UREG_RO * plat_info()->page_size;
	uint32_t v = 0;

	VT_EQ(vmio_arch_load_u32_fallible(ro + 4, &v), 0);
	VT_EQ(v, plat_ro_byte(4) | plat_ro_byte(5) << 8 |
		 plat_ro_byte(6) << 16 | (uint32_t)plat_ro_byte(7) << 24);
	VT_EQ(vmio_arch_load_u32_fallible(ro + plat_info()->page_size, &v), VMIO_EFAULT);
}

int guest_main(void)
{
	return vt_run() ? 1 : 0;
}
