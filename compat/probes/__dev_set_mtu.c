// SPDX-License-Identifier: GPL-2.0
/* __dev_set_mtu() became __netif_set_mtu(), exported to NETDEV_INTERNAL
 * only: Linux 6.15.
 */
#include <linux/netdevice.h>

int probe(struct net_device *dev)
{
	return __dev_set_mtu(dev, 1500);
}
