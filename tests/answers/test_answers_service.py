"""CheckService: the same verdicts as ``check``, from a worker process with a hard budget."""

from __future__ import annotations

import pickle
import threading
from collections.abc import Iterator

import pytest

from quizmath.core.answers import CheckService, Mistake, Verdict, check


@pytest.fixture(scope="module")
def service() -> Iterator[CheckService]:
    with CheckService() as svc:
        yield svc


def test_same_verdicts_as_in_process(service: CheckService) -> None:
    cases = [
        ("expression", "2*x + 2", "2(x+1)", ["x"]),
        ("expression", "2*x + 2", "2x+1", ["x"]),
        ("expression", "2*x + 2", "__import__('os')", ["x"]),
        ("matrix", "[[1, 2], [3, 4]]", "[[1, 3], [2, 4]]", []),
        ("choice", "B", "(b)", []),
    ]
    for kind, expected, typed, names in cases:
        here = check(kind, expected, typed, vars=names)
        there = service.check(kind, expected, typed, vars=names)
        assert (there.verdict, there.message, there.interpreted, there.wrong_entries) == (
            here.verdict,
            here.message,
            here.interpreted,
            here.wrong_entries,
        )


def test_mistakes_travel(service: CheckService) -> None:
    v = service.check("set", "{2, 5}", "1, 4", mistakes=[Mistake("{1, 4}", "diagonal entries")])
    assert v.verdict == "reject"
    assert v.mistake == "diagonal entries"


def test_timeout_is_never_accepted_and_the_worker_recovers() -> None:
    with CheckService(budget=0.5) as svc:
        svc._sleep_next = 60.0  # test hook: the worker sleeps before this check
        v = svc.check("integer", "1", "1")
        assert v.verdict == "invalid"
        assert v.timed_out
        assert v.message == "could not check in time"
        after = svc.check("integer", "1", "1")  # a fresh worker took over
        assert after.verdict == "accept"
        assert not after.timed_out


def test_thread_safe(service: CheckService) -> None:
    results: dict[int, Verdict] = {}

    def work(n: int) -> None:
        results[n] = service.check("integer", str(n), f"{n - 1} + 1")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == list(range(8))
    assert all(v.verdict == "accept" for v in results.values())


def test_lazy_start_and_close() -> None:
    svc = CheckService(start=False)
    assert svc.check("real", "0.5", "1/2").verdict == "accept"
    svc.close()
    with pytest.raises(RuntimeError):
        svc.check("real", "0.5", "1/2")


def test_verdict_pickles_and_serialises() -> None:
    v = check("matrix", "[[1, 2], [3, 4]]", "[[1, 3], [2, 4]]")
    assert pickle.loads(pickle.dumps(v)) == v
    data = v.to_json(id="q7")
    assert list(data)[:5] == ["id", "verdict", "message", "interpreted", "ms"]
    assert data["wrong_entries"] == [[0, 1], [1, 0]]
    assert "id" not in v.to_json()
