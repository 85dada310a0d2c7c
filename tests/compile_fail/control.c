/* MUST compile: the same includes and calls done right (proves the harness). */
#include "vmio/reader.h"

struct eight {
	uint64_t v;
};

int read_eight(struct vm_reader *r, struct eight *v, struct vm_writer *w)
{
	return vm_reader_read_once(r, v) + (int)vm_reader_read(r, w);
}
