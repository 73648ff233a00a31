"""A reader worker for the robustness tests: reads one file per input line through
``io.registry.read_report`` and answers one JSON line per file.

Run as a subprocess so that a hang or a crash (or a memory blow-up) in a reader is seen by the
test as exactly that, and so that the test can kill it after a time limit.  An audit hook records
any network attempt (an external XML entity must never be fetched).

    stdin:  {"path": "..."}            stdout: {"outcome": "ok"|"read_error"|"exception", ...}
"""

from __future__ import annotations

import json
import resource
import sys
import traceback

NETWORK_EVENTS = ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
                  "socket.sendto", "socket.bind", "urllib.Request", "http.client.connect", "ftplib.connect")
network: list[str] = []


def _audit(event: str, args) -> None:
    if event in NETWORK_EVENTS:
        network.append(f"{event} {args!r}"[:200])


def main() -> None:
    # a reader that tries to hold a decompressed bomb in memory fails here, not on the machine
    limit = 3 * 1024 ** 3
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    sys.addaudithook(_audit)
    sys.setrecursionlimit(3000)
    from govreport_gui.core.errors import ReadError
    from govreport_gui.io.registry import read_report
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        answer: dict
        try:
            if request.get("reader") == "ledger":
                answer = _read_ledger(request["path"])
            else:
                result = read_report(request["path"])
                report = result.report
                answer = {"outcome": "ok", "kind": result.kind, "values": len(report.values),
                          "notes": len(result.notes)}
        except ReadError as exc:
            cause = exc.__cause__
            # the registry's catch-all for an unexpected reader exception (clear, but unspecific)
            generic = cause is not None and not isinstance(cause, ReadError) and "时出错，文件可能已损坏" in str(exc)
            answer = {"outcome": "read_error", "message": str(exc), "wrapped": type(cause).__name__ if generic else ""}
        except BaseException as exc:  # noqa: BLE001 - exactly what the test looks for
            answer = {"outcome": "exception", "type": type(exc).__name__, "message": str(exc)[:300],
                      "traceback": traceback.format_exc()[-3000:]}
        answer["network"] = list(network)
        network.clear()
        print(json.dumps(answer, ensure_ascii=False), flush=True)


def _read_ledger(path: str) -> dict:
    """A ledger file read and counted (govreport ledger, 从申请台账填写表三/表四…)."""
    from govreport_gui.core.forms import get_form
    from govreport_gui.core.ledger.count import count_ledgers
    from govreport_gui.io.workbook.ledger_read import read_ledgers
    count = count_ledgers(read_ledgers([path]), get_form("2021"), 2025)
    return {"outcome": "ok", "kind": "ledger", "values": count.placed, "notes": len(count.left_out)}


if __name__ == "__main__":
    main()
