/* Must FAIL: the guest never finishes.  Proves the runner's time limit works. */
#include "plat.h"
#include "vtest.h"

VT_CASE(spins_forever)
{
	for (volatile int forever = 1; forever;)
		;
}

int guest_main(void)
{
	return vt_run() ? 1 : 0;
}
