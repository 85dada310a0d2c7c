/* Must FAIL: a check that is false.  Proves the runner sees failed cases. */
#include "plat.h"
#include "vtest.h"

VT_CASE(one_plus_one_is_three)
{
	volatile int two = 2;

	VT_EQ(1 + 1, two + 1);
}

int guest_main(void)
{
	return vt_run() ? 1 : 0;
}
