// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo: IP failover and multipathing over IPoIB - iproute2 plugin.
 *
 * "ip link add/set ... type ibfo OPTIONS" and the ibfo master and slave
 * attributes in "ip -d [-j] link show".  ip loads link_ibfo.so for the
 * "ibfo" kind and link_ibfo_slave.so for "ibfo_slave": both are this file,
 * which defines ibfo_link_util and ibfo_slave_link_util.
 *
 * Built against the headers of exactly the installed iproute2: struct
 * link_util is no stable ABI.  The helpers (invarg, print_*, ll_*) are the
 * ip binary's own, which exports them.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/if_ibfo.h>

#include "utils.h"
#include "ip_common.h"
#include "json_print.h"

static const char * const ibfo_mode_names[] = {
	[IBFO_MODE_ACTIVE_BACKUP]	= "active-backup",
	[IBFO_MODE_MULTIPATH]		= "multipath",
};

static const char * const ibfo_primary_reselect_names[] = {
	[IBFO_PRIMARY_RESELECT_ALWAYS]	= "always",
	[IBFO_PRIMARY_RESELECT_BETTER]	= "better",
	[IBFO_PRIMARY_RESELECT_FAILURE]	= "failure",
};

static const char * const ibfo_xmit_hash_names[] = {
	[IBFO_XMIT_HASH_LAYER3]		= "layer3",
	[IBFO_XMIT_HASH_LAYER34]	= "layer3+4",
};

static const char * const ibfo_slave_state_names[] = {
	[IBFO_SLAVE_STATE_DOWN]		= "down",
	[IBFO_SLAVE_STATE_GOING_UP]	= "going_up",
	[IBFO_SLAVE_STATE_BACKUP]	= "backup",
	[IBFO_SLAVE_STATE_ACTIVE]	= "active",
	[IBFO_SLAVE_STATE_GOING_DOWN]	= "going_down",
};

/* IB PortState, as in the PortInfo attribute and ib_port_state. */
static const char * const ibfo_port_state_names[] = {
	[0] = "UNKNOWN",
	[1] = "DOWN",
	[2] = "INIT",
	[3] = "ARMED",
	[4] = "ACTIVE",
	[5] = "ACTIVE_DEFER",
};

static void ibfo_print_explain(FILE *f)
{
	fprintf(f,
		"Usage: ... ibfo [ mode MODE ]\n"
		"\t\t[ primary IFNAME | noprimary ]\n"
		"\t\t[ primary_reselect RESELECT ]\n"
		"\t\t[ updelay MS ] [ downdelay MS ]\n"
		"\t\t[ peer_notify_count COUNT ]\n"
		"\t\t[ peer_notify_interval MS ]\n"
		"\t\t[ xmit_hash_policy HASH ] [ rx_balance { on | off } ]\n"
		"\t\t[ peer_discovery { on | off } ]\n"
		"\n"
		"MODE := active-backup | multipath\n"
		"RESELECT := always | better | failure\n"
		"HASH := layer3 | layer3+4\n"
		"MS := milliseconds\n"
		"\n"
		"The mode can only change while the device has no slave.  The\n"
		"primary is an IPoIB device of the same namespace, a slave or\n"
		"one to be enslaved.  MODE, RESELECT and HASH may also be given\n"
		"as numbers; the kernel checks every value.\n");
}

/* Index of @arg in @names, which may also be given as a number below 256
 * (the kernel checks its range); exits with @err if it is neither.
 */
static __u8 ibfo_get_enum(const char * const *names, unsigned int n,
			  const char *err, const char *arg)
{
	unsigned int i;
	__u8 val;

	for (i = 0; i < n; i++)
		if (names[i] && strcmp(names[i], arg) == 0)
			return i;
	if (get_u8(&val, arg, 10))
		invarg(err, arg);
	return val;
}

static __u32 ibfo_get_u32(const char *name, const char *arg)
{
	__u32 val;

	if (get_u32(&val, arg, 0))
		invarg(name, arg);
	return val;
}

static int ibfo_parse_opt(struct link_util *lu, int argc, char **argv,
			  struct nlmsghdr *n)
{
	unsigned int ifindex;
	int err = 0;

	while (argc > 0) {
		if (strcmp(*argv, "mode") == 0) {
			NEXT_ARG();
			addattr8(n, 1024, IFLA_IBFO_MODE,
				 ibfo_get_enum(ibfo_mode_names,
					       ARRAY_SIZE(ibfo_mode_names),
					       "invalid mode, expected active-backup or multipath",
					       *argv));
		} else if (strcmp(*argv, "primary") == 0) {
			NEXT_ARG();
			ifindex = ll_name_to_index(*argv);
			if (!ifindex)
				return nodev(*argv);
			addattr32(n, 1024, IFLA_IBFO_PRIMARY, ifindex);
		} else if (strcmp(*argv, "noprimary") == 0) {
			addattr32(n, 1024, IFLA_IBFO_PRIMARY, 0);
		} else if (strcmp(*argv, "primary_reselect") == 0) {
			NEXT_ARG();
			addattr8(n, 1024, IFLA_IBFO_PRIMARY_RESELECT,
				 ibfo_get_enum(ibfo_primary_reselect_names,
					       ARRAY_SIZE(ibfo_primary_reselect_names),
					       "invalid primary_reselect, expected always, better or failure",
					       *argv));
		} else if (strcmp(*argv, "updelay") == 0) {
			NEXT_ARG();
			addattr32(n, 1024, IFLA_IBFO_UPDELAY,
				  ibfo_get_u32("invalid updelay", *argv));
		} else if (strcmp(*argv, "downdelay") == 0) {
			NEXT_ARG();
			addattr32(n, 1024, IFLA_IBFO_DOWNDELAY,
				  ibfo_get_u32("invalid downdelay", *argv));
		} else if (strcmp(*argv, "peer_notify_count") == 0) {
			NEXT_ARG();
			addattr32(n, 1024, IFLA_IBFO_PEER_NOTIFY_COUNT,
				  ibfo_get_u32("invalid peer_notify_count",
					       *argv));
		} else if (strcmp(*argv, "peer_notify_interval") == 0) {
			NEXT_ARG();
			addattr32(n, 1024, IFLA_IBFO_PEER_NOTIFY_INTERVAL,
				  ibfo_get_u32("invalid peer_notify_interval",
					       *argv));
		} else if (strcmp(*argv, "rx_balance") == 0) {
			NEXT_ARG();
			addattr8(n, 1024, IFLA_IBFO_RX_BALANCE,
				 parse_on_off("rx_balance", *argv, &err));
			if (err)
				return err;
		} else if (strcmp(*argv, "peer_discovery") == 0) {
			NEXT_ARG();
			addattr8(n, 1024, IFLA_IBFO_PEER_DISCOVERY,
				 parse_on_off("peer_discovery", *argv, &err));
			if (err)
				return err;
		} else if (strcmp(*argv, "xmit_hash_policy") == 0) {
			NEXT_ARG();
			addattr8(n, 1024, IFLA_IBFO_XMIT_HASH_POLICY,
				 ibfo_get_enum(ibfo_xmit_hash_names,
					       ARRAY_SIZE(ibfo_xmit_hash_names),
					       "invalid xmit_hash_policy, expected layer3 or layer3+4",
					       *argv));
		} else {
			if (strcmp(*argv, "active_slave") == 0)
				fprintf(stderr,
					"ibfo: active_slave is read-only\n");
			else if (strcmp(*argv, "help") != 0)
				fprintf(stderr, "ibfo: unknown option \"%s\"\n",
					*argv);
			ibfo_print_explain(stderr);
			return -1;
		}
		argc--;
		argv++;
	}
	return 0;
}

/* Print enum attribute @attr under @key, by name if it has one, else its
 * number under "@key_index" (as bonding does).
 */
static void ibfo_print_enum(const char *key, const char * const *names,
			    unsigned int n, struct rtattr *attr)
{
	unsigned int val = rta_getattr_u8(attr);
	char index_key[64];
	char fmt[64];

	if (val < n && names[val]) {
		snprintf(fmt, sizeof(fmt), "%s %%s ", key);
		print_string(PRINT_ANY, key, fmt, names[val]);
	} else {
		snprintf(index_key, sizeof(index_key), "%s_index", key);
		snprintf(fmt, sizeof(fmt), "%s %%u ", key);
		print_uint(PRINT_ANY, index_key, fmt, val);
	}
}

/* Print the interface in u32 attribute @attr under @key, unless it is 0
 * (none).
 */
static void ibfo_print_ifindex(const char *key, struct rtattr *attr)
{
	unsigned int ifindex = rta_getattr_u32(attr);
	char fmt[64];

	if (!ifindex)
		return;
	snprintf(fmt, sizeof(fmt), "%s %%s ", key);
	print_string(PRINT_ANY, key, fmt, ll_index_to_name(ifindex));
}

static void ibfo_print_u32(const char *key, struct rtattr *attr)
{
	char fmt[64];

	snprintf(fmt, sizeof(fmt), "%s %%u ", key);
	print_uint(PRINT_ANY, key, fmt, rta_getattr_u32(attr));
}

static void ibfo_print_opt(struct link_util *lu, FILE *f, struct rtattr *tb[])
{
	if (!tb)
		return;

	if (tb[IFLA_IBFO_MODE])
		ibfo_print_enum("mode", ibfo_mode_names,
				ARRAY_SIZE(ibfo_mode_names), tb[IFLA_IBFO_MODE]);
	if (tb[IFLA_IBFO_PRIMARY])
		ibfo_print_ifindex("primary", tb[IFLA_IBFO_PRIMARY]);
	if (tb[IFLA_IBFO_PRIMARY_RESELECT])
		ibfo_print_enum("primary_reselect", ibfo_primary_reselect_names,
				ARRAY_SIZE(ibfo_primary_reselect_names),
				tb[IFLA_IBFO_PRIMARY_RESELECT]);
	if (tb[IFLA_IBFO_UPDELAY])
		ibfo_print_u32("updelay", tb[IFLA_IBFO_UPDELAY]);
	if (tb[IFLA_IBFO_DOWNDELAY])
		ibfo_print_u32("downdelay", tb[IFLA_IBFO_DOWNDELAY]);
	if (tb[IFLA_IBFO_PEER_NOTIFY_COUNT])
		ibfo_print_u32("peer_notify_count",
			       tb[IFLA_IBFO_PEER_NOTIFY_COUNT]);
	if (tb[IFLA_IBFO_PEER_NOTIFY_INTERVAL])
		ibfo_print_u32("peer_notify_interval",
			       tb[IFLA_IBFO_PEER_NOTIFY_INTERVAL]);
	if (tb[IFLA_IBFO_ACTIVE_SLAVE])
		ibfo_print_ifindex("active_slave", tb[IFLA_IBFO_ACTIVE_SLAVE]);
	if (tb[IFLA_IBFO_XMIT_HASH_POLICY])
		ibfo_print_enum("xmit_hash_policy", ibfo_xmit_hash_names,
				ARRAY_SIZE(ibfo_xmit_hash_names),
				tb[IFLA_IBFO_XMIT_HASH_POLICY]);
	if (tb[IFLA_IBFO_RX_BALANCE])
		print_on_off(PRINT_ANY, "rx_balance", "rx_balance %s ",
			     rta_getattr_u8(tb[IFLA_IBFO_RX_BALANCE]));
	if (tb[IFLA_IBFO_PEER_DISCOVERY])
		print_on_off(PRINT_ANY, "peer_discovery", "peer_discovery %s ",
			     rta_getattr_u8(tb[IFLA_IBFO_PEER_DISCOVERY]));
}

static void ibfo_print_help(struct link_util *lu, int argc, char **argv,
			    FILE *f)
{
	ibfo_print_explain(f);
}

struct link_util ibfo_link_util = {
	.id		= "ibfo",
	.maxattr	= IFLA_IBFO_MAX,
	.parse_opt	= ibfo_parse_opt,
	.print_opt	= ibfo_print_opt,
	.print_help	= ibfo_print_help,
};

static void ibfo_slave_print_explain(FILE *f)
{
	fprintf(f,
		"Usage: ... ibfo_slave\n"
		"\n"
		"An ibfo slave has no options: its state is read-only, shown by\n"
		"\"ip -d link show\".  Slaves are added with \"ip link set IFNAME\n"
		"master IBFO\".\n");
}

static int ibfo_slave_parse_opt(struct link_util *lu, int argc, char **argv,
				struct nlmsghdr *n)
{
	if (argc > 0 && strcmp(*argv, "help") != 0)
		fprintf(stderr, "ibfo_slave: unknown option \"%s\"\n", *argv);
	ibfo_slave_print_explain(stderr);
	return -1;
}

/* What the master sent and received through the slave, and how many
 * multipath flows it carries: "ip -d -s link show".
 */
static void ibfo_slave_print_stats(struct rtattr *tb[])
{
	static const struct {
		int type;
		const char *key;
	} counters[] = {
		{ IFLA_IBFO_SLAVE_TX_PACKETS,	"tx_packets" },
		{ IFLA_IBFO_SLAVE_TX_BYTES,	"tx_bytes" },
		{ IFLA_IBFO_SLAVE_RX_PACKETS,	"rx_packets" },
		{ IFLA_IBFO_SLAVE_RX_BYTES,	"rx_bytes" },
	};
	char fmt[64];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(counters); i++) {
		if (!tb[counters[i].type])
			continue;
		snprintf(fmt, sizeof(fmt), "%s %%llu ", counters[i].key);
		print_u64(PRINT_ANY, counters[i].key, fmt,
			  rta_getattr_u64(tb[counters[i].type]));
	}
	if (tb[IFLA_IBFO_SLAVE_FLOWS])
		ibfo_print_u32("flows", tb[IFLA_IBFO_SLAVE_FLOWS]);
}

static void ibfo_slave_print_opt(struct link_util *lu, FILE *f,
				 struct rtattr *tb[])
{
	if (!tb)
		return;

	if (tb[IFLA_IBFO_SLAVE_STATE])
		ibfo_print_enum("state", ibfo_slave_state_names,
				ARRAY_SIZE(ibfo_slave_state_names),
				tb[IFLA_IBFO_SLAVE_STATE]);
	if (tb[IFLA_IBFO_SLAVE_IB_DEV])
		print_string(PRINT_ANY, "ib_dev", "ib_dev %s ",
			     rta_getattr_str(tb[IFLA_IBFO_SLAVE_IB_DEV]));
	/* Port 0: no IB port has the slave's GID, so no IB event drives it,
	 * only its netdev's carrier.
	 */
	if (tb[IFLA_IBFO_SLAVE_IB_PORT]) {
		if (rta_getattr_u32(tb[IFLA_IBFO_SLAVE_IB_PORT]))
			ibfo_print_u32("ib_port", tb[IFLA_IBFO_SLAVE_IB_PORT]);
		else
			print_null(PRINT_ANY, "ib_port", "ib_port %s ", "none");
	}
	if (tb[IFLA_IBFO_SLAVE_PORT_STATE])
		ibfo_print_enum("port_state", ibfo_port_state_names,
				ARRAY_SIZE(ibfo_port_state_names),
				tb[IFLA_IBFO_SLAVE_PORT_STATE]);
	if (tb[IFLA_IBFO_SLAVE_FAILURE_COUNT])
		ibfo_print_u32("failure_count",
			       tb[IFLA_IBFO_SLAVE_FAILURE_COUNT]);
	if (tb[IFLA_IBFO_SLAVE_LAST_CHANGE])
		print_u64(PRINT_ANY, "last_change_ms", "last_change_ms %llu ",
			  rta_getattr_u64(tb[IFLA_IBFO_SLAVE_LAST_CHANGE]));
	if (show_stats)
		ibfo_slave_print_stats(tb);
}

static void ibfo_slave_print_help(struct link_util *lu, int argc, char **argv,
				  FILE *f)
{
	ibfo_slave_print_explain(f);
}

struct link_util ibfo_slave_link_util = {
	.id		= "ibfo_slave",
	.maxattr	= IFLA_IBFO_SLAVE_MAX,
	.parse_opt	= ibfo_slave_parse_opt,
	.print_opt	= ibfo_slave_print_opt,
	.print_help	= ibfo_slave_print_help,
};
