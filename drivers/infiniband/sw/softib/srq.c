// SPDX-License-Identifier: GPL-2.0
/*
 * softib shared receive queues: a ring of receive WQEs that RC QPs created
 * with this SRQ take from (softib_recv_pop()), with the limit event of
 * IBA 10.2.9.3.  Only IB_SRQT_BASIC; the size is fixed at creation.
 */
#include <linux/mm.h>
#include <linux/slab.h>

#include "softib.h"

static struct softib_rwqe *softib_srq_slot(struct softib_srq *srq, u32 i)
{
	return (struct softib_rwqe *)(srq->ring + (size_t)i * srq->wqe_size);
}

/* The limit is one-shot: it disarms itself when it fires. */
static void softib_srq_limit_work(struct work_struct *work)
{
	struct softib_srq *srq = container_of(work, struct softib_srq,
					      limit_work);
	struct ib_srq *ibsrq = &srq->ibsrq;
	struct ib_event ev = {
		.device = ibsrq->device,
		.element.srq = ibsrq,
		.event = IB_EVENT_SRQ_LIMIT_REACHED,
	};

	if (ibsrq->event_handler)
		ibsrq->event_handler(&ev, ibsrq->srq_context);
}

/**
 * softib_create_srq - create a basic SRQ
 * @ibsrq: SRQ allocated by the core
 * @init: type and sizes; attr.max_wr and attr.max_sge are rounded up to 1
 * @udata: must be NULL
 *
 * Return: 0 or -errno.
 */
int softib_create_srq(struct ib_srq *ibsrq, struct ib_srq_init_attr *init,
		      struct ib_udata *udata)
{
	struct softib_srq *srq = to_ssrq(ibsrq);
	struct ib_srq_attr *attr = &init->attr;

	if (udata || init->srq_type != IB_SRQT_BASIC)
		return -EOPNOTSUPP;
	if (attr->max_wr > SOFTIB_MAX_QP_WR || attr->max_sge > SOFTIB_MAX_SGE ||
	    attr->srq_limit > attr->max_wr)
		return -EINVAL;

	srq->max_wr = max(attr->max_wr, 1U);
	srq->max_sge = max(attr->max_sge, 1U);
	srq->limit = attr->srq_limit;
	srq->wqe_size = sizeof(struct softib_rwqe) +
			srq->max_sge * sizeof(struct ib_sge);
	srq->ring = kvcalloc(srq->max_wr, srq->wqe_size, GFP_KERNEL);
	if (!srq->ring)
		return -ENOMEM;
	spin_lock_init(&srq->lock);
	INIT_WORK(&srq->limit_work, softib_srq_limit_work);
	attr->max_wr = srq->max_wr;
	attr->max_sge = srq->max_sge;
	return 0;
}

/**
 * softib_modify_srq - arm the limit; resizing is not supported
 * @ibsrq: SRQ
 * @attr: new limit in srq_limit
 * @mask: IB_SRQ_LIMIT, or IB_SRQ_MAX_WR (refused)
 * @udata: must be NULL
 *
 * Return: 0, -EINVAL or -EOPNOTSUPP.
 */
int softib_modify_srq(struct ib_srq *ibsrq, struct ib_srq_attr *attr,
		      enum ib_srq_attr_mask mask, struct ib_udata *udata)
{
	struct softib_srq *srq = to_ssrq(ibsrq);
	unsigned long flags;
	int ret = 0;

	if (udata || (mask & IB_SRQ_MAX_WR))
		return -EOPNOTSUPP;
	if (!(mask & IB_SRQ_LIMIT))
		return 0;

	spin_lock_irqsave(&srq->lock, flags);
	if (attr->srq_limit > srq->max_wr)
		ret = -EINVAL;
	else
		srq->limit = attr->srq_limit;
	spin_unlock_irqrestore(&srq->lock, flags);
	return ret;
}

/**
 * softib_query_srq - report size and armed limit
 * @ibsrq: SRQ
 * @attr: filled
 *
 * Return: 0.
 */
int softib_query_srq(struct ib_srq *ibsrq, struct ib_srq_attr *attr)
{
	struct softib_srq *srq = to_ssrq(ibsrq);
	unsigned long flags;

	spin_lock_irqsave(&srq->lock, flags);
	attr->max_wr = srq->max_wr;
	attr->max_sge = srq->max_sge;
	attr->srq_limit = srq->limit;
	spin_unlock_irqrestore(&srq->lock, flags);
	return 0;
}

/**
 * softib_destroy_srq - free an SRQ no QP uses any more
 * @ibsrq: SRQ
 * @udata: unused
 *
 * Return: 0.
 */
int softib_destroy_srq(struct ib_srq *ibsrq, struct ib_udata *udata)
{
	struct softib_srq *srq = to_ssrq(ibsrq);

	/* The core refuses while QPs use it: nothing pops any more. */
	cancel_work_sync(&srq->limit_work);
	kvfree(srq->ring);
	return 0;
}

/**
 * softib_post_srq_recv - add receive WQEs to an SRQ
 * @ibsrq: SRQ
 * @wr: chain of work requests
 * @bad_wr: first rejected WR on error
 *
 * Return: 0, -EINVAL or -ENOMEM (then @bad_wr is set).
 */
int softib_post_srq_recv(struct ib_srq *ibsrq, const struct ib_recv_wr *wr,
			 const struct ib_recv_wr **bad_wr)
{
	struct softib_srq *srq = to_ssrq(ibsrq);
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&srq->lock, flags);
	for (; wr; wr = wr->next) {
		struct softib_rwqe *wqe;

		if (wr->num_sge > srq->max_sge)
			ret = -EINVAL;
		else if (srq->count == srq->max_wr)
			ret = -ENOMEM;
		if (ret) {
			*bad_wr = wr;
			break;
		}
		wqe = softib_srq_slot(srq, (srq->head + srq->count) %
					   srq->max_wr);
		wqe->wr_id = wr->wr_id;
		wqe->num_sge = wr->num_sge;
		memcpy(wqe->sge, wr->sg_list, wr->num_sge * sizeof(*wqe->sge));
		srq->count++;
	}
	spin_unlock_irqrestore(&srq->lock, flags);
	return ret;
}

/**
 * softib_srq_pop - take the oldest WQE of an SRQ
 * @srq: SRQ
 * @wqe: filled with a copy
 *
 * Any context; the caller holds the receiving QP's rq_lock.  Raises the
 * limit event when fewer than the armed limit are left.
 *
 * Return: false if the SRQ is empty.
 */
bool softib_srq_pop(struct softib_srq *srq, struct softib_rwqe_copy *wqe)
{
	struct softib_rwqe *slot;
	bool fire = false;
	unsigned long flags;

	spin_lock_irqsave(&srq->lock, flags);
	if (!srq->count) {
		spin_unlock_irqrestore(&srq->lock, flags);
		return false;
	}
	slot = softib_srq_slot(srq, srq->head);
	wqe->wr_id = slot->wr_id;
	wqe->num_sge = slot->num_sge;
	memcpy(wqe->sge, slot->sge, slot->num_sge * sizeof(*wqe->sge));
	srq->head = (srq->head + 1) % srq->max_wr;
	srq->count--;
	if (srq->limit && srq->count < srq->limit) {
		srq->limit = 0;
		fire = true;
	}
	spin_unlock_irqrestore(&srq->lock, flags);
	if (fire)
		queue_work(softib_wq, &srq->limit_work);
	return true;
}
