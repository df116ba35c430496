# The arch wing (included by the top Makefile before the module.mk files):
# which lib/arch/<arch>/ folder this build uses and, for `make ARCH=<arch>`,
# the cross compiler, the sysroot and the build tree.
#
# Every fact of an arch is in its folder: kc_arch.h (ABI facts, read by C),
# arch.mk (build facts, read here and by matrix/fetch-sysroot.sh), and the
# routines <routine>.S.  arch.mk sets, for its <arch>:
#   KC_TRIPLET.<arch>	what its gcc prints for -dumpmachine (several allowed)
#   KC_CROSS.<arch>	the Debian cross gcc prefix (<prefix>-gcc)
#   KC_DEBARCH.<arch>	the Debian arch of its libraries
#   KC_QEMU.<arch>	the qemu-user binary that runs it
#   KC_MACHINE.<arch>	uname -m there (what require.machine matches)
#   KC_MULTIARCH.<arch>	Debian's multiarch library directory, where it is
#			not the first KC_TRIPLET (i686: i386-linux-gnu)
#   KC_PKGS.<arch>	Debian packages of the build host the cross build needs
#   KC_SUITE.<arch>	Debian suite of the sysroot libraries, or
#   KC_FROMSRC.<arch>	1: no Debian libraries, built from source (static)
#   KC_CCSUITE.<arch>	the cross gcc is not in the host's suite: it is
#			extracted from this suite (matrix/fetch-cross-gcc.sh),
#			as gcc-KC_CCVER.<arch>
#   KC_VGHSUITE.<arch>	Debian suite whose valgrind.h the arch's builds use,
#			where the host's predates the arch (riscv64: sid)
#   KC_VGSUITE.<arch>	Debian suite of that arch's Valgrind, where Debian has
#			one; KC_VGPLAT.<arch> the platform of its tool
#			binaries (memcheck-<platform>): the qemu-user runs
#			(matrix/fetch-valgrind-arch.sh) and the kernel x
#			Valgrind guests (matrix/kernel/run-kernel.sh)
#
# Without ARCH on the command line the folder is the one whose KC_TRIPLET
# lists what $(CC) -dumpmachine prints (the compiler's target, not the build
# host's uname -m); an unknown target uses lib/arch/generic: no routines
# (every lib/<routine>.c fallback) and a kc_arch.h without facts.

KC_ARCH_MKS	:= $(sort $(wildcard lib/arch/*/arch.mk))
KC_ARCHES	:= $(patsubst lib/arch/%/arch.mk,%,$(KC_ARCH_MKS))
include $(KC_ARCH_MKS)

# Caches outside the tree (sysroots, the extracted loongarch64 gcc).
KC_CACHE	?= $(if $(filter 0,$(shell id -u)),/var/cache/kconform,$(HOME)/.cache/kconform)

ifeq ($(origin ARCH),command line)
ifeq ($(filter $(ARCH),$(KC_ARCHES)),)
$(error ARCH=$(ARCH): no lib/arch/$(ARCH)/arch.mk (known: $(KC_ARCHES)))
endif
# --- cross build: make ARCH=<arch> ---------------------------------------------
KC_XBUILD	:= 1
B		:= build-$(ARCH)
KC_SYSROOT	:= $(KC_CACHE)/sysroot-$(ARCH)
KC_XGCC		:= $(if $(KC_CCSUITE.$(ARCH)),$(KC_CACHE)/cross-gcc-$(ARCH)/usr/bin/$(KC_CROSS.$(ARCH))-gcc-$(KC_CCVER.$(ARCH)),$(KC_CROSS.$(ARCH))-gcc)
KC_TARGET	:= $(firstword $(KC_TRIPLET.$(ARCH)))
KC_MULTI	:= $(or $(KC_MULTIARCH.$(ARCH)),$(KC_TARGET))
# valgrind.h is arch-independent: the host's, through $(B)/inc.
ifeq ($(KC_FROMSRC.$(ARCH)),1)
# Static programs against the cross libc and the libraries built from source.
CC		:= $(KC_XGCC) -static -isystem $(KC_SYSROOT)/usr/include -isystem $(B)/inc \
		   -L$(KC_SYSROOT)/usr/lib
PKG_CONFIG	:= PKG_CONFIG_LIBDIR=$(KC_SYSROOT)/usr/lib/pkgconfig pkg-config --static
else
# Dynamic programs against the Debian libraries of the sysroot (also the
# root of `qemu-<arch> -L $(KC_SYSROOT)`).
CC		:= $(KC_XGCC) --sysroot=$(KC_SYSROOT) -isystem $(B)/inc
PKG_CONFIG	:= PKG_CONFIG_LIBDIR=$(KC_SYSROOT)/usr/lib/$(KC_MULTI)/pkgconfig:$(KC_SYSROOT)/usr/share/pkgconfig \
		   PKG_CONFIG_SYSROOT_DIR=$(KC_SYSROOT) pkg-config
endif
# The tools (result writers, comparison, leftovers check, matrix) run on the
# build host next to kyua: they stay host-built (`make`), so sqlite3 is not
# needed in the sysroot.
PKGS		:= $(filter-out sqlite3,$(PKGS))

# Before the first object: host packages, compiler, sysroot, and a check that
# the compiler targets this folder's triplet.
KC_XREADY	:= $(B)/.kc-xready
$(KC_XREADY): lib/arch/$(ARCH)/arch.mk mk/arch.mk
	@lib/tools/deps.sh $(ARCH)
	@$(if $(KC_CCSUITE.$(ARCH)),KC_CACHE=$(KC_CACHE) matrix/fetch-cross-gcc.sh $(ARCH) >/dev/null)
	@KC_CACHE=$(KC_CACHE) matrix/fetch-sysroot.sh $(ARCH) >/dev/null
	@t=$$($(KC_XGCC) -dumpmachine) && case " $(KC_TRIPLET.$(ARCH)) " in *" $$t "*) ;; \
	    *) echo "$(KC_XGCC) targets $$t, not $(KC_TRIPLET.$(ARCH)) (lib/arch/$(ARCH)/arch.mk)" >&2; exit 1;; esac
	@$(if $(KC_VGHSUITE.$(ARCH)),KC_CACHE=$(KC_CACHE) matrix/fetch-valgrind.sh $(KC_VGHSUITE.$(ARCH)) >/dev/null)
	@mkdir -p $(B)/inc && ln -sfn $(if $(KC_VGHSUITE.$(ARCH)),$(KC_CACHE)/valgrind-$(KC_VGHSUITE.$(ARCH))/root/usr/include/valgrind,/usr/include/valgrind) $(B)/inc/valgrind
	@# What a qemu-user runner needs, as sh assignments.
	@printf 'KC_ARCH=%s\nKC_QEMU=%s\nKC_SYSROOT=%s\nKC_STATIC=%s\n' $(ARCH) \
	    $(KC_QEMU.$(ARCH)) $(KC_SYSROOT) $(if $(KC_FROMSRC.$(ARCH)),1,0) > $(B)/kc-target
	@touch $@
else
# --- native build ------------------------------------------------------------
KC_TARGET	:= $(shell $(CC) -dumpmachine 2>/dev/null)
ARCH		:= $(or $(firstword $(foreach a,$(KC_ARCHES),$(if $(filter $(KC_TARGET),$(KC_TRIPLET.$(a))),$(a)))),generic)
PKG_CONFIG	?= pkg-config
KC_XREADY	:=
endif

# The ABI facts: the folder's kc_arch.h (a folder that has only an arch.mk so
# far builds with the generic one, without facts).
KC_ARCH_INC	:= $(if $(wildcard lib/arch/$(ARCH)/kc_arch.h),lib/arch/$(ARCH),lib/arch/generic)
KC_CFLAGS	+= -I$(KC_ARCH_INC) -DKC_ARCH_TRIPLET='"$(KC_TARGET)"'
# 64-bit file offsets on 32-bit targets too (no effect on 64-bit ones): a
# 32-bit readdir() without them fails with EOVERFLOW where the filesystem's
# d_off or d_ino exceed 32 bits (ext4's 64-bit hash cookies are what a 64-bit
# host kernel gives a 32-bit guest under qemu-user, Launchpad qemu #1805913).
KC_CFLAGS	+= -D_FILE_OFFSET_BITS=64
ASFLAGS		+= -I$(KC_ARCH_INC)
