# meshkey: the two entry points are `make demo` and `make test` (see README.md).
SWIFT ?= swift
RELEASE_FLAGS = -c release --static-swift-stdlib
# cairo, libqrencode and zbar: paper sheets (MeshPaper); DejaVu fonts: the text on the sheets.
SYSTEM_PACKAGES = libgmp-dev libssl-dev pkg-config libcairo2-dev libpangocairo-1.0-0 libqrencode-dev libzbar-dev libjpeg62-turbo-dev fonts-dejavu-core fonts-wqy-microhei
# Tools the key-store tests load exported keys with (ssh-keygen -y, age-keygen -y); the paper tests
# render the PDF sheets (pdftoppm, pdfinfo) and read their QR codes with zbarimg; Docs/recryption-demo.sh checks its
# result with the openssl command; python3 runs the pty tests and the release-binary scan (objdump, binutils).
TEST_PACKAGES = openssh-client age poppler-utils zbar-tools openssl python3 binutils

.PHONY: deps build demo check lint format test test-release test-asan ct-memcheck sanitize fuzz interop bench bench-cli bench-peers bench-store ct dudect install clean portal test-portal serve-portal

## Install the system libraries the package links (Debian), if any is missing.
deps:
	@./scripts/install-packages.sh $(SYSTEM_PACKAGES)

## Release build of the CLI, Swift standard library linked statically.
build: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product meshkey

## The main job: split a fresh secret 3-of-5 and recover it (a corrupted share is named); then create a
## master profile in a throwaway store, escrow it 3 of 5, recover it into a second empty store with --expect.
demo: build
	@./scripts/demo.sh .build/release/meshkey

## The inner loop (a few minutes): the formatting check, a debug build, and the library and vector tests
## (everything but the CLI process tests, which `make test` runs).
check: deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip MeshkeyCLITests

## The code is formatted by swift-format (the toolchain's `swift format`) with .swift-format (swift-crypto's
## settings); `lint` fails on any difference, `format` rewrites the files.
lint:
	$(SWIFT) format lint --strict --parallel -r Package.swift Sources Tests Portal/Package.swift Portal/Sources Portal/Tests

format:
	$(SWIFT) format format --parallel -i -r Package.swift Sources Tests Portal/Package.swift Portal/Sources Portal/Tests

## The whole test suite (unit, vector and CLI tests) four ways, as CI runs it, after the formatting check:
## 1. debug build;
## 2. release (test-release): the library tests optimised, and the CLI tests against the very binary `make demo`
##    ships (.build/release/meshkey, built without -enable-testing: the optimizer once broke only that build);
## 3. under AddressSanitizer and LeakSanitizer (test-asan);
## 4. the memcheck half of the constant-time check (ct-memcheck), on the release meshkey-ct;
## 5. the Mesh portal's tests on SQLite and PostgreSQL (test-portal, its own package in Portal/).
test: deps lint
	@./scripts/install-packages.sh $(TEST_PACKAGES)
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	@$(MAKE) --no-print-directory test-release
	@$(MAKE) --no-print-directory test-asan
	@$(MAKE) --no-print-directory ct-memcheck
	@$(MAKE) --no-print-directory test-portal

## The suite in release mode. The shipped CLI is built exactly as `make build` builds it; the test bundle needs
## -enable-testing for its @testable imports, so it lives in its own scratch path (.build-release-tests) and runs
## the CLI tests against the shipped binary (MESHKEY_PRODUCTS_DIR).
## First, the shipped binary is scanned for the swifterror tail-call miscompile (Docs/optimizer-rethrows.md).
test-release: build
	@./scripts/install-packages.sh $(TEST_PACKAGES)
	python3 scripts/swifterror-tailcall-check.py .build/release/meshkey
	$(SWIFT) build -c release -Xswiftc -enable-testing --build-tests --scratch-path .build-release-tests
	MESHKEY_PRODUCTS_DIR=$(CURDIR)/.build/release $(SWIFT) test -c release -Xswiftc -enable-testing --skip-build \
	    --scratch-path .build-release-tests

## The test suite under AddressSanitizer and LeakSanitizer (scratch path .build-asan). Leaks in fontconfig,
## XCTest and Foundation's Data(contentsOf:) are suppressed (scripts/lsan-suppressions.txt); Swift's crash
## backtracer is off, as it reads its own stack in a way ASan reports.
test-asan: export LSAN_OPTIONS = suppressions=$(CURDIR)/scripts/lsan-suppressions.txt:print_suppressions=0
test-asan: export SWIFT_BACKTRACE = enable=no
test-asan: deps
	@./scripts/install-packages.sh $(TEST_PACKAGES)
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	$(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan

## The whole test suite under AddressSanitizer (test-asan, which CI runs too), then UndefinedBehaviorSanitizer
## (.build-ubsan), then ThreadSanitizer when the toolchain can build with it (skipped otherwise).
## swiftc refuses --sanitize=undefined (Swift has its own overflow and bounds traps, on in debug builds), so UBSan
## instruments the C code clang compiles for the package, the static inline functions of the shim headers, and
## links clang's UBSan runtime.
## TSan's runtime dies with SIGBUS under `ulimit -f`, so its pass
## skips the matrix's disk-full cases (MESHKEY_TEST_NO_FILE_LIMIT=1).
UBSAN_RUNTIME = $(firstword $(wildcard $(dir $(shell readlink -f $$(command -v swiftc)))../lib/clang/*/lib/linux))
UBSAN_FLAGS = -Xcc -fsanitize=undefined -Xcc -fno-sanitize-recover=undefined -Xlinker -L$(UBSAN_RUNTIME) \
	-Xlinker -rpath -Xlinker $(UBSAN_RUNTIME) -Xlinker -lclang_rt.ubsan_standalone-x86_64
sanitize: export LSAN_OPTIONS = suppressions=$(CURDIR)/scripts/lsan-suppressions.txt:print_suppressions=0
sanitize: export UBSAN_OPTIONS = print_stacktrace=1:halt_on_error=1
sanitize: export SWIFT_BACKTRACE = enable=no
sanitize: deps test-asan
	@./scripts/install-packages.sh $(TEST_PACKAGES)
	$(SWIFT) build --build-tests $(UBSAN_FLAGS) --scratch-path .build-ubsan
	$(SWIFT) test --skip-build $(UBSAN_FLAGS) --scratch-path .build-ubsan
	@if $(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan; then \
	    MESHKEY_TEST_NO_FILE_LIMIT=1 $(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan; \
	else echo "sanitize: this toolchain cannot build with --sanitize=thread; skipped"; fi

## Fuzzing, not run by CI (Fuzz/README.md): builds the Fuzz/ package with libFuzzer and AddressSanitizer, seeds each
## target's corpus (Fuzz/corpus/, kept between runs) from Vectors/ and library output, runs each target for
## FUZZ_SECONDS and prints its executions. A crashing input is kept under Tests/FuzzRegressions/<target>/, which
## `make test` replays, and the run fails. FUZZ_TARGETS names some of the six targets (default: all); FUZZ_RUNS
## stops a target after that many executions.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=
FUZZ_RUNS ?=
fuzz: deps
	@SWIFT=$(SWIFT) FUZZ_RUNS=$(FUZZ_RUNS) ./Fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

## Python's joserfc decrypts the JWEs of meshkey escrow entries (needs `pip install joserfc`).
interop: deps
	$(SWIFT) build --product meshkey
	python3 scripts/joserfc-interop.py .build/debug/meshkey

## In-process benchmarks (release build).
bench: deps
	$(SWIFT) build -c release --product meshkey-bench
	.build/release/meshkey-bench

## Whole-process timings of meshkey against Debian's ssss, side by side.
bench-cli: build
	@./bench/cli.sh .build/release/meshkey

## Whole-process timings of meshkey against Debian's ssss and libgfshare (gfsplit/gfcombine), 16- and 32-byte
## secrets, plus the library figures of meshkey-bench --quick.
bench-peers: build
	$(SWIFT) build -c release --product meshkey-bench
	@./bench/peers.sh .build/release/meshkey .build/release/meshkey-bench

## Key store figures: list and show with 10 000 entries, profile recover end to end.
bench-store: deps
	@./bench/store.sh 10000

## Constant-time check, in two parts (Docs/security.md section 2):
## 1. valgrind memcheck: the secret-handling code (curves, field arithmetic, Shamir split and recovery, Base32, AES-GCM,
##    key wrap, HMAC, HKDF) on secrets marked undefined with valgrind's client requests. The control (a deliberate
##    secret branch and index) must be reported; everything else must report 0 errors (scripts/ct.sh; one documented
##    suppression, scripts/ct-suppressions.supp).
## 2. the dudect timing test (make dudect): every max |t| below 4.5, and the control's leak detected. About 2 minutes.
ct: ct-memcheck
	@$(MAKE) --no-print-directory dudect

## The memcheck half of `make ct` alone (make test runs it: the regression guard of the constant-time claim).
ct-memcheck: deps
	@./scripts/install-packages.sh valgrind
	$(SWIFT) build $(RELEASE_FLAGS) --product meshkey-ct
	python3 scripts/swifterror-tailcall-check.py .build/release/meshkey-ct
	@./scripts/ct.sh .build/release/meshkey-ct

## dudect-style timing test (fixed vs random secret, Welch's t) of scalar multiplication and Shamir split and recovery;
## MEASUREMENTS=N sets the count per operation (default 10^5 for the curves, 10^6 for Shamir).
dudect: deps
	$(SWIFT) build -c release --product meshkey-bench
	.build/release/meshkey-bench --dudect $(if $(MEASUREMENTS),--measurements $(MEASUREMENTS))

## Installs the release meshkey, its man page (generated by swift-argument-parser's generate-manual plugin) and
## shell completions (bash, zsh, fish; `meshkey --generate-completion-script`) under PREFIX (default /usr/local;
## DESTDIR for staging). The man page is generated from a debug build first, so that the installed binary is the
## one `make build` makes.
PREFIX ?= /usr/local
install: deps
	$(SWIFT) package --allow-writing-to-package-directory generate-manual --configuration debug
	@$(MAKE) --no-print-directory build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	    $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 0755 .build/release/meshkey $(DESTDIR)$(PREFIX)/bin/meshkey
	install -m 0644 .build/plugins/GenerateManual/outputs/meshkey/meshkey.1 $(DESTDIR)$(PREFIX)/share/man/man1/meshkey.1
	.build/release/meshkey --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/meshkey
	.build/release/meshkey --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_meshkey
	.build/release/meshkey --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/meshkey.fish
	@echo "installed meshkey, its man page and completions under $(DESTDIR)$(PREFIX)"

## The Mesh portal (Portal/, its own package: the core's builds never build its server and database drivers).
## Release build of the server, .build/release/meshkey-portal inside Portal/.
portal: deps
	cd Portal && $(SWIFT) build $(RELEASE_FLAGS) --product meshkey-portal

## The portal's tests (debug), on SQLite and on a throwaway PostgreSQL the tests start themselves
## (Portal/scripts/throwaway-postgres.sh; Debian's postgresql package is installed if missing).
test-portal: deps
	@./scripts/install-packages.sh postgresql python3
	cd Portal && $(SWIFT) build --build-tests
	cd Portal && $(SWIFT) test --skip-build

## Serve the portal on loopback with an SQLite file, Portal/portal.sqlite (nothing else to install).
serve-portal: deps
	cd Portal && $(SWIFT) build --product meshkey-portal
	Portal/.build/debug/meshkey-portal serve --db sqlite:$(CURDIR)/Portal/portal.sqlite --listen 127.0.0.1:8080

clean:
	rm -rf .build Fuzz/.build Portal/.build
