#!/usr/bin/env bash
# Install what the test suite needs, where it is missing: the Python test requirements,
# Debian's Chromium (browser tests never download a browser of their own), a Java runtime
# and the W3C Nu Html Checker (vnu-jar from npm, kept in .tools/). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

VNU_VERSION=26.9.27
VNU_JAR=.tools/node_modules/vnu-jar/build/dist/vnu.jar

echo "python test requirements"
python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then
    apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if [ -x /usr/bin/chromium ]; then
  echo "chromium: present"
else
  echo "chromium: installing Debian's package"
  apt_install chromium
fi

if command -v java >/dev/null 2>&1; then
  echo "java: present"
else
  echo "java: installing Debian's default-jre-headless"
  apt_install default-jre-headless
fi

if [ -f "$VNU_JAR" ]; then
  echo "nu html checker: present"
else
  echo "nu html checker: installing vnu-jar@$VNU_VERSION from npm"
  npm install --prefix .tools --no-audit --no-fund --silent "vnu-jar@$VNU_VERSION" >/dev/null
fi
