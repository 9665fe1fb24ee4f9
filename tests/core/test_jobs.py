"""How many processes an ingest takes when left to decide (``--jobs auto``)."""

from __future__ import annotations

import os

import pytest

from workbench.core.jobs import AUTO_FROM, AUTO_MAX, auto_jobs


def test_a_small_batch_is_one_process_whatever_the_machine() -> None:
    assert auto_jobs(AUTO_FROM - 1, cores=16, load=0.0) == 1


@pytest.mark.parametrize(
    ("cores", "load", "expected"),
    [
        (2, 0.0, 2),  # both cores free
        (2, 0.4, 2),  # a core at most half busy still counts as free
        (2, 0.6, 1),
        (2, 1.9, 1),
        (2, 8.0, 1),  # a busy machine: never fewer than one
        (1, 0.0, 1),
        (16, 0.0, AUTO_MAX),  # one writer keeps up with so many
        (16, 14.0, 2),
    ],
)
def test_a_large_batch_takes_the_free_cores(cores: int, load: float, expected: int) -> None:
    assert auto_jobs(AUTO_FROM, cores=cores, load=load) == expected


def test_without_a_load_average_it_does_not_guess(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> tuple[float, float, float]:
        raise OSError("no load average")

    monkeypatch.setattr(os, "getloadavg", missing)
    assert auto_jobs(AUTO_FROM * 10, cores=8) == 1
