/* plat_frames_alloc: a bump allocator over the free RAM after the kernel (kernel addresses). */
#include <string.h>

#include "plat.h"
#include "riscv.h"

static uintptr_t free_next, free_end;

/* Hand out [start, end) from now on; both are rounded to whole pages. */
void frames_init(uintptr_t start, uintptr_t end)
{
	free_next = (start + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	free_end = end & ~(PAGE_SIZE - 1);
}

/* nframes zeroed, contiguous pages, or NULL when too few are left. */
void *plat_frames_alloc(size_t nframes)
{
	uintptr_t p = free_next;

	if (nframes > (free_end - free_next) / PAGE_SIZE)
		return NULL;
	free_next += nframes * PAGE_SIZE;
	memset((void *)p, 0, nframes * PAGE_SIZE);
	return (void *)p;
}
