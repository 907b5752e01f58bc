// SPDX-License-Identifier: GPL-2.0
/* <asm/unaligned.h> moved to <linux/unaligned.h>: Linux 6.12. */
#include <linux/unaligned.h>
