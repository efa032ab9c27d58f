#!/usr/bin/env python3
# Usage: bench/page_cache_evict.py PID FOLDER [--evict]   (see BENCHMARKS.md, "Beyond the page cache")
# Samples a running JVM's storage reads (/proc/PID/io read_bytes: bytes fetched from the disk, not the page cache) and,
# with --evict, keeps its unlinked scratch files in FOLDER out of the page cache: every 0.2 s posix_fadvise(DONTNEED)
# on each file it holds open whose path lies in FOLDER and ends "(deleted)", via /proc/PID/fd.
import os, sys, time
pid, folder, evict = int(sys.argv[1]), sys.argv[2], "--evict" in sys.argv
evictions, read_bytes = 0, 0
while os.path.exists("/proc/%d" % pid):
    try:
        for line in open("/proc/%d/io" % pid):
            if line.startswith("read_bytes:"):
                read_bytes = int(line.split()[1])
        if evict:
            for fd in os.listdir("/proc/%d/fd" % pid):
                try:
                    target = os.readlink("/proc/%d/fd/%s" % (pid, fd))
                except OSError:
                    continue
                if target.startswith(folder) and target.endswith("(deleted)"):
                    f = os.open("/proc/%d/fd/%s" % (pid, fd), os.O_RDONLY)
                    os.posix_fadvise(f, 0, 0, os.POSIX_FADV_DONTNEED)
                    os.close(f)
                    evictions += 1
    except (FileNotFoundError, ProcessLookupError):
        break
    time.sleep(0.2)
print("evictions %d, read from disk %.0f MB" % (evictions, read_bytes / 1e6))
