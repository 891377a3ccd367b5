#!/usr/bin/env bash
# Sourced by the benchmark scripts: builds target/cnnlab.jar when it is missing or older than the sources.
# scripts/cnnlab builds the jar only when it is missing; a jar older than the sources measures an older build.

# $1: the calling script's name, for the message.
ensure_fresh_jar() {
  if [[ ! -f target/cnnlab.jar ]] || [[ -n "$(find src pom.xml -newer target/cnnlab.jar -print -quit)" ]]; then
    echo "$1: target/cnnlab.jar is missing or older than the sources; building it (mvn -q package -DskipTests)" >&2
    mvn -q package -DskipTests >&2
  fi
}
