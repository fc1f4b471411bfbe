"""The README's commands can be run as written, from the repository, on any OS."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = "\n".join(re.findall(r"```sh\n(.*?)```", README, re.S))


def test_every_file_a_command_sends_is_in_the_repository():
    sent = re.findall(r"@([\w./-]+)", COMMANDS)
    assert sent, "the README sends no file"
    for name in sent:
        assert (ROOT / name).is_file(), name


def test_no_command_is_macos_only():
    assert not re.search(r"^\s*open\s", COMMANDS, re.M)
