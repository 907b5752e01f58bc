// SPDX-License-Identifier: GPL-2.0
/* NETIF_F_NETNS_LOCAL became the net_device bit netns_local: Linux 6.12. */
#include <linux/netdevice.h>

void probe(struct net_device *dev)
{
	dev->netns_local = true;
}
