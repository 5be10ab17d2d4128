# Convenience entry points; the build itself is CMake (see README.md).
#   make demo   install missing packages, build, clean the sample corpus in fixtures/corpus
#   make test   install missing packages, build with -Werror, run the whole test suite
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

.PHONY: all deps build demo test clean
all: build

deps:
	@.ci/install-deps

build: deps
	cmake -S . -B $(BUILD) -DWINNOW_WERROR=ON $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j $(JOBS)

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# The demo is itself a make-based corpus build: one process per document, pattern rules,
# atomic outputs, so an interrupted run never leaves a half-written target.
DEMO_IN := $(wildcard fixtures/corpus/*.txt fixtures/corpus/*.html)
DEMO_OUT := $(patsubst fixtures/corpus/%,$(BUILD)/demo/%.txt,$(basename $(DEMO_IN)))

demo: build
	@$(MAKE) --no-print-directory demo-corpus
	@echo "winnow: cleaned $(words $(DEMO_OUT)) documents from fixtures/corpus into $(BUILD)/demo/"

.PHONY: demo-corpus
demo-corpus: $(DEMO_OUT)

$(BUILD)/demo/%.txt: fixtures/corpus/%.txt $(BUILD)/winnow
	@mkdir -p $(@D)
	$(BUILD)/winnow clean -q $< -o $@

$(BUILD)/demo/%.txt: fixtures/corpus/%.html $(BUILD)/winnow
	@mkdir -p $(@D)
	$(BUILD)/winnow clean -q $< -o $@

clean:
	rm -rf $(BUILD)
