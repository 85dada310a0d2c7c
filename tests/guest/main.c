/* The guest test image: every registered case, then the summary line. */
#include "plat.h"
#include "vtest.h"

int guest_main(void)
{
	return vt_run() ? 1 : 0;
}
