from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from dieuhanh.site import worker

# Measured with bench/load_bench.py (50 clients, 60 s): with 8 threads no write failed and write
# p95 stayed under 1 s; with 50 threads the threads share one core (the GIL) and one SQLite writer,
# and writes waited 20–50 s. PostgreSQL takes --threads as given.
SQLITE_MAX_THREADS = 8


def served_url(host: str, port: int) -> str:
    """The address a person on this machine opens (any-address binds are reached on loopback)."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    return f"http://[{shown}]:{port}" if ":" in shown else f"http://{shown}:{port}"


class Command(BaseCommand):
    help = "Chạy máy chủ web (waitress) phục vụ dieuhanh."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="Địa chỉ lắng nghe (mặc định 127.0.0.1).")
        parser.add_argument("--port", type=int, default=8000, help="Cổng (mặc định 8000).")
        parser.add_argument("--threads", type=int, default=8, help="Số luồng xử lý (mặc định 8).")
        parser.add_argument(
            "--with-worker",
            action="store_true",
            help="Chạy kèm tiến trình nhắc việc (dieuhanh worker) trong cùng tiến trình.",
        )

    def handle(self, *args, host, port, threads, with_worker=False, **options):
        import waitress

        from dieuhanh.wsgi import application

        if (
            host not in ("0.0.0.0", "::")
            and host not in settings.ALLOWED_HOSTS
            and "*" not in settings.ALLOWED_HOSTS
        ):
            settings.ALLOWED_HOSTS.append(host)
        if connection.vendor == "sqlite" and threads > SQLITE_MAX_THREADS:
            self.stdout.write(
                f"SQLite: dùng {SQLITE_MAX_THREADS} luồng thay vì {threads} (thêm luồng chỉ làm các lượt ghi "
                "chờ lâu hơn; cần nhiều hơn thì dùng PostgreSQL)."
            )
            threads = SQLITE_MAX_THREADS
        served = served_url(host, port)
        if not settings.SITE_URL_FROM_ENV:
            settings.SITE_URL = served  # links in e-mails and feeds lead to this server
        self.stdout.write(f"dieuhanh đang chạy tại {served}/ (Ctrl+C để dừng)")
        if with_worker:
            worker.start_thread()
            self.stdout.write("Tiến trình nhắc việc chạy kèm, mỗi phút một lượt.")
        from dieuhanh.core.serving import WritesFirstDispatcher

        dispatcher = WritesFirstDispatcher()
        dispatcher.set_thread_count(threads)
        try:
            # waitress.serve() with our dispatcher (create_server's `_dispatcher` hook).
            server = waitress.create_server(
                application, host=host, port=port, threads=threads, ident="dieuhanh", _dispatcher=dispatcher
            )
            server.run()
        except OSError as exc:
            raise CommandError(f"Không mở được cổng {port}: {exc.strerror or exc}") from None
