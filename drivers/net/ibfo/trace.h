/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ibfo: IP failover and multipathing over IPoIB - tracepoints.
 *
 * /sys/kernel/tracing/events/ibfo/: ibfo_failover when the active slave
 * changes, ibfo_slave_state when a slave's link state changes,
 * ibfo_lower_state when its lower state is told to the notifiers,
 * ibfo_resteer when a multipath flow moves to another slave.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM ibfo

#if !defined(_IBFO_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _IBFO_TRACE_H

#include <linux/netdevice.h>
#include <linux/string.h>
#include <linux/tracepoint.h>

/* Names are copied into fixed arrays: the reasons and causes are short
 * literals, and __assign_str() changed its arguments in Linux 6.10.
 */
#define IBFO_TRACE_WHY_LEN 32

#define ibfo_trace_name(dev) ({					\
	const struct net_device *__dev = (dev);			\
	__dev ? __dev->name : "none";				\
})

#define ibfo_show_link(link)					\
	__print_symbolic(link,					\
			 { IBFO_LINK_DOWN, "down" },		\
			 { IBFO_LINK_GOING_UP, "going_up" },	\
			 { IBFO_LINK_UP, "up" },		\
			 { IBFO_LINK_GOING_DOWN, "going_down" })

TRACE_EVENT(ibfo_failover,
	    TP_PROTO(const struct net_device *master,
		     const struct net_device *old_slave,
		     const struct net_device *new_slave, const char *reason),
	    TP_ARGS(master, old_slave, new_slave, reason),
	    TP_STRUCT__entry(__array(char, master, IFNAMSIZ)
			     __array(char, old_slave, IFNAMSIZ)
			     __array(char, new_slave, IFNAMSIZ)
			     __array(char, reason, IBFO_TRACE_WHY_LEN)),
	    TP_fast_assign(strscpy(__entry->master, master->name, IFNAMSIZ);
			   strscpy(__entry->old_slave, ibfo_trace_name(old_slave),
				   IFNAMSIZ);
			   strscpy(__entry->new_slave, ibfo_trace_name(new_slave),
				   IFNAMSIZ);
			   strscpy(__entry->reason, reason, IBFO_TRACE_WHY_LEN);),
	    TP_printk("%s: %s -> %s (%s)", __entry->master,
		      __entry->old_slave, __entry->new_slave,
		      __entry->reason)
);

TRACE_EVENT(ibfo_slave_state,
	    TP_PROTO(const struct net_device *master,
		     const struct net_device *slave, u8 old_link, u8 new_link,
		     const char *cause),
	    TP_ARGS(master, slave, old_link, new_link, cause),
	    TP_STRUCT__entry(__array(char, master, IFNAMSIZ)
			     __array(char, slave, IFNAMSIZ)
			     __field(u8, old_link)
			     __field(u8, new_link)
			     __array(char, cause, IBFO_TRACE_WHY_LEN)),
	    TP_fast_assign(strscpy(__entry->master, master->name, IFNAMSIZ);
			   strscpy(__entry->slave, slave->name, IFNAMSIZ);
			   __entry->old_link = old_link;
			   __entry->new_link = new_link;
			   strscpy(__entry->cause, cause, IBFO_TRACE_WHY_LEN);),
	    TP_printk("%s: %s %s -> %s (%s)", __entry->master,
		      __entry->slave, ibfo_show_link(__entry->old_link),
		      ibfo_show_link(__entry->new_link), __entry->cause)
);

/* @old_ifindex: the slave the flow left, which may be gone already. */
TRACE_EVENT(ibfo_resteer,
	    TP_PROTO(const struct net_device *master, u32 hash,
		     int old_ifindex, const struct net_device *new_slave),
	    TP_ARGS(master, hash, old_ifindex, new_slave),
	    TP_STRUCT__entry(__array(char, master, IFNAMSIZ)
			     __field(u32, hash)
			     __field(int, old_ifindex)
			     __array(char, new_slave, IFNAMSIZ)),
	    TP_fast_assign(strscpy(__entry->master, master->name, IFNAMSIZ);
			   __entry->hash = hash;
			   __entry->old_ifindex = old_ifindex;
			   strscpy(__entry->new_slave, ibfo_trace_name(new_slave),
				   IFNAMSIZ);),
	    TP_printk("%s: flow %08x ifindex %d -> %s", __entry->master,
		      __entry->hash, __entry->old_ifindex,
		      __entry->new_slave)
);

/* A slave's lower state as told to the netdev notifiers
 * (NETDEV_CHANGELOWERSTATE, struct netdev_lag_lower_state_info).
 */
TRACE_EVENT(ibfo_lower_state,
	    TP_PROTO(const struct net_device *master,
		     const struct net_device *slave, bool link_up,
		     bool tx_enabled),
	    TP_ARGS(master, slave, link_up, tx_enabled),
	    TP_STRUCT__entry(__array(char, master, IFNAMSIZ)
			     __array(char, slave, IFNAMSIZ)
			     __field(bool, link_up)
			     __field(bool, tx_enabled)),
	    TP_fast_assign(strscpy(__entry->master, master->name, IFNAMSIZ);
			   strscpy(__entry->slave, slave->name, IFNAMSIZ);
			   __entry->link_up = link_up;
			   __entry->tx_enabled = tx_enabled;),
	    TP_printk("%s: %s link_up %u tx_enabled %u", __entry->master,
		      __entry->slave, __entry->link_up, __entry->tx_enabled)
);

/* Neighbours told where we are (notify.c): @slave's address in @arps
 * gratuitous ARPs and @nas unsolicited neighbour advertisements.
 */
TRACE_EVENT(ibfo_notify,
	    TP_PROTO(const struct net_device *master, const char *slave,
		     unsigned int arps, unsigned int nas),
	    TP_ARGS(master, slave, arps, nas),
	    TP_STRUCT__entry(__array(char, master, IFNAMSIZ)
			     __array(char, slave, IFNAMSIZ)
			     __field(unsigned int, arps)
			     __field(unsigned int, nas)),
	    TP_fast_assign(strscpy(__entry->master, master->name, IFNAMSIZ);
			   strscpy(__entry->slave, slave, IFNAMSIZ);
			   __entry->arps = arps;
			   __entry->nas = nas;),
	    TP_printk("%s: %s in %u arp %u na", __entry->master,
		      __entry->slave, __entry->arps, __entry->nas)
);

/* The RTNL part of a failover (failover.c) starts: from the sync work
 * (@work) or in a caller that holds RTNL.
 */
TRACE_EVENT(ibfo_sync,
	    TP_PROTO(const struct net_device *master,
		     const struct net_device *active, bool work),
	    TP_ARGS(master, active, work),
	    TP_STRUCT__entry(__array(char, master, IFNAMSIZ)
			     __array(char, active, IFNAMSIZ)
			     __field(bool, work)),
	    TP_fast_assign(strscpy(__entry->master, master->name, IFNAMSIZ);
			   strscpy(__entry->active, ibfo_trace_name(active),
				   IFNAMSIZ);
			   __entry->work = work;),
	    TP_printk("%s: active %s (%s)", __entry->master, __entry->active,
		      __entry->work ? "work" : "rtnl")
);

/* A round of standby path probes (standby.c). */
TRACE_EVENT(ibfo_standby,
	    TP_PROTO(const struct net_device *master, unsigned int neighbours,
		     unsigned int probes),
	    TP_ARGS(master, neighbours, probes),
	    TP_STRUCT__entry(__array(char, master, IFNAMSIZ)
			     __field(unsigned int, neighbours)
			     __field(unsigned int, probes)),
	    TP_fast_assign(strscpy(__entry->master, master->name, IFNAMSIZ);
			   __entry->neighbours = neighbours;
			   __entry->probes = probes;),
	    TP_printk("%s: %u neighbours, %u probes", __entry->master,
		      __entry->neighbours, __entry->probes)
);

#endif /* _IBFO_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
