#!/bin/sh
# Runs one Sluice process with the JVM flags the build wrote (the same list as tests and scripts).
set -e
role="$1"
[ $# -gt 0 ] && shift
case "$role" in
    driver)    main=io.sluice.engine.DriverMain ;;
    engine)    main=io.sluice.engine.EngineMain ;;
    gateway)   main=io.sluice.gateway.GatewayMain ;;
    admin-api) main=io.sluice.admin.AdminApiMain ;;
    journal)   main=io.sluice.journal.JournalMain ;;
    *) echo "usage: entrypoint.sh driver|engine|gateway|admin-api|journal [args]" >&2; exit 2 ;;
esac
# shellcheck disable=SC2046
exec java $(cat /opt/sluice/jvm.flags) $JAVA_OPTS -cp "/opt/sluice/lib/*" "$main" "$@"
