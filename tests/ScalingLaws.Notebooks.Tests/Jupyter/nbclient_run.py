"""Drives the scaling-csharp kernel with Debian's nbclient, as `jupyter nbconvert --execute` does.

  nbclient_run.py notebook IN.ipynb OUT.ipynb   execute every cell of IN (in IN's folder), then one more cell that
                                                prints the NotebookSummary values as JSON; write the result to OUT
  nbclient_run.py latency                       seconds from launching the kernel to the execute_reply of `1 + 1`

The kernelspec is found on JUPYTER_PATH (the test installs it with `scaling kernel install --prefix`).
"""
import os
import sys
import time

import nbformat
from nbclient import NotebookClient

KERNEL = "scaling-csharp"
SUMMARY_CELL = "ScalingLaws.Reporting.NotebookSummary.Snapshot().ToJsonString()"


def latency():
    started = time.monotonic()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
    client = NotebookClient(nb, timeout=60, kernel_name=KERNEL)
    with client.setup_kernel():
        client.execute_cell(nb.cells[0], 0)
        print(f"{time.monotonic() - started:.2f}")
    assert nb.cells[0].outputs[0]["data"]["text/plain"] == "2", nb.cells[0].outputs


def notebook(source, target):
    nb = nbformat.read(source, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(SUMMARY_CELL))
    folder = os.path.dirname(os.path.abspath(source))
    NotebookClient(nb, timeout=900, kernel_name=KERNEL, resources={"metadata": {"path": folder}}).execute()
    nbformat.write(nb, target)


if __name__ == "__main__":
    if sys.argv[1] == "latency":
        latency()
    else:
        notebook(sys.argv[2], sys.argv[3])
