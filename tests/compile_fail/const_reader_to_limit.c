/* Must NOT compile: limit changes the reader, so a pointer to const is refused. */
#include "vmio/reader.h"

size_t shrink(const struct vm_reader *r)
{
	return vm_reader_remain(vm_reader_limit(r, 4));
}
