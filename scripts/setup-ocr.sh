#!/usr/bin/env bash
# Installs Tesseract OCR with English and simplified-Chinese data (Debian/Ubuntu packages), so that scanned PDFs
# and images are read (issue #4). Idempotent and quick when already installed; tolerant: without root or apt-get it
# says what to install and exits 0, since ragkb works without OCR (scans then get a per-document warning).
set -uo pipefail

PACKAGES=(tesseract-ocr tesseract-ocr-eng tesseract-ocr-chi-sim)

have_all() {
  command -v tesseract >/dev/null 2>&1 || return 1
  local langs
  langs="$(tesseract --list-langs 2>/dev/null)" || return 1
  grep -qx eng <<<"$langs" && grep -qx chi_sim <<<"$langs"
}

if have_all; then
  echo "setup-ocr: tesseract $(tesseract --version 2>/dev/null | head -n1 | awk '{print $2}') with eng and chi_sim is installed"
  exit 0
fi

if [[ "$(id -u)" -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-ocr: OCR is not installed; to read scanned documents install: ${PACKAGES[*]} (as root: $0)" >&2
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
echo "setup-ocr: installing ${PACKAGES[*]}..." >&2
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null; }; then
  echo "setup-ocr: apt-get failed; continuing without OCR (scans will be reported, not read)" >&2
  exit 0
fi
have_all && echo "setup-ocr: installed tesseract with eng and chi_sim"
exit 0
