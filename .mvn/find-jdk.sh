# Sourced by ./mvnw and ./leadwire: makes JAVA_HOME point at a JDK >= 21.
# Order: $JAVA_HOME if it is one, the `java` on PATH, then JDKs installed under the usual roots.
leadwire_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}
leadwire_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" \
    "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")" \
    /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(leadwire_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}
# mvnw runs with globbing off (set -f); the search needs it, in a subshell.
if ! LEADWIRE_JDK=$(set +f; leadwire_find_jdk); then
  echo "Leadwire needs a JDK 21 or newer (javac included), and none was found." >&2
  echo "Looked at \$JAVA_HOME, the javac on PATH, /usr/lib/jvm, /opt and ~/.sdkman." >&2
  echo "Install one (e.g. 'apt-get install openjdk-21-jdk-headless' or Temurin 21/25) or set JAVA_HOME to it." >&2
  exit 1
fi
export JAVA_HOME="$LEADWIRE_JDK"
