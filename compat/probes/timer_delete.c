// SPDX-License-Identifier: GPL-2.0
/* timer_delete[_sync]() replace del_timer[_sync](): Linux 6.2 (6.1.84). */
#include <linux/timer.h>

void probe(struct timer_list *t)
{
	timer_delete(t);
	timer_delete_sync(t);
}
