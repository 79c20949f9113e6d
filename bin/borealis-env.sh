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

# True in a distribution (no pom.xml at the root): nothing there is ever built.
borealis_is_distribution() {
  [ ! -f "$BOREALIS_ROOT/pom.xml" ]
}

# Builds a checkout once, when a program's classes are missing. Quiet unless it fails. In a
# distribution it never runs Maven: a missing program is an error that names it.
borealis_ensure_built() {
  local module=$1
  [ -d "$BOREALIS_ROOT/lib/$module" ] && return 0
  if borealis_is_distribution; then
    echo "borealis: this installation ($BOREALIS_ROOT) holds no $module (no lib/$module)" >&2
    exit 20
  fi
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

# Sets BOREALIS_JAR (MODULE's own jar), BOREALIS_JARS (a class path of jars only, that jar
# first: class-data sharing needs jars, not directories) and BOREALIS_ARCHIVE_DIR (where MODULE's
# class-data-sharing archives live: MODULE/target in a checkout; in a distribution a writable
# cache, ${BOREALIS_CDS_DIR:-~/.cache/borealis}/INSTALL-HASH, empty when none can be made).
# Returns 1 when MODULE has no jar (a checkout compiled but not packaged).
borealis_module_jars() {
  local module=$1 dir libs
  if [ -d "$BOREALIS_ROOT/lib/$module" ]; then
    dir="$BOREALIS_ROOT/lib/$module"
    libs=$dir
    BOREALIS_ARCHIVE_DIR=$(borealis_cache_dir) || BOREALIS_ARCHIVE_DIR=
  else
    dir="$BOREALIS_ROOT/$module/target"
    libs="$dir/lib"
    BOREALIS_ARCHIVE_DIR=$dir
  fi
  BOREALIS_JAR=$(ls "$dir"/borealis-"$module"-*.jar 2> /dev/null | head -n 1 || true)
  [ -n "$BOREALIS_JAR" ] && [ -d "$libs" ] || return 1
  local cp=$BOREALIS_JAR lib
  for lib in "$libs"/*.jar; do
    [ "$lib" = "$BOREALIS_JAR" ] || cp="$cp:$lib"
  done
  BOREALIS_JARS=$cp
}

# Prints (and creates) this installation's directory for class-data-sharing archives in a
# distribution, whose own tree may be read-only: one directory per install path, so that two
# installations never share an archive. Fails when no writable directory can be made.
borealis_cache_dir() {
  local base=${BOREALIS_CDS_DIR:-${XDG_CACHE_HOME:-${HOME:-}/.cache}/borealis}
  [ "$base" != /.cache/borealis ] || return 1
  local dir
  dir="$base/$(printf '%s' "$BOREALIS_ROOT" | cksum | cut -d ' ' -f 1)"
  mkdir -p "$dir" 2> /dev/null && [ -w "$dir" ] || return 1
  echo "$dir"
}

# Appends to the array BOREALIS_CDS_ARGS the option that maps the archive JSA when it is newer
# than JAR, or else records it at this run's exit. Only one run per build of JAR records it (a
# lock directory named after JAR's time); the others run without an archive meanwhile.
borealis_cds_archive_args() {
  local jsa=$1 jar=$2
  if [ -f "$jsa" ] && [ "$jsa" -nt "$jar" ]; then
    BOREALIS_CDS_ARGS+=(-XX:SharedArchiveFile="$jsa")
  elif mkdir "$jsa.lock.$(stat -c %Y "$jar")" 2> /dev/null; then
    rm -f "$jsa"
    BOREALIS_CDS_ARGS+=(-XX:ArchiveClassesAtExit="$jsa")
  fi
}

# JVM options tuned for short-lived command-line programs: start fast, stay small.
BOREALIS_CLI_JAVA_OPTS=${BOREALIS_CLI_JAVA_OPTS:-"-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -Xss512k"}

# Sets the array BOREALIS_CDS_ARGS to the JVM options and class path that run MODULE's
# command-line program with a class-data sharing archive of the classes it loads (about a third
# off every start of `borealis`): the first run after a build records the archive
# (MODULE.jsa in BOREALIS_ARCHIVE_DIR, see borealis_module_jars), later runs map it.
# BOREALIS_CDS=off turns it off; without a jar or a writable archive directory this uses the
# plain class path.
borealis_cli_cds_args() {
  local module=$1
  if [ "${BOREALIS_CDS:-on}" = off ] || ! borealis_module_jars "$module" || [ -z "$BOREALIS_ARCHIVE_DIR" ]; then
    BOREALIS_CDS_ARGS=(-cp "$(borealis_classpath "$module")")
    return
  fi
  # Never let the JVM's CDS messages reach stdout: scripts parse what the client prints.
  BOREALIS_CDS_ARGS=(-Xlog:cds=off,cds+dynamic=off,class+path=off -XX:+UnlockDiagnosticVMOptions
    -XX:ArchiveRelocationMode=0)
  borealis_cds_archive_args "$BOREALIS_ARCHIVE_DIR/$module.jsa" "$BOREALIS_JAR"
  BOREALIS_CDS_ARGS+=(-cp "$BOREALIS_JARS")
}
