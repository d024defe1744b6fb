"""The REST API, /api/v1/: token authentication, the OpenAPI document and its docs page."""

from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from dieuhanh.api import errors
from dieuhanh.api.auth import TokenAuth
from dieuhanh.api.endpoints import (
    documents,
    figures,
    intake,
    org,
    packages,
    reports,
    tasks,
    waiting,
    workflow,
)
from dieuhanh.api.webhooks import add_webhooks


class Utf8Renderer(JSONRenderer):
    """Vietnamese as UTF-8 text, not \\u escapes: readable in logs and in curl."""

    json_dumps_params = {"ensure_ascii": False}


class Api(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        return add_webhooks(super().get_openapi_schema(**kwargs))


api = Api(
    renderer=Utf8Renderer(),
    title="dieuhanh API",
    version="1",
    description=(
        "API theo dõi nhiệm vụ từ văn bản chỉ đạo. Mọi yêu cầu cần tiêu đề "
        "`Authorization: Bearer <mã truy cập>`; quyền xem và sửa đúng như trên trang web. "
        'Ngày theo ISO 8601; lỗi trả về `{"code": ..., "message": ...}`.'
    ),
    auth=TokenAuth(),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)
for module in (tasks, reports, workflow, documents, intake, org, figures, packages, waiting):
    api.add_router("/", module.router)
