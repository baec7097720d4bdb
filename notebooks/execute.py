"""Execute Jupyter notebooks headlessly with the Deno kernel (nbclient).

Usage: /usr/bin/python3 notebooks/execute.py NOTEBOOK... [--out FILE] [--timeout SECONDS]

Uses the project's own Deno kernelspec in `.jupyter/` (written by `node notebooks/kernel.mjs`),
never the user-wide one: JUPYTER_PATH and JUPYTER_DATA_DIR point there for this process and
the kernel it starts. Runs every cell with the kernel's working directory set to the
notebook's folder (so `../src/index.ts` resolves), then writes the notebook with its outputs to
FILE (one notebook only; default: in place). Every code cell of these notebooks ends in a value to display, so a code cell without
output is an error too. Under load the Deno kernel may publish a cell's output after the cell
went idle; `LateOutputClient` attaches such output to its cell instead of dropping it. A run
that still misses output is retried once with a fresh kernel, and reported if it happens again. On a failing cell prints one line naming the notebook, the cell and the
error, and exits 1. (Debian's `jupyter-execute` has no `--inplace`, hence this script.)
"""
import argparse
import asyncio
import copy
import os
import queue
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JUPYTER_DIR = os.path.join(ROOT, ".jupyter")

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionComplete, CellExecutionError
from nbclient.util import ensure_async

# Output messages that belong in a cell's outputs.
OUTPUT_TYPES = {"display_data", "execute_result", "stream", "error", "update_display_data"}


class LateOutputClient(NotebookClient):
    """A NotebookClient that keeps output messages arriving after their cell went idle.

    Under load the Deno kernel can publish a cell's display output after that cell's `idle`
    status. Plain nbclient is by then polling for the next cell and drops messages whose parent
    is another request, so the output silently vanishes. Here such a message is attached to the
    cell it belongs to (by its parent message id), and after the last cell the output channel is
    drained briefly for stragglers.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._cells_by_msg = {}

    def _attach_late(self, msg) -> None:
        owner = self._cells_by_msg.get(msg["parent_header"].get("msg_id"))
        if owner is not None and msg["msg_type"] in OUTPUT_TYPES:
            cell, cell_index = owner
            try:
                self.process_message(msg, cell, cell_index)
            except CellExecutionComplete:
                pass

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        self._cells_by_msg[parent_msg_id] = (cell, cell_index)
        while True:
            msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=None))
            if msg["parent_header"].get("msg_id") == parent_msg_id:
                try:
                    self.process_message(msg, cell, cell_index)
                except CellExecutionComplete:
                    return
            else:
                self._attach_late(msg)

    async def drain_late_output(self, quiet: float = 1.0, limit: float = 10.0) -> None:
        """Collect output that arrives after the last cell: until `quiet` s pass with no message."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limit
        while loop.time() < deadline:
            try:
                msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=quiet))
            except queue.Empty:
                return
            self._attach_late(msg)


def run(nb, folder: str, timeout: int):
    # No per-cell timestamps: re-running an unchanged notebook leaves the file unchanged.
    # iopub_timeout: after a cell's reply, nbclient waits this long for the kernel's remaining
    # output messages. Its default (4 s) silently drops outputs that arrive later, which happens
    # on a loaded 2-core machine; wait up to a minute, and fail rather than drop if even that passes.
    client = LateOutputClient(
        nb,
        timeout=timeout,
        kernel_name="deno",
        record_timing=False,
        iopub_timeout=60,
        raise_on_iopub_timeout=True,
        resources={"metadata": {"path": folder}},
    )
    last = max((i for i, c in enumerate(nb.cells) if c.cell_type == "code"), default=-1)

    async def after_cell(cell, cell_index, execute_reply):
        # After the last cell, and before the kernel shuts down, wait for straggling output.
        if cell_index == last:
            await client.drain_late_output()

    client.on_cell_executed = after_cell
    client.execute()
    return [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and not c.get("outputs")]


def use_project_kernel() -> None:
    """Point Jupyter at the project's kernelspec only (see notebooks/kernel.mjs)."""
    spec = os.path.join(JUPYTER_DIR, "kernels", "deno", "kernel.json")
    if not os.path.exists(spec):
        sys.exit(f"missing {spec}: register the project's Deno kernel with: node notebooks/kernel.mjs")
    os.environ["JUPYTER_PATH"] = JUPYTER_DIR
    os.environ["JUPYTER_DATA_DIR"] = JUPYTER_DIR


def main() -> int:
    ap = argparse.ArgumentParser(description="Execute notebooks with the project's Deno kernel.")
    ap.add_argument("notebooks", nargs="+")
    ap.add_argument("--out", help="where to write the executed notebook (one notebook only; default: in place)")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per cell (default 600)")
    args = ap.parse_args()
    if args.out and len(args.notebooks) > 1:
        ap.error("--out takes one notebook")
    use_project_kernel()
    # Plain text outputs: no ANSI colours from the Deno kernel in committed notebooks.
    os.environ["NO_COLOR"] = "1"
    for notebook in args.notebooks:
        status = execute(os.path.abspath(notebook), args.out, args.timeout)
        if status != 0:
            return status
    return 0


def execute(path: str, out, timeout: int) -> int:
    name = os.path.basename(path)
    source = nbformat.read(path, as_version=4)
    for attempt in (1, 2):
        nb = copy.deepcopy(source)
        try:
            missing = run(nb, os.path.dirname(path), timeout)
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
    nbformat.write(nb, os.path.abspath(out) if out else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
