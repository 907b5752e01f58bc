#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make boot-check: ibfo at boot under the network managers, in systemd
# guests (QEMU TCG) booted from Debian root filesystems
# (tools/boot/image.sh) with the project's packages installed by apt and
# built by DKMS for the guest's kernel:
#   bookworm  Debian 12, the kernel of lane $KERNEL (default 6.1):
#             systemd-networkd and ifupdown at boot (ibfo@.service, the
#             ifupdown hook), bad /etc/ibfo files, a reboot, then
#             NetworkManager 1.42 (ibfo@.service + a generic connection),
#             a reboot with NetworkManager (tools/boot/bookworm.sh; 3 boots)
#   trixie    Debian 13, its own kernel: NetworkManager 1.52 with the
#             ibfo device handler, bad connections, a reboot
#             (tools/boot/trixie.sh; 2 boots)
# Prints one TAP line per check and ends with "N passed, N failed"; the
# exit status is non-zero on any failure or kernel splat (run.sh).
#
# usage: check.sh [OUTDIR]      (default .boot/check in the source tree)
#   BOOT_DEBS=DIR   the Debian 12 packages (e.g. make check's package
#                   test's); default: make deb into OUTDIR/debs-bookworm
#   BOOT_GUESTS="bookworm trixie"   which guests
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$top/.boot/check}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$top" || exit 1
guests=${BOOT_GUESTS:-bookworm trixie}
passed=0 failed=0 n=0
t_start=$SECONDS

result()	# result STATUS DESC
{
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		passed=$((passed + 1))
		echo "ok $n - $2"
	else
		failed=$((failed + 1))
		echo "not ok $n - $2"
	fi
}
finish()
{
	echo "boot-check: $((SECONDS - t_start)) s"
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}
# step DESC CMD...: a preparation step; its log in OUTDIR, shown on failure.
step()
{
	local desc=$1 log t0=$SECONDS rc=0
	shift
	log=$out/$(echo "$desc" | tr -c 'a-zA-Z0-9\n' - | tr -s -).log
	"$@" > "$log" 2>&1 || rc=$?
	[ $rc -eq 0 ] || tail -n 30 "$log" | sed 's/^/#   /'
	result $rc "$desc ($((SECONDS - t0)) s)"
	return $rc
}

echo "TAP version 13"
step "deps" tools/vm/deps.sh || finish
declare -A debs=() img=()
for g in $guests; do
	case $g in
	bookworm)
		if [ -n "$(tools/vm/kernel.sh get CHROOT "${KERNEL:-}" 2>/dev/null)" ]; then
			result 0 "bookworm guest # SKIP lane ${KERNEL}'s kernel is no Debian 12 package"
			continue
		fi
		if [ -n "${BOOT_DEBS:-}" ]; then
			debs[$g]=$BOOT_DEBS
		else
			debs[$g]=$out/debs-$g
			step "make deb (Debian 12)" tools/deb/build.sh "${debs[$g]}" || continue
		fi
		;;
	trixie)
		debs[$g]=$out/debs-$g
		step "Debian 13 build tree" tools/boot/image.sh tree trixie-build || continue
		tree=$(tail -n 1 "$out/Debian-13-build-tree.log")
		step "make deb (Debian 13, in its tree)" env DEB_TREE="$tree" \
			tools/deb/build.sh "${debs[$g]}" || continue
		;;
	*) result 1 "unknown guest $g"; continue ;;
	esac
	step "image $g" tools/boot/image.sh "$g" "${debs[$g]}" || continue
	img[$g]=$(tail -n 1 "$out/image-$g.log")
	grep '^image.sh: ' "$out/image-$g.log" | sed 's/^/# /'
	echo "# image $g: $(cat "${img[$g]}/kver"), $(du -m --apparent-size "${img[$g]}/disk.img" | cut -f1) MB" \
		"($(du -m "${img[$g]}/disk.img" | cut -f1) MB used)"
done

# boots GUEST: the boots its test expects.
boots() { case $1 in bookworm) echo 3 ;; trixie) echo 2 ;; esac; }

for g in $guests; do
	[ -n "${img[$g]:-}" ] || continue
	echo "# guest $g: booting"
	t0=$SECONDS rc=0
	tools/vm/run.sh --disk "${img[$g]}" --setup "tools/boot/$g-setup" \
		--logdir "$out/$g" --timeout 1200 --mem 1024 -- \
		"sh /opt/ibfo/tools/boot/$g.sh" > "$out/$g.out" 2> "$out/$g.err" || rc=$?
	sed 's/^/# /' "$out/$g.err"
	# The last attempt's output: run.sh boots again from the start
	# after a kernel splat while booting (its out.log is per attempt,
	# its stdout, $g.out, has every attempt).
	tr -d '\r' < "$out/$g/out.log" > "$out/$g.last" 2>/dev/null
	while IFS= read -r line; do
		case $line in
		"# ok - "*) result 0 "$g: ${line#\# ok - }" ;;
		"# not ok - "*) result 1 "$g: ${line#\# not ok - }" ;;
		"#   "*|"# == "*|"# -- "*|"# ping "*|"# boot done"*) echo "$line" ;;
		esac
	done < "$out/$g.last"
	ran=$(grep -c '^# [0-9]* checks, [0-9]* failed' "$out/$g.last")
	result "$([ "$ran" -eq "$(boots "$g")" ] && echo 0 || echo 1)" \
		"$g: every boot ran its tests ($ran of $(boots "$g"))"
	result "$([ $rc -eq 0 ] || [ $rc -eq 1 ]; echo $?)" \
		"$g: the guest powered off cleanly, no kernel splat (run.sh exit $rc)"
	echo "# guest $g: $((SECONDS - t0)) s, boots to a running system:" \
		"$(sed -n 's/^# boot done \([0-9.]*\) s after.*/\1 s/p' "$out/$g.last" | tr '\n' ' ')"
done
finish
