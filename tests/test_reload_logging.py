"""The dev server replaces livereload's private logging set-up only while it has the known shape."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from livereload import Server

from guidegen.commands import reload_logging


def test_the_installed_livereload_has_the_shape_guidegen_replaces() -> None:
    assert reload_logging.replaceable()


def test_a_setup_that_takes_parameters_is_left_to_livereload(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def setup_logging(self: Server, level: int) -> None:
        pass

    monkeypatch.setattr(Server, "_setup_logging", setup_logging)
    with caplog.at_level(logging.DEBUG, logger="guidegen.commands.reload_logging"):
        assert not reload_logging.replaceable()
    assert caplog.messages == ["livereload's _setup_logging changed shape: its own logging set-up runs"]


def test_a_setup_that_serve_no_longer_calls_is_left_to_livereload(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def serve(self: Server, **options: Any) -> None:
        self.configure_logging()  # type: ignore[attr-defined]

    monkeypatch.setattr(Server, "serve", serve)
    with caplog.at_level(logging.DEBUG, logger="guidegen.commands.reload_logging"):
        assert not reload_logging.replaceable()
    assert caplog.messages == ["livereload's serve no longer calls _setup_logging: its own logging set-up runs"]
