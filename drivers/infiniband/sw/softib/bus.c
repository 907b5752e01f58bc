// SPDX-License-Identifier: GPL-2.0
/*
 * softib control interface, modelled on netdevsim's bus:
 *
 *   /sys/bus/softib/new_device           "ID NPORTS"
 *   /sys/bus/softib/del_device           "ID"
 *   /sys/bus/softib/devices/softibID/portN/{link,subnet,lid,sm_lid,
 *       reregister,sm_change,pkeys,gid_prefix,gid_prefix_only,guid,
 *       speed,width,
 *       rate_mbit,delay_us,loss_ppm,rnr_ppm,stats/...}
 *
 * The bus device softibID is the parent of ib_device softibID, so ipoib's
 * netdevs show up under it.  softib_bus_lock serialises device creation
 * and deletion; port attribute writers take softib_cfg_lock.  A device's
 * port directories are removed (which waits for running attribute
 * handlers) before the device is torn down, and never under
 * softib_cfg_lock.
 */
#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "softib.h"

struct softib_bus_dev {
	struct device dev;
	struct softib_dev *sdev;
};

static DEFINE_MUTEX(softib_bus_lock);
/* Under softib_bus_lock */
static struct softib_bus_dev *softib_bus_devs[SOFTIB_MAX_DEVS];
static bool softib_bus_enabled;

/* ---- port attributes ---- */

static struct softib_port *kobj_to_port(struct kobject *kobj)
{
	return container_of(kobj, struct softib_port, kobj);
}

#define SOFTIB_PORT_ATTR_RW(_name) \
	static struct kobj_attribute softib_port_attr_##_name = \
		__ATTR(_name, 0644, _name##_show, _name##_store)
#define SOFTIB_PORT_ATTR_RO(_name) \
	static struct kobj_attribute softib_port_attr_##_name = \
		__ATTR(_name, 0444, _name##_show, NULL)
#define SOFTIB_PORT_ATTR_WO(_name) \
	static struct kobj_attribute softib_port_attr_##_name = \
		__ATTR(_name, 0200, NULL, _name##_store)

static ssize_t link_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	bool up = READ_ONCE(kobj_to_port(kobj)->state) == IB_PORT_ACTIVE;

	return sysfs_emit(buf, "%s\n", up ? "up" : "down");
}

static ssize_t link_store(struct kobject *kobj, struct kobj_attribute *attr,
			  const char *buf, size_t count)
{
	struct softib_port *port = kobj_to_port(kobj);
	bool up;
	int ret;

	if (sysfs_streq(buf, "up"))
		up = true;
	else if (sysfs_streq(buf, "down"))
		up = false;
	else
		return -EINVAL;

	mutex_lock(&softib_cfg_lock);
	ret = softib_port_set_link(port, up);
	mutex_unlock(&softib_cfg_lock);
	return ret ?: count;
}
SOFTIB_PORT_ATTR_RW(link);

static ssize_t subnet_show(struct kobject *kobj, struct kobj_attribute *attr,
			   char *buf)
{
	struct softib_port *port = kobj_to_port(kobj);
	int ret;

	mutex_lock(&softib_cfg_lock);
	ret = sysfs_emit(buf, "%u\n", port->subnet->id);
	mutex_unlock(&softib_cfg_lock);
	return ret;
}

/*
 * Parse a number written to a control file.  The interface promises
 * -EINVAL for every bad value, out-of-range ones included, where kstrto*()
 * would say -ERANGE.
 */
static int softib_parse_u32(const char *buf, u32 min, u32 max, u32 *val)
{
	if (kstrtou32(buf, 0, val) || *val < min || *val > max)
		return -EINVAL;
	return 0;
}

static ssize_t subnet_store(struct kobject *kobj, struct kobj_attribute *attr,
			    const char *buf, size_t count)
{
	struct softib_port *port = kobj_to_port(kobj);
	u32 subnet;
	int ret;

	ret = softib_parse_u32(buf, 0, SOFTIB_MAX_SUBNETS - 1, &subnet);
	if (ret)
		return ret;

	mutex_lock(&softib_cfg_lock);
	ret = softib_fabric_move(port, subnet);
	mutex_unlock(&softib_cfg_lock);
	return ret ?: count;
}
SOFTIB_PORT_ATTR_RW(subnet);

static ssize_t lid_show(struct kobject *kobj, struct kobj_attribute *attr,
			char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(kobj_to_port(kobj)->lid));
}

static ssize_t lid_store(struct kobject *kobj, struct kobj_attribute *attr,
			 const char *buf, size_t count)
{
	struct softib_port *port = kobj_to_port(kobj);
	u32 lid;
	int ret;

	ret = softib_parse_u32(buf, 1, SOFTIB_MAX_UCAST_LID, &lid);
	if (ret)
		return ret;

	mutex_lock(&softib_cfg_lock);
	ret = softib_fabric_set_lid(port, lid);
	mutex_unlock(&softib_cfg_lock);
	return ret ?: count;
}
SOFTIB_PORT_ATTR_RW(lid);

static ssize_t sm_lid_show(struct kobject *kobj, struct kobj_attribute *attr,
			   char *buf)
{
	struct softib_port *port = kobj_to_port(kobj);
	int ret;

	mutex_lock(&softib_cfg_lock);
	ret = sysfs_emit(buf, "%u\n", port->subnet->sm_lid);
	mutex_unlock(&softib_cfg_lock);
	return ret;
}
SOFTIB_PORT_ATTR_RO(sm_lid);

static ssize_t reregister_store(struct kobject *kobj,
				struct kobj_attribute *attr,
				const char *buf, size_t count)
{
	if (!sysfs_streq(buf, "1"))
		return -EINVAL;

	mutex_lock(&softib_cfg_lock);
	softib_port_reregister(kobj_to_port(kobj));
	mutex_unlock(&softib_cfg_lock);
	return count;
}
SOFTIB_PORT_ATTR_WO(reregister);

static ssize_t sm_change_store(struct kobject *kobj,
			       struct kobj_attribute *attr,
			       const char *buf, size_t count)
{
	if (!sysfs_streq(buf, "1"))
		return -EINVAL;

	softib_port_event(kobj_to_port(kobj), IB_EVENT_SM_CHANGE);
	return count;
}
SOFTIB_PORT_ATTR_WO(sm_change);

static ssize_t pkeys_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	struct softib_port *port = kobj_to_port(kobj);
	u16 pkeys[SOFTIB_PKEY_TBL_LEN];
	int i, n = 0, len = 0;

	mutex_lock(&softib_cfg_lock);
	memcpy(pkeys, port->pkeys, sizeof(pkeys));
	mutex_unlock(&softib_cfg_lock);

	for (i = 0; i < SOFTIB_PKEY_TBL_LEN; i++)
		if (pkeys[i])
			n = i + 1;
	for (i = 0; i < n; i++)
		len += sysfs_emit_at(buf, len, "%s0x%04x", i ? " " : "",
				     pkeys[i]);
	len += sysfs_emit_at(buf, len, "\n");
	return len;
}

static ssize_t pkeys_store(struct kobject *kobj, struct kobj_attribute *attr,
			   const char *buf, size_t count)
{
	struct softib_port *port = kobj_to_port(kobj);
	u16 pkeys[SOFTIB_PKEY_TBL_LEN];
	unsigned int n = 0;
	char *copy, *p, *tok;
	int ret = 0;
	u32 val;

	copy = kstrndup(buf, count, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	p = copy;
	while ((tok = strsep(&p, " \t\n")) != NULL) {
		if (!*tok)
			continue;
		if (n == SOFTIB_PKEY_TBL_LEN) {
			ret = -EINVAL;
			break;
		}
		/* Out of range is a bad value like any other: -EINVAL. */
		ret = kstrtou32(tok, 16, &val);
		if (!ret && val > U16_MAX)
			ret = -EINVAL;
		if (ret)
			break;
		pkeys[n++] = val;
	}
	kfree(copy);
	if (ret)
		return ret;
	if (!n)
		return -EINVAL;

	mutex_lock(&softib_cfg_lock);
	ret = softib_port_set_pkeys(port, pkeys, n);
	mutex_unlock(&softib_cfg_lock);
	return ret ?: count;
}
SOFTIB_PORT_ATTR_RW(pkeys);

static ssize_t gid_prefix_show(struct kobject *kobj,
			       struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "0x%016llx\n",
			  READ_ONCE(kobj_to_port(kobj)->gid_prefix));
}

static ssize_t softib_gid_prefix_store(struct kobject *kobj, const char *buf,
				       size_t count, bool reregister)
{
	struct softib_port *port = kobj_to_port(kobj);
	u64 prefix;
	int ret;

	if (kstrtou64(buf, 16, &prefix))
		return -EINVAL;

	mutex_lock(&softib_cfg_lock);
	ret = softib_port_set_gid_prefix(port, prefix, reregister);
	mutex_unlock(&softib_cfg_lock);
	return ret ?: count;
}

static ssize_t gid_prefix_store(struct kobject *kobj,
				struct kobj_attribute *attr,
				const char *buf, size_t count)
{
	return softib_gid_prefix_store(kobj, buf, count, true);
}
SOFTIB_PORT_ATTR_RW(gid_prefix);

/* The same with GID_CHANGE alone: an SM that changes the prefix without
 * asking the port to reregister.
 */
static ssize_t gid_prefix_only_store(struct kobject *kobj,
				     struct kobj_attribute *attr,
				     const char *buf, size_t count)
{
	return softib_gid_prefix_store(kobj, buf, count, false);
}
SOFTIB_PORT_ATTR_WO(gid_prefix_only);

static ssize_t guid_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "0x%016llx\n", kobj_to_port(kobj)->guid);
}
SOFTIB_PORT_ATTR_RO(guid);

static const char * const softib_speed_names[] = {
	"SDR", "DDR", "QDR", "FDR10", "FDR", "EDR", "HDR", "NDR",
};

static const char * const softib_width_names[] = {
	"1x", "4x", "8x", "12x",
};

static ssize_t speed_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	u32 i = ilog2(READ_ONCE(kobj_to_port(kobj)->speed));

	return sysfs_emit(buf, "%s\n", softib_speed_names[i]);
}

static ssize_t speed_store(struct kobject *kobj, struct kobj_attribute *attr,
			   const char *buf, size_t count)
{
	struct softib_port *port = kobj_to_port(kobj);
	unsigned long flags;
	int i;

	i = sysfs_match_string(softib_speed_names, buf);
	if (i < 0)
		return -EINVAL;

	mutex_lock(&softib_cfg_lock);
	spin_lock_irqsave(&port->attr_lock, flags);
	WRITE_ONCE(port->speed, 1U << i);
	spin_unlock_irqrestore(&port->attr_lock, flags);
	mutex_unlock(&softib_cfg_lock);
	return count;
}
SOFTIB_PORT_ATTR_RW(speed);

static ssize_t width_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	u32 i = ilog2(READ_ONCE(kobj_to_port(kobj)->width));

	return sysfs_emit(buf, "%s\n", softib_width_names[i]);
}

static ssize_t width_store(struct kobject *kobj, struct kobj_attribute *attr,
			   const char *buf, size_t count)
{
	struct softib_port *port = kobj_to_port(kobj);
	unsigned long flags;
	int i;

	i = sysfs_match_string(softib_width_names, buf);
	if (i < 0)
		return -EINVAL;

	mutex_lock(&softib_cfg_lock);
	spin_lock_irqsave(&port->attr_lock, flags);
	WRITE_ONCE(port->width, 1U << i);
	spin_unlock_irqrestore(&port->attr_lock, flags);
	mutex_unlock(&softib_cfg_lock);
	return count;
}
SOFTIB_PORT_ATTR_RW(width);

/* Shaping knobs: plain values, the transmit worker re-reads them. */
static ssize_t softib_knob_store(struct softib_port *port, u32 *knob,
				 u32 max, const char *buf, size_t count)
{
	u32 val;
	int ret;

	ret = softib_parse_u32(buf, 0, max, &val);
	if (ret)
		return ret;
	WRITE_ONCE(*knob, val);
	/* A packet may be waiting for a timer computed with the old value. */
	queue_work(softib_wq, &port->work);
	return count;
}

static ssize_t rate_mbit_show(struct kobject *kobj,
			      struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(kobj_to_port(kobj)->rate_mbit));
}

static ssize_t rate_mbit_store(struct kobject *kobj,
			       struct kobj_attribute *attr,
			       const char *buf, size_t count)
{
	struct softib_port *port = kobj_to_port(kobj);

	return softib_knob_store(port, &port->rate_mbit, U32_MAX, buf, count);
}
SOFTIB_PORT_ATTR_RW(rate_mbit);

static ssize_t delay_us_show(struct kobject *kobj,
			     struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(kobj_to_port(kobj)->delay_us));
}

static ssize_t delay_us_store(struct kobject *kobj,
			      struct kobj_attribute *attr,
			      const char *buf, size_t count)
{
	struct softib_port *port = kobj_to_port(kobj);

	return softib_knob_store(port, &port->delay_us, 1000000, buf, count);
}
SOFTIB_PORT_ATTR_RW(delay_us);

static ssize_t loss_ppm_show(struct kobject *kobj,
			     struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(kobj_to_port(kobj)->loss_ppm));
}

static ssize_t loss_ppm_store(struct kobject *kobj,
			      struct kobj_attribute *attr,
			      const char *buf, size_t count)
{
	struct softib_port *port = kobj_to_port(kobj);

	return softib_knob_store(port, &port->loss_ppm, 1000000, buf, count);
}
SOFTIB_PORT_ATTR_RW(loss_ppm);

static ssize_t rnr_ppm_show(struct kobject *kobj,
			    struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(kobj_to_port(kobj)->rnr_ppm));
}

static ssize_t rnr_ppm_store(struct kobject *kobj,
			     struct kobj_attribute *attr,
			     const char *buf, size_t count)
{
	struct softib_port *port = kobj_to_port(kobj);

	return softib_knob_store(port, &port->rnr_ppm, 1000000, buf, count);
}
SOFTIB_PORT_ATTR_RW(rnr_ppm);

static struct attribute *softib_port_attrs[] = {
	&softib_port_attr_link.attr,
	&softib_port_attr_subnet.attr,
	&softib_port_attr_lid.attr,
	&softib_port_attr_sm_lid.attr,
	&softib_port_attr_reregister.attr,
	&softib_port_attr_sm_change.attr,
	&softib_port_attr_pkeys.attr,
	&softib_port_attr_gid_prefix.attr,
	&softib_port_attr_gid_prefix_only.attr,
	&softib_port_attr_guid.attr,
	&softib_port_attr_speed.attr,
	&softib_port_attr_width.attr,
	&softib_port_attr_rate_mbit.attr,
	&softib_port_attr_delay_us.attr,
	&softib_port_attr_loss_ppm.attr,
	&softib_port_attr_rnr_ppm.attr,
	NULL
};

static const struct attribute_group softib_port_group = {
	.attrs = softib_port_attrs,
};

struct softib_stat_attr {
	struct kobj_attribute attr;
	size_t offset;		/* in struct softib_port_stats */
};

static ssize_t softib_stat_show(struct kobject *kobj,
				struct kobj_attribute *attr, char *buf)
{
	struct softib_stat_attr *sa = container_of(attr, struct softib_stat_attr,
						   attr);
	struct softib_port *port = kobj_to_port(kobj);
	atomic64_t *stat = (void *)&port->stats + sa->offset;

	return sysfs_emit(buf, "%llu\n", (u64)atomic64_read(stat));
}

static struct softib_stat_attr softib_port_attr_tx_packets = {
	.attr = __ATTR(tx_packets, 0444, softib_stat_show, NULL),
	.offset = offsetof(struct softib_port_stats, tx_packets),
};

static struct softib_stat_attr softib_port_attr_tx_bytes = {
	.attr = __ATTR(tx_bytes, 0444, softib_stat_show, NULL),
	.offset = offsetof(struct softib_port_stats, tx_bytes),
};

static struct softib_stat_attr softib_port_attr_rx_packets = {
	.attr = __ATTR(rx_packets, 0444, softib_stat_show, NULL),
	.offset = offsetof(struct softib_port_stats, rx_packets),
};

static struct softib_stat_attr softib_port_attr_rx_bytes = {
	.attr = __ATTR(rx_bytes, 0444, softib_stat_show, NULL),
	.offset = offsetof(struct softib_port_stats, rx_bytes),
};

static struct softib_stat_attr softib_port_attr_tx_dropped = {
	.attr = __ATTR(tx_dropped, 0444, softib_stat_show, NULL),
	.offset = offsetof(struct softib_port_stats, tx_dropped),
};

static struct softib_stat_attr softib_port_attr_rx_dropped = {
	.attr = __ATTR(rx_dropped, 0444, softib_stat_show, NULL),
	.offset = offsetof(struct softib_port_stats, rx_dropped),
};

static struct softib_stat_attr softib_port_attr_rc_retransmits = {
	.attr = __ATTR(rc_retransmits, 0444, softib_stat_show, NULL),
	.offset = offsetof(struct softib_port_stats, rc_retransmits),
};

static struct softib_stat_attr softib_port_attr_rc_rnr_naks = {
	.attr = __ATTR(rc_rnr_naks, 0444, softib_stat_show, NULL),
	.offset = offsetof(struct softib_port_stats, rc_rnr_naks),
};

static struct softib_stat_attr softib_port_attr_rc_seq_naks = {
	.attr = __ATTR(rc_seq_naks, 0444, softib_stat_show, NULL),
	.offset = offsetof(struct softib_port_stats, rc_seq_naks),
};

static struct softib_stat_attr softib_port_attr_rc_timeouts = {
	.attr = __ATTR(rc_timeouts, 0444, softib_stat_show, NULL),
	.offset = offsetof(struct softib_port_stats, rc_timeouts),
};

static struct softib_stat_attr softib_port_attr_rc_errors = {
	.attr = __ATTR(rc_errors, 0444, softib_stat_show, NULL),
	.offset = offsetof(struct softib_port_stats, rc_errors),
};

static struct softib_stat_attr softib_port_attr_sa_path_queries = {
	.attr = __ATTR(sa_path_queries, 0444, softib_stat_show, NULL),
	.offset = offsetof(struct softib_port_stats, sa_path_queries),
};

static struct attribute *softib_port_stats_attrs[] = {
	&softib_port_attr_tx_packets.attr.attr,
	&softib_port_attr_tx_bytes.attr.attr,
	&softib_port_attr_rx_packets.attr.attr,
	&softib_port_attr_rx_bytes.attr.attr,
	&softib_port_attr_tx_dropped.attr.attr,
	&softib_port_attr_rx_dropped.attr.attr,
	&softib_port_attr_rc_retransmits.attr.attr,
	&softib_port_attr_rc_rnr_naks.attr.attr,
	&softib_port_attr_rc_seq_naks.attr.attr,
	&softib_port_attr_rc_timeouts.attr.attr,
	&softib_port_attr_rc_errors.attr.attr,
	&softib_port_attr_sa_path_queries.attr.attr,
	NULL
};

static const struct attribute_group softib_port_stats_group = {
	.name = "stats",
	.attrs = softib_port_stats_attrs,
};

static const struct attribute_group *softib_port_groups[] = {
	&softib_port_group,
	&softib_port_stats_group,
	NULL
};

static void softib_port_release(struct kobject *kobj)
{
	kfree(kobj_to_port(kobj));
}

const struct kobj_type softib_port_ktype = {
	.release = softib_port_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = softib_port_groups,
};

/* ---- bus devices ---- */

static void softib_bus_dev_release(struct device *dev)
{
	kfree(container_of(dev, struct softib_bus_dev, dev));
}

static const struct device_type softib_bus_dev_type = {
	.release = softib_bus_dev_release,
};

static struct bus_type softib_bus;

static void softib_bus_dev_del_ports(struct softib_bus_dev *bdev)
{
	struct softib_dev *sdev = bdev->sdev;
	u32 i;

	/* Waits for running attribute handlers. */
	for (i = 0; i < sdev->num_ports; i++)
		if (sdev->ports[i]->kobj.state_in_sysfs)
			kobject_del(&sdev->ports[i]->kobj);
}

static int softib_bus_dev_add_ports(struct softib_bus_dev *bdev)
{
	struct softib_dev *sdev = bdev->sdev;
	u32 i;
	int ret;

	for (i = 0; i < sdev->num_ports; i++) {
		ret = kobject_add(&sdev->ports[i]->kobj, &bdev->dev.kobj,
				  "port%u", i + 1);
		if (ret) {
			softib_bus_dev_del_ports(bdev);
			return ret;
		}
	}
	return 0;
}

/**
 * softib_bus_new_device - create bus device and ib_device softib@id
 * @id: 0..SOFTIB_MAX_DEVS-1
 * @num_ports: 1..SOFTIB_MAX_PORTS
 *
 * Return: 0 or -errno (-EINVAL, -EEXIST if @id is in use, -ENODEV, -ENOMEM).
 */
int softib_bus_new_device(u32 id, u32 num_ports)
{
	struct softib_bus_dev *bdev;
	struct softib_dev *sdev;
	int ret;

	if (id >= SOFTIB_MAX_DEVS || num_ports < 1 ||
	    num_ports > SOFTIB_MAX_PORTS)
		return -EINVAL;

	mutex_lock(&softib_bus_lock);
	if (!softib_bus_enabled) {
		ret = -ENODEV;
		goto unlock;
	}
	if (softib_bus_devs[id]) {
		ret = -EEXIST;
		goto unlock;
	}

	bdev = kzalloc(sizeof(*bdev), GFP_KERNEL);
	if (!bdev) {
		ret = -ENOMEM;
		goto unlock;
	}
	bdev->dev.bus = &softib_bus;
	bdev->dev.type = &softib_bus_dev_type;
	bdev->dev.id = id;
	device_initialize(&bdev->dev);
	ret = dev_set_name(&bdev->dev, "softib%u", id);
	if (ret)
		goto put_bdev;
	ret = device_add(&bdev->dev);
	if (ret)
		goto put_bdev;

	sdev = softib_dev_create(id, num_ports, &bdev->dev);
	if (IS_ERR(sdev)) {
		ret = PTR_ERR(sdev);
		goto del_bdev;
	}
	bdev->sdev = sdev;

	ret = softib_bus_dev_add_ports(bdev);
	if (ret)
		goto destroy_sdev;

	softib_bus_devs[id] = bdev;
	mutex_unlock(&softib_bus_lock);
	return 0;

destroy_sdev:
	softib_dev_destroy(sdev);
del_bdev:
	device_del(&bdev->dev);
put_bdev:
	put_device(&bdev->dev);
unlock:
	mutex_unlock(&softib_bus_lock);
	return ret;
}

static void softib_bus_dev_del(struct softib_bus_dev *bdev)
{
	lockdep_assert_held(&softib_bus_lock);

	softib_bus_dev_del_ports(bdev);
	softib_dev_destroy(bdev->sdev);
	device_unregister(&bdev->dev);
}

static ssize_t new_device_store(compat_bus_type *bus, const char *buf,
				size_t count)
{
	u32 id, num_ports;
	char extra;
	int ret;

	if (sscanf(buf, "%u %u %c", &id, &num_ports, &extra) != 2)
		return -EINVAL;
	ret = softib_bus_new_device(id, num_ports);
	return ret ?: count;
}
static BUS_ATTR_WO(new_device);

static ssize_t del_device_store(compat_bus_type *bus, const char *buf,
				size_t count)
{
	struct softib_bus_dev *bdev = NULL;
	char extra;
	u32 id;

	if (sscanf(buf, "%u %c", &id, &extra) != 1)
		return -EINVAL;
	if (id >= SOFTIB_MAX_DEVS)
		return -ENODEV;

	mutex_lock(&softib_bus_lock);
	if (softib_bus_enabled) {
		bdev = softib_bus_devs[id];
		softib_bus_devs[id] = NULL;
	}
	if (bdev)
		softib_bus_dev_del(bdev);
	mutex_unlock(&softib_bus_lock);
	return bdev ? count : -ENODEV;
}
static BUS_ATTR_WO(del_device);

static struct attribute *softib_bus_attrs[] = {
	&bus_attr_new_device.attr,
	&bus_attr_del_device.attr,
	NULL
};
ATTRIBUTE_GROUPS(softib_bus);

static struct bus_type softib_bus = {
	.name = "softib",
	.dev_name = "softib",
	.bus_groups = softib_bus_groups,
};

/**
 * softib_bus_init - register the softib bus
 *
 * Return: 0 or -errno.
 */
int softib_bus_init(void)
{
	int ret;

	ret = bus_register(&softib_bus);
	if (ret)
		return ret;
	mutex_lock(&softib_bus_lock);
	softib_bus_enabled = true;
	mutex_unlock(&softib_bus_lock);
	return 0;
}

/**
 * softib_bus_exit - delete every device and unregister the bus
 */
void softib_bus_exit(void)
{
	u32 i;

	mutex_lock(&softib_bus_lock);
	softib_bus_enabled = false;
	for (i = 0; i < SOFTIB_MAX_DEVS; i++) {
		if (!softib_bus_devs[i])
			continue;
		softib_bus_dev_del(softib_bus_devs[i]);
		softib_bus_devs[i] = NULL;
	}
	mutex_unlock(&softib_bus_lock);
	bus_unregister(&softib_bus);
}
