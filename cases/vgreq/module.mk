# cases/vgreq: every Valgrind client request, in both encodings (valgrind.h
# macros and our raw sequence), asserted on Valgrind's own XML report.
#
# Config variables read by these cases (kyua -v test_suites.kconform.X=...):
#   valgrind           the Valgrind to run (default: valgrind on PATH)
#   vgreq_extra_opts   extra Valgrind options appended to every launch
#                      (selftest knob: e.g. --undef-value-errors=no)
#   vgreq_subject_dir  where to find the subjects (selftest knob: variants
#                      built without one annotation)
#   vgreq_launch_log   append one line per Valgrind launch (make bench)
#   client_msg_fault   client_msg_test's selftest knob (see its header)
VGREQ_SUBJECTS := vg_block_subject vg_pool_subject vg_mem_subject vg_core_subject \
    vg_msg_subject vg_req_subject
VGREQ_TESTS := block_test pool_test mem_test core_test client_msg_test requests_test

ATF_PROGS += $(addprefix cases/vgreq/,$(VGREQ_TESTS))
# Kyua metadata (mk/registry.mk).  Each case runs a subject under Valgrind in
# both encodings.  No required_programs: the runner decides (no valgrind on
# PATH: skip; a configured path that is not a working Valgrind: failure).
# Watchdog deadlines (lib/kc_case.h): a launch is 0.4-0.7 s on a quiet
# machine and was 1-1.5 s at load 11 on 2 cores; a case gets about 4 s per
# launch of its own plus one launch it may wait for (a shared launch another
# case makes), and no less than the default 20 s: the default for the cases
# of 2 launches, .deadline_s 30 or 40 for the few with 4 or 6.  The program
# timeout is the longest deadline + the 10 s margin, so that runners which
# take it for every case (faults, parity, kc-run) never stop a case before
# its watchdog reports (the lint checks no case's timeout exceeds it).
TEST_METADATA.cases/vgreq := timeout=50
HELPER_PROGS += $(addprefix cases/vgreq/,$(VGREQ_SUBJECTS))

# Subjects share their main() (scenario dispatch); cases share vg_case.c.
$(foreach s,$(VGREQ_SUBJECTS),$(eval OBJS.cases/vgreq/$(s) := cases/vgreq/vg_subject_main.o))
$(foreach t,$(VGREQ_TESTS),$(eval OBJS.cases/vgreq/$(t) := cases/vgreq/vg_case.o))

# Subjects: frames must name the scenario functions (no tail calls or IPA
# clones), and -O1 keeps the stack frames Valgrind reports stable.
$(foreach s,$(VGREQ_SUBJECTS),$(eval CFLAGS.cases/vgreq/$(s) := -O1 -fno-optimize-sibling-calls -fno-ipa-icf))

# client_msg_test's DWARF 5 subject: clang writes DW_FORM_addrx, as Go does
# (gcc 12 writes DW_FORM_addr); clang is in lib/tools/deps.sh.  Cross builds
# compile it with clang --target=<triplet> and the cross compiler's flags
# (sysroot, include paths) where clang has the target (clang 14: all but
# loongarch64, which keeps $(CC)'s gcc output, without DW_FORM_addrx: the
# case says so); $(CC) links it as usual.
# vg_dwarf5gcc_subject, the same source built by $(CC), is its control.
HELPER_PROGS += cases/vgreq/vg_dwarf5_subject cases/vgreq/vg_dwarf5gcc_subject
CFLAGS.cases/vgreq/vg_dwarf5_subject := -gdwarf-5
CFLAGS.cases/vgreq/vg_dwarf5gcc_subject := -gdwarf-5
# Its compiler is chosen here: a change rebuilds it.
$(B)/cases/vgreq/vg_dwarf5_subject.o: cases/vgreq/module.mk
ifndef KC_XBUILD
$(B)/cases/vgreq/vg_dwarf5_subject.o: CC := clang
else ifeq ($(shell clang --target=$(KC_TARGET) -c -x c /dev/null -o /dev/null 2>/dev/null && echo 1),1)
$(B)/cases/vgreq/vg_dwarf5_subject.o: CC := clang --target=$(KC_TARGET) -Qunused-arguments \
    $(wordlist 2,$(words $(CC)),$(CC))
endif
