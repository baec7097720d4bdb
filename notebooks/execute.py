"""Execute Jupyter notebooks headlessly with the Deno kernel (nbclient).

Usage: /usr/bin/python3 notebooks/execute.py NOTEBOOK [--out FILE] [--timeout SECONDS]

Runs every cell with the kernel's working directory set to the notebook's folder (so
`../src/index.ts` resolves), then writes the notebook with its outputs to FILE (default: in
place). Every code cell of these notebooks ends in a value to display, so a code cell without
output is an error too. Rarely (seen once, under heavy CPU load) the Deno kernel's result of a
cell does not reach nbclient; such a run is retried once with a fresh kernel, and reported if
it happens again. On a failing cell prints one line naming the notebook, the cell and the
error, and exits 1. (Debian's `jupyter-execute` has no `--inplace`, hence this script.)
"""
import argparse
import copy
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def run(nb, folder: str, timeout: int):
    # No per-cell timestamps: re-running an unchanged notebook leaves the file unchanged.
    # iopub_timeout: after a cell's reply, nbclient waits this long for the kernel's remaining
    # output messages. Its default (4 s) silently drops outputs that arrive later, which happens
    # on a loaded 2-core machine; wait up to a minute, and fail rather than drop if even that passes.
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="deno",
        record_timing=False,
        iopub_timeout=60,
        raise_on_iopub_timeout=True,
        resources={"metadata": {"path": folder}},
    )
    client.execute()
    return [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and not c.get("outputs")]


def main() -> int:
    ap = argparse.ArgumentParser(description="Execute a notebook with the Deno kernel.")
    ap.add_argument("notebook")
    ap.add_argument("--out", help="where to write the executed notebook (default: in place)")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per cell (default 600)")
    args = ap.parse_args()
    path = os.path.abspath(args.notebook)
    name = os.path.basename(path)
    # Plain text outputs: no ANSI colours from the Deno kernel in committed notebooks.
    os.environ["NO_COLOR"] = "1"
    source = nbformat.read(path, as_version=4)
    for attempt in (1, 2):
        nb = copy.deepcopy(source)
        try:
            missing = run(nb, os.path.dirname(path), args.timeout)
        except CellExecutionError as err:
            lines = str(err).strip().splitlines()
            ename = getattr(err, "ename", "") or "error"
            evalue = getattr(err, "evalue", "") or (lines[-1] if lines else "")
            print(f"{name}: a cell failed: {ename}: {evalue}", file=sys.stderr)
            return 1
        if not missing:
            break
        if attempt == 2:
            print(f"{name}: code cells {missing} produced no output (twice)", file=sys.stderr)
            return 1
        print(f"{name}: code cells {missing} produced no output; retrying once", file=sys.stderr)
    nbformat.write(nb, os.path.abspath(args.out) if args.out else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
