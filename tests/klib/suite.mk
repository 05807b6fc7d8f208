# tests/klib/suite.mk - host unit tests of klib, plain and under ASan/UBSan.
TEST_SUITES += klib klib-san

KLIB_RENAME := -fno-builtin -Dmemcpy=kl_memcpy -Dmemmove=kl_memmove -Dmemset=kl_memset \
	-Dmemcmp=kl_memcmp -Dstrlen=kl_strlen -Dstrnlen=kl_strnlen -Dstrcmp=kl_strcmp \
	-Dstrncmp=kl_strncmp -Dstrchr=kl_strchr -Dstrlcpy=kl_strlcpy
KLIB_TEST_SRCS := tests/klib/test_klib.c src/klib/printf.c src/klib/string.c src/klib/cmdline.c src/klib/chacha20.c

$(H)/test_klib: $(KLIB_TEST_SRCS) include/klib.h
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -Itests/klib/include $(HOSTCFLAGS) $(KLIB_RENAME) -o $@ $(KLIB_TEST_SRCS)

$(H)/test_klib-san: $(KLIB_TEST_SRCS) include/klib.h
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -Itests/klib/include $(HOSTCFLAGS) $(SANFLAGS) $(KLIB_RENAME) -o $@ $(KLIB_TEST_SRCS)

.PHONY: test-klib test-klib-san
test-klib test-klib-san: test-%: $(H)/test_%
	@mkdir -p build/test-results
	@$< $* build/test-results/$*.txt
