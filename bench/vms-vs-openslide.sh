#!/usr/bin/env bash
# Hamamatsu VMS regions vs OpenSlide (level 0, or the level given): see bench/vendor-regions-vs-openslide.sh.
exec "$(dirname "$0")/vendor-regions-vs-openslide.sh" vms "$@"
