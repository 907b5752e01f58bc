// SPDX-License-Identifier: GPL-2.0
/*
 * softib: a deliberate use-after-free and leak, built only by
 * "make check PLANT_BUG=1" to prove that the debug-kernel lane (KASAN,
 * kmemleak) fails the run.  Never part of a normal build.
 */
#include <linux/slab.h>

#include "softib.h"

/**
 * softib_plant_bug - read freed memory and leak an allocation
 */
void softib_plant_bug(void)
{
	void *leaked;
	u8 *freed;

	freed = kmalloc(64, GFP_KERNEL);
	if (!freed)
		return;
	kfree(freed);
	OPTIMIZER_HIDE_VAR(freed);
	pr_warn("planted bug: use-after-free reads %u\n", READ_ONCE(freed[8]));

	leaked = kmalloc(128, GFP_KERNEL);
	pr_warn("planted bug: leaking %p\n", leaked);
}
