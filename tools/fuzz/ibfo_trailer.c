// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo_trailer: send IPoIB ARP frames with an ibfo discovery trailer
 * (struct ibfo_disc), well-formed or broken in one chosen way, from a
 * packet socket on an IPoIB interface.  For selftests/ibfo_peer_trailer.sh.
 *
 *   ibfo_trailer IFNAME DEST SHA SIP TIP CASE [COUNT [PORT...]]
 *
 * DEST: the 20-byte IPoIB address to send to; SHA: the ARP sender
 * address, also the port the trailer lists; SIP: the ARP sender IPv4
 * address, incremented for each of COUNT frames (default 1); TIP: the
 * target IPv4 address.  CASE is one of the names in cases[] below; a
 * "valid" trailer also lists the PORTs.  Exits 0 once every frame was
 * handed to the device.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <linux/if_arp.h>
#include <linux/if_packet.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "../../include/uapi/linux/if_ibfo.h"

#define ALEN	INFINIBAND_ALEN
#define MAXF	(sizeof(struct arphdr) + 2 * (ALEN + 4) + \
		 sizeof(struct ibfo_disc) + 10 * ALEN)

static const char *const cases[] = {
	"valid",	/* SHA and the PORTs */
	"rails",	/* SHA and a port on a subnet the receiver lacks */
	"plain",	/* no trailer at all */
	"short",	/* count 2, one address in the frame */
	"long",		/* bytes after the listed port */
	"count0",
	"count9",	/* more than IBFO_DISC_MAX_PORTS, all in the frame */
	"version",
	"reserved",
	"flags",	/* an unknown address flag */
	"qpn0",
	"qpn1",		/* the GSI QP */
	"qpnmc",	/* the multicast QPN */
	"mgid",		/* a multicast GID */
	"guid0",	/* a zero port GUID */
	"prefix",	/* SHA (in the ARP payload too) on another subnet */
	"dup",		/* SHA listed twice */
	"nosender",	/* SHA not listed */
	NULL,
};

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void parse_addr(const char *s, uint8_t *a)
{
	unsigned int v, i;
	int n;

	for (i = 0; i < ALEN; i++) {
		if (sscanf(s, "%2x%n", &v, &n) != 1 || n != 2) {
			fprintf(stderr, "bad IPoIB address\n");
			exit(2);
		}
		a[i] = v;
		s += 2;
		if (i < ALEN - 1 && *s++ != ':') {
			fprintf(stderr, "bad IPoIB address\n");
			exit(2);
		}
	}
}

/* Build frame @c for @sip into @f; return its length. */
static size_t build(uint8_t *f, const char *c, const uint8_t *sender,
		    uint32_t sip, uint32_t tip, const uint8_t (*more)[ALEN],
		    unsigned int nmore)
{
	struct arphdr *arp = (struct arphdr *)f;
	uint8_t *p = f + sizeof(*arp), *a;
	unsigned int n = 1, i;
	struct ibfo_disc *d;
	uint8_t sha[ALEN];

	memcpy(sha, sender, ALEN);
	if (!strcmp(c, "prefix"))
		sha[11] ^= 0x09;

	arp->ar_hrd = htons(ARPHRD_INFINIBAND);
	arp->ar_pro = htons(ETH_P_IP);
	arp->ar_hln = ALEN;
	arp->ar_pln = 4;
	arp->ar_op = htons(ARPOP_REQUEST);
	memcpy(p, sha, ALEN);
	memcpy(p + ALEN, &sip, 4);
	memset(p + ALEN + 4, 0, ALEN);
	memcpy(p + 2 * ALEN + 4, &tip, 4);
	p += 2 * (ALEN + 4);
	if (!strcmp(c, "plain"))
		return p - f;

	d = (struct ibfo_disc *)p;
	d->magic = htonl(IBFO_DISC_MAGIC);
	d->version = IBFO_DISC_VERSION;
	d->reserved = 0;
	if (!strcmp(c, "dup") || !strcmp(c, "rails"))
		n = 2;
	else if (!strcmp(c, "count9"))
		n = 9;
	for (i = 0; i < n; i++) {
		a = d->addr[i];
		memcpy(a, sha, ALEN);
		/* Other ports of the same host: another QPN. */
		if (!strcmp(c, "count9") || !strcmp(c, "nosender"))
			a[3] ^= i + 1;
	}
	if (!strcmp(c, "valid")) {
		for (i = 0; i < nmore; i++)
			memcpy(d->addr[n + i], more[i], ALEN);
		n += nmore;
	}
	if (!strcmp(c, "rails")) {
		d->addr[1][3] ^= 1;
		d->addr[1][11] ^= 0x09;
	}
	d->count = n;
	a = d->addr[0];
	if (!strcmp(c, "count0"))
		d->count = 0;
	else if (!strcmp(c, "short"))
		d->count = 2;
	else if (!strcmp(c, "version"))
		d->version = IBFO_DISC_VERSION + 1;
	else if (!strcmp(c, "reserved"))
		d->reserved = htons(1);
	else if (!strcmp(c, "flags"))
		a[0] |= 0x01;
	else if (!strcmp(c, "qpn0"))
		memset(a + 1, 0, 3);
	else if (!strcmp(c, "qpn1"))
		memcpy(a + 1, "\0\0\1", 3);
	else if (!strcmp(c, "qpnmc"))
		memset(a + 1, 0xff, 3);
	else if (!strcmp(c, "mgid"))
		memcpy(a + 4, "\xff\x12", 2);
	else if (!strcmp(c, "guid0"))
		memset(a + 12, 0, 8);
	p = (uint8_t *)d->addr[n];
	if (!strcmp(c, "long"))
		*p++ = 0;
	return p - f;
}

int main(int argc, char **argv)
{
	struct {
		struct sockaddr_ll sll;
		uint8_t more[ALEN];	/* sll_addr holds 8 bytes only */
	} to;
	uint8_t dest[ALEN], sha[ALEN], f[MAXF], more[IBFO_DISC_MAX_PORTS][ALEN];
	struct timespec pause = { 0, 200000 };
	uint32_t sip, tip;
	unsigned long count = 1, i;
	unsigned int nmore = 0;
	struct in_addr in;
	int fd, ifindex, k;
	size_t len;

	if (argc < 7 || argc > 8 + IBFO_DISC_MAX_PORTS - 1) {
		fprintf(stderr, "usage: %s IFNAME DEST SHA SIP TIP CASE [COUNT [PORT...]]\n",
			argv[0]);
		return 2;
	}
	for (k = 0; cases[k] && strcmp(cases[k], argv[6]); k++)
		;
	if (!cases[k]) {
		fprintf(stderr, "unknown case %s\n", argv[6]);
		return 2;
	}
	ifindex = if_nametoindex(argv[1]);
	if (!ifindex)
		die(argv[1]);
	parse_addr(argv[2], dest);
	parse_addr(argv[3], sha);
	if (!inet_aton(argv[4], &in))
		return 2;
	sip = ntohl(in.s_addr);
	if (!inet_aton(argv[5], &in))
		return 2;
	tip = in.s_addr;
	if (argc >= 8)
		count = strtoul(argv[7], NULL, 0);
	for (k = 8; k < argc; k++)
		parse_addr(argv[k], more[nmore++]);

	fd = socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_ARP));
	if (fd < 0)
		die("socket");
	memset(&to, 0, sizeof(to));
	to.sll.sll_family = AF_PACKET;
	to.sll.sll_protocol = htons(ETH_P_ARP);
	to.sll.sll_ifindex = ifindex;
	to.sll.sll_halen = ALEN;
	memcpy((uint8_t *)&to + offsetof(struct sockaddr_ll, sll_addr), dest,
	       ALEN);

	for (i = 0; i < count; i++) {
		len = build(f, argv[6], sha, htonl(sip + i), tip, more, nmore);
		while (sendto(fd, f, len, 0, (struct sockaddr *)&to,
			      sizeof(to)) < 0) {
			if (errno != ENOBUFS && errno != EAGAIN)
				die("sendto");
			nanosleep(&pause, NULL);
		}
		/* Leave the receiver's ring time to refill. */
		if (i % 32 == 31)
			nanosleep(&pause, NULL);
	}
	return 0;
}
