// SPDX-License-Identifier: GPL-2.0
/*
 * softib ib_device: registration with ib_core and the query verbs.
 *
 * Ports are IB link layer without SMI (no QP0: nothing in the kernel sends
 * SMPs and there is no SM to answer them), registered already ACTIVE with
 * LID and SM LID set so ib_sa and ipoib work without any event.  The
 * device uses virtual DMA (no dma_device): SGE addresses are kernel VAs.
 */
#include <linux/slab.h>
#include <rdma/ib_mad.h>

#include "softib.h"

#define SOFTIB_VENDOR_ID	0x5e1b	/* not a real OUI */

static int softib_query_device(struct ib_device *ibdev,
			       struct ib_device_attr *attr,
			       struct ib_udata *udata)
{
	struct softib_dev *sdev = to_sdev(ibdev);

	if (udata && udata->inlen)
		return -EOPNOTSUPP;

	memset(attr, 0, sizeof(*attr));
	attr->fw_ver = 1;
	attr->sys_image_guid = cpu_to_be64(sdev->node_guid);
	attr->max_mr_size = U64_MAX;
	attr->page_size_cap = PAGE_SIZE;
	attr->vendor_id = SOFTIB_VENDOR_ID;
	attr->max_qp = 65536;
	attr->max_qp_wr = SOFTIB_MAX_QP_WR;
	/* No UD_IP_CSUM/UD_TSO: the driver never sees skb metadata. */
	attr->kernel_cap_flags = IBK_LOCAL_DMA_LKEY;
	attr->max_send_sge = SOFTIB_MAX_SGE;
	attr->max_recv_sge = SOFTIB_MAX_SGE;
	attr->max_cq = 65536;
	attr->max_cqe = SOFTIB_MAX_CQE;
	attr->max_mr = 65536;
	attr->max_pd = 65536;
	attr->max_mcast_grp = 8192;
	attr->max_mcast_qp_attach = 1024;
	attr->max_total_mcast_qp_attach = 65536;
	attr->max_ah = 65536;
	attr->max_pkeys = SOFTIB_PKEY_TBL_LEN;
	attr->max_srq = 65536;
	attr->max_srq_wr = SOFTIB_MAX_QP_WR;
	attr->max_srq_sge = SOFTIB_MAX_SGE;
	/* Responders ACK at once: 4.096 us * 2^8, about 1 ms of slack. */
	attr->local_ca_ack_delay = 8;
	return 0;
}

static int softib_query_port(struct ib_device *ibdev, u32 port_num,
			     struct ib_port_attr *attr)
{
	struct softib_port *port = softib_port(to_sdev(ibdev), port_num);
	unsigned long flags;

	if (!port)
		return -EINVAL;

	spin_lock_irqsave(&port->attr_lock, flags);
	attr->subnet_prefix = port->gid_prefix;
	attr->state = port->state;
	attr->phys_state = port->state == IB_PORT_ACTIVE ?
			   IB_PORT_PHYS_STATE_LINK_UP :
			   IB_PORT_PHYS_STATE_DISABLED;
	attr->lid = port->lid;
	attr->sm_lid = port->subnet ? port->subnet->sm_lid : 0;
	attr->port_cap_flags = port->cap_flags;
	attr->bad_pkey_cntr = port->bad_pkey;
	attr->qkey_viol_cntr = port->qkey_viol;
	attr->active_width = port->width;
	attr->active_speed = port->speed;
	spin_unlock_irqrestore(&port->attr_lock, flags);

	attr->max_mtu = SOFTIB_MTU;
	attr->active_mtu = SOFTIB_MTU;
	attr->phys_mtu = ib_mtu_enum_to_int(SOFTIB_MTU);
	attr->gid_tbl_len = SOFTIB_GID_TBL_LEN;
	attr->pkey_tbl_len = SOFTIB_PKEY_TBL_LEN;
	attr->max_msg_sz = SOFTIB_RC_MAX_MSG;	/* UD: the MTU */
	attr->max_vl_num = 1;
	attr->subnet_timeout = 18;
	return 0;
}

static int softib_get_port_immutable(struct ib_device *ibdev, u32 port_num,
				     struct ib_port_immutable *immutable)
{
	immutable->pkey_tbl_len = SOFTIB_PKEY_TBL_LEN;
	immutable->gid_tbl_len = SOFTIB_GID_TBL_LEN;
	immutable->core_cap_flags = RDMA_CORE_PORT_IBA_IB &
				    ~RDMA_CORE_CAP_IB_SMI;
	immutable->max_mad_size = IB_MGMT_MAD_SIZE;
	return 0;
}

static int softib_query_gid(struct ib_device *ibdev, u32 port_num,
			    int index, union ib_gid *gid)
{
	struct softib_port *port = softib_port(to_sdev(ibdev), port_num);

	if (!port || index < 0 || index >= SOFTIB_GID_TBL_LEN)
		return -EINVAL;
	softib_port_gid(port, gid);
	return 0;
}

static int softib_query_pkey(struct ib_device *ibdev, u32 port_num, u16 index,
			     u16 *pkey)
{
	struct softib_port *port = softib_port(to_sdev(ibdev), port_num);

	if (!port || index >= SOFTIB_PKEY_TBL_LEN)
		return -EINVAL;
	*pkey = READ_ONCE(port->pkeys[index]);
	return 0;
}

/* ib_cm sets IB_PORT_CM_SUP here; without the op it does not bind. */
static int softib_modify_port(struct ib_device *ibdev, u32 port_num, int mask,
			      struct ib_port_modify *props)
{
	struct softib_port *port = softib_port(to_sdev(ibdev), port_num);
	unsigned long flags;

	if (!port)
		return -EINVAL;
	if (mask & IB_PORT_SHUTDOWN)
		return -EOPNOTSUPP;

	spin_lock_irqsave(&port->attr_lock, flags);
	port->cap_flags |= props->set_port_cap_mask;
	port->cap_flags &= ~props->clr_port_cap_mask;
	if (mask & IB_PORT_RESET_QKEY_CNTR)
		port->qkey_viol = 0;
	spin_unlock_irqrestore(&port->attr_lock, flags);
	return 0;
}

static void softib_get_dev_fw_str(struct ib_device *ibdev, char *str)
{
	snprintf(str, IB_FW_VERSION_NAME_MAX, "1.0.0");
}

static const struct ib_device_ops softib_dev_ops = {
	.owner = THIS_MODULE,
	.driver_id = RDMA_DRIVER_UNKNOWN,

	.alloc_pd = softib_alloc_pd,
	.attach_mcast = softib_attach_mcast,
	.create_ah = softib_create_ah,
	.create_cq = softib_create_cq,
	.create_qp = softib_create_qp,
	.create_srq = softib_create_srq,
	.dealloc_pd = softib_dealloc_pd,
	.dereg_mr = softib_dereg_mr,
	.destroy_ah = softib_destroy_ah,
	.destroy_cq = softib_destroy_cq,
	.destroy_qp = softib_destroy_qp,
	.destroy_srq = softib_destroy_srq,
	.detach_mcast = softib_detach_mcast,
	.get_dev_fw_str = softib_get_dev_fw_str,
	.get_dma_mr = softib_get_dma_mr,
	.get_port_immutable = softib_get_port_immutable,
	.modify_port = softib_modify_port,
	.modify_qp = softib_modify_qp,
	.modify_srq = softib_modify_srq,
	.poll_cq = softib_poll_cq,
	.post_recv = softib_post_recv,
	.post_send = softib_post_send,
	.post_srq_recv = softib_post_srq_recv,
	.query_ah = softib_query_ah,
	.query_device = softib_query_device,
	.query_gid = softib_query_gid,
	.query_pkey = softib_query_pkey,
	.query_port = softib_query_port,
	.query_qp = softib_query_qp,
	.query_srq = softib_query_srq,
	.reg_user_mr = compat_softib_reg_user_mr,
	.req_notify_cq = softib_req_notify_cq,

	INIT_RDMA_OBJ_SIZE(ib_ah, softib_ah, ibah),
	INIT_RDMA_OBJ_SIZE(ib_cq, softib_cq, ibcq),
	INIT_RDMA_OBJ_SIZE(ib_pd, softib_pd, ibpd),
	INIT_RDMA_OBJ_SIZE(ib_qp, softib_qp, ibqp),
	INIT_RDMA_OBJ_SIZE(ib_srq, softib_srq, ibsrq),
};

static void softib_dev_stop_ports(struct softib_dev *sdev)
{
	u32 i;

	for (i = 0; i < sdev->num_ports; i++)
		softib_port_stop(sdev->ports[i]);
}

static void softib_dev_put_ports(struct softib_dev *sdev)
{
	u32 i;

	for (i = 0; i < sdev->num_ports; i++)
		softib_port_put(sdev->ports[i]);
}

/**
 * softib_dev_create - create and register ib_device "softib@id"
 * @id: device number
 * @num_ports: 1..SOFTIB_MAX_PORTS ports, all put into subnet 0
 * @parent: device the ib_device (and so ipoib's netdevs) hangs under
 *
 * Sleeps; must not be called with softib_cfg_lock held (registration
 * creates the GSI QPs).
 *
 * Return: the device or an ERR_PTR().
 */
struct softib_dev *softib_dev_create(u32 id, u32 num_ports,
				     struct device *parent)
{
	char name[IB_DEVICE_NAME_MAX];
	struct softib_dev *sdev;
	u32 i;
	int ret;

	if (num_ports < 1 || num_ports > SOFTIB_MAX_PORTS)
		return ERR_PTR(-EINVAL);

	sdev = ib_alloc_device(softib_dev, ibdev);
	if (!sdev)
		return ERR_PTR(-ENOMEM);
	sdev->id = id;
	sdev->node_guid = SOFTIB_GUID_BASE | ((u64)id << 8);
	xa_init_flags(&sdev->qps, XA_FLAGS_ALLOC);

	sdev->num_ports = num_ports;
	for (i = 0; i < num_ports; i++) {
		sdev->ports[i] = softib_port_create(sdev, i + 1);
		if (!sdev->ports[i]) {
			ret = -ENOMEM;
			goto put_ports;
		}
	}

	mutex_lock(&softib_cfg_lock);
	for (i = 0; i < num_ports; i++) {
		ret = softib_fabric_attach(sdev->ports[i], 0);
		if (ret)
			break;
	}
	mutex_unlock(&softib_cfg_lock);
	if (ret)
		goto stop_ports;

	sdev->ibdev.node_type = RDMA_NODE_IB_CA;
	sdev->ibdev.phys_port_cnt = num_ports;
	sdev->ibdev.num_comp_vectors = 1;
	sdev->ibdev.node_guid = cpu_to_be64(sdev->node_guid);
	sdev->ibdev.local_dma_lkey = 0;
	sdev->ibdev.dev.parent = parent;
	snprintf(sdev->ibdev.node_desc, sizeof(sdev->ibdev.node_desc),
		 "softib%u", id);
	ib_set_device_ops(&sdev->ibdev, &softib_dev_ops);

	snprintf(name, sizeof(name), "softib%u", id);
	ret = ib_register_device(&sdev->ibdev, name, NULL);
	if (ret)
		goto stop_ports;
	return sdev;

stop_ports:
	/* Detaches the attached ports; the others have no subnet yet. */
	softib_dev_stop_ports(sdev);
put_ports:
	softib_dev_put_ports(sdev);
	xa_destroy(&sdev->qps);
	ib_dealloc_device(&sdev->ibdev);
	return ERR_PTR(ret);
}

/**
 * softib_dev_destroy - unregister and free a device
 * @sdev: device from softib_dev_create()
 *
 * Sleeps; not with softib_cfg_lock held.  The ports' sysfs directories
 * must be gone already.  Unregistering destroys every QP, so in-flight
 * sends are completed or flushed before the ports stop.
 */
void softib_dev_destroy(struct softib_dev *sdev)
{
	ib_unregister_device(&sdev->ibdev);
	softib_dev_stop_ports(sdev);
	softib_dev_put_ports(sdev);
	xa_destroy(&sdev->qps);
	ib_dealloc_device(&sdev->ibdev);
}
