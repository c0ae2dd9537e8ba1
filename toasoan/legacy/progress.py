"""A plain progress bar on stderr, drawn only when stderr is a terminal."""

import time


class Progress:
    """``Progress(total, stream)``; ``advance()`` per item, ``close()`` at the end."""

    WIDTH = 30

    def __init__(self, total, stream, enabled=True):
        self.total = max(total, 1)
        self.stream = stream
        self.done = 0
        self.enabled = enabled and hasattr(stream, "isatty") and stream.isatty()
        self.started = time.monotonic()
        self._last_draw = 0.0

    def advance(self, count=1):
        self.done += count
        now = time.monotonic()
        if self.enabled and (now - self._last_draw > 0.1 or self.done >= self.total):
            self._last_draw = now
            self._draw(now)

    def _draw(self, now):
        ratio = min(self.done / self.total, 1.0)
        filled = int(ratio * self.WIDTH)
        rate = self.done / max(now - self.started, 1e-6)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\r[{bar}] {self.done}/{self.total} ({rate:.0f}/s)")
        self.stream.flush()

    def close(self):
        if self.enabled:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
