# 学籍管理（离线版） — developer commands. `make run` and `make test` are the two a newcomer needs.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.setup-stamp
DIST_STAMP := $(VENV)/.dist-stamp

.PHONY: setup run test test-long lint bench dist dist-windows clean deps-run deps-test deps-dist deps-dist-windows

QM      := resources/translations/xueji_en.qm

setup: $(STAMP) $(QM)

$(QM): resources/translations/xueji_en.ts $(STAMP) | deps-run
	$(BIN)/pyside6-lrelease -silent $< -qm $@

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# System packages (resources/system/packages.toml) are checked first: installed with apt-get as
# root on Debian/Ubuntu, asked for with sudo on a terminal, otherwise named with the one command.
deps-run:
	@$(PY) tools/system_deps.py run
deps-test:
	@$(PY) tools/system_deps.py test
deps-dist:
	@$(PY) tools/system_deps.py dist
deps-dist-windows:
	@$(PY) tools/system_deps.py dist-windows
deps-dist-legacy:
	@$(PY) tools/system_deps.py dist-legacy

run: deps-run setup
	$(BIN)/xueji $(ARGS)

# The frozen build is made once when missing (tests/dist run it); `make dist` rebuilds it.
DIST_PROGRAM := dist/xueji/xueji

test: deps-test setup $(DIST_PROGRAM)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q $(PYTEST_ARGS)

$(DIST_PROGRAM):
	$(MAKE) dist

test-long: deps-test setup
	QT_QPA_PLATFORM=offscreen XUEJI_LONG=1 $(BIN)/python -m pytest -q -m slow $(PYTEST_ARGS)

# mypy reads its settings ([tool.mypy] in pyproject.toml): desktop/ and central/, strict for the core
lint: setup
	$(BIN)/ruff check desktop central tests benchmarks tools packaging
	$(BIN)/lint-imports
	$(BIN)/mypy

bench: setup
	$(BIN)/python benchmarks/run_all.py

# How the desk's costs grow, with the 50,000-pupil school (generated once into ~/.cache/xueji-bench/).
.PHONY: bench-scale
bench-scale: setup
	$(BIN)/python benchmarks/bench_scale.py 1000 5000 20000 50000

# dist/xueji/ (PyInstaller one-folder build) and, on Linux, dist/xueji_<version>_<arch>.deb.
dist: deps-dist setup $(DIST_STAMP)
	$(BIN)/python packaging/build.py

$(DIST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,dist]'
	touch $(DIST_STAMP)

# dist/windows/xueji/ (xueji.exe, xueji-cli.exe) and dist/windows/xueji-setup-<version>.exe, built on
# Linux under Wine (packaging/windows/); downloads and the Wine prefix are cached in ~/.cache/xueji-build/.
dist-windows: deps-dist-windows setup
	$(BIN)/python packaging/windows/build.py
# dist/legacy/xueji_<version>_amd64.deb for UOS 20 (glibc 2.28) and Kylin V10: packaging/legacy/.
# Built with its own CPython and PySide6 6.9, all cached under ~/.cache/xueji-build/.
.PHONY: dist-legacy deps-dist-legacy
dist-legacy: deps-dist-legacy setup
	PYTHON=$(CURDIR)/$(BIN)/python packaging/legacy/build.sh

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
