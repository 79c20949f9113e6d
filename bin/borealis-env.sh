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

# Sets the array BOREALIS_CDS_ARGS to the JVM options and class path that run MODULE's
# command-line program with a class-data sharing archive of the classes it loads (about a third
# off every start of `borealis`): the first run after a build records the archive
# (MODULE/target/MODULE.jsa), later runs map it. CDS needs jars, not directories, so this uses
# the module's jar. BOREALIS_CDS=off turns it off; a distribution (no target/) uses the plain
# class path.
borealis_cli_cds_args() {
  local module=$1 target="$BOREALIS_ROOT/$1/target" jar
  jar=$(ls "$target"/borealis-"$module"-*.jar 2> /dev/null | head -n 1 || true)
  if [ "${BOREALIS_CDS:-on}" = off ] || [ -z "$jar" ] || [ ! -d "$target/lib" ]; then
    BOREALIS_CDS_ARGS=(-cp "$(borealis_classpath "$module")")
    return
  fi
  local cp="$jar" lib
  for lib in "$target"/lib/*.jar; do cp="$cp:$lib"; done
  # Never let the JVM's CDS messages reach stdout: scripts parse what the client prints.
  BOREALIS_CDS_ARGS=(-Xlog:cds=off,cds+dynamic=off,class+path=off)
  local jsa="$target/$module.jsa"
  if [ -f "$jsa" ] && [ "$jsa" -nt "$jar" ]; then
    BOREALIS_CDS_ARGS+=(-XX:SharedArchiveFile="$jsa" -XX:+UnlockDiagnosticVMOptions
      -XX:ArchiveRelocationMode=0)
  elif mkdir "$jsa.lock.$(stat -c %Y "$jar")" 2> /dev/null; then
    # Only one run per build records the archive; the others run without it meanwhile.
    rm -f "$jsa"
    BOREALIS_CDS_ARGS+=(-XX:ArchiveClassesAtExit="$jsa")
  fi
  BOREALIS_CDS_ARGS+=(-cp "$cp")
}
