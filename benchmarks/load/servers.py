"""Server processes of the benchmark: started, found listening, stopped (by their own id).

Each server's output goes to a log file, read until it says where it listens.
"""

import os
import re
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

APP_LISTENING = re.compile(r"Precoro 2FA reference app: (http://127\.0\.0\.1:\d+)/")
GUNICORN_LISTENING = re.compile(r"Listening at: (http://127\.0\.0\.1:\d+)")


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def stop(self) -> None:
        """SIGTERM: gunicorn's graceful stop of its workers; SIGKILL if it takes too long."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start(
    command: list[str], log: Path, listening: re.Pattern[str], env: dict[str, str], cwd: Path
) -> Server:
    """Start ``command`` and wait (up to 60 s) until its log says at which URL it listens."""
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 (our own programs, our own arguments)
            command, stdout=output, stderr=subprocess.STDOUT, env=os.environ | env, cwd=cwd
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = listening.search(log.read_text(errors="replace"))
        if found:
            return Server(process, found.group(1), log)
        if process.poll() is not None:
            break
        time.sleep(0.1)
    Server(process, "", log).stop()
    raise RuntimeError(f"{command[0]} did not start; its log:\n{log.read_text()[-3000:]}")
