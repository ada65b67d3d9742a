"""Re-run every ``$ newskg ...`` command in the README's console blocks and paste the real output.

Usage (from the repository root, with newskg installed): python docs/update_readme_examples.py
The README's CLI examples then show what the current code prints.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
CONSOLE_BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def run_block(block: str) -> str:
    """The block's commands, each followed by what it prints now."""
    commands = [line[2:] for line in block.splitlines() if line.startswith("$ ")]
    parts = []
    for command in commands:
        done = subprocess.run(command, shell=True, capture_output=True, text=True, cwd=README.parent)
        parts.append(f"$ {command}\n{done.stdout}{done.stderr}")
    return "".join(parts)


def main() -> None:
    text = README.read_text(encoding="utf-8")
    updated = CONSOLE_BLOCK.sub(lambda match: f"```console\n{run_block(match.group(1))}```", text)
    README.write_text(updated, encoding="utf-8")


if __name__ == "__main__":
    main()
