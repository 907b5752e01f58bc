/* SPDX-License-Identifier: GPL-2.0 */
/*
 * softib embedded subnet administrator: the interface between the fabric
 * (device, ports, switch) and the SA that answers QP1 MADs sent to a
 * subnet's SM LID.
 */
#ifndef _SOFTIB_SA_H
#define _SOFTIB_SA_H

#include <rdma/ib_mad.h>
#include <rdma/ib_verbs.h>

struct softib_subnet;
struct softib_sa;

struct softib_sa *softib_sa_create(struct softib_subnet *sn);
void softib_sa_destroy(struct softib_sa *sa);

/*
 * Answer one MAD that a port sent to the subnet's SM LID on QP1.
 * @slid is the requester's LID.  Returns true when @out (IB_MGMT_MAD_SIZE
 * bytes) holds a reply the fabric sends back to (@slid, QP1) without a GRH.
 * May run in atomic context; never sleeps.
 */
bool softib_sa_handle_mad(struct softib_sa *sa, u16 slid,
			  const struct ib_mad *in, struct ib_mad *out);

/* @mad is an SA PathRecord Get request (what ib_sa_path_rec_get() sends). */
bool softib_sa_is_path_query(const struct ib_mad *mad);

/*
 * The port with @port_gid went down, left the subnet or was told to
 * reregister: forget its multicast memberships (no leaves arrive then).
 */
void softib_sa_port_reset(struct softib_sa *sa, const union ib_gid *port_gid);

/* Implemented by the fabric, called by the SA (atomic context safe). */
struct softib_port_info {
	u16 lid;
	u8 mtu;		/* enum ib_mtu, the port's active MTU */
	u8 rate;	/* enum ib_rate */
	bool active;
	u32 delay_us;	/* the port's added egress delay */
};

int softib_subnet_port_info(struct softib_subnet *sn,
			    const union ib_gid *gid,
			    struct softib_port_info *info);
bool softib_subnet_port_has_pkey(struct softib_subnet *sn,
				 const union ib_gid *gid, u16 pkey);

#endif /* _SOFTIB_SA_H */
