/* The host test program: the shared cases against real faults from guard pages. */
#include <stdio.h>

#include "plat.h"
#include "vmio/host.h"
#include "vtest.h"

int main(void)
{
	if (vmio_host_init()) {
		printf("vmio_host_init failed\n");
		return 2;
	}
	plat_print_banner();
	return vt_run() ? 1 : 0;
}
