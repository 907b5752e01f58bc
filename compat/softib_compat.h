/* SPDX-License-Identifier: GPL-2.0 */
/*
 * softib: the kernel interfaces that differ between the supported kernels
 * (Linux 6.1 and later), for softib.ko.  Like ibfo_compat.h, keyed on
 * feature probes (probes/NAME.c), never on version numbers.
 *
 *  probe                   upstream  what changed
 *  linux_unaligned_h       6.12      <asm/unaligned.h> -> <linux/unaligned.h>
 *  bus_attr_const_bus      6.3       bus_attribute callbacks take a const
 *                                    struct bus_type
 *  create_cq_attr_bundle   6.11      create_cq(cq, attr, uverbs_attr_bundle)
 *  reg_user_mr_dmah        6.17      reg_user_mr(..., struct ib_dmah *, udata)
 *  hrtimer_setup           6.13      hrtimer_init() + .function ->
 *                                    hrtimer_setup()
 *  timer_delete            6.2       del_timer() -> timer_delete()
 *                                    (Debian's 6.1 has both)
 */
#ifndef _SOFTIB_COMPAT_H
#define _SOFTIB_COMPAT_H

#include "compat_autoconf.h"

#include <linux/device.h>
#include <linux/hrtimer.h>
#include <linux/timer.h>
#include <rdma/ib_verbs.h>

#ifdef HAVE_LINUX_UNALIGNED_H
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

/* The bus of a bus_attribute callback: const since 6.3. */
#ifdef HAVE_BUS_ATTR_CONST_BUS
#define compat_bus_type const struct bus_type
#else
#define compat_bus_type struct bus_type
#endif

/*
 * The last argument of ib_device_ops.create_cq: NULL for the kernel's
 * CQs, which are the only ones softib makes.
 */
#ifdef HAVE_CREATE_CQ_ATTR_BUNDLE
#define compat_create_cq_udata uverbs_attr_bundle
#else
#define compat_create_cq_udata ib_udata
#endif

/*
 * ib_device_ops.reg_user_mr is compat_softib_reg_user_mr(), of the
 * kernel's signature; it calls softib_reg_user_mr() (pd_mr.c).
 */
struct ib_mr *softib_reg_user_mr(struct ib_pd *pd);

#ifdef HAVE_REG_USER_MR_DMAH
static inline struct ib_mr *
compat_softib_reg_user_mr(struct ib_pd *pd, u64 start, u64 length,
			  u64 virt_addr, int access, struct ib_dmah *dmah,
			  struct ib_udata *udata)
{
	return softib_reg_user_mr(pd);
}
#else
static inline struct ib_mr *
compat_softib_reg_user_mr(struct ib_pd *pd, u64 start, u64 length,
			  u64 virt_addr, int access, struct ib_udata *udata)
{
	return softib_reg_user_mr(pd);
}
#endif

#ifndef HAVE_HRTIMER_SETUP
static inline void hrtimer_setup(struct hrtimer *timer,
				 enum hrtimer_restart (*function)(struct hrtimer *),
				 clockid_t clock_id, enum hrtimer_mode mode)
{
	hrtimer_init(timer, clock_id, mode);
	timer->function = function;
}
#endif

#ifndef HAVE_TIMER_DELETE
static inline int timer_delete(struct timer_list *timer)
{
	return del_timer(timer);
}

static inline int timer_delete_sync(struct timer_list *timer)
{
	return del_timer_sync(timer);
}
#endif

#endif /* _SOFTIB_COMPAT_H */
