# cglab: the two commands of the README, plus the pieces they are made of.
#   make demo   install what is missing, build in release mode, run the main job
#   make test   install what is missing, build, run every test
SWIFT ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
# Tests build in release mode (the numerical tests need the speed) with testability, in a
# build folder of their own so that they never invalidate the plain release build.
TEST_FLAGS = -c release -Xswiftc -enable-testing --scratch-path .build-test

.PHONY: all deps build demo test bench clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release

demo: build
	rm -rf runs/demo
	.build/release/cglab scripts/calibrate.lua --run-dir runs/demo

# The test runner cannot restart itself with better OpenBLAS kernels as cglab does (see
# Sources/Modules/BLASKernels.swift), so it gets the choice cglab makes.
test: deps
	$(SWIFT) build $(TEST_FLAGS)
	kernels=$$(.build-test/release/cglab -e 'io.write(os.getenv("OPENBLAS_CORETYPE") or "")'); \
	if [ -n "$$kernels" ]; then export OPENBLAS_CORETYPE="$$kernels"; fi; \
	$(SWIFT) test $(TEST_FLAGS)

bench: deps
	$(SWIFT) build -c release
	.build/release/cglab-bench $(GROUPS)

clean:
	rm -rf .build .build-test
