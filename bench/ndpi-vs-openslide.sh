#!/usr/bin/env bash
# Hamamatsu NDPI / 3DHISTECH MIRAX / Ventana BIF regions vs OpenSlide: see bench/vendor-regions-vs-openslide.sh.
exec "$(dirname "$0")/vendor-regions-vs-openslide.sh" ndpi
