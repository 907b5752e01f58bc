// SPDX-License-Identifier: GPL-2.0
/*
 * softib ports: attributes, state changes and the IB events that announce
 * them.  Every change updates the attributes first and dispatches the
 * event after, so consumers that re-query see the new state.
 *
 * Changes run under softib_cfg_lock (sysfs writers); the attribute fields
 * are additionally written under port->attr_lock for query_port().
 */
#include <linux/slab.h>

#include "softib.h"
#include "sa.h"

/**
 * softib_port_create - allocate a port, ACTIVE with default attributes
 * @sdev: owning device
 * @num: 1-based port number
 *
 * The port is not in a subnet yet and its kobject is initialised but not
 * added; release it with softib_port_put().
 *
 * Return: the port or NULL.
 */
struct softib_port *softib_port_create(struct softib_dev *sdev, u32 num)
{
	struct softib_port *port;

	port = kzalloc(sizeof(*port), GFP_KERNEL);
	if (!port)
		return NULL;
	kobject_init(&port->kobj, &softib_port_ktype);
	port->sdev = sdev;
	port->num = num;
	port->guid = sdev->node_guid + num;
	spin_lock_init(&port->attr_lock);
	port->state = IB_PORT_ACTIVE;
	port->gid_prefix = SOFTIB_DEFAULT_PREFIX;
	port->pkeys[0] = 0xffff;
	port->speed = IB_SPEED_EDR;
	port->width = IB_WIDTH_4X;
	spin_lock_init(&port->txq_lock);
	INIT_LIST_HEAD(&port->txq);
	INIT_LIST_HEAD(&port->flight);
	INIT_LIST_HEAD(&port->subnet_node);
	INIT_WORK(&port->work, softib_port_tx_work);
	hrtimer_setup(&port->timer, softib_port_tx_timer, CLOCK_MONOTONIC,
		      HRTIMER_MODE_ABS);
	return port;
}

/**
 * softib_port_stop - take a port off the fabric for good
 * @port: port of an unregistered device
 *
 * Sleeps.  After return no worker or lookup references @port.
 */
void softib_port_stop(struct softib_port *port)
{
	unsigned long flags;

	mutex_lock(&softib_cfg_lock);
	softib_fabric_detach(port);
	spin_lock_irqsave(&port->attr_lock, flags);
	WRITE_ONCE(port->state, IB_PORT_DOWN);
	WRITE_ONCE(port->subnet, NULL);
	spin_unlock_irqrestore(&port->attr_lock, flags);
	mutex_unlock(&softib_cfg_lock);

	/* Other ports' workers may have found us through the subnet. */
	synchronize_rcu();
	softib_fabric_drain(port);
}

/**
 * softib_port_put - drop the reference the device holds on a port
 * @port: port, may be NULL
 */
void softib_port_put(struct softib_port *port)
{
	if (port)
		kobject_put(&port->kobj);
}

/**
 * softib_port_event - dispatch an IB port event
 * @port: port
 * @type: event
 *
 * Any context (ib_dispatch_event() defers to ib_wq).
 */
void softib_port_event(struct softib_port *port, enum ib_event_type type)
{
	struct ib_event ev = {
		.device = &port->sdev->ibdev,
		.element.port_num = port->num,
		.event = type,
	};

	ib_dispatch_event(&ev);
}

static void softib_port_set_state(struct softib_port *port,
				  enum ib_port_state state)
{
	unsigned long flags;

	spin_lock_irqsave(&port->attr_lock, flags);
	WRITE_ONCE(port->state, state);
	spin_unlock_irqrestore(&port->attr_lock, flags);
}

static void softib_port_sa_reset(struct softib_port *port)
{
	union ib_gid gid;

	lockdep_assert_held(&softib_cfg_lock);

	softib_port_gid(port, &gid);
	softib_sa_port_reset(port->subnet->sa, &gid);
}

/**
 * softib_port_set_link - bring a port's link up or down
 * @port: port
 * @up: new link state
 *
 * Down: traffic is dropped, the SA forgets the port, PORT_ERR.
 * Up: PORT_ACTIVE; the LID and SM are kept.
 *
 * Return: 0.
 */
int softib_port_set_link(struct softib_port *port, bool up)
{
	enum ib_port_state state = up ? IB_PORT_ACTIVE : IB_PORT_DOWN;

	lockdep_assert_held(&softib_cfg_lock);

	if (READ_ONCE(port->state) == state)
		return 0;
	softib_port_set_state(port, state);
	if (!up)
		softib_port_sa_reset(port);
	softib_port_event(port, up ? IB_EVENT_PORT_ACTIVE : IB_EVENT_PORT_ERR);
	return 0;
}

/**
 * softib_port_set_pkeys - replace the P_Key table
 * @port: port
 * @pkeys: entries, index 0 first
 * @n: number of entries, 1..SOFTIB_PKEY_TBL_LEN; the rest become 0
 *
 * Return: 0 or -EINVAL.
 */
int softib_port_set_pkeys(struct softib_port *port, const u16 *pkeys,
			  unsigned int n)
{
	unsigned long flags;
	unsigned int i;

	lockdep_assert_held(&softib_cfg_lock);

	if (!n || n > SOFTIB_PKEY_TBL_LEN)
		return -EINVAL;
	spin_lock_irqsave(&port->attr_lock, flags);
	for (i = 0; i < SOFTIB_PKEY_TBL_LEN; i++)
		WRITE_ONCE(port->pkeys[i], i < n ? pkeys[i] : 0);
	spin_unlock_irqrestore(&port->attr_lock, flags);
	softib_port_event(port, IB_EVENT_PKEY_CHANGE);
	return 0;
}

/**
 * softib_port_set_gid_prefix - change the subnet prefix of GID[0]
 * @port: port
 * @prefix: new prefix
 * @reregister: send CLIENT_REREGISTER after GID_CHANGE
 *
 * The SA forgets the old GID.  GID_CHANGE only refreshes the core's cache
 * on an IB port, so CLIENT_REREGISTER normally follows to make ipoib
 * rejoin (and take the new prefix).  Without it, as with an SM that does
 * not ask the port to reregister, ipoib keeps the old prefix in its
 * address until the next reregistration.
 *
 * Return: 0.
 */
int softib_port_set_gid_prefix(struct softib_port *port, u64 prefix,
			       bool reregister)
{
	unsigned long flags;

	lockdep_assert_held(&softib_cfg_lock);

	if (prefix == port->gid_prefix)
		return 0;
	softib_port_sa_reset(port);
	spin_lock_irqsave(&port->attr_lock, flags);
	WRITE_ONCE(port->gid_prefix, prefix);
	spin_unlock_irqrestore(&port->attr_lock, flags);
	softib_port_event(port, IB_EVENT_GID_CHANGE);
	if (reregister)
		softib_port_event(port, IB_EVENT_CLIENT_REREGISTER);
	return 0;
}

/**
 * softib_port_reregister - SA lost the port's registrations
 * @port: port
 */
void softib_port_reregister(struct softib_port *port)
{
	lockdep_assert_held(&softib_cfg_lock);

	softib_port_sa_reset(port);
	softib_port_event(port, IB_EVENT_CLIENT_REREGISTER);
}

/**
 * softib_port_find_pkey - index of a P_Key that may talk to @pkey
 * @port: port
 * @pkey: P_Key of a received packet
 *
 * Any context.
 *
 * Return: the index or -1.
 */
int softib_port_find_pkey(struct softib_port *port, u16 pkey)
{
	int i;

	for (i = 0; i < SOFTIB_PKEY_TBL_LEN; i++)
		if (softib_pkey_match(READ_ONCE(port->pkeys[i]), pkey))
			return i;
	return -1;
}

/**
 * softib_port_rate - static rate of a port's link
 * @port: port
 *
 * Any context.
 *
 * Return: enum ib_rate of the active speed and width.
 */
enum ib_rate softib_port_rate(struct softib_port *port)
{
	/* [speed][width 1x 4x 8x 12x] */
	static const u8 rates[][4] = {
		{ IB_RATE_2_5_GBPS, IB_RATE_10_GBPS, IB_RATE_20_GBPS,
		  IB_RATE_30_GBPS },					/* SDR */
		{ IB_RATE_5_GBPS, IB_RATE_20_GBPS, IB_RATE_40_GBPS,
		  IB_RATE_60_GBPS },					/* DDR */
		{ IB_RATE_10_GBPS, IB_RATE_40_GBPS, IB_RATE_80_GBPS,
		  IB_RATE_120_GBPS },					/* QDR */
		{ IB_RATE_10_GBPS, IB_RATE_40_GBPS, IB_RATE_80_GBPS,
		  IB_RATE_120_GBPS },					/* FDR10 */
		{ IB_RATE_14_GBPS, IB_RATE_56_GBPS, IB_RATE_112_GBPS,
		  IB_RATE_168_GBPS },					/* FDR */
		{ IB_RATE_25_GBPS, IB_RATE_100_GBPS, IB_RATE_200_GBPS,
		  IB_RATE_300_GBPS },					/* EDR */
		{ IB_RATE_50_GBPS, IB_RATE_200_GBPS, IB_RATE_400_GBPS,
		  IB_RATE_600_GBPS },					/* HDR */
		{ IB_RATE_100_GBPS, IB_RATE_400_GBPS, IB_RATE_600_GBPS,
		  IB_RATE_600_GBPS },					/* NDR */
	};
	u32 speed = ilog2(READ_ONCE(port->speed));
	u32 width = ilog2(READ_ONCE(port->width));

	if (speed >= ARRAY_SIZE(rates) || width >= ARRAY_SIZE(rates[0]))
		return IB_RATE_PORT_CURRENT;
	return rates[speed][width];
}
