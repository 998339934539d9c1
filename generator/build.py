"""`python -m generator.build [mkdocs build options]`: `mkdocs build`, then Pagefind once MkDocs has exited.

What `make build` and the workflows run. MkDocs holds the whole site until it exits (about 400 MiB at 10,000
offers) and Pagefind needs as much again for its index: indexed by the hook inside MkDocs, both are in memory
at once. Here this process becomes a shell that runs MkDocs and then becomes Pagefind (exec), so the build's
peak is the larger of the two, not their sum, and nothing larger than a shell waits beside MkDocs (a Python
process would add 12 MiB to the peak). `mkdocs build` on its own still gives a searchable site: the hook
indexes in on_post_build unless INDEX_AFTER_BUILD says that the caller does.
"""

import os
import shlex
import sys
from pathlib import Path

from generator.indexing import SITE_DIR, pagefind_command, pagefind_environment

INDEX_AFTER_BUILD = "CATALOGUE_INDEX_AFTER_BUILD"  # set for our `mkdocs build`: the hook leaves the index to us


def command(mkdocs_options: list[str]) -> list[str]:
    """The shell command: `mkdocs build [options]` telling the hook not to index, then, if it succeeded, Pagefind on
    the folder it built into (sh exits with MkDocs' status when it failed)."""
    site = _site_dir(mkdocs_options)
    if site is None:  # mkdocs.yml may name another folder: build into the one that is indexed
        site, mkdocs_options = SITE_DIR, [*mkdocs_options, "--site-dir", SITE_DIR]
    mkdocs = shlex.join([sys.executable, "-m", "mkdocs", "build", *mkdocs_options])
    pagefind = shlex.join(pagefind_command(Path(site)))
    return ["sh", "-c", f"{INDEX_AFTER_BUILD}=1 {mkdocs} && exec {pagefind}"]


def _site_dir(options: list[str]) -> str | None:
    """The folder named by `-d DIR`, `--site-dir DIR` or `--site-dir=DIR`, if any."""
    for option, following in zip(options, [*options[1:], None], strict=True):
        if option in ("-d", "--site-dir"):
            return following
        if option.startswith("--site-dir="):
            return option.removeprefix("--site-dir=")
    return None


if __name__ == "__main__":
    sh = command(sys.argv[1:])
    os.execvpe(sh[0], sh, pagefind_environment())  # noqa: S606  # our own arguments, quoted by shlex
