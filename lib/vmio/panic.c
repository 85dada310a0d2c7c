/* The default panic hook (see vmio/panic.h): stop here, forever. */
#include "vmio/panic.h"

__attribute__((weak)) void vmio_panic(const char *why)
{
	(void)why;
	/*@ loop assigns \nothing; */
	for (;;)
		;
}
