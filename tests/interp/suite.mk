# tests/interp/suite.mk - host unit tests of the engine's execution half
# (suites `interp` and `interp-san`): see tests/interp/test_interp.c.
TEST_SUITES += interp interp-san

INTERP_WAT := $(wildcard tests/interp/wat/*.wat)
INTERP_WASM := $(patsubst tests/interp/wat/%.wat,$(H)/interp-tests/%.wasm,$(INTERP_WAT))

$(H)/interp-tests/%.wasm: tests/interp/wat/%.wat
	@mkdir -p $(dir $@)
	$(Q)wat2wasm $< -o $@

$(H)/test_interp: tests/interp/test_interp.c $(H)/libinterp.a $(H)/libhost.a
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -o $@ $< -Wl,--start-group $(H)/libinterp.a $(H)/libhost.a \
		-Wl,--end-group -lm -lpthread

$(H)/test_interp-san: tests/interp/test_interp.c $(H)/libinterp-san.a $(H)/libhost-san.a
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) $(SANFLAGS) -o $@ $< -Wl,--start-group $(H)/libinterp-san.a \
		$(H)/libhost-san.a -Wl,--end-group -lm -lpthread

.PHONY: test-interp test-interp-san
test-interp test-interp-san: test-%: $(H)/test_% $(INTERP_WASM)
	@out=$$(timeout 300 $< $(H)/interp-tests); rc=$$?; printf '%s\n' "$$out"; \
	set -- $$(printf '%s\n' "$$out" | awk '/^counts /{print $$2, $$3, $$4}'); \
	p=$${1:-0}; f=$${2:-0}; s=$${3:-0}; \
	if [ $$rc -ne 0 ] && [ $$f -eq 0 ]; then f=1; fi; \
	bash tests/report.sh $* $$p $$f $$s; [ $$f -eq 0 ]
