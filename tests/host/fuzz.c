/*
 * libFuzzer target over the operation language of ops.c.  Run it with
 * -handle_segv=0 -handle_bus=0: the faults are ours to fix up.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "ops.h"
#include "vmio/host.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned long inputs;

/* The summary line every test binary ends with: each input is a case. */
static void summary(void)
{
	printf("%lu passed, 0 failed\n", inputs);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	atexit(summary);
	if (vmio_host_init())
		abort();
	ops_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned long mismatches = 0;

	ops_run(data, size, &mismatches);
	if (mismatches) {
		printf("%lu passed, 1 failed\n", inputs);
		fflush(stdout);
		abort();
	}
	inputs++;
	return 0;
}
