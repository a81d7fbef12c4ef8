# What the project's scripts share (test.sh, sample-app/run.sh, test-support/soak/bin/*.sh):
#
#   source "$root/.ci/lib/common.sh"
#   install_packages nginx-light curl:curl jcmd:openjdk-17-jdk-headless
#   jar=$(sample_app_jar "$root")

# install_packages ENTRY...: installs from Debian's packages, as root or with sudo, what the
# machine lacks. An ENTRY is a package, present when dpkg has it installed, or COMMAND:PACKAGE,
# present when COMMAND is on the PATH or in /usr/sbin (a JDK or a tool installed otherwise
# counts: nothing is installed over it).
install_packages() {
  local missing=() entry
  for entry in "$@"; do
    if [[ "$entry" == *:* ]]; then
      command -v "${entry%%:*}" >/dev/null 2>&1 || [ -x "/usr/sbin/${entry%%:*}" ] || missing+=("${entry#*:}")
    else
      dpkg-query -W -f='${Status}' "$entry" 2>/dev/null | grep -q "install ok installed" || missing+=("$entry")
    fi
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  echo "Installing from Debian's packages: ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

# project_version ROOT: the version in ROOT/pom.xml, so that no script hard-codes it.
project_version() {
  python3 -c 'import sys, xml.etree.ElementTree as E
print(E.parse(sys.argv[1]).getroot().findtext("{http://maven.apache.org/POM/4.0.0}version"))' "$1/pom.xml"
}

# sample_app_jar ROOT: the sample application's executable jar, as the build names it
# (spring-boot-maven-plugin's repackage with the classifier exec, sample-app/pom.xml).
sample_app_jar() {
  echo "$1/sample-app/target/download-healthcheck-sample-app-$(project_version "$1")-exec.jar"
}
