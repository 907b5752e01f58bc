#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boot the test guest (QEMU TCG) with our modules and run one command in it.
#
# usage: run.sh [options] [--] CMD...      run CMD (a shell command line, or
#                                           a script file) in the guest
#        run.sh [options] --shell          interactive shell on the console
# options:
#   --kernel FILE    kernel image (default: the lane's, see below)
#   --modroot DIR    DIR/lib/modules/KVER holds that kernel's modules (default /)
#   --kver KVER      its release (default: the lane's, or DIR's only one)
# Without --kernel, --kver and --modroot the guest boots the kernel lane
# $KERNEL (tools/vm/kernel.sh: 6.1, 6.12, latest; make KERNEL=NAME).
#   --ko FILE        one of our modules to install in the guest (repeatable;
#                    default: every *.ko built in the tree, or under
#                    $IBFO_KO_DIR)
#   --file SRC[:DST] also put file SRC into the guest at DST (default: the
#                    same path), symlinks as symlinks; repeatable
#   --timeout SEC    hard limit for the whole boot (default 600)
#   --mem MB         guest memory (default 1024)
#   --logdir DIR     keep console.log, out.log and dmesg.log there
#   --append ARGS    extra kernel command line
#   --disk DIR       boot the systemd guest: DIR is a disk image directory
#                    of tools/boot/image.sh (disk.img, vmlinuz, kver, the
#                    kernel's modules); the initramfs only mounts disk.img
#                    (copy-on-write: the image is never written; the
#                    guest's writes last until QEMU exits, across guest
#                    reboots) and starts systemd, which runs the command
#                    (tools/vm/harness.sh).  The guest may reboot itself;
#                    our modules are the image's (DKMS), --ko is ignored.
#   --setup FILE     with --disk: a script run once in the disk's root
#                    (chroot) before systemd starts, at the first boot
#
# Exit status: the command's, or 124 on timeout, 125 if the guest died
# without reporting one.  The guest's kernel log is checked for splats
# (WARNING, BUG, Oops, lockdep, KASAN, refcount, leaks, ...): any makes the
# exit status non-zero (126) and is printed.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
kernel="" modroot=/ kver="" timeout=600 mem=1024 logdir="" append="" shell=0
disk="" setup=""
kos=() files=()
while [ $# -gt 0 ]; do
	case $1 in
	--kernel) kernel=$2; shift 2 ;;
	--modroot) modroot=$2; shift 2 ;;
	--kver) kver=$2; shift 2 ;;
	--ko) kos+=("$2"); shift 2 ;;
	--file) files+=("$2"); shift 2 ;;
	--timeout) timeout=$2; shift 2 ;;
	--mem) mem=$2; shift 2 ;;
	--logdir) logdir=$2; shift 2 ;;
	--append) append="$append $2"; shift 2 ;;
	--shell) shell=1; shift ;;
	--disk) disk=$2; shift 2 ;;
	--setup) setup=$2; shift 2 ;;
	--) shift; break ;;
	-*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
done
[ $shell -eq 1 ] || [ $# -gt 0 ] || { echo "run.sh: no command" >&2; exit 2; }

if [ -n "$disk" ]; then
	[ -r "$disk/disk.img" ] || { echo "run.sh: no $disk/disk.img (tools/boot/image.sh)" >&2; exit 2; }
	kernel=$disk/vmlinuz modroot=$disk/modroot kver=$(cat "$disk/kver")
	# The initramfs mounts the disk; the rest is loaded by the guest's udev.
	# ext4 needs a crc32c implementation, which modules.dep does not say.
	export IBFO_INITRD_MODS="virtio_pci virtio_blk crc32c_generic? crc32c_intel? ext4"
fi
if [ -z "$kver" ] && [ -z "$kernel" ] && [ "$modroot" = / ]; then
	# The kernel lane: $KERNEL (make KERNEL=NAME), else the default.
	lane=$("$top/tools/vm/kernel.sh" env ${KERNEL:+"$KERNEL"})
	kver=$(echo "$lane" | sed -n 's/^KVER=//p')
	kernel=$(echo "$lane" | sed -n 's/^IMAGE=//p')
	modroot=$(echo "$lane" | sed -n 's/^MODROOT=//p')
fi
[ -n "$kver" ] || kver=$(ls "$modroot/lib/modules")
[ -n "$kernel" ] || kernel=/boot/vmlinuz-$kver
if [ ${#kos[@]} -eq 0 ] && [ -z "$disk" ]; then
	mapfile -t kos < <(find "${IBFO_KO_DIR:-$top/drivers}" -name '*.ko' | sort)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -n "$logdir" ] || logdir=$work
mkdir -p "$logdir"

# The command goes into the guest as /opt/ibfo/cmd, in a second cpio archive
# appended to the first (the kernel unpacks both).
[ -z "$disk" ] || kos=()
"$top/tools/vm/mkinitramfs.sh" "$kver" "$modroot" "$work/initrd" ${kos[@]+"${kos[@]}"}
mkdir -p "$work/cmd/opt/ibfo"
[ -z "$setup" ] || cp "$setup" "$work/cmd/opt/ibfo/setup"
if [ $# -eq 1 ] && [ -f "$1" ]; then
	cp "$1" "$work/cmd/opt/ibfo/cmd"
else
	printf '%s\n' "$*" > "$work/cmd/opt/ibfo/cmd"
fi
for f in "${files[@]}"; do
	dst=${f#*:}
	[ "$dst" != "$f" ] || dst=$f
	mkdir -p "$work/cmd$(dirname "$dst")"
	cp -a "${f%%:*}" "$work/cmd$dst"
done
(cd "$work/cmd" && find . | cpio -o -H newc --quiet) >> "$work/initrd"

qemu=(qemu-system-x86_64 -accel tcg,thread=multi -cpu max -smp 2 -m "$mem"
      -nodefaults -nic none -display none
      -kernel "$kernel" -initrd "$work/initrd")
# transparent_hugepage=never: Debian's kernels zero every new page
# (init_on_alloc) and a huge page fault zeroes 512 of them in one go
# without a reschedule point; under TCG on a loaded host that took over
# 20 s and tripped the soft lockup detector (Debian 13's 6.12, systemd
# faulting a huge page).  Nothing the tests check depends on THP.
cmdline="console=ttyS0 loglevel=5 log_buf_len=4M panic=-1 mitigations=off transparent_hugepage=never$append"
if [ -n "$disk" ]; then
	# snapshot=on: writes go to a temporary file QEMU drops at exit; a
	# guest reboot (a reset) keeps them.
	qemu+=(-drive "file=$disk/disk.img,format=raw,if=virtio,snapshot=on")
	cmdline="$cmdline ibforoot=/dev/vda"
else
	qemu+=(-no-reboot)
fi

if [ $shell -eq 1 ]; then
	exec "${qemu[@]}" -append "$cmdline ibfo.shell" -serial mon:stdio
fi

boot()
{
	: > "$logdir/out.log"
	timeout -k 5 "$timeout" "${qemu[@]}" -append "$cmdline" \
		-serial "file:$logdir/console.log" -serial "file:$logdir/out.log" \
		</dev/null &
	qpid=$!
	# Stream the command's output while the guest runs; tail ends with QEMU.
	tail -n +1 -f --pid=$qpid "$logdir/out.log" 2>/dev/null | tr -d '\r' |
		sed -u -n '/^@@IBFO-EXIT@@/q; /^@@IBFO-BOOTSPLAT@@/q
			/^@@IBFO-DMESG@@/,/^@@IBFO-DMESG-END@@/d; p' || true
	rc=0
	wait $qpid || rc=$?
}

# The kernel itself splatted while booting (seen rarely under TCG on a
# loaded host): not our code, but it can switch lockdep off, so boot again.
# Likewise when it died before /init ran the command (a TCG text-patching
# fault in the scheduler was seen at 1 s on 7.3): none of our modules was
# loaded yet.
for attempt in 1 2 3; do
	boot
	if grep -q '^@@IBFO-BOOTSPLAT@@' "$logdir/out.log"; then
		echo "run.sh: kernel splat during boot (attempt $attempt), booting again:" >&2
		tr -d '\r' < "$logdir/out.log" | sh "$top/tools/vm/splat.sh" 2>&1 | head -n 5 >&2
	elif [ $rc -ne 124 ] && [ $rc -ne 137 ] &&
	     ! grep -q '^@@IBFO-EXIT@@' "$logdir/out.log" &&
	     ! grep -q 'ibfo-harness: running the command' "$logdir/console.log"; then
		echo "run.sh: the kernel died while booting, before the command (attempt $attempt), booting again:" >&2
		tr -d '\r' < "$logdir/console.log" | grep -m 3 -E 'RIP:|Oops|BUG|panic' >&2
	else
		break
	fi
	cp "$logdir/console.log" "$logdir/console-bootsplat-$attempt.log"
done

# The kernel log of each boot (the systemd guest reboots: one per boot).
tr -d '\r' < "$logdir/out.log" |
	sed -n '/^@@IBFO-DMESG@@/,/^@@IBFO-\(END\|DMESG-END\)@@/p' |
	grep -v '^@@IBFO-' > "$logdir/dmesg.log"
status=$(tr -d '\r' < "$logdir/out.log" | sed -n 's/^@@IBFO-EXIT@@ //p')
if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
	echo "run.sh: guest timed out after ${timeout}s; console tail:" >&2
	tail -n 40 "$logdir/console.log" | tr -d '\r' >&2
	exit 124
fi
if [ -z "$status" ]; then
	echo "run.sh: guest died without an exit status; console tail:" >&2
	tail -n 60 "$logdir/console.log" | tr -d '\r' >&2
	exit 125
fi
if ! "$top/tools/vm/splat.sh" "$logdir/dmesg.log" "$logdir/console.log"; then
	[ "$status" -ne 0 ] || status=126
fi
exit "$status"
