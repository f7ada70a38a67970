#!/usr/bin/env bash
# Does the newest Pagefind release still work with this site? requirements.txt pins Pagefind below the next
# minor release because the search merge (papersite/search/merge.py) and make_deterministic read its
# undocumented index files. CI runs this before the tests: where a newer release than the pinned one is
# published, it installs that release into a virtual environment of its own (.tools/newest-pagefind, the
# rest of the requirements shared with this machine's) and runs the search tests there. It reports, and
# never fails CI: a new upstream release must not stop unrelated work landing. "passes" means the pin can
# be lifted; "fails" names the tests to read first. `check-newest-pagefind.sh 1.5.0` checks that release.
set -uo pipefail
cd "$(dirname "$0")/.."

pinned=$(python -c "from importlib.metadata import version; print(version('pagefind'))" 2>/dev/null || echo "")
newest=${1:-}
[ -n "$newest" ] || newest=$(python -m pip index versions pagefind --disable-pip-version-check 2>/dev/null \
         | sed -n 's/^pagefind (\([^)]*\)).*/\1/p' | head -1)
if [ -z "$newest" ]; then
  echo "newest Pagefind: the package index could not be asked; not checked"
  exit 0
fi
if [ "$newest" = "$pinned" ]; then
  echo "newest Pagefind: $newest, the one installed; nothing more to check"
  exit 0
fi
venv=.tools/newest-pagefind
echo "newest Pagefind: $newest (installed: ${pinned:-none}); running the search tests with it"
rm -rf "$venv"
if ! { python -m venv --system-site-packages "$venv" \
       && "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "pagefind[bin]==$newest"; }; then
  echo "newest Pagefind: $newest could not be installed; not checked"
  exit 0
fi
if "$venv/bin/python" -m pytest -q -p no:cacheprovider tests/test_search_parts.py tests/test_search.py; then
  echo "newest Pagefind: $newest passes the search tests: the pin in requirements.txt can be lifted"
else
  echo "newest Pagefind: $newest FAILS the search tests above: keep the pin until the merge reads its files"
fi
exit 0
