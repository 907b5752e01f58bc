// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo: IP failover and multipathing over IPoIB - health from IB events.
 *
 * An ib_client learns every ib_device and registers an event handler on
 * it.  Each slave is mapped to (ib_device, port) by its GID, the bytes
 * 4-19 of its IPoIB address.  ib_core runs the handlers on ib_wq, in
 * process context, right after it updated its port cache: a PORT_ERR
 * switches the transmit path there and then, milliseconds before ipoib
 * drops its carrier, without waiting for RTNL.
 *
 * Locking: ibfo_health_lock (a mutex) protects the device list and the
 * list of watched slaves with their (ibdev, port).  Order: RTNL, then
 * ibfo_health_lock, then ibfo->lock.  IB event handlers take no RTNL.
 */

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <rdma/ib_cache.h>
#include <rdma/ib_verbs.h>

#include "ibfo.h"

struct ibfo_ibdev {
	struct list_head list;
	struct ib_device *ibdev;
	struct ib_event_handler handler;
};

static DEFINE_MUTEX(ibfo_health_lock);
static LIST_HEAD(ibfo_ibdevs);
static LIST_HEAD(ibfo_watched);

static bool ibfo_port_is_active(struct ib_device *ibdev, u32 port)
{
	enum ib_port_state state;

	if (ib_get_cached_port_state(ibdev, port, &state))
		return false;
	return state == IB_PORT_ACTIVE;
}

/* Per-lane signalling rate of an IB_SPEED_* in Mbit/s, 0 if unknown. */
static u32 ibfo_lane_rate(u16 speed)
{
	switch (speed) {
	case IB_SPEED_SDR:
		return 2500;
	case IB_SPEED_DDR:
		return 5000;
	case IB_SPEED_QDR:
		return 10000;
	case IB_SPEED_FDR10:
		return 10313;
	case IB_SPEED_FDR:
		return 14063;
	case IB_SPEED_EDR:
		return 25781;
	case IB_SPEED_HDR:
		return 53125;
	case IB_SPEED_NDR:
		return 106250;
	}
	return 0;
}

/* The slave's port rate, for primary_reselect "better". */
static void ibfo_health_rate(struct ibfo_slave *slave)
{
	struct ib_port_attr attr;
	u32 rate = 0;
	int width;

	lockdep_assert_held(&ibfo_health_lock);
	if (slave->ibdev && !ib_query_port(slave->ibdev, slave->port, &attr)) {
		width = ib_width_enum_to_int(attr.active_width);
		if (width > 0)
			rate = width * ibfo_lane_rate(attr.active_speed);
	}
	WRITE_ONCE(slave->rate, rate);
}

/* The port whose GID 0 is @gid; else the one port whose GID 0 has @gid's
 * interface ID (the port GUID): ipoib copies a new subnet prefix into its
 * address only at the next reregistration, without NETDEV_CHANGEADDR,
 * while the port GUID stays.
 */
static void ibfo_health_find(const union ib_gid *gid,
			     struct ib_device **ibdevp, u32 *portp)
{
	struct ib_device *by_guid = NULL;
	unsigned int guids = 0;
	struct ibfo_ibdev *d;
	union ib_gid cur;
	u32 port, guid_port = 0;

	lockdep_assert_held(&ibfo_health_lock);
	list_for_each_entry(d, &ibfo_ibdevs, list) {
		rdma_for_each_port(d->ibdev, port) {
			if (!rdma_protocol_ib(d->ibdev, port))
				continue;
			if (rdma_query_gid(d->ibdev, port, 0, &cur))
				continue;
			if (!memcmp(cur.raw, gid->raw, sizeof(cur.raw))) {
				*ibdevp = d->ibdev;
				*portp = port;
				return;
			}
			if (cur.global.interface_id == gid->global.interface_id) {
				by_guid = d->ibdev;
				guid_port = port;
				guids++;
			}
		}
	}
	if (guids == 1) {
		*ibdevp = by_guid;
		*portp = guid_port;
	}
}

/* Map the slave to the port of the GID in its address (bytes 4-19), or to
 * none.  Return: true if that changed; ibfo_health_follow() then reads
 * the port's state.
 */
static bool ibfo_health_map(struct ibfo_slave *slave)
{
	struct ib_device *ibdev = NULL;
	union ib_gid gid;
	u32 port = 0;

	lockdep_assert_held(&ibfo_health_lock);
	/* ipoib rewrites it under this lock (a new QPN or GID prefix). */
	netif_addr_lock_bh(slave->dev);
	memcpy(gid.raw, slave->dev->dev_addr + 4, sizeof(gid.raw));
	netif_addr_unlock_bh(slave->dev);
	ibfo_health_find(&gid, &ibdev, &port);
	if (ibdev == slave->ibdev && port == slave->port)
		return false;
	slave->ibdev = ibdev;
	slave->port = port;
	return true;
}

/* Take the state of the port the slave is mapped to; a slave without one
 * is judged by its netdev state alone.  Return: true if the port's
 * activity changed: the caller tells the mode (ibfo_slave_changed()).
 */
static bool ibfo_health_follow(struct ibfo_slave *slave)
{
	bool active = true;

	lockdep_assert_held(&ibfo_health_lock);
	if (slave->ibdev)
		active = ibfo_port_is_active(slave->ibdev, slave->port);
	ibfo_health_rate(slave);
	if (active == READ_ONCE(slave->ib_port_active))
		return false;
	WRITE_ONCE(slave->ib_port_active, active);
	return true;
}

/* The slave was mapped to a port, another one, or none (enslave, remap):
 * say so, and take its state.  Return: as ibfo_health_follow().
 */
static bool ibfo_health_moved(struct ibfo_slave *slave)
{
	if (slave->ibdev)
		netdev_info(slave->ibfo->dev, "%s: follows %s port %u\n",
			    slave->dev->name, dev_name(&slave->ibdev->dev),
			    slave->port);
	else
		netdev_info(slave->ibfo->dev,
			    "%s: no IB port has its GID: netdev events only\n",
			    slave->dev->name);
	return ibfo_health_follow(slave);
}

/**
 * ibfo_health_watch - follow the IB port of a slave
 * @slave: the slave, not yet watched nor in its master's list
 *
 * Says which port that is: only under the health lock is @slave's IB
 * device known to exist (ibfo_ib_remove()).
 *
 * Context: RTNL held.
 */
void ibfo_health_watch(struct ibfo_slave *slave)
{
	mutex_lock(&ibfo_health_lock);
	ibfo_health_map(slave);
	ibfo_health_moved(slave);
	list_add_tail(&slave->ib_list, &ibfo_watched);
	mutex_unlock(&ibfo_health_lock);
}

/**
 * ibfo_health_remap - map a watched slave to its IB port again
 * @slave: the slave, whose address changed
 *
 * In one step under the health lock, so that no IB event on the old or
 * the new port is missed meanwhile.  The caller tells the mode.
 *
 * Context: RTNL held.
 */
void ibfo_health_remap(struct ibfo_slave *slave)
{
	mutex_lock(&ibfo_health_lock);
	if (ibfo_health_map(slave))
		ibfo_health_moved(slave);
	mutex_unlock(&ibfo_health_lock);
}

/**
 * ibfo_health_unwatch - stop following the IB port of a slave
 * @slave: the slave
 *
 * After it returns no IB event handler looks at @slave.
 *
 * Context: RTNL held.
 */
void ibfo_health_unwatch(struct ibfo_slave *slave)
{
	mutex_lock(&ibfo_health_lock);
	list_del_init(&slave->ib_list);
	mutex_unlock(&ibfo_health_lock);
}

static void ibfo_ib_event(struct ib_event_handler *handler,
			  struct ib_event *event)
{
	struct ib_device *ibdev = event->device;
	struct ibfo_slave *slave;
	u32 port;

	switch (event->event) {
	case IB_EVENT_PORT_ERR:
	case IB_EVENT_PORT_ACTIVE:
	case IB_EVENT_LID_CHANGE:
	case IB_EVENT_SM_CHANGE:
	case IB_EVENT_CLIENT_REREGISTER:
	case IB_EVENT_PKEY_CHANGE:
	case IB_EVENT_GID_CHANGE:
		break;
	default:
		return;
	}
	port = event->element.port_num;

	mutex_lock(&ibfo_health_lock);
	list_for_each_entry(slave, &ibfo_watched, ib_list) {
		bool active;

		/* A slave of this device may have moved to another port or
		 * to none, one without a port may have found its own.  (For
		 * IB ports ib_core, 6.1 and 6.12 at least, passes a driver's
		 * GID_CHANGE to its cache only, not to clients.)
		 */
		if (event->event == IB_EVENT_GID_CHANGE &&
		    (slave->ibdev == ibdev || !slave->ibdev) &&
		    ibfo_health_map(slave) && ibfo_health_moved(slave))
			ibfo_slave_changed_async(slave,
						 ib_event_msg(event->event));
		if (slave->ibdev != ibdev || slave->port != port)
			continue;
		/* The event itself is authoritative for PORT_ERR: switch
		 * first, then look at the rest.  Otherwise ib_core updated
		 * its cache before dispatching; the rate (an uncached
		 * query) may decide a failback.
		 */
		if (event->event == IB_EVENT_PORT_ERR) {
			active = false;
		} else {
			active = ibfo_port_is_active(ibdev, port);
			ibfo_health_rate(slave);
		}
		if (active != READ_ONCE(slave->ib_port_active)) {
			WRITE_ONCE(slave->ib_port_active, active);
			ibfo_slave_changed_async(slave,
						 ib_event_msg(event->event));
			netdev_info(slave->ibfo->dev, "%s: %s port %u %s\n",
				    slave->dev->name, dev_name(&ibdev->dev),
				    port, active ? "active" : "down");
		}
		if (event->event == IB_EVENT_PORT_ERR) {
			ibfo_health_rate(slave);
			continue;
		}
		/* ipoib flushes its paths on the other events: resolve the
		 * standby ones again once it did.
		 */
		ibfo_standby_refresh(slave->ibfo, HZ / 2);
	}
	mutex_unlock(&ibfo_health_lock);
}

/* ib_core adds a new device to the clients in the order they registered:
 * ipoib (loaded before us) creates its netdevs first, which may be
 * enslaved before we learn the device.  Such slaves, and those of a
 * device that went away, find their port here.  The handler is registered
 * first: an event from then on finds the slave mapped, or is in the port
 * state read here.
 */
static int ibfo_ib_add(struct ib_device *ibdev)
{
	struct ibfo_slave *slave;
	struct ibfo_ibdev *d;

	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	d->ibdev = ibdev;
	INIT_IB_EVENT_HANDLER(&d->handler, ibdev, ibfo_ib_event);
	ib_register_event_handler(&d->handler);
	mutex_lock(&ibfo_health_lock);
	list_add_tail(&d->list, &ibfo_ibdevs);
	list_for_each_entry(slave, &ibfo_watched, ib_list) {
		if (!slave->ibdev && ibfo_health_map(slave) &&
		    ibfo_health_moved(slave))
			ibfo_slave_changed_async(slave, "ib_device added");
	}
	mutex_unlock(&ibfo_health_lock);
	return 0;
}

/* The device goes away: its ports count as down until ipoib unregisters
 * the slave netdevs on it, which releases them.
 */
static void ibfo_ib_remove(struct ib_device *ibdev, void *client_data)
{
	struct ibfo_ibdev *d, *found = NULL;
	struct ibfo_slave *slave;

	mutex_lock(&ibfo_health_lock);
	list_for_each_entry(d, &ibfo_ibdevs, list) {
		if (d->ibdev == ibdev) {
			found = d;
			break;
		}
	}
	if (found)
		list_del(&found->list);
	list_for_each_entry(slave, &ibfo_watched, ib_list) {
		if (slave->ibdev != ibdev)
			continue;
		/* Unmapped, so that a device added later may take it. */
		slave->ibdev = NULL;
		slave->port = 0;
		WRITE_ONCE(slave->ib_port_active, false);
		ibfo_slave_changed_async(slave, "ib_device removed");
	}
	mutex_unlock(&ibfo_health_lock);
	if (found) {
		ib_unregister_event_handler(&found->handler);
		kfree(found);
	}
}

static struct ib_client ibfo_ib_client = {
	.name	= "ibfo",
	.add	= ibfo_ib_add,
	.remove	= ibfo_ib_remove,
};

/**
 * ibfo_health_port - the IB port under a slave, for reports
 * @slave: the slave
 * @name: gets the ib_device's name, "" if unknown
 * @len: size of @name
 * @port_state: gets the IB PortState, 0 if unknown
 *
 * Context: RTNL held.
 * Return: the port number, 0 if unknown.
 */
u32 ibfo_health_port(const struct ibfo_slave *slave, char *name, size_t len,
		     u8 *port_state)
{
	enum ib_port_state state;
	u32 port = 0;

	name[0] = 0;
	*port_state = 0;
	mutex_lock(&ibfo_health_lock);
	if (slave->ibdev) {
		strscpy(name, dev_name(&slave->ibdev->dev), len);
		port = slave->port;
		if (!ib_get_cached_port_state(slave->ibdev, port, &state))
			*port_state = state;
	}
	mutex_unlock(&ibfo_health_lock);
	return port;
}

/**
 * ibfo_health_init - start following IB devices
 *
 * Return: 0 or a negative errno.
 */
int ibfo_health_init(void)
{
	return ib_register_client(&ibfo_ib_client);
}

/**
 * ibfo_health_exit - stop following IB devices
 *
 * Called after every master is gone: nothing is watched any more.
 */
void ibfo_health_exit(void)
{
	ib_unregister_client(&ibfo_ib_client);
}
