"""Page-number pagination for the API: `?page=N&page_size=M` (at most 200 a page)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200
    invalid_page_message = _("Trang “{page_number}” không tồn tại.")
    page_query_description = _("Số trang (bắt đầu từ 1).")
    page_size_query_description = _("Số dòng mỗi trang (mặc định 50, tối đa 200).")
