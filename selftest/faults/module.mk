# selftest/faults: the fault table (faults.txt, one row per conformance case:
# the fault that makes it fail) and its runner.
ATF_PROGS += selftest/faults/fault_table_test
# Kyua metadata (mk/registry.mk): every row of faults.txt, two at a time
# (373-526 s for 261 rows, 108 of them parity rows under Valgrind, on 2 cores at
# load 14-21; the timeout leaves room for a busier machine).
TEST_METADATA.selftest/faults := timeout=1800

# The runner reads the table next to itself.
all: $(B)/selftest/faults/faults.txt
$(B)/selftest/faults/faults.txt: selftest/faults/faults.txt
	@mkdir -p $(@D)
	cp $< $@

# The program list the runner enumerates is $(B)/kc-programs.txt.

# A Valgrind whose client runs under seccomp rules (the Valgrind-side rows).
HELPER_PROGS += selftest/faults/h_vg_rules

# Suppresses every Memcheck error kind (the "reports nothing" rows).
all: $(B)/selftest/faults/suppress_all.supp
$(B)/selftest/faults/suppress_all.supp: selftest/faults/suppress_all.supp
	@mkdir -p $(@D)
	cp $< $@

# Subjects with requests miswired (rows with vgreq_subject_dir=.../vg_broken),
# built like their cases/vgreq originals.
FAULT_VG_BROKEN := vg_core_subject vg_mem_subject vg_pool_subject vg_req_subject
HELPER_PROGS += $(addprefix selftest/faults/vg_broken/,$(FAULT_VG_BROKEN))
$(foreach s,$(FAULT_VG_BROKEN),$(eval OBJS.selftest/faults/vg_broken/$(s) := cases/vgreq/vg_subject_main.o))
$(foreach s,$(FAULT_VG_BROKEN),$(eval CFLAGS.selftest/faults/vg_broken/$(s) := -O1 -fno-optimize-sibling-calls -fno-ipa-icf))

# Stack subjects with STACK_REGISTER broken (always 0; lost in the raw
# encoding), built like their cases/stackreg originals.
FAULT_SR := sr_noid/h_switch sr_rawbroken/h_switch sr_rawbroken/h_pool
HELPER_PROGS += $(addprefix selftest/faults/,$(FAULT_SR))
$(foreach s,$(FAULT_SR),$(eval CFLAGS.selftest/faults/$(s) := -O1 -fno-optimize-sibling-calls))
