#!/usr/bin/env bash
# Installs the Pulumi CLI version given as $1 (the workflows' PULUMI_VERSION) from the pulumi/pulumi
# GitHub release, checked against that release's SHA-256 checksums, and puts it on the job's PATH.
# No installer script and no action is trusted with the download. The asset names are those of
# pulumi/pulumi's .goreleaser.yml: pulumi-v<version>-linux-x64.tar.gz (wrapped in pulumi/) and
# pulumi-<version>-checksums.txt.
set -euo pipefail

version="${1:?usage: install-pulumi.sh <version, e.g. 3.274.1>}"
dir="${RUNNER_TEMP:-/tmp}/pulumi-${version}"
archive="pulumi-v${version}-linux-x64.tar.gz"
release="https://github.com/pulumi/pulumi/releases/download/v${version}"

mkdir -p "$dir"
curl --fail --silent --show-error --location --retry 3 --output "$dir/$archive" "$release/$archive"
curl --fail --silent --show-error --location --retry 3 --output "$dir/checksums.txt" \
  "$release/pulumi-${version}-checksums.txt"
expected="$(awk -v file="$archive" '$2 == file { print $1 }' "$dir/checksums.txt")"
if [[ -z "$expected" ]]; then
  echo "The checksums of Pulumi ${version} do not list ${archive}." >&2
  exit 1
fi
actual="$(sha256sum "$dir/$archive" | cut -d ' ' -f 1)"
if [[ "$actual" != "$expected" ]]; then
  echo "${archive}: SHA-256 ${actual}, the release says ${expected}." >&2
  exit 1
fi
tar --extract --gzip --file "$dir/$archive" --directory "$dir"
echo "$dir/pulumi" >> "${GITHUB_PATH:?not running in GitHub Actions}"
"$dir/pulumi/pulumi" version
