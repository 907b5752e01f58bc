/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ibfo: IP failover and multipathing over IPoIB - tracepoints.
 *
 * /sys/kernel/tracing/events/ibfo/: ibfo_failover when the active slave
 * changes, ibfo_slave_state when a slave's link state changes,
 * ibfo_resteer when a multipath flow moves to another slave.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM ibfo

#if !defined(_IBFO_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _IBFO_TRACE_H

#include <linux/netdevice.h>
#include <linux/tracepoint.h>

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
	    TP_STRUCT__entry(__string(master, master->name)
			     __string(old_slave,
				      old_slave ? old_slave->name : "none")
			     __string(new_slave,
				      new_slave ? new_slave->name : "none")
			     __string(reason, reason)),
	    TP_fast_assign(__assign_str(master, master->name);
			   __assign_str(old_slave,
					old_slave ? old_slave->name : "none");
			   __assign_str(new_slave,
					new_slave ? new_slave->name : "none");
			   __assign_str(reason, reason);),
	    TP_printk("%s: %s -> %s (%s)", __get_str(master),
		      __get_str(old_slave), __get_str(new_slave),
		      __get_str(reason))
);

TRACE_EVENT(ibfo_slave_state,
	    TP_PROTO(const struct net_device *master,
		     const struct net_device *slave, u8 old_link, u8 new_link,
		     const char *cause),
	    TP_ARGS(master, slave, old_link, new_link, cause),
	    TP_STRUCT__entry(__string(master, master->name)
			     __string(slave, slave->name)
			     __field(u8, old_link)
			     __field(u8, new_link)
			     __string(cause, cause)),
	    TP_fast_assign(__assign_str(master, master->name);
			   __assign_str(slave, slave->name);
			   __entry->old_link = old_link;
			   __entry->new_link = new_link;
			   __assign_str(cause, cause);),
	    TP_printk("%s: %s %s -> %s (%s)", __get_str(master),
		      __get_str(slave), ibfo_show_link(__entry->old_link),
		      ibfo_show_link(__entry->new_link), __get_str(cause))
);

/* @old_ifindex: the slave the flow left, which may be gone already. */
TRACE_EVENT(ibfo_resteer,
	    TP_PROTO(const struct net_device *master, u32 hash,
		     int old_ifindex, const struct net_device *new_slave),
	    TP_ARGS(master, hash, old_ifindex, new_slave),
	    TP_STRUCT__entry(__string(master, master->name)
			     __field(u32, hash)
			     __field(int, old_ifindex)
			     __string(new_slave,
				      new_slave ? new_slave->name : "none")),
	    TP_fast_assign(__assign_str(master, master->name);
			   __entry->hash = hash;
			   __entry->old_ifindex = old_ifindex;
			   __assign_str(new_slave,
					new_slave ? new_slave->name : "none");),
	    TP_printk("%s: flow %08x ifindex %d -> %s", __get_str(master),
		      __entry->hash, __entry->old_ifindex,
		      __get_str(new_slave))
);

#endif /* _IBFO_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
