# SPDX-License-Identifier: GPL-2.0
#
# ibfo: IP failover and multipath over IPoIB, and softib, the software IB
# fabric it is tested on.  Out-of-tree build; see README.md.
#
#   make                 build ibfo.ko and softib.ko against KDIR
#   make kernels         build them for every supported kernel
#   KERNEL=NAME          any target, for one supported kernel (6.1, 6.12,
#                        latest; make check: one lane)
#   make install         install them (modules_install + depmod) and the
#                        ip plugin
#   make plugin          build the ip plugin (tools/ip: "ip link ... type ibfo")
#   make check           build, static checks, every selftest in the VM
#                        on every lane, the packages, boot-check (BOOT=0:
#                        without it; DEBUG=0: without the debug lane)
#   make check T=REGEX   only the selftests whose name matches REGEX
#   make vm-run CMD=...  run one command (or script file) in the test guest
#   make shell           interactive shell in the test guest
#   make demo            the failover demonstration: ibfo vs bonding in the
#                        test guest (installs its packages on a fresh machine)
#   make bench           failover/throughput benchmarks (ibfo, bonding, team)
#                        in the test guest; QUICK=1 or bench-quick: short;
#                        bench-check: make check's strict one-boot run
#   make bench-standby   the cost of the standby probes with N=1000
#                        neighbours (N=, PORTS= peer ports, QUICK=1: no
#                        periodic round) in the test guest
#   make deb             Debian packages ibfo-dkms, softib-dkms, ibfo-tools
#                        in .deb/ (dpkg-buildpackage, lintian)
#   make deb-check       build them, install them here, use the installed
#                        modules and tools in the guest, purge them
#   make boot-check      ibfo at boot under systemd-networkd, ifupdown and
#                        NetworkManager, in systemd guests booted from
#                        Debian 12 and 13 images with the packages installed
#                        (also run by make check, beside the distro lanes)

# KERNEL=NAME picks one of the supported kernels (tools/vm/kernel.sh
# list: 6.1, 6.12, latest); without it, the running kernel if its headers
# are installed, else 6.1.  KVER/KDIR on the command line still win.
ifneq ($(KVER)$(KDIR),)
KDIR ?= $(firstword $(wildcard /lib/modules/$(KVER)/build) /usr/src/linux-headers-$(KVER))
else
# KERNEL=debug (make check's debug lane only, make stress) builds its own
# modules; the rest of the tree is built for the default kernel.
lane := $(shell tools/vm/kernel.sh env $(filter-out debug,$(KERNEL)) 2>/dev/null)
$(foreach v,$(filter KVER=% KDIR=% CHROOT=%,$(lane)),$(eval $(v)))
# Not installed (a fresh machine): only the targets that build with it
# fail, when they run; check, kernels, deb, stress and the guest targets
# install what they need first.
ifeq ($(KVER),)
no-kernel = $(shell tools/vm/kernel.sh env $(filter-out debug,$(KERNEL)) 2>&1 >/dev/null)
endif
endif
export KERNEL

# A kernel whose compiler needs another libc (latest) is built inside
# its Debian tree (tools/vm/chroot.sh), which sees none of our variables.
kbuild = $(if $(no-kernel),$(error $(no-kernel))) \
	$(if $(CHROOT),tools/vm/chroot.sh run $(CHROOT) $(CURDIR) make -j$(shell nproc),$(MAKE)) \
	-C $(KDIR) M=$(CURDIR) $(if $(W),W=$(W)) $(if $(C),C=$(C)) \
	$(if $(SOFTIB_PLANT_BUG),SOFTIB_PLANT_BUG=$(SOFTIB_PLANT_BUG))

all: modules

modules:
	+$(kbuild) modules

# Build for every supported kernel, installing what is missing:
# one line per kernel, non-zero exit on any failure.
kernels:
	@KERNEL='$(KERNEL)' tools/kernels.sh

plugin:
	$(MAKE) -C tools/ip

install: modules plugin
	+$(kbuild) modules_install
	depmod -a $(KVER)
	$(MAKE) -C tools/ip install

clean:
	+$(kbuild) clean
	$(MAKE) -C tools/ip clean

check:
	@T='$(T)' DEBUG='$(DEBUG)' BOOT='$(BOOT)' PLANT_BUG='$(PLANT_BUG)' KERNEL='$(KERNEL)' tools/check.sh

# What the guest targets need, on a fresh machine too: the guest's
# packages and the lane's kernel, then the modules and the plugin built
# by a new make, which sees that kernel.
guest-build:
	@tools/vm/deps.sh
	@$(if $(filter-out debug,$(KERNEL)),tools/vm/kernel.sh install $(KERNEL))
	@$(MAKE) --no-print-directory modules plugin

vm-run: guest-build
	@tools/vm/run.sh -- "$(CMD)"

shell: guest-build
	@tools/vm/run.sh --shell

bench: guest-build
	@QUICK='$(QUICK)' tools/bench/run.sh

bench-quick: guest-build
	@tools/bench/run.sh --quick

bench-check: guest-build
	@tools/bench/run.sh --check --out .bench/check

# The standby probes' cost at scale (tools/bench/standby_scale.sh), one
# boot; the guest's output also in .bench/standby/guest.log.
bench-standby: guest-build
	@mkdir -p .bench/standby
	@echo "bench-standby: host load before: $$(uptime)"
	@{ tools/vm/run.sh --logdir .bench/standby/vm --timeout 1200 -- \
		"sh /opt/ibfo/tools/bench/standby_scale.sh $(if $(N),-n $(N)) $(if $(PORTS),-p $(PORTS)) $(if $(filter 1,$(QUICK)),-q)"; \
		echo $$? >.bench/standby/rc; } | tee .bench/standby/guest.log
	@echo "bench-standby: host load after: $$(uptime)"
	@exit $$(cat .bench/standby/rc)

deb:
	@tools/deb/build.sh

# make check's package test alone: build, install, use in the guest, purge.
deb-check: guest-build
	@tools/deb/test.sh

# ibfo at boot in systemd guests (tools/boot/check.sh; KERNEL=: the
# Debian 12 guest's kernel lane, default 6.1); make check runs it too.
boot-check:
	@tools/boot/check.sh

# Reliability runs at full size (debug kernel; DEBUG=0: distro), with
# their figures: tools/stress/run.sh, README "Stress".
stress:
	@DEBUG='$(DEBUG)' FUZZ_COUNT='$(FUZZ_COUNT)' FUZZ_SEED='$(FUZZ_SEED)' \
		FAULT_STEP='$(FAULT_STEP)' FAULT_ROUNDS='$(FAULT_ROUNDS)' \
		FAULT_OPS='$(FAULT_OPS)' \
		FLAP_COUNT='$(FLAP_COUNT)' FLAP_SEED='$(FLAP_SEED)' \
		RACE_SECONDS='$(RACE_SECONDS)' T='$(T)' tools/stress/run.sh

demo: guest-build
	@tools/demo/demo.sh

.PHONY: all modules kernels plugin install clean check guest-build vm-run shell \
	bench bench-quick bench-check bench-standby demo deb deb-check boot-check \
	stress
