"""What one command costs as a user's machine sees it: the CPU time and the peak memory of its whole process tree.

A build is several processes (MkDocs, Pagefind, the small process between them), one after the other or at
once. CPU is the kernel's account of the command and every descendant it waited for (os.wait4). Peak memory
is the largest sum of the resident memory (RSS) of every process in the tree at one moment, sampled every
50 ms with psutil: two processes alive together count together, which the largest single process's
ru_maxrss does not show. Pages shared between processes count once per process, as `top` would add them up;
a spike shorter than 50 ms can be missed.
"""

import contextlib
import os
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import psutil

SAMPLE_SECONDS = 0.05


@dataclass(frozen=True)
class Run:
    cpu: float  # seconds, user + system, of the command and its descendants
    peak_mib: float  # the largest summed RSS of the tree
    seconds: float  # wall-clock

    def then(self, other: "Run") -> "Run":
        """Two commands run one after the other: CPU and time add up, the peak is the larger one."""
        return Run(self.cpu + other.cpu, max(self.peak_mib, other.peak_mib), self.seconds + other.seconds)


def measured(command: list[str], cwd: Path, env: Mapping[str, str], log) -> Run:
    """Run `command` in `cwd` with its output into `log` (a binary file); raise SystemExit when it fails."""
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    root = psutil.Process(child.pid)
    peak = 0
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, _tree_rss(root))
        time.sleep(SAMPLE_SECONDS)
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait for it again
    if child.returncode:
        log.seek(0)
        raise SystemExit(f"{' '.join(command[-3:])} failed in {cwd}:\n{log.read().decode(errors='replace')[-3000:]}")
    return Run(usage.ru_utime + usage.ru_stime, peak / 2**20, time.perf_counter() - started)


def _tree_rss(root: psutil.Process) -> int:
    total = 0
    try:
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    for process in processes:
        with contextlib.suppress(psutil.NoSuchProcess):  # ended between listing and reading
            total += process.memory_info().rss
    return total


def machine() -> str:
    """One line for the printout: what the figures were measured on."""
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        names = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if "model name" in line]
        model = names[0] if names else model
    memory = psutil.virtual_memory()
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return f"{model}, {os.cpu_count()} cores, {memory.total / 2**30:.0f} GiB RAM; load average {load} at start"
