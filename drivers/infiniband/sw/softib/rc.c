// SPDX-License-Identifier: GPL-2.0
/*
 * softib RC transport: SENDs between two connected RC QPs, acknowledged,
 * in PSN order, with RNR NAKs and go-back-N retransmission.
 *
 * A message is one softib_pkt (not cut into path MTU segments) that takes
 * as many PSNs as its segments would.  It stays on the requester's sq from
 * post_send until it is ACKed (then its send completes) or flushed, and is
 * lent to the port's transmit engine for every (re)transmission
 * (pkt->in_fabric).  Delivery runs the responder synchronously in that
 * engine, which writes its verdict into pkt->fate:
 *
 *   ACK   PSN == expected and a receive WQE was there, or a duplicate
 *   RNR   PSN == expected, no receive WQE (RNR NAK)
 *   SEQ   PSN ahead of the expected one (one NAK per gap)
 *   INV   the receive WQE was too small (invalid request NAK)
 *   LOST  dropped on the way there or back, or discarded by the responder
 *
 * and hands the packet back (softib_rc_returned()).  LOST is noticed only
 * by the requester's ACK timer, as on a wire.  Every message to be (re)sent
 * has pkt->resend set and is transmitted only after its predecessor left
 * (softib_rc_kick()), so the engine's FIFO keeps the PSN order.
 *
 * RDMA READ/WRITE and atomics are refused at post_send (-EOPNOTSUPP);
 * alternate paths (APM) and the SQD state at modify_qp.
 */
#include <linux/random.h>
#include <linux/slab.h>

#include "softib.h"

#define SOFTIB_PSN_MASK		0xffffff

static u32 softib_psn_add(u32 psn, u32 n)
{
	return (psn + n) & SOFTIB_PSN_MASK;
}

/* <0, 0, >0 as @a is before, at or after @b in 24-bit PSN space. */
static int softib_psn_cmp(u32 a, u32 b)
{
	return (s32)((a - b) << 8);
}

/* IBA table 45: RNR NAK timer field to microseconds. */
static const u32 softib_rnr_us[32] = {
	655360, 10, 20, 30, 40, 60, 80, 120, 160, 240, 320, 480, 640, 960,
	1280, 1920, 2560, 3840, 5120, 7680, 10240, 15360, 20480, 30720, 40960,
	61440, 81920, 122880, 163840, 245760, 327680, 491520,
};

/* 4.096 us * 2^timeout, at least one jiffy. */
static unsigned long softib_rc_ack_jiffies(u8 timeout)
{
	return max(nsecs_to_jiffies(4096ULL << timeout), 1UL);
}

/**
 * softib_rc_pkt_free - free an RC message
 * @pkt: message nobody holds any more
 */
void softib_rc_pkt_free(struct softib_pkt *pkt)
{
	kfree(pkt->buf);
	kfree(pkt);
}

static void softib_rc_arm(struct softib_qp *qp)
{
	lockdep_assert_held(&qp->sq_lock);

	if (qp->rc.timeout && !qp->rc.rnr_wait)
		mod_timer(&qp->rc_timer,
			  jiffies + softib_rc_ack_jiffies(qp->rc.timeout));
}

/*
 * Lend a message to the fabric for one transmission.  Always through the
 * port's worker, never inline as UD sends go: the next transmission of a
 * QP is decided under its sq_lock not only by post_send() but also by
 * softib_rc_returned() (the verdict on the message before) and the RC
 * timer, so an inline RC path would have to hand each verdict back in a
 * loop rather than by recursion, and the responder's ACK path would run in
 * timer and ipoib_cm contexts it has not been tested in.  ARP, PathRecord
 * and CM MADs, which decide failover times, are UD and GSI and go inline.
 */
static void softib_rc_xmit(struct softib_qp *qp, struct softib_pkt *pkt)
{
	struct softib_port *port = qp->port;

	lockdep_assert_held(&qp->sq_lock);

	if (pkt->resend) {
		pkt->resend = false;
		qp->rc.pending--;
	}
	if (pkt->sent)
		atomic64_inc(&port->stats.rc_retransmits);
	pkt->sent = true;
	pkt->in_fabric = true;
	if (!softib_fabric_xmit(port, pkt, NULL)) {
		/* Shaper queue full: like a loss, the ACK timer resends it. */
		pkt->in_fabric = false;
		atomic64_inc(&port->stats.tx_dropped);
	}
}

/*
 * Transmit the messages due to be (re)sent, in order, up to the first one
 * still in the fabric: that one continues the walk when it comes back.
 */
static void softib_rc_kick(struct softib_qp *qp)
{
	struct softib_pkt *pkt;

	lockdep_assert_held(&qp->sq_lock);

	if (!qp->rc.pending || qp->rc.rnr_wait || qp->state != IB_QPS_RTS)
		return;
	list_for_each_entry(pkt, &qp->sq, sq_node) {
		if (!pkt->resend)
			continue;
		if (pkt->in_fabric)
			break;
		softib_rc_xmit(qp, pkt);
		if (!qp->rc.pending)
			break;
	}
}

/* Go back N: every unacknowledged message is sent again, in order. */
static void softib_rc_rewind(struct softib_qp *qp)
{
	struct softib_pkt *pkt;

	lockdep_assert_held(&qp->sq_lock);

	list_for_each_entry(pkt, &qp->sq, sq_node) {
		if (!pkt->resend) {
			pkt->resend = true;
			qp->rc.pending++;
		}
	}
	softib_rc_kick(qp);
	softib_rc_arm(qp);
}

/* A NAK acknowledges every message before the one it names. */
static void softib_rc_ack_before(struct softib_qp *qp, struct softib_pkt *pkt,
				 struct softib_cq_batch *batch)
{
	struct softib_pkt *p, *tmp;

	list_for_each_entry_safe(p, tmp, &qp->sq, sq_node) {
		if (p == pkt)
			break;
		softib_sq_complete(qp, p, IB_WC_SUCCESS, batch);
	}
}

/* The oldest send fails with @status; the QP goes to ERR (IBA 9.9.3). */
static void softib_rc_fail(struct softib_qp *qp, struct softib_pkt *pkt,
			   enum ib_wc_status status,
			   struct softib_cq_batch *batch)
{
	lockdep_assert_held(&qp->sq_lock);

	softib_sq_complete(qp, pkt, status, batch);
	spin_lock(&qp->rq_lock);
	softib_qp_enter_err(qp);
	spin_unlock(&qp->rq_lock);
	atomic64_inc(&qp->port->stats.rc_errors);
}

/* Act on the responder's verdict on @pkt, which is back from the fabric. */
static void softib_rc_verdict(struct softib_qp *qp, struct softib_pkt *pkt,
			      struct softib_cq_batch *batch)
{
	struct softib_pkt *p, *tmp;

	lockdep_assert_held(&qp->sq_lock);

	switch (pkt->fate) {
	case SOFTIB_RC_ACK:
		/* ACKs are cumulative. */
		list_for_each_entry_safe(p, tmp, &qp->sq, sq_node) {
			bool last = p == pkt;

			softib_sq_complete(qp, p, IB_WC_SUCCESS, batch);
			if (last)
				break;
		}
		qp->rc.retry_left = qp->rc.retry_cnt;
		qp->rc.rnr_left = qp->rc.rnr_retry;
		if (list_empty(&qp->sq))
			timer_delete(&qp->rc_timer);
		else
			softib_rc_arm(qp);
		break;
	case SOFTIB_RC_RNR:
		atomic64_inc(&qp->port->stats.rc_rnr_naks);
		softib_rc_ack_before(qp, pkt, batch);
		if (qp->rc.rnr_retry != 7) {
			if (!qp->rc.rnr_left) {
				softib_rc_fail(qp, pkt, IB_WC_RNR_RETRY_EXC_ERR,
					       batch);
				return;
			}
			qp->rc.rnr_left--;
		}
		qp->rc.rnr_wait = true;
		mod_timer(&qp->rc_timer, jiffies +
			  usecs_to_jiffies(softib_rnr_us[pkt->min_rnr_timer]));
		break;
	case SOFTIB_RC_SEQ:
		atomic64_inc(&qp->port->stats.rc_seq_naks);
		softib_rc_rewind(qp);
		break;
	case SOFTIB_RC_INV:
		softib_rc_ack_before(qp, pkt, batch);
		softib_rc_fail(qp, pkt, IB_WC_REM_INV_REQ_ERR, batch);
		return;
	case SOFTIB_RC_LOST:
		/* The ACK timer finds out. */
		break;
	}
	softib_rc_kick(qp);
}

/**
 * softib_rc_returned - the fabric is done with one transmission of @pkt
 * @pkt: RC message with its verdict in pkt->fate
 *
 * Called by the transmit engine without locks.  A message completed or
 * flushed meanwhile (its QP let go of it) is freed here.
 */
void softib_rc_returned(struct softib_pkt *pkt)
{
	struct softib_cq_batch batch = {};
	struct softib_qp *qp;
	unsigned long flags;

	rcu_read_lock();
	qp = rcu_dereference(pkt->qp);
	if (qp) {
		spin_lock_irqsave(&qp->sq_lock, flags);
		if (rcu_access_pointer(pkt->qp) == qp) {
			pkt->in_fabric = false;
			if (qp->state == IB_QPS_RTS)
				softib_rc_verdict(qp, pkt, &batch);
			/* @pkt may be freed now */
			pkt = NULL;
		}
		spin_unlock_irqrestore(&qp->sq_lock, flags);
		softib_cq_batch_run(&batch);
	}
	rcu_read_unlock();
	if (pkt)
		softib_rc_pkt_free(pkt);
}

/* ACK timeout, or the end of an RNR wait. */
static void softib_rc_timer(struct timer_list *t)
{
	struct softib_qp *qp = container_of(t, struct softib_qp, rc_timer);
	struct softib_pkt *head;
	unsigned long flags;

	spin_lock_irqsave(&qp->sq_lock, flags);
	if (qp->state != IB_QPS_RTS || list_empty(&qp->sq))
		goto unlock;
	if (qp->rc.rnr_wait) {
		qp->rc.rnr_wait = false;
		softib_rc_rewind(qp);
		goto unlock;
	}
	head = list_first_entry(&qp->sq, struct softib_pkt, sq_node);
	if (head->in_fabric) {
		/* Still queued behind the shaper or delayed: not lost. */
		softib_rc_arm(qp);
		goto unlock;
	}
	atomic64_inc(&qp->port->stats.rc_timeouts);
	if (!qp->rc.retry_left) {
		softib_rc_fail(qp, head, IB_WC_RETRY_EXC_ERR, NULL);
		goto unlock;
	}
	qp->rc.retry_left--;
	softib_rc_rewind(qp);
unlock:
	spin_unlock_irqrestore(&qp->sq_lock, flags);
}

/**
 * softib_rc_post_send - queue one SEND on an RC QP in RTS
 * @qp: QP; its sq_lock is held
 * @wr: work request
 *
 * Return: 0, -EOPNOTSUPP for RDMA and atomic opcodes, -EINVAL or -ENOMEM.
 */
int softib_rc_post_send(struct softib_qp *qp, const struct ib_send_wr *wr)
{
	struct softib_port *port = qp->port;
	struct softib_pkt *pkt, *prev;
	u32 len = 0, off = 0;
	bool waiting;
	int i;

	lockdep_assert_held(&qp->sq_lock);

	if (wr->opcode != IB_WR_SEND && wr->opcode != IB_WR_SEND_WITH_IMM)
		return -EOPNOTSUPP;
	if (wr->num_sge > qp->cap.max_send_sge)
		return -EINVAL;
	if (qp->sq_len >= qp->cap.max_send_wr)
		return -ENOMEM;
	for (i = 0; i < wr->num_sge; i++)
		len += wr->sg_list[i].length;
	if (len > SOFTIB_RC_MAX_MSG)
		return -EINVAL;

	pkt = kzalloc(sizeof(*pkt), GFP_ATOMIC);
	if (!pkt)
		return -ENOMEM;
	/* Separate so that 64 KiB messages stay order-4 allocations. */
	pkt->buf = kmalloc(max(len, 1U), GFP_ATOMIC | __GFP_NOWARN);
	if (!pkt->buf) {
		kfree(pkt);
		return -ENOMEM;
	}
	/* Virtual DMA: SGE addresses are kernel virtual addresses. */
	for (i = 0; i < wr->num_sge; i++) {
		memcpy(pkt->buf + off, (void *)(uintptr_t)wr->sg_list[i].addr,
		       wr->sg_list[i].length);
		off += wr->sg_list[i].length;
	}
	pkt->len = len;
	pkt->rc = true;
	pkt->wr_id = wr->wr_id;
	pkt->signaled = qp->sq_sig_type == IB_SIGNAL_ALL_WR ||
			(wr->send_flags & IB_SEND_SIGNALED);
	pkt->solicited = wr->send_flags & IB_SEND_SOLICITED;
	if (wr->opcode == IB_WR_SEND_WITH_IMM) {
		pkt->has_imm = true;
		pkt->imm = wr->ex.imm_data;
	}
	pkt->slid = READ_ONCE(port->lid) | qp->rc.path_bits;
	pkt->dlid = qp->rc.dlid;
	pkt->sl = qp->rc.sl;
	pkt->pkey = READ_ONCE(port->pkeys[qp->pkey_index]);
	pkt->sqpn = qp->ibqp.qp_num;
	pkt->dqpn = qp->rc.dest_qpn;
	pkt->psn = qp->sq_psn;
	pkt->npsn = max(DIV_ROUND_UP(len, qp->rc.mtu), 1U);
	qp->sq_psn = softib_psn_add(qp->sq_psn, pkt->npsn);

	if (list_empty(&qp->sq) || !timer_pending(&qp->rc_timer))
		softib_rc_arm(qp);
	/*
	 * The messages waiting to be resent are always a tail of the sq
	 * (a rewind marks them all, kicks clear them from the front): join
	 * that tail if there is one, else go now.
	 */
	prev = list_last_entry(&qp->sq, struct softib_pkt, sq_node);
	waiting = !list_empty(&qp->sq) && prev->resend;
	list_add_tail(&pkt->sq_node, &qp->sq);
	qp->sq_len++;
	rcu_assign_pointer(pkt->qp, qp);
	if (waiting || qp->rc.rnr_wait) {
		pkt->resend = true;
		qp->rc.pending++;
	} else {
		softib_rc_xmit(qp, pkt);
	}
	return 0;
}

/* Scatter a message into a receive WQE; false if it does not fit. */
static bool softib_rc_copy(const struct softib_rwqe_copy *wqe,
			   const struct softib_pkt *pkt)
{
	u32 i, done = 0, room = 0;

	for (i = 0; i < wqe->num_sge; i++)
		room += wqe->sge[i].length;
	if (room < pkt->len)
		return false;
	for (i = 0; i < wqe->num_sge && done < pkt->len; i++) {
		u32 n = min(wqe->sge[i].length, pkt->len - done);

		memcpy((void *)(uintptr_t)wqe->sge[i].addr, pkt->buf + done, n);
		done += n;
	}
	return true;
}

/**
 * softib_rc_receive - the responder side of one RC message
 * @qp: destination QP, found under RCU by the caller
 * @port: port the message arrived on
 * @pkt: the message
 * @batch: collects the receive CQ if its consumer is due a callback
 *
 * Called from a transmit worker under rcu_read_lock().  A message for a
 * QP that is not ready, or not from its peer, is discarded silently, as
 * IBA wants: the requester times out.
 *
 * Return: the verdict for the requester.
 */
enum softib_rc_fate softib_rc_receive(struct softib_qp *qp,
				      struct softib_port *port,
				      struct softib_pkt *pkt,
				      struct softib_cq_batch *batch)
{
	enum softib_rc_fate fate = SOFTIB_RC_LOST;
	struct softib_rwqe_copy wqe;
	struct ib_wc wc = {};
	unsigned long flags;
	u32 rnr;
	int d;

	spin_lock_irqsave(&qp->rq_lock, flags);
	if ((qp->state != IB_QPS_RTR && qp->state != IB_QPS_RTS) ||
	    qp->port != port || pkt->sqpn != qp->rc.dest_qpn ||
	    !softib_pkey_match(READ_ONCE(port->pkeys[qp->pkey_index]),
			       pkt->pkey))
		goto unlock;

	d = softib_psn_cmp(pkt->psn, qp->rc.rq_psn);
	if (d < 0) {
		/* A duplicate: its ACK got lost; ACK again, deliver nothing. */
		fate = SOFTIB_RC_ACK;
		goto unlock;
	}
	if (d > 0) {
		if (!qp->rc.nak_sent) {
			qp->rc.nak_sent = true;
			fate = SOFTIB_RC_SEQ;
		}
		goto unlock;
	}
	rnr = READ_ONCE(port->rnr_ppm);
	if ((rnr && get_random_u32_below(1000000) < rnr) ||
	    !softib_recv_pop(qp, &wqe)) {
		pkt->min_rnr_timer = qp->rc.min_rnr_timer;
		fate = SOFTIB_RC_RNR;
		goto unlock;
	}
	qp->rc.rq_psn = softib_psn_add(qp->rc.rq_psn, pkt->npsn);
	qp->rc.nak_sent = false;

	wc.wr_id = wqe.wr_id;
	if (softib_rc_copy(&wqe, pkt)) {
		wc.status = IB_WC_SUCCESS;
		fate = SOFTIB_RC_ACK;
	} else {
		wc.status = IB_WC_LOC_LEN_ERR;
		fate = SOFTIB_RC_INV;
	}
	wc.opcode = IB_WC_RECV;
	wc.byte_len = pkt->len;
	wc.qp = &qp->ibqp;
	wc.src_qp = pkt->sqpn;
	wc.slid = pkt->slid;
	wc.sl = pkt->sl;
	wc.pkey_index = qp->pkey_index;
	wc.port_num = port->num;
	if (pkt->has_imm) {
		wc.wc_flags |= IB_WC_WITH_IMM;
		wc.ex.imm_data = pkt->imm;
	}
	softib_cq_push(to_scq(qp->ibqp.recv_cq), &wc, pkt->solicited, batch);
unlock:
	spin_unlock_irqrestore(&qp->rq_lock, flags);
	/* IBA 9.9.3.1: a local length error also fails the responder. */
	if (fate == SOFTIB_RC_INV)
		softib_qp_set_err(qp);
	return fate;
}

/**
 * softib_rc_modify - check and apply the RC attributes of a modify_qp
 * @qp: RC QP; both its locks are held
 * @attr: attributes
 * @mask: IB_QP_* bits valid in @attr
 *
 * Return: 0, or -EINVAL/-EOPNOTSUPP with nothing changed.
 */
int softib_rc_modify(struct softib_qp *qp, const struct ib_qp_attr *attr,
		     int mask)
{
	struct softib_rc *rc = &qp->rc;

	lockdep_assert_held(&qp->sq_lock);
	lockdep_assert_held(&qp->rq_lock);

	/* No APM; no SQ drain (SQD) either, nobody in the kernel uses it. */
	if (mask & (IB_QP_ALT_PATH | IB_QP_PATH_MIG_STATE |
		    IB_QP_EN_SQD_ASYNC_NOTIFY))
		return -EOPNOTSUPP;
	if ((mask & IB_QP_STATE) && attr->qp_state == IB_QPS_SQD)
		return -EOPNOTSUPP;
	if (mask & IB_QP_AV) {
		const struct rdma_ah_attr *ah = &attr->ah_attr;
		u16 dlid = rdma_ah_get_dlid(ah);

		if (ah->type != RDMA_AH_ATTR_TYPE_IB || !dlid ||
		    dlid >= be16_to_cpu(IB_MULTICAST_LID_BASE))
			return -EINVAL;
	}
	if ((mask & IB_QP_PATH_MTU) &&
	    (attr->path_mtu < IB_MTU_256 || attr->path_mtu > SOFTIB_MTU))
		return -EINVAL;
	if (((mask & IB_QP_RETRY_CNT) && attr->retry_cnt > 7) ||
	    ((mask & IB_QP_RNR_RETRY) && attr->rnr_retry > 7) ||
	    ((mask & IB_QP_MIN_RNR_TIMER) && attr->min_rnr_timer > 31) ||
	    ((mask & IB_QP_TIMEOUT) && attr->timeout > 31) ||
	    ((mask & IB_QP_DEST_QPN) && attr->dest_qp_num > SOFTIB_PSN_MASK))
		return -EINVAL;

	if (mask & IB_QP_AV) {
		rc->dlid = rdma_ah_get_dlid(&attr->ah_attr);
		rc->sl = rdma_ah_get_sl(&attr->ah_attr);
		rc->path_bits = rdma_ah_get_path_bits(&attr->ah_attr);
	}
	if (mask & IB_QP_PATH_MTU)
		rc->mtu = ib_mtu_enum_to_int(attr->path_mtu);
	if (mask & IB_QP_DEST_QPN)
		rc->dest_qpn = attr->dest_qp_num;
	if (mask & IB_QP_RQ_PSN)
		rc->rq_psn = attr->rq_psn & SOFTIB_PSN_MASK;
	if (mask & IB_QP_MIN_RNR_TIMER)
		rc->min_rnr_timer = attr->min_rnr_timer;
	if (mask & IB_QP_TIMEOUT)
		rc->timeout = attr->timeout;
	if (mask & IB_QP_RETRY_CNT) {
		rc->retry_cnt = attr->retry_cnt;
		rc->retry_left = attr->retry_cnt;
	}
	if (mask & IB_QP_RNR_RETRY) {
		rc->rnr_retry = attr->rnr_retry;
		rc->rnr_left = attr->rnr_retry;
	}
	if (mask & IB_QP_ACCESS_FLAGS)
		rc->access = attr->qp_access_flags;
	if (mask & IB_QP_MAX_QP_RD_ATOMIC)
		rc->max_rd_atomic = attr->max_rd_atomic;
	if (mask & IB_QP_MAX_DEST_RD_ATOMIC)
		rc->max_dest_rd_atomic = attr->max_dest_rd_atomic;
	return 0;
}

/**
 * softib_rc_query - report the RC attributes of a QP
 * @qp: RC QP; both its locks are held
 * @attr: filled
 */
void softib_rc_query(struct softib_qp *qp, struct ib_qp_attr *attr)
{
	struct softib_rc *rc = &qp->rc;

	lockdep_assert_held(&qp->sq_lock);
	lockdep_assert_held(&qp->rq_lock);

	attr->ah_attr.type = RDMA_AH_ATTR_TYPE_IB;
	rdma_ah_set_dlid(&attr->ah_attr, rc->dlid);
	rdma_ah_set_sl(&attr->ah_attr, rc->sl);
	rdma_ah_set_path_bits(&attr->ah_attr, rc->path_bits);
	rdma_ah_set_port_num(&attr->ah_attr, qp->port ? qp->port->num : 0);
	attr->path_mtu = ib_mtu_int_to_enum(rc->mtu);
	attr->dest_qp_num = rc->dest_qpn;
	attr->rq_psn = rc->rq_psn;
	attr->min_rnr_timer = rc->min_rnr_timer;
	attr->timeout = rc->timeout;
	attr->retry_cnt = rc->retry_cnt;
	attr->rnr_retry = rc->rnr_retry;
	attr->qp_access_flags = rc->access;
	attr->max_rd_atomic = rc->max_rd_atomic;
	attr->max_dest_rd_atomic = rc->max_dest_rd_atomic;
}

/**
 * softib_rc_reset - forget the connection (RESET); both locks are held
 * @qp: RC QP whose sq is empty
 */
void softib_rc_reset(struct softib_qp *qp)
{
	timer_delete(&qp->rc_timer);
	memset(&qp->rc, 0, sizeof(qp->rc));
	qp->rc.mtu = ib_mtu_enum_to_int(IB_MTU_256);
}

/**
 * softib_rc_init - set up the RC state of a new QP
 * @qp: RC QP not yet published
 */
void softib_rc_init(struct softib_qp *qp)
{
	memset(&qp->rc, 0, sizeof(qp->rc));
	qp->rc.mtu = ib_mtu_enum_to_int(IB_MTU_256);
	timer_setup(&qp->rc_timer, softib_rc_timer, 0);
}

/**
 * softib_rc_stop - wait for the RC timer of a QP in RESET to stop
 * @qp: RC QP being destroyed; its sq is empty, so the timer cannot re-arm
 */
void softib_rc_stop(struct softib_qp *qp)
{
	timer_delete_sync(&qp->rc_timer);
}
