# Shared by scripts/run, scripts/test, scripts/bench and scripts/sluice: prerequisites, build, classpath.
# Sourced, not executed.

SLUICE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

say() { printf '%s\n' "$*" >&2; }

# Install packages with the system's package manager where possible (apt on Debian/Ubuntu).
install_with_apt() {
    if ! command -v apt-get >/dev/null 2>&1; then
        return 1
    fi
    local sudo=""
    if [ "$(id -u)" != 0 ]; then
        if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else return 1; fi
    fi
    say "sluice: installing $* with apt-get"
    $sudo apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "$@" >&2
}

java_major() {
    java -version 2>&1 | head -n 1 | sed -E 's/.*version "([0-9]+)(\.[0-9]+)*.*".*/\1/; s/^1$/1/'
}

maven_version_ok() {
    local v major minor
    v="$(mvn -v 2>/dev/null | head -n 1 | sed -E 's/.*Apache Maven ([0-9]+)\.([0-9]+).*/\1 \2/')"
    major="${v%% *}"; minor="${v##* }"
    [ -n "$major" ] && { [ "$major" -gt 3 ] || { [ "$major" -eq 3 ] && [ "$minor" -ge 8 ]; }; }
}

# JDK >= 17 (java and javac) and Maven >= 3.8; installs what is missing where apt is available,
# otherwise says exactly what to install.
check_prerequisites() {
    if ! command -v javac >/dev/null 2>&1 || ! command -v java >/dev/null 2>&1 || [ "$(java_major)" -lt 17 ] 2>/dev/null; then
        install_with_apt openjdk-17-jdk-headless || true
    fi
    if ! command -v javac >/dev/null 2>&1 || [ "$(java_major)" -lt 17 ] 2>/dev/null; then
        say "sluice: a JDK 17 or newer is required (java and javac on the PATH)."
        say "        Debian/Ubuntu: apt-get install openjdk-17-jdk-headless; elsewhere install any JDK >= 17 (e.g. Temurin 17 or 21)."
        exit 1
    fi
    if ! command -v mvn >/dev/null 2>&1 || ! maven_version_ok; then
        install_with_apt maven || true
    fi
    if ! command -v mvn >/dev/null 2>&1 || ! maven_version_ok; then
        say "sluice: Apache Maven 3.8 or newer is required (mvn on the PATH)."
        say "        Debian/Ubuntu: apt-get install maven; elsewhere download Maven 3.9 from the Apache Maven project."
        exit 1
    fi
}

# Build the runnable modules when a jar is missing or any source or POM changed since the last build
# (target/.sluice-built marks it).
build_if_needed() {
    local stamp="$SLUICE_ROOT/target/.sluice-built"
    local needed=0
    [ -f "$stamp" ] && [ -f "$SLUICE_ROOT/target/jvm.flags" ] || needed=1
    for m in sbe-schemas journal core-engine gateways admin-api; do
        [ "$needed" = 1 ] && break
        if ! ls "$SLUICE_ROOT/$m/target/$m"-*.jar >/dev/null 2>&1; then needed=1; break; fi
        if [ "$m" != sbe-schemas ] && [ ! -d "$SLUICE_ROOT/$m/target/lib" ]; then needed=1; break; fi
        if [ -n "$(find "$SLUICE_ROOT/$m/src/main" "$SLUICE_ROOT/$m/pom.xml" "$SLUICE_ROOT/pom.xml" -newer "$stamp" -type f 2>/dev/null | head -n 1)" ]; then
            needed=1
        fi
    done
    if [ "$needed" = 1 ]; then
        say "sluice: building (mvn -q -DskipTests package) ..."
        (cd "$SLUICE_ROOT" && mvn -q -B -DskipTests package -pl sbe-schemas,journal,core-engine,gateways,admin-api -am) >&2
        touch "$stamp"
    fi
}

# The one JVM flag list, written by the build from the parent POM's sluice.jvm.flags property.
jvm_flags() {
    cat "$SLUICE_ROOT/target/jvm.flags"
}

# Classpath of every runnable module and its dependencies.
classpath() {
    local cp=""
    for m in sbe-schemas journal core-engine gateways admin-api; do
        for jar in "$SLUICE_ROOT/$m/target/$m"-*.jar; do
            case "$jar" in *-tests.jar|*'*'*) ;; *) cp="$cp:$jar" ;; esac
        done
        [ -d "$SLUICE_ROOT/$m/target/lib" ] && cp="$cp:$SLUICE_ROOT/$m/target/lib/*"
    done
    printf '%s' "${cp#:}"
}
