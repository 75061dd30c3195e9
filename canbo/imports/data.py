"""The columns an imported roster may have and the header texts that name them.

Loaded into `HeaderSynonym` by migration 0002 and kept in sync by `sync_synonyms`; users add
their own province's wordings in the admin. Header texts are compared folded (lower case, no
diacritics, punctuation as spaces), so "Ngày, tháng, năm sinh" and "ngay thang nam sinh" are one.
A text "A > B" names the lower cell B of a two-row header under the upper cell A.
"""

from django.utils.translation import gettext_noop as N_

# field key → Vietnamese label (what the preview shows); the order is the mapping form's.
FIELDS = [
    ("seq", N_("Số thứ tự")),
    ("full_name", N_("Họ và tên")),
    ("other_names", N_("Tên gọi khác")),
    ("gender", N_("Giới tính")),
    ("birth_date", N_("Ngày sinh")),
    ("birth_male", N_("Ngày sinh (cột Nam)")),
    ("birth_female", N_("Ngày sinh (cột Nữ)")),
    ("citizen_id", N_("Số CCCD")),
    ("ethnicity", N_("Dân tộc")),
    ("religion", N_("Tôn giáo")),
    ("hometown_text", N_("Quê quán")),
    ("birthplace_text", N_("Nơi sinh")),
    ("residence", N_("Nơi ở hiện nay")),
    ("phone", N_("Điện thoại")),
    ("position_unit", N_("Chức vụ, đơn vị công tác")),
    ("title", N_("Chức vụ")),
    ("unit", N_("Đơn vị công tác")),
    ("unit_code", N_("Mã đơn vị")),
    ("management_tier", N_("Diện quản lý")),
    ("general_education", N_("Giáo dục phổ thông")),
    ("qualification", N_("Chuyên môn")),
    ("academic_title", N_("Học hàm")),
    ("political_theory", N_("Lý luận chính trị")),
    ("state_management", N_("Quản lý nhà nước")),
    ("foreign_language", N_("Ngoại ngữ")),
    ("it_skill", N_("Tin học")),
    ("civil_service_rank", N_("Ngạch")),
    ("salary_step", N_("Bậc lương")),
    ("salary_coefficient", N_("Hệ số lương")),
    ("recruited_on", N_("Ngày tuyển dụng")),
    ("joined_unit_on", N_("Ngày vào cơ quan")),
    ("party_joined_on", N_("Ngày vào Đảng")),
    ("party_official_on", N_("Ngày chính thức")),
    ("remarks", N_("Ghi chú")),
]
FIELD_LABELS = dict(FIELDS)
IGNORE = ""  # a column mapped to nothing

SYNONYMS = {
    "seq": ["STT", "TT", "Số TT", "Số thứ tự"],
    "full_name": ["Họ và tên", "Họ tên", "Họ và tên khai sinh", "Họ, tên", "Họ và tên cán bộ"],
    "other_names": ["Tên gọi khác", "Bí danh"],
    "gender": ["Giới tính", "Giới", "Nam/Nữ", "Nam, nữ"],
    "birth_date": [
        "Ngày sinh", "Ngày, tháng, năm sinh", "Ngày tháng năm sinh", "Năm sinh",
        "Sinh ngày", "Ngày/tháng/năm sinh",
    ],
    "birth_male": ["Ngày sinh > Nam", "Năm sinh > Nam", "Ngày, tháng, năm sinh > Nam"],
    "birth_female": ["Ngày sinh > Nữ", "Năm sinh > Nữ", "Ngày, tháng, năm sinh > Nữ"],
    "citizen_id": [
        "Số CCCD", "CCCD", "Căn cước công dân", "Số căn cước công dân", "Số định danh cá nhân",
        "Số định danh", "Số CMND/CCCD", "CMND/CCCD", "Số căn cước",
    ],
    "ethnicity": ["Dân tộc"],
    "religion": ["Tôn giáo"],
    "hometown_text": ["Quê quán", "Nguyên quán"],
    "birthplace_text": ["Nơi sinh"],
    "residence": ["Nơi ở hiện nay", "Nơi ở", "Chỗ ở hiện nay", "Địa chỉ", "Nơi thường trú"],
    "phone": ["Điện thoại", "Số điện thoại", "SĐT", "ĐT"],
    "position_unit": [
        "Chức vụ, đơn vị công tác", "Chức vụ đơn vị công tác", "Chức vụ, đơn vị",
        "Chức vụ và đơn vị công tác", "Chức danh, đơn vị công tác",
    ],
    "title": ["Chức vụ", "Chức danh", "Chức vụ hiện nay", "Chức vụ hiện tại", "Chức danh, chức vụ"],
    "unit": ["Đơn vị công tác", "Đơn vị", "Cơ quan, đơn vị", "Nơi công tác", "Cơ quan công tác"],
    "unit_code": ["Mã đơn vị"],
    "management_tier": ["Diện quản lý", "Diện"],
    "general_education": ["Giáo dục phổ thông", "Trình độ > Giáo dục phổ thông", "Văn hóa", "Trình độ > Văn hóa", "GDPT"],
    "qualification": [
        "Chuyên môn", "Trình độ chuyên môn", "Trình độ > Chuyên môn", "Chuyên môn nghiệp vụ",
        "Trình độ > Chuyên môn nghiệp vụ", "Trình độ đào tạo", "Học vấn",
    ],
    "academic_title": ["Học hàm"],
    "political_theory": [
        "Lý luận chính trị", "LLCT", "Trình độ > Lý luận chính trị", "Trình độ > LLCT",
        "Chính trị", "Trình độ > Chính trị", "Trình độ lý luận chính trị",
    ],
    "state_management": [
        "Quản lý nhà nước", "QLNN", "Trình độ > Quản lý nhà nước", "Trình độ > QLNN",
        "Trình độ quản lý nhà nước",
    ],
    "foreign_language": ["Ngoại ngữ", "Trình độ > Ngoại ngữ"],
    "it_skill": ["Tin học", "Trình độ > Tin học"],
    "civil_service_rank": ["Ngạch", "Ngạch công chức", "Ngạch, bậc > Ngạch", "Ngạch lương", "Mã ngạch"],
    "salary_step": ["Bậc", "Bậc lương", "Ngạch, bậc > Bậc", "Lương > Bậc"],
    "salary_coefficient": [
        "Hệ số", "Hệ số lương", "HSL", "Ngạch, bậc > Hệ số", "Lương > Hệ số",
    ],
    "recruited_on": ["Ngày tuyển dụng", "Ngày tuyển dụng lần đầu", "Ngày vào ngành"],
    "joined_unit_on": ["Ngày vào cơ quan", "Ngày vào cơ quan hiện nay"],
    "party_joined_on": [
        "Ngày vào Đảng", "Ngày vào đảng", "Vào Đảng", "Đảng viên > Ngày vào Đảng",
        "Ngày vào Đảng > Dự bị", "Đảng viên > Dự bị",
    ],
    "party_official_on": [
        "Ngày chính thức", "Chính thức", "Ngày vào Đảng chính thức", "Đảng viên > Chính thức",
        "Ngày vào Đảng > Chính thức", "Đảng viên > Ngày chính thức",
    ],
    "remarks": ["Ghi chú"],
}  # fmt: skip
