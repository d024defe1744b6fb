import logging
import signal
import threading

from django.core.management.base import BaseCommand

from dieuhanh.site import worker

logger = logging.getLogger("dieuhanh.site.worker")


class Command(BaseCommand):
    help = "Chạy nền: nhắc việc, thư tổng hợp, webhook và báo cáo định kỳ, lặp lại sau mỗi khoảng thời gian."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=60, help="Số giây giữa hai lượt (mặc định 60).")
        parser.add_argument("--once", action="store_true", help="Chạy một lượt rồi thoát.")

    def handle(self, *args, interval=60, once=False, **options):
        stop = threading.Event()

        def request_stop(signum, frame):
            logger.info("Nhận tín hiệu %s: dừng sau lượt đang chạy.", signal.Signals(signum).name)
            stop.set()

        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, request_stop)
            signal.signal(signal.SIGINT, request_stop)
        self.stdout.write(f"Tiến trình nhắc việc đang chạy, mỗi {interval:g} giây một lượt (Ctrl+C để dừng).")
        worker.run(interval=interval, once=once, stop=stop)
        self.stdout.write("Tiến trình nhắc việc đã dừng.")
