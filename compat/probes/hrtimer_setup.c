// SPDX-License-Identifier: GPL-2.0
/* hrtimer_setup() replaces hrtimer_init() + .function: Linux 6.13. */
#include <linux/hrtimer.h>

static enum hrtimer_restart probe_fn(struct hrtimer *t)
{
	return HRTIMER_NORESTART;
}

void probe(struct hrtimer *t)
{
	hrtimer_setup(t, probe_fn, CLOCK_MONOTONIC, HRTIMER_MODE_ABS);
}
