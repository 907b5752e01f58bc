// SPDX-License-Identifier: GPL-2.0
/* net_device.netns_local was renamed netns_immutable: Linux 6.15. */
#include <linux/netdevice.h>

void probe(struct net_device *dev)
{
	dev->netns_immutable = true;
}
