/* The frames behind the user test region, the same on every bare-metal target. */
#include <stdio.h>

#include "plat.h"
#include "usermode_priv.h"

static uint8_t *ureg_frames[UREG_PAGES]; /* for ureg_frame() */

void *plat_user_frame(unsigned i)
{
	size_t ps = plat_info()->page_size;
	uint8_t *frame;

	if (!ureg_page_mapped(i))
		return NULL;
	frame = plat_frames_alloc(1);
	if (!frame) {
		printf("boot: no memory for page %u of the user test region\n", i);
		plat_exit(2);
	}
	if (!ureg_page_writable(i))
		for (size_t b = 0; b < ps; b++)
			frame[b] = plat_ro_byte(b);
	ureg_frames[i] = frame;
	return frame;
}

/* The frame (kernel address) that plat_user_frame() last gave page i; NULL for a hole. */
void *ureg_frame(unsigned i)
{
	return i < UREG_PAGES ? ureg_frames[i] : NULL;
}

/* plat.h: one CPU has nothing to shoot down; an SMP boot target overrides this. */
__attribute__((weak)) void smp_tlb_shootdown(uintptr_t va)
{
	(void)va;
}
