/*
 * Randomized differential test (host): readers, writers and a VmIo segment
 * against the reference model of ops.c, over the real faulting user region.
 * usage: differential [seed] [operations]; the seed is printed so that any
 * failure replays exactly.
 */
#include <stdio.h>
#include <stdlib.h>

#include "ops.h"
#include "vmio/host.h"

#define DEFAULT_SEED 0x5eed2026u
#define DEFAULT_OPS 1000000ul
#define BATCH 4096 /* bytes of operations per fresh state */

static uint64_t rng;

static uint8_t next_byte(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint8_t)(rng >> 32);
}

int main(int argc, char **argv)
{
	unsigned long seed = argc > 1 ? strtoul(argv[1], NULL, 0) : DEFAULT_SEED;
	unsigned long want = argc > 2 ? strtoul(argv[2], NULL, 0) : DEFAULT_OPS;
	unsigned long ops = 0, mismatches = 0, batches = 0, failed_batches = 0;
	static uint8_t batch[BATCH];

	if (vmio_host_init())
		return 2;
	ops_init();
	rng = seed * 2654435761u + 1;
	printf("differential: seed 0x%lx, %lu operations\n", seed, want);
	while (ops < want) {
		unsigned long before = mismatches;

		for (size_t i = 0; i < BATCH; i++)
			batch[i] = next_byte();
		ops += ops_run(batch, BATCH, &mismatches);
		batches++;
		if (mismatches != before && failed_batches++ < 3)
			printf("  batch %lu (seed 0x%lx) disagreed with the model\n", batches, seed);
	}
	printf("  %lu operations in %lu batches, %lu mismatches\n", ops, batches, mismatches);
	printf("%lu passed, %lu failed\n", batches - failed_batches, failed_batches);
	return failed_batches ? 1 : 0;
}
