/* All of vmio's public API in one include. */
#ifndef VMIO_VMIO_H
#define VMIO_VMIO_H

#include "vmio/arch.h"
#include "vmio/atomic.h"
#include "vmio/errno.h"
#include "vmio/extable.h"
#include "vmio/io.h"
#include "vmio/iovec.h"
#include "vmio/mmio.h"
#include "vmio/once.h"
#include "vmio/panic.h"
#include "vmio/pod.h"
#include "vmio/reader.h"
#include "vmio/rvv.h"
#include "vmio/segment.h"
#include "vmio/struct.h"
#include "vmio/uaccess.h"
#include "vmio/user_range.h"

#endif
