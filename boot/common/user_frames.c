/* The frames behind the user test region, the same on every bare-metal target. */
#include <stdio.h>

#include "plat.h"

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
	return frame;
}
