# Shared by the bin/ launchers: finds the install root, builds a checkout on first use, and
# builds the Java command line of one program. Sourced, never run.

BOREALIS_ROOT=${BOREALIS_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}

# Prints the class path of MODULE: lib/MODULE/* in a distribution, or the module's jar and
# target/lib in a checkout.
borealis_classpath() {
  local module=$1
  if [ -d "$BOREALIS_ROOT/lib/$module" ]; then
    echo "$BOREALIS_ROOT/lib/$module/*"
  else
    echo "$BOREALIS_ROOT/$module/target/classes:$BOREALIS_ROOT/$module/target/lib/*"
  fi
}

# Builds a checkout once, when a program's classes are missing. Quiet unless it fails.
borealis_ensure_built() {
  local module=$1
  [ -d "$BOREALIS_ROOT/lib/$module" ] && return 0
  [ -d "$BOREALIS_ROOT/$module/target/lib" ] && [ -d "$BOREALIS_ROOT/$module/target/classes" ] && return 0
  if ! command -v mvn > /dev/null; then
    echo "borealis: $module is not built and Maven (mvn) is not installed" >&2
    exit 20
  fi
  echo "borealis: building Borealis (first run, takes a minute)..." >&2
  local log
  log=$(mktemp)
  if ! (cd "$BOREALIS_ROOT" && mvn -B -q -DskipTests package > "$log" 2>&1); then
    cat "$log" >&2
    rm -f "$log"
    echo "borealis: the build failed" >&2
    exit 20
  fi
  rm -f "$log"
}

# JVM options tuned for short-lived command-line programs: start fast, stay small.
BOREALIS_CLI_JAVA_OPTS=${BOREALIS_CLI_JAVA_OPTS:-"-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -Xss512k"}
