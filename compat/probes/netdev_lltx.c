// SPDX-License-Identifier: GPL-2.0
/* NETIF_F_LLTX became the net_device bit lltx: Linux 6.12. */
#include <linux/netdevice.h>

void probe(struct net_device *dev)
{
	dev->lltx = true;
}
