# Sveiki: `make run` starts the kiosk on the demo pack, `make test` builds and runs every
# test, `make bench` prints the measured figures. Each installs missing Debian packages first
# (tools/setup-deps), so a fresh Debian 12 machine needs nothing else.

CC      ?= cc
B       := build
VERSION := 0.1.0
WARN    := -std=c11 -Wall -Wextra -Werror -Wno-unused-parameter -Wno-format-truncation -D_DEFAULT_SOURCE -D_GNU_SOURCE
OPT     := -O2 -g
SAN     := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

APP_SRC  := $(wildcard app/*.c)
PLAT_SRC := $(wildcard platform/*.c)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNITS    := $(patsubst tests/unit/%.c,$(B)/%,$(UNIT_SRC))
CONTENT  := $(shell find assets/content/latvia lang -type f 2>/dev/null)

# Compiler and linker flags come from pkg-config once the packages are there; the file is
# remade (and make restarts) after tools/setup-deps has run.
-include $(B)/flags.mk
$(B)/flags.mk: tools/setup-deps Makefile
	@mkdir -p $(B)
	@tools/setup-deps
	@{ echo "APP_CFLAGS := $$(pkg-config --cflags fribidi harfbuzz libunibreak md4c sqlite3 libsodium libqrencode)"; \
	   echo "APP_LIBS := $$(pkg-config --libs fribidi harfbuzz libunibreak md4c sqlite3 libsodium libqrencode) -lm"; \
	   echo "SDL_CFLAGS := $$(pkg-config --cflags sdl2 SDL2_ttf SDL2_image)"; \
	   echo "SDL_LIBS := $$(pkg-config --libs sdl2 SDL2_ttf SDL2_image)"; \
	   echo "CMOCKA_LIBS := $$(pkg-config --libs cmocka)"; } > $@.tmp && mv $@.tmp $@

.PHONY: all run test bench clean unit golden
all: $(B)/sveiki $(B)/sveikictl $(B)/demo.pack

APP_OBJ  := $(patsubst app/%.c,$(B)/app/%.o,$(APP_SRC))
PLAT_OBJ := $(patsubst platform/%.c,$(B)/platform/%.o,$(PLAT_SRC))
SAN_APP  := $(patsubst app/%.c,$(B)/san/app/%.o,$(APP_SRC))
SAN_PLAT := $(patsubst platform/%.c,$(B)/san/platform/%.o,$(PLAT_SRC))

$(B)/app/%.o: app/%.c $(wildcard app/*.h) | $(B)/flags.mk
	@mkdir -p $(@D)
	@echo "  CC  $@"; $(CC) $(WARN) $(OPT) $(APP_CFLAGS) -c $< -o $@
$(B)/platform/%.o: platform/%.c $(wildcard app/*.h platform/*.h) | $(B)/flags.mk
	@mkdir -p $(@D)
	@echo "  CC  $@"; $(CC) $(WARN) $(OPT) -DSVEIKI_VERSION='"$(VERSION)"' $(APP_CFLAGS) $(SDL_CFLAGS) -c $< -o $@
$(B)/san/app/%.o: app/%.c $(wildcard app/*.h) | $(B)/flags.mk
	@mkdir -p $(@D)
	@echo "  CC  $@"; $(CC) $(WARN) $(SAN) $(APP_CFLAGS) -c $< -o $@
$(B)/san/platform/%.o: platform/%.c $(wildcard app/*.h platform/*.h) | $(B)/flags.mk
	@mkdir -p $(@D)
	@echo "  CC  $@"; $(CC) $(WARN) $(SAN) $(APP_CFLAGS) $(SDL_CFLAGS) -c $< -o $@

$(B)/sveiki: $(PLAT_OBJ) $(APP_OBJ)
	@echo "  CC  $@"; $(CC) $(OPT) $^ -o $@ $(SDL_LIBS) $(APP_LIBS)
$(B)/sveikictl: tools/sveikictl.c $(APP_OBJ) | $(B)/flags.mk
	@echo "  CC  $@"; $(CC) $(WARN) $(OPT) -DSVEIKI_VERSION='"$(VERSION)"' $(APP_CFLAGS) $^ -o $@ $(APP_LIBS)
$(B)/san/sveiki: $(SAN_PLAT) $(SAN_APP)
	@echo "  CC  $@"; $(CC) $(SAN) $^ -o $@ $(SDL_LIBS) $(APP_LIBS)
$(B)/san/sveikictl: tools/sveikictl.c $(SAN_APP) | $(B)/flags.mk
	@echo "  CC  $@"; $(CC) $(WARN) $(SAN) $(APP_CFLAGS) $^ -o $@ $(APP_LIBS)

# the demo content pack, built from the sources like any operator's pack
$(B)/demo.pack: $(B)/sveikictl $(CONTENT) assets/icons/names.txt
	$(B)/sveikictl pack build assets/content/latvia -o $@

# unit tests link the sanitizer build of app/, so every `make test` runs ASan and UBSan
$(B)/test_%: tests/unit/test_%.c tests/unit/fake_measurer.h $(SAN_APP) | $(B)/flags.mk
	@echo "  CC  $@"; $(CC) $(WARN) $(SAN) $(APP_CFLAGS) $< $(SAN_APP) -o $@ $(APP_LIBS) $(CMOCKA_LIBS)
$(B)/imgdiff: tests/imgdiff.c | $(B)/flags.mk
	@echo "  CC  $@"; $(CC) $(WARN) $(OPT) $(SDL_CFLAGS) $< -o $@ $(SDL_LIBS)
$(B)/layout_check: tests/layout_check.c $(SAN_PLAT) $(SAN_APP)
	@echo "  CC  $@"; $(CC) $(WARN) $(SAN) $(APP_CFLAGS) $(SDL_CFLAGS) $< $(filter-out $(B)/san/platform/main.o,$(SAN_PLAT)) $(SAN_APP) -o $@ $(SDL_LIBS) $(APP_LIBS)
$(B)/bench: tests/bench/bench.c $(PLAT_OBJ) $(APP_OBJ)
	@echo "  CC  $@"; $(CC) $(WARN) $(OPT) $(APP_CFLAGS) $(SDL_CFLAGS) $< $(filter-out $(B)/platform/main.o,$(PLAT_OBJ)) $(APP_OBJ) -o $@ $(SDL_LIBS) $(APP_LIBS)

unit: $(UNITS)

test: all unit $(B)/san/sveiki $(B)/san/sveikictl $(B)/imgdiff $(B)/layout_check
	@tests/run.sh

run: all
	$(B)/sveiki --data $(B)/data

bench: all $(B)/bench
	@tests/bench/run.sh

clean:
	rm -rf $(B)

# After a reviewed change to the screens: copy the screenshots of the last `make test` over
# the references. Look at every image in tests/golden/ before committing.
golden:
	find $(B)/test-out -name '*.png' ! -name 'diff-*' -exec cp {} tests/golden/ \;
