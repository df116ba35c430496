# make install PREFIX=/opt/kconform [DESTDIR=...]: a self-contained,
# relocatable tree (mk/install.sh says what goes where; README, "Installing").
# make dist [ARCH=<arch>]: the release artefacts of the build tree $(B) in
# $(KC_DIST):
#   kconform-<version>-<arch>.tar.xz   the install tree rooted at / (a LAVA
#                                      overlay, a TuxRun --overlay)
#   kconform-<version>-<arch>.cpio.gz  the initramfs, /init = kc-run
# Both take the build tree and the arch from $(B) and $(ARCH) only, so a
# cross build tree works unchanged.

PREFIX		?= /opt/kconform
DESTDIR		?=
KC_DIST		?= dist
# The directory holding the conformance tree's top Kyuafile: the source's
# cases/ today; $(B)/cases once the registry generates the Kyuafiles there.
KC_KYUAROOT	?= cases
# bin/: the runner, and the tools this build tree builds (a cross build may
# leave the host-side tools out of TOOL_PROGS).
KC_INSTALL_BINS	:= matrix/kernel/kc-run $(filter lib/tools/kc-report lib/tools/kc-compare \
		   lib/tools/kc-ktap matrix/kc-sandbox,$(TOOL_PROGS))
KC_DIST_NAME	= kconform-$(KC_VERSION)-$(ARCH)

.PHONY: install dist

install: all
	@mk/install.sh -B $(B) -K $(KC_KYUAROOT) -d "$(DESTDIR)" -p $(PREFIX) \
	    $(addprefix -b ,$(KC_INSTALL_BINS))

dist: all
	@rm -rf $(B)/dist-stage && mkdir -p $(KC_DIST)
	@mk/install.sh -B $(B) -K $(KC_KYUAROOT) -d $(B)/dist-stage -p /opt/kconform \
	    $(addprefix -b ,$(KC_INSTALL_BINS)) >/dev/null
	@tar -C $(B)/dist-stage --sort=name --owner=0 --group=0 --numeric-owner \
	    -cJf $(KC_DIST)/$(KC_DIST_NAME).tar.xz .
	@rm -rf $(B)/dist-stage
	@echo "$(KC_DIST)/$(KC_DIST_NAME).tar.xz"
	@matrix/kernel/mkinitramfs.sh --build-root $(B) --out $(KC_DIST)/$(KC_DIST_NAME).cpio.gz
