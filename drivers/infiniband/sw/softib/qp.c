// SPDX-License-Identifier: GPL-2.0
/*
 * softib queue pairs: UD, GSI and the verbs side of RC (rc.c holds the
 * RC transport).
 *
 * A posted send is copied into a softib_pkt that stays on qp->sq until the
 * port's transmit engine completes it (or an ERR transition flushes it);
 * every send thus gets exactly one completion.  Receive WQEs sit in a ring
 * and are consumed by softib_qp_receive() from the transmit engine: a
 * port's worker, or post_send() of an unshaped port (fabric.c).
 *
 * QP types are handled in the switch statements of softib_create_qp(),
 * softib_qp_fill_pkt() and softib_qp_accept(); RC QPs branch off to rc.c
 * in modify, query, post_send and receive.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <rdma/ib_mad.h>

#include "softib.h"

#define SOFTIB_GRH_BYTES	sizeof(struct ib_grh)
#define SOFTIB_IB_NEXT_HDR	0x1b	/* IBA 8.3.1: BTH follows the GRH */

static struct softib_rwqe *softib_rq_slot(struct softib_qp *qp, u32 i)
{
	return (struct softib_rwqe *)(qp->rq + (size_t)i * qp->rwqe_size);
}

/**
 * softib_qp_lock - take both locks of a QP, as state changes need
 * @qp: QP
 * @flags: saved IRQ flags
 */
void softib_qp_lock(struct softib_qp *qp, unsigned long *flags)
	__acquires(&qp->sq_lock) __acquires(&qp->rq_lock)
{
	spin_lock_irqsave(&qp->sq_lock, *flags);
	spin_lock(&qp->rq_lock);
}

/**
 * softib_qp_unlock - drop the locks taken by softib_qp_lock()
 * @qp: QP
 * @flags: IRQ flags from softib_qp_lock()
 */
void softib_qp_unlock(struct softib_qp *qp, unsigned long flags)
	__releases(&qp->rq_lock) __releases(&qp->sq_lock)
{
	spin_unlock(&qp->rq_lock);
	spin_unlock_irqrestore(&qp->sq_lock, flags);
}

static struct softib_cq *softib_send_cq(struct softib_qp *qp)
{
	return to_scq(qp->ibqp.send_cq);
}

static struct softib_cq *softib_recv_cq(struct softib_qp *qp)
{
	return to_scq(qp->ibqp.recv_cq);
}

/* Take a send off qp->sq; an RC packet the fabric does not hold dies. */
static void softib_sq_unlink(struct softib_qp *qp, struct softib_pkt *pkt)
{
	lockdep_assert_held(&qp->sq_lock);

	list_del(&pkt->sq_node);
	RCU_INIT_POINTER(pkt->qp, NULL);
	qp->sq_len--;
	if (pkt->rc && pkt->resend)
		qp->rc.pending--;
	if (pkt->rc && !pkt->in_fabric)
		softib_rc_pkt_free(pkt);
}

/**
 * softib_sq_complete - complete one send on qp->sq and take it off
 * @qp: QP
 * @pkt: the send; an RC packet not lent to the fabric is freed
 * @status: completion status
 * @batch: where to note a due CQ callback, or NULL
 */
void softib_sq_complete(struct softib_qp *qp, struct softib_pkt *pkt,
			enum ib_wc_status status, struct softib_cq_batch *batch)
{
	lockdep_assert_held(&qp->sq_lock);

	if (pkt->signaled || status != IB_WC_SUCCESS) {
		struct ib_wc wc = {
			.wr_id = pkt->wr_id,
			.status = status,
			.opcode = IB_WC_SEND,
			.byte_len = pkt->len,
			.qp = &qp->ibqp,
		};

		softib_cq_push(softib_send_cq(qp), &wc, false, batch);
	}
	softib_sq_unlink(qp, pkt);
}

/**
 * softib_qp_send_done - complete a packet's send work request
 * @pkt: packet leaving the port (or dropped by it)
 * @status: completion status
 *
 * Called by the transmit engine, without the QP's locks.  Does nothing if
 * the send was already flushed; the destroying QP waits for RCU before it
 * goes away.
 */
void softib_qp_send_done(struct softib_pkt *pkt, enum ib_wc_status status)
{
	struct softib_cq_batch batch = {};
	struct softib_qp *qp;
	unsigned long flags;

	rcu_read_lock();
	qp = rcu_dereference(pkt->qp);
	if (qp) {
		spin_lock_irqsave(&qp->sq_lock, flags);
		if (rcu_access_pointer(pkt->qp) == qp)
			softib_sq_complete(qp, pkt, status, &batch);
		spin_unlock_irqrestore(&qp->sq_lock, flags);
		softib_cq_batch_run(&batch);
	}
	rcu_read_unlock();
}

static void softib_sq_flush(struct softib_qp *qp, bool report)
{
	struct softib_pkt *pkt, *tmp;

	lockdep_assert_held(&qp->sq_lock);

	list_for_each_entry_safe(pkt, tmp, &qp->sq, sq_node) {
		if (report)
			softib_sq_complete(qp, pkt, IB_WC_WR_FLUSH_ERR, NULL);
		else
			softib_sq_unlink(qp, pkt);
	}
}

static void softib_rq_flush(struct softib_qp *qp, bool report)
{
	lockdep_assert_held(&qp->rq_lock);

	while (qp->rq_count) {
		struct softib_rwqe *wqe = softib_rq_slot(qp, qp->rq_head);

		if (report) {
			struct ib_wc wc = {
				.wr_id = wqe->wr_id,
				.status = IB_WC_WR_FLUSH_ERR,
				.opcode = IB_WC_RECV,
				.qp = &qp->ibqp,
			};

			softib_cq_push(softib_recv_cq(qp), &wc, false, NULL);
		}
		qp->rq_head = (qp->rq_head + 1) % qp->cap.max_recv_wr;
		qp->rq_count--;
	}
}

static int softib_qp_check_cap(struct ib_qp_cap *cap)
{
	if (cap->max_send_wr > SOFTIB_MAX_QP_WR ||
	    cap->max_recv_wr > SOFTIB_MAX_QP_WR ||
	    cap->max_send_sge > SOFTIB_MAX_SGE ||
	    cap->max_recv_sge > SOFTIB_MAX_SGE)
		return -EINVAL;
	cap->max_send_wr = max(cap->max_send_wr, 1U);
	cap->max_recv_wr = max(cap->max_recv_wr, 1U);
	cap->max_send_sge = max(cap->max_send_sge, 1U);
	cap->max_recv_sge = max(cap->max_recv_sge, 1U);
	cap->max_inline_data = 0;
	cap->max_rdma_ctxs = 0;
	return 0;
}

/* IBA 11.6.3: an SRQ-attached QP in ERR will take no more WQEs. */
static void softib_qp_event_work(struct work_struct *work)
{
	struct softib_qp *qp = container_of(work, struct softib_qp,
					    event_work);
	struct ib_qp *ibqp = &qp->ibqp;
	struct ib_event ev = {
		.device = ibqp->device,
		.element.qp = ibqp,
		.event = IB_EVENT_QP_LAST_WQE_REACHED,
	};

	if (ibqp->event_handler)
		ibqp->event_handler(&ev, ibqp->qp_context);
}

/**
 * softib_qp_enter_err - move a QP to ERR; both its locks are held
 * @qp: QP
 *
 * Flushes both queues, stops the RC timer and, for an SRQ-attached QP,
 * raises LAST_WQE_REACHED from a work item (ipoib's handler posts to this
 * QP and its callers may hold locks of their own).
 */
void softib_qp_enter_err(struct softib_qp *qp)
{
	lockdep_assert_held(&qp->sq_lock);
	lockdep_assert_held(&qp->rq_lock);

	qp->state = IB_QPS_ERR;
	softib_sq_flush(qp, true);
	softib_rq_flush(qp, true);
	if (qp->ibqp.qp_type == IB_QPT_RC)
		timer_delete(&qp->rc_timer);
	if (qp->srq)
		queue_work(softib_wq, &qp->event_work);
}

/**
 * softib_qp_set_err - the transport moves a QP to ERR
 * @qp: QP; nothing happens if it is in RESET or ERR already
 *
 * Any context, without the QP's locks.
 */
void softib_qp_set_err(struct softib_qp *qp)
{
	unsigned long flags;

	softib_qp_lock(qp, &flags);
	if (qp->state != IB_QPS_RESET && qp->state != IB_QPS_ERR) {
		softib_qp_enter_err(qp);
		atomic64_inc(&qp->port->stats.rc_errors);
	}
	softib_qp_unlock(qp, flags);
}

/**
 * softib_create_qp - create a GSI (QPN 1 of its port), UD or RC QP
 * @ibqp: QP allocated by the core
 * @init: type, caps, an SRQ (RC only) and, for GSI, the port
 * @udata: must be NULL
 *
 * Return: 0 or -errno.
 */
int softib_create_qp(struct ib_qp *ibqp, struct ib_qp_init_attr *init,
		     struct ib_udata *udata)
{
	struct softib_dev *sdev = to_sdev(ibqp->device);
	struct softib_qp *qp = to_sqp(ibqp);
	struct softib_port *port = NULL;
	u32 qpn;
	int ret;

	if (udata || init->create_flags)
		return -EOPNOTSUPP;

	switch (init->qp_type) {
	case IB_QPT_GSI:
		port = softib_port(sdev, init->port_num);
		if (!port)
			return -EINVAL;
		break;
	case IB_QPT_UD:
	case IB_QPT_RC:
		break;
	default:
		return -EOPNOTSUPP;
	}
	/* Only RC takes its receives from an SRQ here. */
	if (init->srq && init->qp_type != IB_QPT_RC)
		return -EOPNOTSUPP;

	ret = softib_qp_check_cap(&init->cap);
	if (ret)
		return ret;

	if (init->srq) {
		/* No RQ of its own: rq stays empty, post_recv is refused. */
		init->cap.max_recv_wr = 0;
		init->cap.max_recv_sge = 0;
		qp->srq = to_ssrq(init->srq);
	}
	qp->cap = init->cap;
	qp->sq_sig_type = init->sq_sig_type;
	qp->state = IB_QPS_RESET;
	qp->port = port;
	spin_lock_init(&qp->sq_lock);
	spin_lock_init(&qp->rq_lock);
	INIT_LIST_HEAD(&qp->sq);
	INIT_WORK(&qp->event_work, softib_qp_event_work);
	if (init->qp_type == IB_QPT_RC)
		softib_rc_init(qp);
	qp->rwqe_size = sizeof(struct softib_rwqe) +
			qp->cap.max_recv_sge * sizeof(struct ib_sge);
	qp->rq = kvcalloc(qp->cap.max_recv_wr, qp->rwqe_size, GFP_KERNEL);
	if (!qp->rq)
		return -ENOMEM;

	/* Publish last: receivers find the QP as soon as it is visible. */
	switch (init->qp_type) {
	case IB_QPT_GSI:
		mutex_lock(&softib_cfg_lock);
		if (rcu_access_pointer(port->gsi)) {
			ret = -EBUSY;
		} else {
			ibqp->qp_num = 1;
			rcu_assign_pointer(port->gsi, qp);
		}
		mutex_unlock(&softib_cfg_lock);
		break;
	default:
		ret = xa_alloc_cyclic(&sdev->qps, &qpn, qp,
				      XA_LIMIT(2, IB_MULTICAST_QPN - 1),
				      &sdev->next_qpn, GFP_KERNEL);
		if (ret >= 0) {
			ibqp->qp_num = qpn;
			ret = 0;
		}
		break;
	}
	if (ret)
		goto free_rq;
	return 0;

free_rq:
	kvfree(qp->rq);
	return ret;
}

/**
 * softib_destroy_qp - unpublish a QP and wait until no worker uses it
 * @ibqp: QP
 * @udata: unused
 *
 * Return: 0.
 */
int softib_destroy_qp(struct ib_qp *ibqp, struct ib_udata *udata)
{
	struct softib_dev *sdev = to_sdev(ibqp->device);
	struct softib_qp *qp = to_sqp(ibqp);
	unsigned long flags;

	if (ibqp->qp_type == IB_QPT_GSI) {
		mutex_lock(&softib_cfg_lock);
		RCU_INIT_POINTER(qp->port->gsi, NULL);
		mutex_unlock(&softib_cfg_lock);
	} else {
		xa_erase(&sdev->qps, ibqp->qp_num);
	}
	softib_mcast_detach_qp(qp);

	/* Per IBA a destroyed QP's WRs vanish without completions. */
	softib_qp_lock(qp, &flags);
	qp->state = IB_QPS_RESET;
	softib_sq_flush(qp, false);
	softib_rq_flush(qp, false);
	softib_qp_unlock(qp, flags);
	if (ibqp->qp_type == IB_QPT_RC)
		softib_rc_stop(qp);
	cancel_work_sync(&qp->event_work);

	/*
	 * Transmit workers may still hold the QP through RCU lookups.
	 * Expedited: ipoib destroys connected-mode QPs from work items that
	 * race its own teardown (ipoib_ndo_uninit() destroys the CQs before
	 * it flushes the work queue that reaps them), and a normal grace
	 * period under QEMU TCG lasts long enough to lose that race.
	 */
	synchronize_rcu_expedited();
	kvfree(qp->rq);
	return 0;
}

/**
 * softib_modify_qp - change QP attributes and state
 * @ibqp: QP
 * @attr: new attributes
 * @mask: IB_QP_* bits valid in @attr
 * @udata: must be NULL
 *
 * Return: 0, -EINVAL for an invalid transition or attribute.
 */
int softib_modify_qp(struct ib_qp *ibqp, struct ib_qp_attr *attr, int mask,
		     struct ib_udata *udata)
{
	struct softib_dev *sdev = to_sdev(ibqp->device);
	struct softib_qp *qp = to_sqp(ibqp);
	enum ib_qp_state cur, next;
	struct softib_port *port = NULL;
	unsigned long flags;
	int ret = 0;

	if (udata)
		return -EOPNOTSUPP;
	if (mask & IB_QP_PORT) {
		port = softib_port(sdev, attr->port_num);
		if (!port)
			return -EINVAL;
	}
	if ((mask & IB_QP_PKEY_INDEX) &&
	    attr->pkey_index >= SOFTIB_PKEY_TBL_LEN)
		return -EINVAL;

	softib_qp_lock(qp, &flags);
	cur = (mask & IB_QP_CUR_STATE) ? attr->cur_qp_state : qp->state;
	next = (mask & IB_QP_STATE) ? attr->qp_state : cur;
	if (!ib_modify_qp_is_ok(cur, next, ibqp->qp_type, mask)) {
		ret = -EINVAL;
		goto unlock;
	}
	if (next != IB_QPS_RESET && next != IB_QPS_ERR && !qp->port &&
	    !port) {
		ret = -EINVAL;
		goto unlock;
	}

	/* Validates everything before it changes anything. */
	if (ibqp->qp_type == IB_QPT_RC) {
		ret = softib_rc_modify(qp, attr, mask);
		if (ret)
			goto unlock;
	}

	/* A GSI QP's port is fixed at creation. */
	if (port && ibqp->qp_type != IB_QPT_GSI)
		WRITE_ONCE(qp->port, port);
	if (mask & IB_QP_PKEY_INDEX)
		qp->pkey_index = attr->pkey_index;
	if (mask & IB_QP_QKEY)
		qp->qkey = attr->qkey;
	if (mask & IB_QP_SQ_PSN)
		qp->sq_psn = attr->sq_psn & 0xffffff;

	if (next != qp->state) {
		if (next == IB_QPS_ERR) {
			softib_qp_enter_err(qp);
		} else if (next == IB_QPS_RESET) {
			qp->state = next;
			softib_sq_flush(qp, false);
			softib_rq_flush(qp, false);
			if (ibqp->qp_type == IB_QPT_RC)
				softib_rc_reset(qp);
		} else {
			qp->state = next;
		}
	}
unlock:
	softib_qp_unlock(qp, flags);
	return ret;
}

/**
 * softib_query_qp - report QP attributes
 * @ibqp: QP
 * @attr: filled
 * @mask: ignored, everything is filled
 * @init: filled
 *
 * Return: 0.
 */
int softib_query_qp(struct ib_qp *ibqp, struct ib_qp_attr *attr, int mask,
		    struct ib_qp_init_attr *init)
{
	struct softib_qp *qp = to_sqp(ibqp);
	unsigned long flags;

	memset(attr, 0, sizeof(*attr));
	memset(init, 0, sizeof(*init));

	softib_qp_lock(qp, &flags);
	attr->qp_state = qp->state;
	attr->cur_qp_state = qp->state;
	attr->qkey = qp->qkey;
	attr->pkey_index = qp->pkey_index;
	attr->port_num = qp->port ? qp->port->num : 0;
	attr->sq_psn = qp->sq_psn;
	attr->path_mtu = SOFTIB_MTU;
	if (ibqp->qp_type == IB_QPT_RC)
		softib_rc_query(qp, attr);
	softib_qp_unlock(qp, flags);

	attr->cap = qp->cap;
	init->qp_type = ibqp->qp_type;
	init->send_cq = ibqp->send_cq;
	init->recv_cq = ibqp->recv_cq;
	init->cap = qp->cap;
	init->sq_sig_type = qp->sq_sig_type;
	init->srq = ibqp->srq;
	init->port_num = attr->port_num;
	return 0;
}

static void softib_pkt_build_grh(struct softib_pkt *pkt,
				 struct softib_port *port,
				 const struct ib_global_route *grh)
{
	pkt->has_grh = true;
	pkt->grh.version_tclass_flow =
		cpu_to_be32((6U << 28) | ((u32)grh->traffic_class << 20) |
			    (grh->flow_label & 0xfffff));
	/* BTH + DETH + payload + ICRC */
	pkt->grh.paylen = cpu_to_be16(12 + 8 + pkt->len + 4);
	pkt->grh.next_hdr = SOFTIB_IB_NEXT_HDR;
	pkt->grh.hop_limit = grh->hop_limit;
	softib_port_gid(port, &pkt->grh.sgid);
	pkt->grh.dgid = grh->dgid;
}

/* Fill a packet's headers from a UD/GSI work request. */
static int softib_qp_fill_pkt(struct softib_qp *qp, struct softib_pkt *pkt,
			      const struct ib_send_wr *wr)
{
	const struct ib_ud_wr *ud = ud_wr(wr);
	struct softib_port *port = qp->port;
	struct rdma_ah_attr *ah;
	u16 pkey_index;

	lockdep_assert_held(&qp->sq_lock);

	if (!ud->ah)
		return -EINVAL;
	ah = &to_sah(ud->ah)->attr;

	switch (qp->ibqp.qp_type) {
	case IB_QPT_GSI:
		pkey_index = ud->pkey_index;
		break;
	default:
		pkey_index = qp->pkey_index;
		break;
	}
	if (pkey_index >= SOFTIB_PKEY_TBL_LEN)
		return -EINVAL;

	pkt->slid = READ_ONCE(port->lid) | rdma_ah_get_path_bits(ah);
	pkt->dlid = rdma_ah_get_dlid(ah);
	pkt->sl = rdma_ah_get_sl(ah);
	pkt->pkey = READ_ONCE(port->pkeys[pkey_index]);
	pkt->sqpn = qp->ibqp.qp_num;
	pkt->dqpn = ud->remote_qpn;
	/* IBA 10.2.5: a Q_Key with the high bit set means "use my own". */
	pkt->qkey = (ud->remote_qkey & 0x80000000) ? qp->qkey :
						     ud->remote_qkey;
	if (rdma_ah_get_ah_flags(ah) & IB_AH_GRH)
		softib_pkt_build_grh(pkt, port, rdma_ah_read_grh(ah));
	return 0;
}

static int softib_post_one_send(struct softib_qp *qp,
				const struct ib_send_wr *wr,
				struct softib_xmit_batch *xb)
{
	struct softib_port *port = qp->port;
	struct softib_pkt *pkt;
	u32 len = 0, off = 0;
	int i, ret;

	lockdep_assert_held(&qp->sq_lock);

	if (wr->opcode != IB_WR_SEND && wr->opcode != IB_WR_SEND_WITH_IMM)
		return -EINVAL;
	if (wr->num_sge > qp->cap.max_send_sge)
		return -EINVAL;
	if (qp->sq_len >= qp->cap.max_send_wr)
		return -ENOMEM;
	for (i = 0; i < wr->num_sge; i++)
		len += wr->sg_list[i].length;
	if (len > SOFTIB_MAX_MSG)
		return -EINVAL;

	/* Headers zeroed; the payload is overwritten below. */
	pkt = kmalloc(struct_size(pkt, data, len), GFP_ATOMIC);
	if (!pkt)
		return -ENOMEM;
	memset(pkt, 0, sizeof(*pkt));
	pkt->len = len;
	ret = softib_qp_fill_pkt(qp, pkt, wr);
	if (ret) {
		kfree(pkt);
		return ret;
	}
	/* Virtual DMA: SGE addresses are kernel virtual addresses. */
	for (i = 0; i < wr->num_sge; i++) {
		memcpy(pkt->data + off, (void *)(uintptr_t)wr->sg_list[i].addr,
		       wr->sg_list[i].length);
		off += wr->sg_list[i].length;
	}
	pkt->wr_id = wr->wr_id;
	pkt->signaled = qp->sq_sig_type == IB_SIGNAL_ALL_WR ||
			(wr->send_flags & IB_SEND_SIGNALED);
	pkt->solicited = wr->send_flags & IB_SEND_SOLICITED;
	if (wr->opcode == IB_WR_SEND_WITH_IMM) {
		pkt->has_imm = true;
		pkt->imm = wr->ex.imm_data;
	}

	list_add_tail(&pkt->sq_node, &qp->sq);
	qp->sq_len++;
	rcu_assign_pointer(pkt->qp, qp);
	if (!softib_fabric_xmit(port, pkt, xb)) {
		/* Shaper queue full: the datagram is lost, the send is not. */
		atomic64_inc(&port->stats.tx_dropped);
		softib_sq_complete(qp, pkt, IB_WC_SUCCESS, NULL);
		kfree(pkt);
	}
	return 0;
}

/* A WR posted to a QP in ERR completes at once with a flush error. */
static void softib_flush_send_wr(struct softib_qp *qp,
				 const struct ib_send_wr *wr)
{
	struct ib_wc wc = {
		.wr_id = wr->wr_id,
		.status = IB_WC_WR_FLUSH_ERR,
		.opcode = IB_WC_SEND,
		.qp = &qp->ibqp,
	};

	softib_cq_push(softib_send_cq(qp), &wc, false, NULL);
}

/**
 * softib_post_send - send on the QP's port
 * @ibqp: QP
 * @wr: chain of work requests
 * @bad_wr: first rejected WR on error
 *
 * Any context that may not sleep: ipoib's xmit (BHs off, the netdev's
 * tx lock held), ib_mad (under an irqsave lock), process context.  UD and
 * GSI datagrams on an unshaped idle port are transmitted and delivered
 * before this returns, after sq_lock is dropped: delivery completes the
 * sends (sq_lock), may come back to this very QP (loopback, multicast, a
 * SA reply to QP1) and calls CQ handlers.
 *
 * Return: 0, -EINVAL or -ENOMEM (then @bad_wr is set).
 */
int softib_post_send(struct ib_qp *ibqp, const struct ib_send_wr *wr,
		     const struct ib_send_wr **bad_wr)
{
	struct softib_xmit_batch xb = { .pkts = LIST_HEAD_INIT(xb.pkts) };
	struct softib_qp *qp = to_sqp(ibqp);
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&qp->sq_lock, flags);
	for (; wr; wr = wr->next) {
		if (qp->state == IB_QPS_ERR) {
			softib_flush_send_wr(qp, wr);
			continue;
		}
		if (qp->state != IB_QPS_RTS)
			ret = -EINVAL;
		else if (ibqp->qp_type == IB_QPT_RC)
			ret = softib_rc_post_send(qp, wr);
		else
			ret = softib_post_one_send(qp, wr, &xb);
		if (ret) {
			*bad_wr = wr;
			break;
		}
	}
	spin_unlock_irqrestore(&qp->sq_lock, flags);
	softib_fabric_xmit_run(&xb);
	return ret;
}

/**
 * softib_post_recv - add receive WQEs
 * @ibqp: QP
 * @wr: chain of work requests
 * @bad_wr: first rejected WR on error
 *
 * Return: 0, -EINVAL or -ENOMEM (then @bad_wr is set).
 */
int softib_post_recv(struct ib_qp *ibqp, const struct ib_recv_wr *wr,
		     const struct ib_recv_wr **bad_wr)
{
	struct softib_qp *qp = to_sqp(ibqp);
	unsigned long flags;
	int ret = 0;

	if (qp->srq) {
		*bad_wr = wr;
		return -EINVAL;
	}
	spin_lock_irqsave(&qp->rq_lock, flags);
	for (; wr; wr = wr->next) {
		struct softib_rwqe *wqe;

		if (qp->state == IB_QPS_ERR) {
			struct ib_wc wc = {
				.wr_id = wr->wr_id,
				.status = IB_WC_WR_FLUSH_ERR,
				.opcode = IB_WC_RECV,
				.qp = &qp->ibqp,
			};

			softib_cq_push(softib_recv_cq(qp), &wc, false, NULL);
			continue;
		}
		if (qp->state == IB_QPS_RESET ||
		    wr->num_sge > qp->cap.max_recv_sge)
			ret = -EINVAL;
		else if (qp->rq_count == qp->cap.max_recv_wr)
			ret = -ENOMEM;
		if (ret) {
			*bad_wr = wr;
			break;
		}
		wqe = softib_rq_slot(qp, (qp->rq_head + qp->rq_count) %
					 qp->cap.max_recv_wr);
		wqe->wr_id = wr->wr_id;
		wqe->num_sge = wr->num_sge;
		memcpy(wqe->sge, wr->sg_list, wr->num_sge * sizeof(*wqe->sge));
		qp->rq_count++;
	}
	spin_unlock_irqrestore(&qp->rq_lock, flags);
	return ret;
}

/*
 * Q_Key and P_Key checks of IBA 10.9 for an incoming datagram.  Returns
 * the P_Key index to report or -1 to drop.
 */
static int softib_qp_accept(struct softib_qp *qp, struct softib_port *port,
			    const struct softib_pkt *pkt)
{
	int idx;

	lockdep_assert_held(&qp->rq_lock);

	switch (qp->ibqp.qp_type) {
	case IB_QPT_GSI:
		if (pkt->qkey != IB_QP1_QKEY)
			goto bad_qkey;
		/* QP1 accepts any P_Key of the port's table. */
		idx = softib_port_find_pkey(port, pkt->pkey);
		break;
	default:
		if (pkt->qkey != qp->qkey)
			goto bad_qkey;
		idx = qp->pkey_index;
		if (!softib_pkey_match(READ_ONCE(port->pkeys[idx]), pkt->pkey))
			idx = -1;
		break;
	}
	if (idx < 0)
		WRITE_ONCE(port->bad_pkey, READ_ONCE(port->bad_pkey) + 1);
	return idx;

bad_qkey:
	WRITE_ONCE(port->qkey_viol, READ_ONCE(port->qkey_viol) + 1);
	return -1;
}

/* Scatter GRH slot + payload into a receive WQE; false if too small. */
static bool softib_rwqe_copy(struct softib_rwqe *wqe,
			     const struct softib_pkt *pkt)
{
	size_t need = SOFTIB_GRH_BYTES + pkt->len, done = 0, room = 0;
	const u8 *src = pkt->data;
	u32 i;

	for (i = 0; i < wqe->num_sge; i++)
		room += wqe->sge[i].length;
	if (room < need)
		return false;

	for (i = 0; i < wqe->num_sge && done < need; i++) {
		u8 *dst = (u8 *)(uintptr_t)wqe->sge[i].addr;
		size_t n = min_t(size_t, wqe->sge[i].length, need - done);
		size_t skip = 0;

		/* The first 40 bytes are the GRH slot. */
		if (done < SOFTIB_GRH_BYTES) {
			skip = min_t(size_t, n, SOFTIB_GRH_BYTES - done);
			if (pkt->has_grh)
				memcpy(dst, (const u8 *)&pkt->grh + done, skip);
		}
		memcpy(dst + skip, src, n - skip);
		src += n - skip;
		done += n;
	}
	return true;
}

/**
 * softib_qp_receive - deliver a datagram to a UD or GSI QP
 * @qp: destination QP, found under RCU by the caller
 * @port: port the datagram arrived on (qp's port)
 * @pkt: the datagram
 * @batch: collects the receive CQ if its consumer is due a callback
 *
 * Called by the transmit engine (a port's worker, or post_send() inline,
 * with no QP lock held) under rcu_read_lock().
 *
 * Return: true if the datagram consumed a receive WQE (even one completed
 * in error).
 */
bool softib_qp_receive(struct softib_qp *qp, struct softib_port *port,
		       const struct softib_pkt *pkt,
		       struct softib_cq_batch *batch)
{
	struct softib_rwqe *wqe;
	struct ib_wc wc = {};
	unsigned long flags;
	int pkey_index;

	if (qp->ibqp.qp_type == IB_QPT_RC)
		return false;
	spin_lock_irqsave(&qp->rq_lock, flags);
	if ((qp->state != IB_QPS_RTR && qp->state != IB_QPS_RTS) ||
	    qp->port != port || !qp->rq_count)
		goto drop;
	pkey_index = softib_qp_accept(qp, port, pkt);
	if (pkey_index < 0)
		goto drop;

	wqe = softib_rq_slot(qp, qp->rq_head);
	qp->rq_head = (qp->rq_head + 1) % qp->cap.max_recv_wr;
	qp->rq_count--;

	wc.wr_id = wqe->wr_id;
	wc.status = softib_rwqe_copy(wqe, pkt) ? IB_WC_SUCCESS :
						  IB_WC_LOC_LEN_ERR;
	wc.opcode = IB_WC_RECV;
	wc.byte_len = SOFTIB_GRH_BYTES + pkt->len;
	wc.qp = &qp->ibqp;
	wc.src_qp = pkt->sqpn;
	wc.slid = pkt->slid;
	wc.sl = pkt->sl;
	wc.pkey_index = pkey_index;
	wc.port_num = port->num;
	if (pkt->has_grh)
		wc.wc_flags |= IB_WC_GRH;
	if (pkt->has_imm) {
		wc.wc_flags |= IB_WC_WITH_IMM;
		wc.ex.imm_data = pkt->imm;
	}
	softib_cq_push(softib_recv_cq(qp), &wc, pkt->solicited, batch);
	spin_unlock_irqrestore(&qp->rq_lock, flags);
	return true;

drop:
	spin_unlock_irqrestore(&qp->rq_lock, flags);
	return false;
}

/**
 * softib_recv_pop - take the next receive WQE of a QP, from its SRQ or RQ
 * @qp: QP; the caller holds its rq_lock
 * @wqe: filled with a copy of the WQE
 *
 * Return: false if none is posted.
 */
bool softib_recv_pop(struct softib_qp *qp, struct softib_rwqe_copy *wqe)
{
	struct softib_rwqe *slot;

	lockdep_assert_held(&qp->rq_lock);

	if (qp->srq)
		return softib_srq_pop(qp->srq, wqe);
	if (!qp->rq_count)
		return false;
	slot = softib_rq_slot(qp, qp->rq_head);
	wqe->wr_id = slot->wr_id;
	wqe->num_sge = slot->num_sge;
	memcpy(wqe->sge, slot->sge, slot->num_sge * sizeof(*wqe->sge));
	qp->rq_head = (qp->rq_head + 1) % qp->cap.max_recv_wr;
	qp->rq_count--;
	return true;
}
