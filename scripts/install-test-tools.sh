#!/usr/bin/env bash
# Install what the test suite needs, where it is missing: the Python test requirements
# (pytest, Playwright, axe), Debian's Chromium (Playwright drives it; the tests never download a
# browser of their own), a Java runtime and the W3C Nu Html Checker (vnu-jar from npm, kept in
# .tools/). Safe to run again: a second run installs nothing and takes a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

VNU_VERSION=26.9.27
VNU_JAR=.tools/node_modules/vnu-jar/build/dist/vnu.jar

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then
    apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

echo "python test requirements (requirements-test.txt)"
python -m pip install --quiet --disable-pip-version-check --root-user-action=ignore -r requirements-test.txt

if [ -x /usr/bin/chromium ]; then
  echo "chromium: present"
else
  echo "chromium: installing Debian's package"
  apt_install chromium
fi

# Java before vnu-jar: the checker runs on the system java, never on a runtime it downloads.
if command -v java >/dev/null 2>&1; then
  echo "java: present"
else
  echo "java: installing Debian's default-jre-headless"
  apt_install default-jre-headless
fi

if [ -f "$VNU_JAR" ]; then
  echo "nu html checker: present"
else
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm: installing Debian's package"
    apt_install npm
  fi
  echo "nu html checker: installing vnu-jar@$VNU_VERSION from npm into .tools/"
  # --ignore-scripts: the package's postinstall would fetch a Java runtime from outside the
  # registry when it finds none; the jar itself is in the package.
  npm install --prefix .tools --no-audit --no-fund --ignore-scripts --save-exact --loglevel=error \
    "vnu-jar@$VNU_VERSION" >/dev/null
  if [ ! -f "$VNU_JAR" ]; then
    echo "nu html checker: $VNU_JAR is missing after npm install" >&2
    exit 1
  fi
fi
