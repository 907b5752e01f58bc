// SPDX-License-Identifier: GPL-2.0
/*
 * softib completion queues: a ring of struct ib_wc per CQ.
 *
 * CQEs are pushed from the port transmit workers, from post_send/post_recv
 * (flushes on an ERR QP, a full shaper queue, and the inline transmission
 * of UD/GSI datagrams, fabric.c), from modify_qp (flush on ERR) and from
 * the RC ACK timer (retry exceeded).  None of those may call the consumer
 * back while holding QP locks: the transmit engine collects the CQs in a
 * softib_cq_batch and calls the handlers when it holds no lock, everyone
 * else defers to comp_work.
 *
 * Handlers run as a hardware interrupt would run them, so they must not
 * sleep, and they may take no lock of the poster's (post_send() can call
 * them inline).  Which context that is depends on the transmit engine:
 *
 * - IRQs on (worker, ipoib's xmit with BHs off, process context): called
 *   between local_bh_disable() and local_bh_enable(), so that the NET_RX
 *   softirq ipoib's napi_schedule() raises runs at once.
 * - IRQs off (ib_mad posts under an irqsave lock; a hardirq caller):
 *   local_bh_enable() is not allowed there and a softirq raised without it
 *   would wait for the next interrupt.  The handlers of ib_core's
 *   workqueue-polled CQs (ib_alloc_cq() with IB_POLL_WORKQUEUE or
 *   IB_POLL_UNBOUND_WORKQUEUE: ib_mad's, hence every SA and CM MAD) only
 *   queue work and are called at once; any other goes to comp_work.
 */
#include <linux/mm.h>
#include <linux/slab.h>

#include "softib.h"

/* Call the consumer back; IRQs are on. */
static void softib_cq_call_bh(struct softib_cq *cq)
{
	struct ib_cq *ibcq = &cq->ibcq;

	/* ipoib's handler is napi_schedule(): run it with BHs off. */
	local_bh_disable();
	if (ibcq->comp_handler)
		ibcq->comp_handler(ibcq, ibcq->cq_context);
	local_bh_enable();
}

static void softib_cq_comp_work(struct work_struct *work)
{
	softib_cq_call_bh(container_of(work, struct softib_cq, comp_work));
}

/*
 * ib_core's ib_cq_completion_workqueue(), the handler of every CQ from
 * ib_alloc_cq() with a workqueue poll context, only queues work: any
 * context will do.  (Raw ib_create_cq() CQs such as ipoib's read as
 * IB_POLL_SOFTIRQ here: poll_ctx is zero for them.)
 */
static bool softib_cq_handler_irqs_off_ok(const struct ib_cq *ibcq)
{
	return ibcq->poll_ctx == IB_POLL_WORKQUEUE ||
	       ibcq->poll_ctx == IB_POLL_UNBOUND_WORKQUEUE;
}

/* Call the consumer back from the transmit engine: see the top. */
static void softib_cq_call(struct softib_cq *cq)
{
	struct ib_cq *ibcq = &cq->ibcq;

	if (!irqs_disabled())
		softib_cq_call_bh(cq);
	else if (softib_cq_handler_irqs_off_ok(ibcq) && ibcq->comp_handler)
		ibcq->comp_handler(ibcq, ibcq->cq_context);
	else
		queue_work(softib_wq, &cq->comp_work);
}

static bool softib_cq_batch_add(struct softib_cq_batch *batch,
				struct softib_cq *cq)
{
	unsigned int i;

	for (i = 0; i < batch->n; i++)
		if (batch->cq[i] == cq)
			return true;
	if (batch->n == SOFTIB_CQ_BATCH)
		return false;
	batch->cq[batch->n++] = cq;
	return true;
}

/**
 * softib_cq_batch_run - call the handlers of the CQs collected in a batch
 * @batch: batch filled by softib_cq_push()
 *
 * Called without softib locks (the caller's own, with IRQs off, are
 * possible: see the top), inside the RCU read section that found the QPs
 * (which keeps their CQs alive).
 */
void softib_cq_batch_run(struct softib_cq_batch *batch)
{
	unsigned int i;

	for (i = 0; i < batch->n; i++)
		softib_cq_call(batch->cq[i]);
	batch->n = 0;
}

/**
 * softib_create_cq - create a CQ with a ring of @attr->cqe entries
 * @ibcq: CQ allocated by the core
 * @attr: size; no flags supported
 * @udata: must be NULL: only the kernel's CQs are supported
 *
 * Return: 0 or -errno.
 */
int softib_create_cq(struct ib_cq *ibcq, const struct ib_cq_init_attr *attr,
		     struct compat_create_cq_udata *udata)
{
	struct softib_cq *cq = to_scq(ibcq);

	if (udata || attr->flags)
		return -EOPNOTSUPP;
	if (attr->cqe < 1 || attr->cqe > SOFTIB_MAX_CQE)
		return -EINVAL;

	cq->ring = kvcalloc(attr->cqe, sizeof(*cq->ring), GFP_KERNEL);
	if (!cq->ring)
		return -ENOMEM;
	cq->size = attr->cqe;
	ibcq->cqe = attr->cqe;
	spin_lock_init(&cq->lock);
	INIT_WORK(&cq->comp_work, softib_cq_comp_work);
	return 0;
}

/**
 * softib_destroy_cq - free a CQ
 * @ibcq: CQ without QPs
 * @udata: unused
 *
 * Return: 0.
 */
int softib_destroy_cq(struct ib_cq *ibcq, struct ib_udata *udata)
{
	struct softib_cq *cq = to_scq(ibcq);

	/* The core destroys CQs only after their QPs: no pushes race here. */
	cancel_work_sync(&cq->comp_work);
	kvfree(cq->ring);
	return 0;
}

static void softib_cq_overflow(struct ib_cq *ibcq)
{
	struct ib_event ev = {
		.device = ibcq->device,
		.element.cq = ibcq,
		.event = IB_EVENT_CQ_ERR,
	};

	pr_warn_ratelimited("softib: %s: CQ overflow\n",
			    dev_name(&ibcq->device->dev));
	if (ibcq->event_handler)
		ibcq->event_handler(&ev, ibcq->cq_context);
}

/**
 * softib_cq_push - add one completion and notify the consumer if armed
 * @cq: completion queue
 * @wc: completion to copy
 * @solicited: the completion satisfies an IB_CQ_SOLICITED request
 * @batch: where to note a due callback, or NULL to defer it to a work item
 *
 * Any context.  An overflowing CQ loses the CQE and raises IB_EVENT_CQ_ERR
 * once, as hardware would.
 */
void softib_cq_push(struct softib_cq *cq, const struct ib_wc *wc,
		    bool solicited, struct softib_cq_batch *batch)
{
	bool notify = false, overflow = false;
	unsigned long flags;

	spin_lock_irqsave(&cq->lock, flags);
	if (cq->count == cq->size) {
		overflow = !cq->overflow;
		cq->overflow = true;
	} else {
		cq->ring[(cq->head + cq->count) % cq->size] = *wc;
		cq->count++;
		if (cq->notify == IB_CQ_NEXT_COMP ||
		    (cq->notify == IB_CQ_SOLICITED &&
		     (solicited || wc->status != IB_WC_SUCCESS))) {
			cq->notify = 0;
			notify = true;
		}
	}
	spin_unlock_irqrestore(&cq->lock, flags);

	if (notify && !(batch && softib_cq_batch_add(batch, cq)))
		queue_work(softib_wq, &cq->comp_work);
	if (overflow)
		softib_cq_overflow(&cq->ibcq);
}

/**
 * softib_poll_cq - take up to @num_entries completions
 * @ibcq: CQ
 * @num_entries: size of @wc
 * @wc: output array
 *
 * Return: number of completions taken.
 */
int softib_poll_cq(struct ib_cq *ibcq, int num_entries, struct ib_wc *wc)
{
	struct softib_cq *cq = to_scq(ibcq);
	unsigned long flags;
	int n = 0;

	spin_lock_irqsave(&cq->lock, flags);
	while (n < num_entries && cq->count) {
		wc[n++] = cq->ring[cq->head];
		cq->head = (cq->head + 1) % cq->size;
		cq->count--;
	}
	spin_unlock_irqrestore(&cq->lock, flags);
	return n;
}

/**
 * softib_req_notify_cq - arm the completion handler
 * @ibcq: CQ
 * @flags: IB_CQ_SOLICITED or IB_CQ_NEXT_COMP, optionally IB_CQ_REPORT_MISSED_EVENTS
 *
 * Return: 1 if completions are pending and missed events were asked for, else 0.
 */
int softib_req_notify_cq(struct ib_cq *ibcq, enum ib_cq_notify_flags flags)
{
	struct softib_cq *cq = to_scq(ibcq);
	unsigned long irqflags;
	int ret = 0;

	spin_lock_irqsave(&cq->lock, irqflags);
	cq->notify = flags & IB_CQ_SOLICITED_MASK;
	if ((flags & IB_CQ_REPORT_MISSED_EVENTS) && cq->count)
		ret = 1;
	spin_unlock_irqrestore(&cq->lock, irqflags);
	return ret;
}
