from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "dieuhanh.evaluation"
    verbose_name = "Đánh giá, xếp loại công chức"
