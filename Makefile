# Sveiki: `make run` starts the kiosk on the demo pack, `make test` builds and runs every
# test, `make bench` prints the measured figures. Each installs missing Debian packages first
# (tools/setup-deps), so a fresh Debian 12 machine needs nothing else.

# build on every core unless told otherwise (make -j1 still works)
ifeq ($(filter -j%,$(MAKEFLAGS)),)
MAKEFLAGS += -j$(shell nproc 2>/dev/null || echo 2)
endif

CC      ?= cc
B       := build
VERSION := 0.1.0
WARN    := -std=c11 -Wall -Wextra -Werror -Wno-unused-parameter -D_DEFAULT_SOURCE -D_GNU_SOURCE
INC     := -Iapp -Itools -Iplatform -DSVEIKI_VERSION='"$(VERSION)"'
OPT     := -O2 -g1
# -g1: line tables, for backtraces and the sanitizers' reports, at two thirds of -g's compile time;
# -Og: the sanitizer build in 30 % less compile time than -O1, and the tests ran as fast on it
SAN     := -Og -g1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
# UBSan's runtime linked in, not libubsan.so, whose 6 MB of globals LeakSanitizer scans at
# every exit: 4 to 7 ms of CPU less a sanitizer program's run, and the tests start some 400
SAN_LD  := -static-libubsan

# app/: the kiosk, no SDL (one folder per module); tools/builder, tools/report and tools/po: the
# pack builder, the report and their PO reader, which only the operator tool links;
# platform/sdl: the SDL backend.
APP_SRC  := $(wildcard app/*.c app/*/*.c)
BLD_SRC  := $(wildcard tools/builder/*.c tools/report/*.c tools/po/*.c tools/admin/*.c)
PLAT_SRC := $(wildcard platform/*.c platform/sdl/*.c)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNITS    := $(patsubst tests/unit/%.c,$(B)/%,$(UNIT_SRC))
CONTENT  := $(shell find assets/content/latvia lang -type f 2>/dev/null)
FIXTURE  := $(shell find tests/fixtures/pack lang -type f 2>/dev/null)

# plain `make` builds everything, not the first rule below (the flags file)
.DEFAULT_GOAL := all

# Compiler and linker flags come from pkg-config once the packages are there; the file is
# remade (and make restarts) after tools/setup-deps has run. espeak-ng and opusfile are
# compiled against but not linked: the programs open them when they first speak or play a
# recording (app/core/dl.h). LD_FAST: binutils' gold linker,
# when the compiler can use it: it links a sanitizer build's program in a third of ld.bfd's
# time, and `make test` links some fifty.
-include $(B)/flags.mk
$(B)/flags.mk: tools/setup-deps Makefile
	@mkdir -p $(B)
	@tools/setup-deps
	@{ echo "APP_CFLAGS := $$(pkg-config --cflags fribidi harfbuzz libunibreak md4c sqlite3 libsodium libqrencode libutf8proc espeak-ng opusfile)"; \
	   echo "APP_LIBS := $$(pkg-config --libs fribidi harfbuzz libunibreak sqlite3 libsodium libqrencode libutf8proc) -lm"; \
	   echo "BLD_LIBS := $$(pkg-config --libs md4c harfbuzz-subset)"; \
	   echo "SDL_CFLAGS := $$(pkg-config --cflags sdl2 SDL2_ttf SDL2_image libpng libsystemd)"; \
	   echo "SDL_LIBS := $$(pkg-config --libs sdl2 SDL2_ttf libpng libsystemd)"; \
	   echo "IMG_LIBS := $$(pkg-config --libs SDL2_image)"; \
	   echo "CMOCKA_LIBS := $$(pkg-config --libs cmocka)"; \
	   if $(CC) -fuse-ld=gold -Wl,--version >/dev/null 2>&1; then echo "LD_FAST := -fuse-ld=gold"; fi; } > $@.tmp && mv $@.tmp $@

.PHONY: all run test bench clean unit golden
all: $(B)/sveiki $(B)/sveikictl $(B)/demo.pack

# one object tree per flavour: rel (-O2) and san (ASan + UBSan, what the tests run)
obj = $(patsubst %.c,$(B)/$(1)/%.o,$(2))
# SDL's headers only where SDL is used: the platform and the programs that drive it. Without
# the intrinsics headers SDL_cpuinfo.h would include (SDL's own switches; nothing here uses
# them): on x86, 22,000 lines to parse instead of 64,000, a third of the compile time
sdl_cflags = $(if $(filter platform/% tests/layout_check% tests/bench/% tests/imgdiff%,$(1)),$(SDL_CFLAGS) -DSDL_DISABLE_IMMINTRIN_H -DSDL_DISABLE_ARM_NEON_H)

$(B)/rel/%.o: %.c | $(B)/flags.mk
	@mkdir -p $(@D)
	@echo "  CC  $@"; $(CC) $(WARN) $(OPT) $(INC) $(APP_CFLAGS) $(call sdl_cflags,$<) -MMD -MP -c $< -o $@
$(B)/san/%.o: %.c | $(B)/flags.mk
	@mkdir -p $(@D)
	@echo "  CC  $@"; $(CC) $(WARN) $(SAN) $(INC) $(APP_CFLAGS) $(call sdl_cflags,$<) -MMD -MP -c $< -o $@
-include $(shell find $(B)/rel $(B)/san -name '*.d' 2>/dev/null)
# the unit tests' own code unoptimised: about half the compile time for what runs little
# (what they test, libapp.a, keeps -Og)
$(B)/san/tests/unit/%.o: SAN := $(filter-out -Og,$(SAN)) -O0

# archives: a program links only the objects it uses
define archives
$(B)/$(1)/libapp.a: $(call obj,$(1),$(APP_SRC))
	@echo "  AR  $$@"; rm -f $$@; $(AR) rcs $$@ $$^
$(B)/$(1)/libbuilder.a: $(call obj,$(1),$(BLD_SRC))
	@echo "  AR  $$@"; rm -f $$@; $(AR) rcs $$@ $$^
endef
$(eval $(call archives,rel))
$(eval $(call archives,san))

$(B)/sveiki: $(call obj,rel,$(PLAT_SRC)) $(B)/rel/libapp.a
	@echo "  LD  $@"; $(CC) $(OPT) $(LD_FAST) $^ -o $@ $(SDL_LIBS) $(APP_LIBS)
$(B)/sveikictl: $(B)/rel/tools/sveikictl.o $(B)/rel/libbuilder.a $(B)/rel/libapp.a
	@echo "  LD  $@"; $(CC) $(OPT) $(LD_FAST) $^ -o $@ $(BLD_LIBS) $(APP_LIBS)
$(B)/san/sveiki: $(call obj,san,$(PLAT_SRC)) $(B)/san/libapp.a
	@echo "  LD  $@"; $(CC) $(SAN) $(SAN_LD) $(LD_FAST) $^ -o $@ $(SDL_LIBS) $(APP_LIBS)
$(B)/san/sveikictl: $(B)/san/tools/sveikictl.o $(B)/san/libbuilder.a $(B)/san/libapp.a
	@echo "  LD  $@"; $(CC) $(SAN) $(SAN_LD) $(LD_FAST) $^ -o $@ $(BLD_LIBS) $(APP_LIBS)

# the demo content pack, built from the sources like any operator's pack
$(B)/demo.pack: $(B)/sveikictl $(CONTENT) assets/icons/names.txt
	$(B)/sveikictl pack build assets/content/latvia -o $@

# the fixture pack: small, stable content for the UI unit tests and the scenarios
$(B)/fixture.pack: $(B)/sveikictl $(FIXTURE) assets/icons/names.txt
	$(B)/sveikictl pack build tests/fixtures/pack -o $@

# unit tests link the sanitizer build, so every `make test` runs ASan and UBSan
$(B)/test_%: $(B)/san/tests/unit/test_%.o $(B)/san/libbuilder.a $(B)/san/libapp.a
	@echo "  LD  $@"; $(CC) $(SAN) $(SAN_LD) $(LD_FAST) $^ -o $@ $(BLD_LIBS) $(APP_LIBS) $(CMOCKA_LIBS)
$(B)/imgdiff: $(B)/rel/tests/imgdiff.o
	@echo "  LD  $@"; $(CC) $(OPT) $(LD_FAST) $^ -o $@ $(IMG_LIBS) $(SDL_LIBS)
PLAT_LIB_SRC := $(filter-out platform/sdl/main.c,$(PLAT_SRC))
# the layout of every demo page, language, width and text size: the release build, a fifth of
# the sanitizers' 20 s (the same text code runs under them in the builder's check of the demo
# pack, the scenarios and the fuzz targets)
$(B)/layout_check: $(B)/rel/tests/layout_check.o $(call obj,rel,$(PLAT_LIB_SRC)) $(B)/rel/libapp.a
	@echo "  LD  $@"; $(CC) $(OPT) $(LD_FAST) $^ -o $@ $(SDL_LIBS) $(APP_LIBS)
# kill -9 while saving feedback (sanitizer build, like the unit tests)
$(B)/crash_store: $(B)/san/tests/crash/crash_store.o $(B)/san/libapp.a
	@echo "  LD  $@"; $(CC) $(SAN) $(SAN_LD) $(LD_FAST) $^ -o $@ $(APP_LIBS)
$(B)/store_bench: $(B)/rel/tests/bench/store_bench.o $(B)/rel/libapp.a
	@echo "  LD  $@"; $(CC) $(OPT) $(LD_FAST) $^ -o $@ $(APP_LIBS)
$(B)/sync_bench: $(B)/rel/tests/bench/sync_bench.o $(B)/rel/libapp.a
	@echo "  LD  $@"; $(CC) $(OPT) $(LD_FAST) $^ -o $@ $(APP_LIBS)
$(B)/bench: $(B)/rel/tests/bench/bench.o $(call obj,rel,$(PLAT_LIB_SRC)) $(B)/rel/libapp.a
	@echo "  LD  $@"; $(CC) $(OPT) $(LD_FAST) $^ -o $@ $(SDL_LIBS) $(APP_LIBS)

unit: $(UNITS)

# axe-core, for the report's accessibility check: from the npm registry at the version
# tests/axe/package-lock.json pins, into build/axe (once; `make clean` removes it). A failed
# install stops `make test` here, loudly: the check is never skipped.
$(B)/axe/node_modules/axe-core/axe.min.js: tests/axe/package.json tests/axe/package-lock.json | $(B)/flags.mk
	@mkdir -p $(B)/axe && cp tests/axe/package.json tests/axe/package-lock.json $(B)/axe/
	@echo "  NPM $@"; cd $(B)/axe && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# `make test T=NAME[,NAME...]` runs only those groups (tests/groups/NAME.sh), built from what
# their "# needs:" lines name; without T, every group
comma := ,
test_needs = $(sort $(shell sed -n 's/^\# needs://p' $(1) 2>/dev/null))
TEST_FILES := $(if $(T),$(patsubst %,tests/groups/%.sh,$(subst $(comma), ,$(T))),$(wildcard tests/groups/*.sh))
test: $(call test_needs,$(TEST_FILES))
	@tests/run.sh $(T)

# `make run` keeps its state where the kiosk keeps it by default (RUN_STATE: answers, device
# key, packs), and the demo's office key pair beside the user's data (DEMO_OFFICE.key and
# .pub), both outside build/: `make clean` never deletes answers or keys. The key pair is made
# once and named as a demo: the kiosk seals its feedback to the .pub, and `sveikictl merge
# --key` with the .key opens it. What an older `make run` left in build/ is moved there.
RUN_STATE   := $(or $(XDG_STATE_HOME),$(HOME)/.local/state)/sveiki
DEMO_OFFICE := $(or $(XDG_DATA_HOME),$(HOME)/.local/share)/sveiki/demo-office
$(DEMO_OFFICE).pub: | $(B)/sveikictl
	@mkdir -p $(dir $@)
	@if [ -e $(B)/demo-office.key ] && [ -e $(B)/demo-office.pub ]; then \
	    mv $(B)/demo-office.key $(DEMO_OFFICE).key && mv $(B)/demo-office.pub $(DEMO_OFFICE).pub && \
	    echo "moved the demo office key pair from $(B)/ to $(DEMO_OFFICE).key and .pub"; \
	else $(B)/sveikictl keygen --seal $(DEMO_OFFICE); fi

run: all $(DEMO_OFFICE).pub
	@if [ -d $(B)/data ] && [ ! -e $(RUN_STATE) ]; then mkdir -p $(dir $(RUN_STATE)) && \
	    mv $(B)/data $(RUN_STATE) && echo "moved the kiosk's state from $(B)/data to $(RUN_STATE)"; fi
	$(B)/sveiki --data $(RUN_STATE) --office-key $(DEMO_OFFICE).pub

# with everything the test groups need: test_wall_s times the whole suite
bench: all $(B)/bench $(B)/store_bench $(B)/sync_bench $(call test_needs,$(wildcard tests/groups/*.sh))
	@tests/bench/run.sh

clean:
	rm -rf $(B)

# After a reviewed change to the screens: copy the screenshots of the last `make test`, and
# the widget dumps taken with them, over the references. Look at every image in tests/golden/
# before committing.
golden:
	find $(B)/test-out/shots \( -name '*.png' -o -name '*.json' \) -exec cp {} tests/golden/ \;
.SECONDARY:

# ---- fuzzing: one libFuzzer target per parser (tests/fuzz/fuzz_*.c), built with clang under
# ASan and UBSan from the sources the parsers need (not the screens).
# `make fuzz FUZZ_SECONDS=N` runs each for N seconds from its seeds in tests/fuzz/corpus/NAME
# and prints `fuzz NAME runs=N crashes=N`; `make test` replays the seeds and runs each briefly
# (group fuzz). All targets are linked into one program, build/fuzz/fuzz, and each is started
# through its own link to it, build/fuzz/fuzz_NAME (tests/fuzz/select.c): one link, not twelve.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
# -O0: a quarter of -O1's compile time, which `make test` pays; the targets run about half as fast
FUZZ_FLAGS   := -O0 -gline-tables-only -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
# (only what the targets link: the screens, the kiosk's rules, speech, export, merge, the
# pack's trust and the admin tools are fed by no parser the targets reach)
FUZZ_LIB_SRC := $(filter-out app/ui/% app/kiosk.c app/home.c app/script/run.c app/admin.c app/touch.c \
                  app/speech/speech.c app/sync/export.c app/sync/merge.c app/pack/trust.c,$(APP_SRC)) \
                $(filter-out tools/report/% tools/admin/%,$(BLD_SRC))
FUZZ_NAMES   := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZERS      := $(addprefix $(B)/fuzz/fuzz_,$(FUZZ_NAMES))
# a target's entry points renamed after it (fuzz_NAME_one, fuzz_NAME_init), for select.c
fuzz_rename   = $(if $(filter fuzz_%.o,$(notdir $@)),-DLLVMFuzzerTestOneInput=$(patsubst %.o,%,$(notdir $@))_one \
                -DLLVMFuzzerInitialize=$(patsubst %.o,%,$(notdir $@))_init)
$(B)/fuzz/%.o: %.c | $(B)/flags.mk
	@mkdir -p $(@D)
	@echo "  CC  $@"; $(FUZZ_CC) $(filter-out -Werror,$(WARN)) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link $(INC) -Itests -I$(B)/fuzz $(APP_CFLAGS) $(fuzz_rename) -MMD -MP -c $< -o $@
-include $(shell find $(B)/fuzz -name '*.d' 2>/dev/null)
$(B)/fuzz/libfuzz.a: $(call obj,fuzz,$(FUZZ_LIB_SRC))
	@echo "  AR  $@"; rm -f $@; ar rcs $@ $^
# the list of targets, rewritten only when it changes
$(B)/fuzz/targets.h: FORCE | $(B)/flags.mk
	@mkdir -p $(@D)
	@printf 'T(%s)\n' $(FUZZ_NAMES) > $@.tmp; if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; fi
# (the targets' objects too: made before their entry points were renamed, they would not link)
$(B)/fuzz/tests/fuzz/select.o $(patsubst %,$(B)/fuzz/tests/fuzz/fuzz_%.o,$(FUZZ_NAMES)): $(B)/fuzz/targets.h
$(B)/fuzz/fuzz: $(B)/fuzz/tests/fuzz/select.o $(patsubst %,$(B)/fuzz/tests/fuzz/fuzz_%.o,$(FUZZ_NAMES)) $(B)/fuzz/libfuzz.a
	@echo "  LD  $@"; $(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer $^ -o $@ $(BLD_LIBS) $(APP_LIBS)
$(B)/fuzz/fuzz_%: $(B)/fuzz/fuzz
	@ln -sfn fuzz $@
.PHONY: FORCE
.PHONY: fuzz fuzzers
fuzz: $(FUZZERS)
	@tests/fuzz/run.sh $(FUZZ_SECONDS)
fuzzers: $(FUZZERS)

# the kiosk under valgrind over the whole tour (group valgrind takes the short one)
.PHONY: valgrind
valgrind: $(B)/sveiki $(B)/fixture.pack
	@VALGRIND_TOUR=full tests/run.sh valgrind

# the crash suite's power cuts at every write, fsync and rename (tests/crash/test_crash.c,
# cmocka, sanitizer build); group crash runs its tests in parts on every core
$(B)/crash/test_crash: $(B)/san/tests/crash/test_crash.o $(B)/san/libbuilder.a $(B)/san/libapp.a
	@mkdir -p $(@D)
	@echo "  LD  $@"; $(CC) $(SAN) $(SAN_LD) $(LD_FAST) $^ -o $@ $(BLD_LIBS) $(APP_LIBS) $(CMOCKA_LIBS)

# ---- install: `make install [PREFIX=/usr/local] [DESTDIR=...]` -----------------------------
# PREFIX/bin: both programs; PREFIX/share/sveiki: fonts, pictograms, UI words and the demo
# pack (the programs find them from PREFIX/bin); man pages; the systemd unit and its user;
# a commented configuration at /etc/sveiki/sveiki.conf, never written over once there.
PREFIX     ?= /usr/local
SYSCONFDIR ?= /etc
BINDIR     := $(PREFIX)/bin
SHAREDIR   := $(PREFIX)/share/sveiki
MANDIR     := $(PREFIX)/share/man/man1
UNITDIR    ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d

# man pages from each program's --help and --version, with the sections in doc/*.h2m
$(B)/man/%.1: $(B)/% doc/%.h2m
	@mkdir -p $(@D)
	@echo "  MAN $@"; help2man -N -i doc/$*.h2m -o $@.tmp $(B)/$* && mv $@.tmp $@

.PHONY: install
install: all $(B)/man/sveiki.1 $(B)/man/sveikictl.1
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SHAREDIR)/assets/fonts $(DESTDIR)$(SHAREDIR)/assets/icons \
	    $(DESTDIR)$(SHAREDIR)/lang $(DESTDIR)$(MANDIR) $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSUSERSDIR) \
	    $(DESTDIR)$(SYSCONFDIR)/sveiki
	install -m 755 $(B)/sveiki $(B)/sveikictl $(DESTDIR)$(BINDIR)/
	install -m 644 $(wildcard assets/fonts/*) $(DESTDIR)$(SHAREDIR)/assets/fonts/
	install -m 644 $(wildcard assets/icons/*) $(DESTDIR)$(SHAREDIR)/assets/icons/
	install -m 644 $(wildcard lang/*.po) $(DESTDIR)$(SHAREDIR)/lang/
	install -m 644 $(B)/demo.pack etc/99-sveiki-usb.rules $(DESTDIR)$(SHAREDIR)/
	install -m 644 $(B)/man/sveiki.1 $(B)/man/sveikictl.1 $(DESTDIR)$(MANDIR)/
	sed 's|@BINDIR@|$(BINDIR)|g' etc/sveiki.service.in > $(DESTDIR)$(UNITDIR)/sveiki.service
	install -m 644 etc/sveiki-sysusers.conf $(DESTDIR)$(SYSUSERSDIR)/sveiki.conf
	@if [ -e $(DESTDIR)$(SYSCONFDIR)/sveiki/sveiki.conf ]; then \
	    echo "kept $(DESTDIR)$(SYSCONFDIR)/sveiki/sveiki.conf (the sample is $(SHAREDIR)/sveiki.conf)"; \
	else install -m 644 etc/sveiki.conf $(DESTDIR)$(SYSCONFDIR)/sveiki/sveiki.conf; fi
	install -m 644 etc/sveiki.conf $(DESTDIR)$(SHAREDIR)/sveiki.conf

# ---- arm64 (Raspberry Pi OS, Debian 12): `make cross` builds both programs and the unit
# tests for arm64 with crossbuild-essential-arm64 against Debian's arm64 packages, laid out
# once in CROSS_SYSROOT by tools/cross-sysroot (outside build/: ~500 MB that `make clean` need
# not download again); `make cross-test` runs the unit tests and a headless kiosk of that build
# under qemu-user. Neither is part of `make test` (a download, and minutes). The tests' build
# has UBSan without ASan: ASan's shadow memory does not fit qemu-user's address space.
CROSS_SYSROOT ?= $(HOME)/.cache/sveiki/arm64-sysroot
CROSS_B       := $(B)/arm64
CROSS_PC      := $(CROSS_SYSROOT)/usr/lib/aarch64-linux-gnu/pkgconfig:$(CROSS_SYSROOT)/usr/lib/pkgconfig:$(CROSS_SYSROOT)/usr/share/pkgconfig
CROSS_MAKE     = PKG_CONFIG_SYSROOT_DIR=$(CROSS_SYSROOT) PKG_CONFIG_LIBDIR=$(CROSS_PC) $(MAKE) -s --no-print-directory \
                 B=$(CROSS_B) CC="aarch64-linux-gnu-gcc --sysroot=$(CROSS_SYSROOT)" AR=aarch64-linux-gnu-ar \
                 SAN="-O1 -g -fsanitize=undefined -fno-sanitize-recover=undefined" -j$(shell nproc 2>/dev/null || echo 2)
# the loader and libraries of the sysroot; UBSan's runtime is the cross compiler's own
QEMU          := qemu-aarch64-static -L $(CROSS_SYSROOT) -E LD_LIBRARY_PATH=/usr/aarch64-linux-gnu/lib

.PHONY: cross cross-test
cross:
	@tools/setup-deps cross
	@tools/cross-sysroot $(CROSS_SYSROOT)
	+@$(CROSS_MAKE) $(CROSS_B)/sveiki $(CROSS_B)/sveikictl $(patsubst $(B)/%,$(CROSS_B)/%,$(UNITS))
	@file -b $(CROSS_B)/sveiki | cut -d, -f1-2 | sed 's|^|$(CROSS_B)/sveiki: |'

# from the checkout's root, as `make test` runs them: the packs are the host's (a pack is the
# same bytes on every architecture). Not test_crash nor test_fuzz: the power cuts (about 250
# child processes, each writing and fsyncing) and the thousands of mutated inputs take
# minutes natively and many times that under qemu; the order of writes, fsyncs and renames
# does not depend on the architecture, and the parsers the fuzzer feeds run in the others.
CROSS_UNITS := $(filter-out $(CROSS_B)/test_crash $(CROSS_B)/test_fuzz,$(patsubst $(B)/%,$(CROSS_B)/%,$(UNITS)))
cross-test: cross all $(B)/fixture.pack
	@pass=0 fail=0; for t in $(CROSS_UNITS); do \
	    if out=$$($(QEMU) $$t 2>&1); then pass=$$((pass + 1)); echo "ok    arm64 $$(basename $$t)"; \
	    else fail=$$((fail + 1)); echo "FAIL  arm64 $$(basename $$t)"; echo "$$out" | grep -E 'FAIL|ERROR|rror' | head -20 | sed 's/^/      /'; fi; \
	done; \
	printf 'tap 10 10\nexpect "Search"\n' > $(CROSS_B)/smoke.txt; \
	if out=$$(SDL_AUDIODRIVER=dummy $(QEMU) $(CROSS_B)/sveiki --headless --lang en --pack $(B)/demo.pack \
	    --data $(CROSS_B)/smoke-data --script $(CROSS_B)/smoke.txt 2>&1); then pass=$$((pass + 1)); \
	    echo "ok    arm64 sveiki: the demo pack, headless"; else fail=$$((fail + 1)); echo "FAIL  arm64 sveiki headless"; echo "$$out" | head -20; fi; \
	echo "$$pass passed, $$fail failed"; [ $$fail = 0 ]
