# selftest/vgreq: the XML reader on canned outputs (the proofs that the
# cases/vgreq cases can fail are rows of selftest/faults/faults.txt).
ATF_PROGS += selftest/vgreq/vgxml_test
# Kyua metadata (mk/registry.mk): the directory's, then each exception's.
TEST_METADATA.selftest/vgreq := timeout=300
# Canned XML only: no Valgrind run.
TEST_METADATA.selftest/vgreq/vgxml_test := timeout=60

# A block subject built without its FREELIKE annotation (a fault-table row).
HELPER_PROGS += selftest/vgreq/omit_freelike/vg_block_subject
OBJS.selftest/vgreq/omit_freelike/vg_block_subject := cases/vgreq/vg_subject_main.o
CFLAGS.selftest/vgreq/omit_freelike/vg_block_subject := -O1 -fno-optimize-sibling-calls -fno-ipa-icf

# kc_heap unit checks, run natively and under Valgrind by heap_test.
ATF_PROGS += selftest/vgreq/heap_test
HELPER_PROGS += selftest/vgreq/h_heap

# Skips without Valgrind, failures with a broken one (novg.c is shared with
# selftest/stackreg/novg_test).
ATF_PROGS += selftest/vgreq/novg_test
OBJS.selftest/vgreq/novg_test := selftest/vgreq/novg.o
