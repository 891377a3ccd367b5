# Sourced by scripts/cnnlab and the tools that start the CLI's JVM: fills the array cnnlab_jvm_options with the JVM
# options declared in src/main/resources/dev/cnnlab/runtime/jvm-options, leaving out any of a kind JAVA_OPTS
# or the JVM's own variables JDK_JAVA_OPTIONS and JAVA_TOOL_OPTIONS already set (a collector, an initial heap size, a
# young-generation size), and the initial and young sizes when they set a maximum, as RecommendedJvmOptions does.
# shellcheck shell=bash

cnnlab_jvm_options=()
cnnlab_jvm_options_file="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/src/main/resources/dev/cnnlab/runtime/jvm-options"
cnnlab_user_jvm_options=" ${JAVA_OPTS:-} ${JDK_JAVA_OPTIONS:-} ${JAVA_TOOL_OPTIONS:-} "
while IFS= read -r cnnlab_option || [[ -n "$cnnlab_option" ]]; do
  cnnlab_option="${cnnlab_option#"${cnnlab_option%%[![:space:]]*}"}"
  cnnlab_option="${cnnlab_option%"${cnnlab_option##*[![:space:]]}"}"
  case "$cnnlab_option" in
    ''|'#'*) continue ;;
    -XX:+Use*GC) [[ "$cnnlab_user_jvm_options" =~ [[:space:]]-XX:\+Use[A-Za-z0-9]*GC[[:space:]] ]] && continue ;;
    -Xms*) [[ "$cnnlab_user_jvm_options" =~ [[:space:]](-Xms|-XX:InitialHeapSize=|-Xmx|-XX:MaxHeapSize=) ]] && continue ;;
    -Xmn*) [[ "$cnnlab_user_jvm_options" =~ [[:space:]](-Xmn|-XX:NewSize=|-XX:MaxNewSize=|-Xmx|-XX:MaxHeapSize=) ]] && continue ;;
  esac
  cnnlab_jvm_options+=("$cnnlab_option")
done <"$cnnlab_jvm_options_file"
unset cnnlab_option cnnlab_user_jvm_options cnnlab_jvm_options_file
