/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ibfo: the kernel interfaces that differ between the supported kernels
 * (Linux 6.1 and later), for ibfo.ko.
 *
 * This is the only place that knows: the driver is written against one
 * interface and each difference is settled here, keyed on a feature
 * probe (probes/NAME.c, compiled by conftest.sh against the target
 * kernel; HAVE_NAME when it compiles), never on a version number, so
 * that distribution kernels with backports get what they really have.
 *
 *  probe                   upstream  what changed
 *  linux_unaligned_h       6.12      <asm/unaligned.h> -> <linux/unaligned.h>
 *  netdev_lltx             6.12      NETIF_F_LLTX -> net_device.lltx
 *  netdev_netns_local      6.12      NETIF_F_NETNS_LOCAL -> .netns_local
 *  netdev_netns_immutable  6.15      .netns_local -> .netns_immutable
 *  rtnl_newlink_params     6.15      newlink(dev, params, extack)
 *  __dev_set_mtu           6.15      __dev_set_mtu() -> __netif_set_mtu(),
 *                                    NETDEV_INTERNAL namespace
 */
#ifndef _IBFO_COMPAT_H
#define _IBFO_COMPAT_H

#include "compat_autoconf.h"

#include <linux/module.h>
#include <linux/netdevice.h>
#include <net/rtnetlink.h>

#ifdef HAVE_LINUX_UNALIGNED_H
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

/* Transmit needs no lock of the core: ibfo's path is RCU and per-CPU. */
static inline void compat_netdev_set_lltx(struct net_device *dev)
{
#ifdef HAVE_NETDEV_LLTX
	dev->lltx = true;
#else
	dev->features |= NETIF_F_LLTX;
#endif
}

/* The master stays in the namespace of its slaves. */
static inline void compat_netdev_set_netns_immutable(struct net_device *dev)
{
#if defined(HAVE_NETDEV_NETNS_IMMUTABLE)
	dev->netns_immutable = true;
#elif defined(HAVE_NETDEV_NETNS_LOCAL)
	dev->netns_local = true;
#else
	dev->features |= NETIF_F_NETNS_LOCAL;
#endif
}

/*
 * Set a slave's MTU without the CHANGEMTU notifiers, for a slave that is
 * being unregistered (bonding does the same): the notifiers would make
 * the stack configure a device that is going away.  The newer function
 * is exported to the NETDEV_INTERNAL namespace, as it is for bonding.
 */
#ifdef HAVE___DEV_SET_MTU
static inline int compat_set_mtu_unnotified(struct net_device *dev, int mtu)
{
	return __dev_set_mtu(dev, mtu);
}
#else
#ifdef IBFO_COMPAT_MODULE_INFO	/* once per module: main.o (Kbuild) */
MODULE_IMPORT_NS("NETDEV_INTERNAL");
#endif

static inline int compat_set_mtu_unnotified(struct net_device *dev, int mtu)
{
	return __netif_set_mtu(dev, mtu);
}
#endif

/*
 * rtnl_link_ops.newlink is compat_ibfo_newlink(), of the kernel's
 * signature; it calls ibfo_newlink() (netlink.c) with what ibfo uses.
 */
int ibfo_newlink(struct net_device *dev, struct nlattr *data[],
		 struct netlink_ext_ack *extack);

#ifdef HAVE_RTNL_NEWLINK_PARAMS
static inline int compat_ibfo_newlink(struct net_device *dev,
				      struct rtnl_newlink_params *params,
				      struct netlink_ext_ack *extack)
{
	return ibfo_newlink(dev, params->data, extack);
}
#else
static inline int compat_ibfo_newlink(struct net *src_net,
				      struct net_device *dev,
				      struct nlattr *tb[], struct nlattr *data[],
				      struct netlink_ext_ack *extack)
{
	return ibfo_newlink(dev, data, extack);
}
#endif

#endif /* _IBFO_COMPAT_H */
