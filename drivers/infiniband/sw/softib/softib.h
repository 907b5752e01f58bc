/* SPDX-License-Identifier: GPL-2.0 */
/*
 * softib: a software InfiniBand HCA and switch for testing the stock
 * ib_core/ib_ipoib stack without hardware.
 *
 * Object model:
 *   softib_dev   one ib_device ("softibID"), 1..8 ports
 *   softib_port  belongs to one subnet, owns a transmit engine (shaping,
 *                delay, loss) that runs in a work item
 *   softib_subnet one of SOFTIB_MAX_SUBNETS static LID spaces with its own
 *                SM LID and embedded SA
 *
 * Locking overview (details next to each structure):
 *   softib_cfg_lock (mutex)  control plane: subnet membership, LIDs and
 *                            every port attribute written through sysfs.
 *   RCU                      data path lookups: subnet LID tables, subnet
 *                            port lists, the device QPN table, a port's GSI
 *                            QP, multicast attachments and a packet's
 *                            sending QP.  Objects found through RCU are
 *                            freed only after synchronize_rcu().
 *   qp->sq_lock -> qp->rq_lock -> srq->lock -> port->txq_lock -> cq->lock
 *                            data path spinlocks, always irqsave because
 *                            ib_mad posts with IRQs disabled.  Nest only in
 *                            this order; two QPs' locks never nest (an RC
 *                            responder's verdict reaches the requester
 *                            after the responder's locks are dropped).
 *   sa->lock                 the SA's (sa.c); a MAD to the SM LID is
 *                            answered with none of the above held.
 *
 * Transmission (fabric.c): a port's packets leave through its worker, or,
 * on a port without rate, delay or loss whose queues are empty, inline
 * from post_send() once the QP's sq_lock is dropped (UD and GSI sends
 * only).  port->tx_busy gives one of them at a time the port's head of
 * line, which keeps the port FIFO; it is a claim, not a lock: nobody waits
 * for it, a sender that finds it taken queues instead, and the holder
 * sends what was queued before it lets go.
 */
#ifndef _SOFTIB_H
#define _SOFTIB_H

#include <linux/hrtimer.h>
#include <linux/kobject.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#include <rdma/ib_verbs.h>

#include "softib_compat.h"

#define SOFTIB_MAX_DEVS		256
#define SOFTIB_MAX_PORTS	8
#define SOFTIB_MAX_SUBNETS	16
#define SOFTIB_PKEY_TBL_LEN	16
#define SOFTIB_GID_TBL_LEN	1
#define SOFTIB_SM_LID		1	/* virtual SM, never a port's LID */
#define SOFTIB_MAX_UCAST_LID	0xBFFF
#define SOFTIB_MTU		IB_MTU_4096
#define SOFTIB_MAX_MSG		4096	/* UD payload limit = MTU */
#define SOFTIB_RC_MAX_MSG	65536	/* RC message limit (port max_msg_sz) */
#define SOFTIB_MAX_SGE		16
#define SOFTIB_MAX_QP_WR	16384
#define SOFTIB_MAX_CQE		131072
#define SOFTIB_TXQ_LIMIT	1024	/* packets queued behind the shaper */
#define SOFTIB_DEFAULT_PREFIX	0xfe80000000000000ULL
#define SOFTIB_GUID_BASE	0x02005efffe000000ULL

extern struct mutex softib_cfg_lock;
extern struct workqueue_struct *softib_wq;

struct softib_subnet {
	u8 id;
	u16 sm_lid;
	/* lid -> softib_port; written under softib_cfg_lock, read under RCU */
	struct xarray lids;
	/* softib_port.subnet_node; written under softib_cfg_lock, RCU reads */
	struct list_head ports;
	struct softib_sa *sa;
};

struct softib_port_stats {
	atomic64_t tx_packets;
	atomic64_t tx_bytes;
	atomic64_t rx_packets;
	atomic64_t rx_bytes;
	atomic64_t tx_dropped;
	atomic64_t rx_dropped;
	/* RC requester side, counted on the sending port */
	atomic64_t rc_retransmits;	/* messages sent again */
	atomic64_t rc_rnr_naks;		/* RNR NAKs received */
	atomic64_t rc_seq_naks;		/* PSN sequence error NAKs received */
	atomic64_t rc_timeouts;		/* local ACK timeouts */
	atomic64_t rc_errors;		/* QPs moved to ERR by the transport */
	/* PathRecord Gets this port sent to the SA */
	atomic64_t sa_path_queries;
};

struct softib_port {
	struct kobject kobj;		/* bus/devices/softibID/portN */
	struct softib_dev *sdev;
	u32 num;			/* 1-based port number */
	u64 guid;

	/*
	 * Port attributes.  Written with softib_cfg_lock and attr_lock held;
	 * query_port() reads a snapshot under attr_lock, the data path reads
	 * single fields with READ_ONCE().
	 */
	spinlock_t attr_lock;
	enum ib_port_state state;
	struct softib_subnet *subnet;	/* NULL only while being torn down */
	struct list_head subnet_node;
	u16 lid;
	u64 gid_prefix;
	u16 pkeys[SOFTIB_PKEY_TBL_LEN];
	u16 speed;			/* enum ib_port_speed */
	u8 width;			/* enum ib_port_width */
	u32 cap_flags;
	u32 qkey_viol;
	u32 bad_pkey;

	/* Shaping knobs, written from sysfs, read with READ_ONCE() */
	u32 rate_mbit;
	u32 delay_us;
	u32 loss_ppm;
	/* RC responder fault: answer an RNR NAK as if no WQE was posted */
	u32 rnr_ppm;

	/*
	 * Transmit engine.  txq holds packets waiting for the shaper, flight
	 * packets already sent (send completed) waiting for their delivery
	 * time.  Both, txq_len and next_tx_ns are protected by txq_lock.
	 */
	spinlock_t txq_lock;
	struct list_head txq;
	u32 txq_len;
	struct list_head flight;
	u64 next_tx_ns;
	/*
	 * Someone transmits a packet taken off this port (the worker, or
	 * post_send() inline); under txq_lock.  Nobody else may take one
	 * until it is done, so packets leave in the order they were queued.
	 */
	bool tx_busy;
	bool dying;
	struct work_struct work;
	struct hrtimer timer;

	struct softib_qp __rcu *gsi;	/* QP1 of this port */
	struct softib_port_stats stats;
};

struct softib_dev {
	struct ib_device ibdev;		/* must be first (ib_alloc_device) */
	u32 id;
	u32 num_ports;
	u64 node_guid;
	struct softib_port *ports[SOFTIB_MAX_PORTS];
	/* qpn -> softib_qp for QPN >= 2; RCU reads, destroy syncs RCU */
	struct xarray qps;
	u32 next_qpn;
};

struct softib_pd {
	struct ib_pd ibpd;
};

struct softib_mr {
	struct ib_mr ibmr;
};

struct softib_ah {
	struct ib_ah ibah;
	struct rdma_ah_attr attr;	/* IB type, sgid_attr not kept */
};

struct softib_cq {
	struct ib_cq ibcq;
	spinlock_t lock;		/* ring, head, count, notify */
	struct ib_wc *ring;
	u32 size;
	u32 head;
	u32 count;
	u8 notify;			/* armed enum ib_cq_notify_flags, 0 */
	bool overflow;
	struct work_struct comp_work;	/* calls comp_handler */
};

struct softib_rwqe {
	u64 wr_id;
	u32 num_sge;
	struct ib_sge sge[];
};

/* A receive WQE taken off an RQ or SRQ, copied out of the ring. */
struct softib_rwqe_copy {
	u64 wr_id;
	u32 num_sge;
	struct ib_sge sge[SOFTIB_MAX_SGE];
};

struct softib_srq {
	struct ib_srq ibsrq;
	spinlock_t lock;		/* everything below */
	u8 *ring;
	size_t wqe_size;
	u32 max_wr;
	u32 max_sge;
	u32 head;
	u32 count;
	u32 limit;			/* armed limit, 0 when not armed */
	struct work_struct limit_work;	/* raises SRQ_LIMIT_REACHED */
};

/*
 * RC transport state of a QP (zeroed on RESET).  Requester fields are
 * under qp->sq_lock,
 * responder fields (rq_psn, nak_sent, min_rnr_timer) under qp->rq_lock;
 * the connection attributes change with both held.
 */
struct softib_rc {
	/* connection, from modify_qp */
	u16 dlid;
	u8 sl;
	u8 path_bits;
	u32 dest_qpn;
	u32 mtu;			/* path MTU in bytes */
	u8 timeout;			/* 4.096 us * 2^timeout, 0 = infinite */
	u8 retry_cnt;
	u8 rnr_retry;			/* 7 = infinite */
	u8 min_rnr_timer;		/* responder's, IBA table 45 code */
	int access;
	u8 max_rd_atomic;
	u8 max_dest_rd_atomic;

	/* requester */
	u8 retry_left;
	u8 rnr_left;
	bool rnr_wait;			/* waiting out an RNR NAK */
	u32 pending;			/* packets with resend set */

	/* responder */
	u32 rq_psn;			/* next expected PSN */
	bool nak_sent;			/* one sequence NAK per gap */
};

struct softib_qp {
	struct ib_qp ibqp;
	/*
	 * state, port, qkey and pkey_index change only with both sq_lock and
	 * rq_lock held, so either lock is enough to read them.
	 */
	enum ib_qp_state state;
	struct softib_port *port;	/* NULL until INIT for UD */
	u32 qkey;
	u16 pkey_index;
	u32 sq_psn;
	enum ib_sig_type sq_sig_type;
	struct ib_qp_cap cap;

	spinlock_t sq_lock;		/* sq, sq_len */
	struct list_head sq;		/* softib_pkt.sq_node, not completed */
	u32 sq_len;

	spinlock_t rq_lock;		/* rq ring */
	u8 *rq;
	size_t rwqe_size;
	u32 rq_head;
	u32 rq_count;

	struct softib_srq *srq;		/* receives come from here if set */
	struct softib_rc rc;		/* RC only */
	struct timer_list rc_timer;	/* RC: ACK timeout or RNR wait */
	struct work_struct event_work;	/* raises LAST_WQE_REACHED */
};

/*
 * CQs whose consumer is due a callback, collected by a transmit worker
 * while it holds QP locks and called back once it holds none (saves a
 * work item hop per completion).
 */
#define SOFTIB_CQ_BATCH		8

struct softib_cq_batch {
	unsigned int n;
	struct softib_cq *cq[SOFTIB_CQ_BATCH];
};

/*
 * Packets that post_send() transmits itself once it has dropped the QP's
 * locks (softib_fabric_xmit() puts them here when the port is free and
 * unshaped, softib_fabric_xmit_run() sends them).  port is set while the
 * batch holds the port's tx_busy claim.
 */
struct softib_xmit_batch {
	struct softib_port *port;
	struct list_head pkts;
};

/* What became of an RC packet, as the requester learns it. */
enum softib_rc_fate {
	SOFTIB_RC_LOST,		/* dropped, or silently discarded */
	SOFTIB_RC_ACK,		/* received (or a duplicate): ACK */
	SOFTIB_RC_RNR,		/* no receive WQE: RNR NAK */
	SOFTIB_RC_SEQ,		/* PSN ahead of the expected one: NAK */
	SOFTIB_RC_INV,		/* receive WQE too small: invalid request NAK */
};

/*
 * One UD datagram or RC message in the fabric.  An RC message is one
 * packet here (not segmented into path MTU pieces) but takes as many PSNs
 * as its segments would.  It stays on the sending QP's sq until ACKed, and
 * is lent to the fabric (in_fabric) for each (re)transmission.
 */
struct softib_pkt {
	struct list_head list;		/* port txq/flight, under txq_lock */
	struct list_head sq_node;	/* qp->sq while qp != NULL */
	/* Sending QP until the send is completed or flushed (qp->sq_lock) */
	struct softib_qp __rcu *qp;
	u64 wr_id;
	bool signaled;
	bool solicited;
	bool has_imm;
	bool has_grh;
	__be32 imm;
	bool rc;
	bool in_fabric;			/* RC: on a txq/flight list (sq_lock) */
	bool resend;			/* RC: (re)send after its predecessor */
	bool sent;			/* RC: transmitted at least once */
	enum softib_rc_fate fate;	/* RC: set by the responder */
	u8 min_rnr_timer;		/* RC: the responder's, with an RNR NAK */
	u32 psn;
	u32 npsn;			/* PSNs the message takes */
	u8 *buf;			/* RC payload (UD: data[]) */
	u64 due_ns;
	struct softib_subnet *subnet;	/* routing subnet, set on transmit */
	u16 slid;
	u16 dlid;
	u16 pkey;
	u8 sl;
	u32 sqpn;
	u32 dqpn;
	u32 qkey;
	struct ib_grh grh;
	u32 len;
	u8 data[];
};

static inline struct softib_dev *to_sdev(struct ib_device *ibdev)
{
	return container_of(ibdev, struct softib_dev, ibdev);
}

static inline struct softib_qp *to_sqp(struct ib_qp *ibqp)
{
	return container_of(ibqp, struct softib_qp, ibqp);
}

static inline struct softib_cq *to_scq(struct ib_cq *ibcq)
{
	return container_of(ibcq, struct softib_cq, ibcq);
}

static inline struct softib_srq *to_ssrq(struct ib_srq *ibsrq)
{
	return container_of(ibsrq, struct softib_srq, ibsrq);
}

static inline struct softib_ah *to_sah(struct ib_ah *ibah)
{
	return container_of(ibah, struct softib_ah, ibah);
}

static inline struct softib_port *softib_port(struct softib_dev *sdev,
					      u32 port_num)
{
	if (port_num < 1 || port_num > sdev->num_ports)
		return NULL;
	return sdev->ports[port_num - 1];
}

static inline void softib_port_gid(const struct softib_port *port,
				   union ib_gid *gid)
{
	gid->global.subnet_prefix = cpu_to_be64(READ_ONCE(port->gid_prefix));
	gid->global.interface_id = cpu_to_be64(port->guid);
}

/* IBA 10.9.3: low 15 bits equal, and not both limited members. */
static inline bool softib_pkey_match(u16 a, u16 b)
{
	return (a & 0x7fff) && (a & 0x7fff) == (b & 0x7fff) &&
	       ((a | b) & 0x8000);
}

/* bus.c */
extern const struct kobj_type softib_port_ktype;
int softib_bus_init(void);
void softib_bus_exit(void);
int softib_bus_new_device(u32 id, u32 num_ports);

/* device.c */
struct softib_dev *softib_dev_create(u32 id, u32 num_ports,
				     struct device *parent);
void softib_dev_destroy(struct softib_dev *sdev);

/* port.c */
struct softib_port *softib_port_create(struct softib_dev *sdev, u32 num);
void softib_port_stop(struct softib_port *port);
void softib_port_put(struct softib_port *port);
void softib_port_event(struct softib_port *port, enum ib_event_type type);
int softib_port_set_link(struct softib_port *port, bool up);
int softib_port_set_pkeys(struct softib_port *port, const u16 *pkeys,
			  unsigned int n);
int softib_port_set_gid_prefix(struct softib_port *port, u64 prefix,
			       bool reregister);
void softib_port_reregister(struct softib_port *port);
int softib_port_find_pkey(struct softib_port *port, u16 pkey);
enum ib_rate softib_port_rate(struct softib_port *port);

/* fabric.c */
int softib_fabric_init(void);
void softib_fabric_exit(void);
int softib_fabric_attach(struct softib_port *port, u32 subnet);
void softib_fabric_detach(struct softib_port *port);
int softib_fabric_move(struct softib_port *port, u32 subnet);
int softib_fabric_set_lid(struct softib_port *port, u32 lid);
bool softib_fabric_xmit(struct softib_port *port, struct softib_pkt *pkt,
			struct softib_xmit_batch *xb);
void softib_fabric_xmit_run(struct softib_xmit_batch *xb);
void softib_port_tx_work(struct work_struct *work);
enum hrtimer_restart softib_port_tx_timer(struct hrtimer *timer);
void softib_fabric_drain(struct softib_port *port);

/* pd_mr.c */
int softib_alloc_pd(struct ib_pd *ibpd, struct ib_udata *udata);
int softib_dealloc_pd(struct ib_pd *ibpd, struct ib_udata *udata);
struct ib_mr *softib_get_dma_mr(struct ib_pd *ibpd, int access);
int softib_dereg_mr(struct ib_mr *ibmr, struct ib_udata *udata);

/* cq.c */
int softib_create_cq(struct ib_cq *ibcq, const struct ib_cq_init_attr *attr,
		     struct compat_create_cq_udata *udata);
int softib_destroy_cq(struct ib_cq *ibcq, struct ib_udata *udata);
int softib_poll_cq(struct ib_cq *ibcq, int num_entries, struct ib_wc *wc);
int softib_req_notify_cq(struct ib_cq *ibcq, enum ib_cq_notify_flags flags);
void softib_cq_push(struct softib_cq *cq, const struct ib_wc *wc,
		    bool solicited, struct softib_cq_batch *batch);
void softib_cq_batch_run(struct softib_cq_batch *batch);

/* qp.c */
int softib_create_qp(struct ib_qp *ibqp, struct ib_qp_init_attr *init,
		     struct ib_udata *udata);
int softib_modify_qp(struct ib_qp *ibqp, struct ib_qp_attr *attr, int mask,
		     struct ib_udata *udata);
int softib_query_qp(struct ib_qp *ibqp, struct ib_qp_attr *attr, int mask,
		    struct ib_qp_init_attr *init);
int softib_destroy_qp(struct ib_qp *ibqp, struct ib_udata *udata);
int softib_post_send(struct ib_qp *ibqp, const struct ib_send_wr *wr,
		     const struct ib_send_wr **bad_wr);
int softib_post_recv(struct ib_qp *ibqp, const struct ib_recv_wr *wr,
		     const struct ib_recv_wr **bad_wr);
void softib_qp_send_done(struct softib_pkt *pkt, enum ib_wc_status status);
bool softib_qp_receive(struct softib_qp *qp, struct softib_port *port,
		       const struct softib_pkt *pkt,
		       struct softib_cq_batch *batch);
void softib_sq_complete(struct softib_qp *qp, struct softib_pkt *pkt,
			enum ib_wc_status status,
			struct softib_cq_batch *batch);
void softib_qp_enter_err(struct softib_qp *qp);
void softib_qp_set_err(struct softib_qp *qp);
void softib_qp_lock(struct softib_qp *qp, unsigned long *flags);
void softib_qp_unlock(struct softib_qp *qp, unsigned long flags);
bool softib_recv_pop(struct softib_qp *qp, struct softib_rwqe_copy *wqe);

/* rc.c */
void softib_rc_init(struct softib_qp *qp);
void softib_rc_reset(struct softib_qp *qp);
void softib_rc_stop(struct softib_qp *qp);
int softib_rc_modify(struct softib_qp *qp, const struct ib_qp_attr *attr,
		     int mask);
void softib_rc_query(struct softib_qp *qp, struct ib_qp_attr *attr);
int softib_rc_post_send(struct softib_qp *qp, const struct ib_send_wr *wr);
void softib_rc_pkt_free(struct softib_pkt *pkt);
void softib_rc_returned(struct softib_pkt *pkt);
enum softib_rc_fate softib_rc_receive(struct softib_qp *qp,
				      struct softib_port *port,
				      struct softib_pkt *pkt,
				      struct softib_cq_batch *batch);

/* srq.c */
int softib_create_srq(struct ib_srq *ibsrq, struct ib_srq_init_attr *init,
		      struct ib_udata *udata);
int softib_modify_srq(struct ib_srq *ibsrq, struct ib_srq_attr *attr,
		      enum ib_srq_attr_mask mask, struct ib_udata *udata);
int softib_query_srq(struct ib_srq *ibsrq, struct ib_srq_attr *attr);
int softib_destroy_srq(struct ib_srq *ibsrq, struct ib_udata *udata);
int softib_post_srq_recv(struct ib_srq *ibsrq, const struct ib_recv_wr *wr,
			 const struct ib_recv_wr **bad_wr);
bool softib_srq_pop(struct softib_srq *srq, struct softib_rwqe_copy *wqe);

/* ah.c */
int softib_create_ah(struct ib_ah *ibah, struct rdma_ah_init_attr *init,
		     struct ib_udata *udata);
int softib_query_ah(struct ib_ah *ibah, struct rdma_ah_attr *attr);
int softib_destroy_ah(struct ib_ah *ibah, u32 flags);

/* mcast.c */
int softib_attach_mcast(struct ib_qp *ibqp, union ib_gid *gid, u16 lid);
int softib_detach_mcast(struct ib_qp *ibqp, union ib_gid *gid, u16 lid);
void softib_mcast_detach_qp(struct softib_qp *qp);
void softib_mcast_deliver(struct softib_subnet *sn,
			  const struct softib_pkt *pkt,
			  struct softib_cq_batch *batch);

#ifdef SOFTIB_PLANT_BUG
void softib_plant_bug(void);
#else
static inline void softib_plant_bug(void) { }
#endif

#endif /* _SOFTIB_H */
