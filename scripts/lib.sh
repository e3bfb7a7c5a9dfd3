# Shared by the scripts: paths and small helpers. Source it; do not run it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_DIR="${WBOT_CACHE_DIR:-$HOME/.cache/wbot}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# The ONNX runtime the core loads at run time (development; a bundle carries its own copy).
export ORT_DYLIB_PATH="${ORT_DYLIB_PATH:-$ROOT/src-tauri/resources/onnxruntime/libonnxruntime.so}"
# Vectors of the labelled sentences, kept between evaluation runs (crates/wbot-core/src/evaluation/vectors.rs).
export WBOT_VECTOR_CACHE="${WBOT_VECTOR_CACHE:-$CACHE_DIR/vectors}"
say() { printf '\033[1m==> [%4ss] %s\033[0m\n' "$SECONDS" "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
# The app binary a build produced: app_binary debug|release
app_binary() { echo "${CARGO_TARGET_DIR:-$ROOT/target}/$1/wbot-app"; }
