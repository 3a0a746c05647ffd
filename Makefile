# The two commands of README.md: `make run` (dashboard on the shipped sample) and `make test` (every test).
VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test venv browser-deps office-deps provider-deps deploy-deps sample bench translations

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

run: venv
	$(PY) -m sinkboard prepare-sample
	$(PY) -m sinkboard serve

# Debian's Chromium and the Noto CJK fonts, for the browser tests and the Chinese labels in them
browser-deps:
	@if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -q "Noto Sans CJK"; then \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium fonts-noto-cjk; \
	fi

# Debian's LibreOffice (Impress and Calc, without the recommended extras), for tests/test_office.py: the briefing deck and
# workbook converted to PDF as a reader's office suite opens them; the Chinese glyphs come from browser-deps' fonts
office-deps:
	@if ! command -v soffice >/dev/null || ! command -v pdftotext >/dev/null; then \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends \
			libreoffice-impress libreoffice-calc poppler-utils; \
	fi

# Node.js and npm (Debian's, when missing), then the OpenID Connect provider of the sign-on tests (tests/oidc) as its
# lock file pins it, installed again only when node_modules is missing or older than the lock file
provider-deps: tests/oidc/node_modules/.installed

tests/oidc/node_modules/.installed: tests/oidc/package.json tests/oidc/package-lock.json
	@if ! command -v node >/dev/null || ! command -v npm >/dev/null; then \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q nodejs npm; \
	fi
	npm ci --prefix tests/oidc --no-audit --no-fund
	touch $@

# Debian's nginx and openssl, for tests/test_deploy.py (nginx in front of the dashboard, run by the test itself). The
# package would start its system service on port 80 as it installs: a policy-rc.d answering 101 ("action forbidden")
# stops that, put in place only for the install when the system has none.
deploy-deps:
	@if [ ! -x /usr/sbin/nginx ] || ! command -v openssl >/dev/null; then \
		policy=/usr/sbin/policy-rc.d; placed=; \
		if [ ! -e $$policy ]; then \
			printf '#!/bin/sh\nexit 101\n' | $(SUDO) tee $$policy >/dev/null && $(SUDO) chmod 755 $$policy && placed=1; \
		fi; \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q nginx openssl; \
		status=$$?; [ -z "$$placed" ] || $(SUDO) rm -f $$policy; exit $$status; \
	fi

test: venv browser-deps office-deps provider-deps deploy-deps
	$(PY) -m pytest

# Regenerates the shipped synthetic sample (deterministic)
sample: venv
	rm -rf data/sample
	$(PY) -m sinkboard sample --out data/sample

# The message ids used in the code into sinkboard/text/locale/sinkboard.pot, and the zh and en catalogues updated from it
translations: venv
	$(PY) -m sinkboard translations

# Ingest and page timings on the synthetic sample at SCALE (10 is about 230,000 rows) beside the goals:
# benchmarks/README.md
SCALE ?= 10
bench: venv
	$(PY) -m sinkboard bench --scale $(SCALE)
