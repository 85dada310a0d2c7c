/* The inline functions of the public headers, for the proof (wp-headers). */
#include "vmio/vmio.h"
