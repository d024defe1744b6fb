"""How `dieuhanh serve` shares one process between many people: writes go first.

The web server is one Python process, so its threads share one core; under
load every request waits in waitress's queue behind the pages already there.
Pages only read and can wait a moment; a report, an approval or a login is
what a person is waiting on and is short. `WritesFirstDispatcher` takes a
queued write (any method but GET, HEAD, OPTIONS) before every queued read,
in arrival order among writes.
"""

from waitress.task import ThreadedTaskDispatcher

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def is_write(task) -> bool:
    request = getattr(task, "request", None)
    return getattr(request, "command", "GET") not in READ_METHODS


class WritesFirstDispatcher(ThreadedTaskDispatcher):
    """waitress's thread pool with one change: a write is queued ahead of the waiting reads."""

    def add_task(self, task):
        if not is_write(task):
            super().add_task(task)
            return
        with self.lock:
            position = 0
            for queued in self.queue:
                if not is_write(queued):
                    break
                position += 1
            self.queue.insert(position, task)
            self.queue_cv.notify()
