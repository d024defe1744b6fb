"""Django's password validators with their messages in Vietnamese.

Django's Vietnamese catalogue lacks some of them (the minimum length error
is shown in English), so every message a person may read is written here.
"""

from django.contrib.auth import password_validation as django_validators


class SimilarityValidator(django_validators.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return "Mật khẩu quá giống thông tin cá nhân của bạn (%(verbose_name)s)."

    def get_help_text(self):
        return "Mật khẩu không được giống tên đăng nhập, họ tên hay địa chỉ thư."


class MinimumLengthValidator(django_validators.MinimumLengthValidator):
    def get_error_message(self):
        return f"Mật khẩu quá ngắn: cần ít nhất {self.min_length} ký tự."

    def get_help_text(self):
        return f"Mật khẩu có ít nhất {self.min_length} ký tự."


class CommonPasswordValidator(django_validators.CommonPasswordValidator):
    def get_error_message(self):
        return "Mật khẩu này quá phổ biến, dễ bị đoán."

    def get_help_text(self):
        return "Không dùng mật khẩu phổ biến."


class NumericPasswordValidator(django_validators.NumericPasswordValidator):
    def get_error_message(self):
        return "Mật khẩu không được chỉ gồm chữ số."

    def get_help_text(self):
        return "Mật khẩu không chỉ gồm chữ số."
