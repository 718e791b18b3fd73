# fundalloc — the two commands a fresh machine needs: `make demo` and `make test` (`make check`: the quick run).
# Both install the Debian packages they link when missing (as root; apt-get update first):
# libglpk-dev (the solver), coinor-libcbc-dev (the second backend, CBC) and libxlsxwriter-dev
# (--format xlsx).

SWIFT ?= swift
SCENARIO ?= scenarios/xianyang-baseline.yaml

.PHONY: deps test-deps bench-deps build demo test check install bench test-slurm clean

DEB_PACKAGES = libglpk-dev:/usr/include/glpk.h coinor-libcbc-dev:/usr/include/coin/Cbc_C_Interface.h \
	libxlsxwriter-dev:/usr/include/xlsxwriter.h

deps:
	@missing=""; for p in $(DEB_PACKAGES); do [ -f "$${p#*:}" ] || missing="$$missing $${p%%:*}"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

# glpsol (glpk-utils), CBC (coinor-cbc) and HiGHS (highspy) are the independent solvers the
# benchmarks compare with.
bench-deps: deps
	@command -v glpsol >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq glpk-utils)
	@command -v cbc >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq coinor-cbc)
	@python3 -c "import highspy" 2>/dev/null || pip install -q highspy

# The Swift runtime linked in statically: process start 7.7 → 4.4 ms (hyperfine, --version).
# Not position-independent: the loader then has no 110,000 relative relocations to apply to the
# 92 MB binary (`--version` 12.3 → 10.8 ms, 839 → 602 page faults; perf stat, median of 21).
RELEASE = $(SWIFT) build -c release --static-swift-stdlib -Xlinker -no-pie --product fundalloc
build: deps
	$(RELEASE)

demo: build
	.build/release/fundalloc solve $(SCENARIO)

# The tests re-solve exported models with glpsol (glpk-utils).
test-deps: deps
	@command -v glpsol >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq glpk-utils)

# SwiftPM's own scratch folders and the tests' temporary files go to a private folder that is
# removed afterwards, so a test run leaves nothing in /tmp.
PRIVATE_TMPDIR = tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; TMPDIR=$$tmp

# Every test.
test: test-deps
	@$(PRIVATE_TMPDIR) $(SWIFT) test

# The quick run for development: everything but the tests tagged slow (brute force, mknap2,
# 10⁵ projects, explain re-solves, property runs, interrupts, mknapcb1).
check: test-deps
	@$(PRIVATE_TMPDIR) FUNDALLOC_QUICK=1 $(SWIFT) test

# The binary, a man page generated from the help (swift-argument-parser's generate-manual
# plugin), bash and zsh completions. The Swift runtime is linked statically: the installed
# binary needs nothing from the toolchain, which the last step checks with ldd.
PREFIX ?= /usr/local
TOOLCHAIN := $(shell dirname $$(dirname $$(readlink -f $$(command -v $(SWIFT)))))
install: deps
	$(SWIFT) package plugin generate-manual
	@# The plugin links a release build without the static runtime: link again.
	rm -f .build/release/fundalloc .build/*/release/fundalloc
	$(RELEASE)
	install -D -m 755 .build/release/fundalloc $(DESTDIR)$(PREFIX)/bin/fundalloc
	install -D -m 644 .build/plugins/GenerateManual/outputs/fundalloc/fundalloc.1 $(DESTDIR)$(PREFIX)/share/man/man1/fundalloc.1
	mkdir -p $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions
	.build/release/fundalloc --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/fundalloc
	.build/release/fundalloc --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_fundalloc
	@if ldd $(DESTDIR)$(PREFIX)/bin/fundalloc | grep -F "$(TOOLCHAIN)"; then \
		echo "the installed binary loads libraries from the Swift toolchain ($(TOOLCHAIN))"; exit 1; fi
	@echo "installed fundalloc in $(DESTDIR)$(PREFIX) (ldd: nothing from $(TOOLCHAIN))"

bench: bench-deps build
	python3 Benchmarks/run.py
	python3 Benchmarks/sweep.py

# A real single-node Slurm cluster on localhost (installs slurm-wlm and munge): robust as a
# 4-task job array, merged, must equal one process byte for byte. Outside `make test`.
test-slurm: deps
	scripts/slurm/test-local-cluster.sh

clean:
	rm -rf .build
