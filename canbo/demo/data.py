"""Vocabulary of the demo generator: names, titles with their standards, provincial agencies,
fields of study and institutions. Plain data, no Django imports.

Shares are rough figures for a northern midland province (Phú Thọ after 1 July 2025 includes the
former Hòa Bình and Vĩnh Phúc, e.g. Lạc Sơn of seed 004): they make the statistics of the demo
look like the ones the seeds quote, they are not official statistics.
"""

from decimal import Decimal

# Family names of the Kinh majority with their approximate shares (%): Nguyễn ~38 %.
FAMILY_NAMES = [
    ("Nguyễn", 38.0), ("Trần", 11.0), ("Lê", 9.5), ("Phạm", 7.0), ("Hoàng", 4.0),
    ("Huỳnh", 0.5), ("Phan", 3.0), ("Vũ", 4.0), ("Võ", 0.8), ("Đặng", 2.1), ("Bùi", 2.0),
    ("Đỗ", 2.0), ("Hồ", 1.0), ("Ngô", 1.3), ("Dương", 1.0), ("Lý", 0.5), ("Đinh", 1.2),
    ("Đào", 1.0), ("Trịnh", 0.8), ("Lương", 0.6), ("Mai", 0.4), ("Tạ", 0.5), ("Cao", 0.5),
    ("Hà", 0.8), ("Lưu", 0.3), ("Kiều", 0.4), ("Khuất", 0.3), ("Chu", 0.4), ("Tô", 0.2),
    ("Phùng", 0.5), ("Lại", 0.2), ("Nghiêm", 0.2), ("Triệu", 0.2), ("Thân", 0.1),
]  # fmt: skip

# Family names typical of some ethnic minorities (GSO ethnicity code → names).
MINORITY_FAMILY_NAMES = {
    "06": ["Bùi"] * 6 + ["Đinh"] * 3 + ["Quách", "Hà", "Bạch", "Nguyễn"],  # Mường
    "03": ["Hà", "Lò", "Vì", "Lường", "Cầm", "Sa", "Lê"],  # Thái
    "02": ["Hoàng", "Nông", "Ma", "Lương", "Hà", "Lục"],  # Tày
    "09": ["Triệu", "Bàn", "Đặng", "Lý", "Phùng", "Bàn"],  # Dao
    "08": ["Giàng", "Vàng", "Sùng", "Lầu", "Thào", "Mùa"],  # Mông
    "18": ["Lâm", "Trần", "Diệp", "Lý", "Đỗ"],  # Sán Dìu
    "15": ["Hoàng", "Trần", "Lý", "Đặng"],  # Sán Chay (Cao Lan)
    "07": ["Hoàng", "Nông", "Lý", "Vi"],  # Nùng
    "05": ["Thạch", "Sơn", "Kim", "Danh", "Lâm", "Châu"],  # Khơ-me
    "04": ["Lâm", "Trương", "Quách", "Lý", "Mã", "Tăng"],  # Hoa
}

MIDDLE_NAMES_MALE = [
    ("Văn", 34), ("Đức", 8), ("Hữu", 6), ("Minh", 7), ("Quang", 5), ("Xuân", 4), ("Mạnh", 3),
    ("Công", 4), ("Thanh", 4), ("Tiến", 3), ("Ngọc", 3), ("Duy", 3), ("Trung", 2), ("Đình", 4),
    ("Trọng", 3), ("Anh", 2), ("Hồng", 2), ("Việt", 2), ("Quốc", 3), ("Thế", 2), ("Kim", 1),
    ("Bá", 1), ("Tuấn", 1),
]  # fmt: skip
MIDDLE_NAMES_FEMALE = [
    ("Thị", 56), ("Thu", 5), ("Ngọc", 4), ("Thanh", 5), ("Minh", 3), ("Hồng", 3), ("Thúy", 2),
    ("Kim", 3), ("Phương", 3), ("Thùy", 3), ("Hải", 2), ("Diệu", 1), ("Quỳnh", 1), ("Lan", 1),
    ("Mai", 1), ("Bích", 2), ("Hoài", 1), ("Tuyết", 1), ("Vân", 1),
]  # fmt: skip
# Second middle names after "Thị" ("Nguyễn Thị Thu Hà").
SECOND_MIDDLE_FEMALE = ["Thu", "Thanh", "Minh", "Hồng", "Ngọc", "Kim", "Phương", "Thúy", "Hải"]

GIVEN_NAMES_MALE = [
    "Hùng", "Dũng", "Tuấn", "Minh", "Hải", "Nam", "Sơn", "Thắng", "Long", "Cường", "Hưng",
    "Trung", "Quang", "Đức", "Tùng", "Thành", "Phong", "Bình", "Hiếu", "Khánh", "Huy", "Toàn",
    "Tâm", "Chiến", "Lâm", "Tiến", "Việt", "Hòa", "Kiên", "Vinh", "Thịnh", "Hoàng", "Định",
    "Quyết", "Lợi", "Hậu", "Nghĩa", "Phúc", "Tú", "Điệp", "Thuận", "Giang", "Công", "Anh",
    "Duy", "Tài", "Khoa", "Đạt", "Trường", "Lực", "Mạnh", "Tuyên", "Thái", "Đông", "Bằng",
    "Hiệp", "Quân", "Linh", "Thanh", "Hà", "Sỹ", "Tú", "Luận", "Khải", "Chung",
]  # fmt: skip
GIVEN_NAMES_FEMALE = [
    "Hương", "Lan", "Hoa", "Hằng", "Mai", "Hà", "Thủy", "Trang", "Linh", "Nga", "Phương",
    "Thảo", "Huyền", "Yến", "Hạnh", "Dung", "Loan", "Nhung", "Vân", "Oanh", "Hiền", "Thu",
    "Tuyết", "Hồng", "Ngọc", "Liên", "Quỳnh", "Thúy", "Nhàn", "Hải", "Anh", "Giang", "Lý",
    "Ly", "Châu", "Tâm", "Thanh", "Xuân", "Duyên", "Huệ", "Chi", "Vy", "Tuyến", "Thoa",
    "Thơm", "Lụa", "Bích", "Hậu", "Gấm", "Minh", "Hòa", "Lê", "Nguyệt", "Thắm",
]  # fmt: skip
# Mông names: "Giàng A Páo", "Sùng Thị Mỷ".
MONG_GIVEN_MALE = ["Páo", "Dình", "Chứ", "Sử", "Lử", "Sính", "Vừ", "Tủa", "Chính", "Pó"]
MONG_GIVEN_FEMALE = ["Mỷ", "Dợ", "Pằng", "Chở", "Mai", "Sùng", "Mỵ", "Dua"]

# Ethnic mix (GSO code → share among cadres from that area) by former district (LD code):
# the mountainous districts of the seeds (Lạc Sơn: Mường) and their neighbours.
ETHNIC_MIX_BY_DISTRICT = {
    "LD148": {"06": 0.25, "03": 0.02, "09": 0.01},  # TP Hòa Bình
    "LD150": {"06": 0.22, "02": 0.30, "09": 0.18, "03": 0.04},  # Đà Bắc
    "LD152": {"06": 0.35, "09": 0.04},  # Lương Sơn
    "LD153": {"06": 0.70},  # Kim Bôi
    "LD154": {"06": 0.55, "03": 0.02},  # Cao Phong
    "LD155": {"06": 0.70, "03": 0.03},  # Tân Lạc
    "LD156": {"03": 0.55, "08": 0.08, "06": 0.08, "09": 0.02},  # Mai Châu
    "LD157": {"06": 0.75, "09": 0.02},  # Lạc Sơn
    "LD158": {"06": 0.45, "09": 0.02},  # Yên Thủy
    "LD159": {"06": 0.30, "09": 0.03},  # Lạc Thủy
    "LD234": {"06": 0.35, "09": 0.02},  # Yên Lập
    "LD238": {"06": 0.45, "09": 0.04},  # Thanh Sơn
    "LD240": {"06": 0.50, "09": 0.08, "15": 0.03},  # Tân Sơn
    "LD239": {"06": 0.10},  # Thanh Thủy
    "LD231": {"09": 0.02, "15": 0.02},  # Hạ Hòa
    "LD230": {"09": 0.02, "15": 0.03},  # Đoan Hùng
    "LD248": {"18": 0.20, "09": 0.01},  # Tam Đảo
    "LD246": {"18": 0.03, "15": 0.02},  # Lập Thạch
    "LD253": {"15": 0.04, "18": 0.02},  # Sông Lô
}
# Elsewhere: by former province (LP code), roughly the population shares of the 2019 census.
ETHNIC_MIX_BY_PROVINCE = {
    "LP01": {"06": 0.01, "09": 0.005},
    "LP02": {"08": 0.32, "02": 0.23, "09": 0.15, "07": 0.10},
    "LP04": {"02": 0.41, "07": 0.31, "08": 0.11, "09": 0.10},
    "LP06": {"02": 0.52, "09": 0.17, "07": 0.09, "08": 0.07},
    "LP08": {"02": 0.25, "09": 0.12, "15": 0.08, "08": 0.03},
    "LP10": {"08": 0.25, "02": 0.15, "09": 0.14, "25": 0.05, "07": 0.04},
    "LP11": {"03": 0.34, "08": 0.36, "29": 0.03},
    "LP12": {"08": 0.34, "03": 0.33, "09": 0.14, "35": 0.04},
    "LP14": {"03": 0.53, "08": 0.17, "06": 0.08},
    "LP15": {"02": 0.18, "09": 0.11, "08": 0.12, "03": 0.06},
    "LP17": {"06": 0.63, "03": 0.04, "02": 0.03, "09": 0.02},
    "LP19": {"02": 0.11, "07": 0.06, "18": 0.03, "09": 0.02},
    "LP20": {"07": 0.42, "02": 0.35, "09": 0.04},
    "LP22": {"09": 0.05, "02": 0.03, "18": 0.02},
    "LP24": {"07": 0.05, "02": 0.04, "18": 0.02, "15": 0.02},
    "LP25": {"06": 0.06, "09": 0.02, "15": 0.01},
    "LP26": {"18": 0.01},
    "LP38": {"06": 0.09, "03": 0.06},
    "LP40": {"03": 0.10, "29": 0.01, "08": 0.01},
    "LP45": {"23": 0.09},
    "LP49": {"26": 0.03, "14": 0.02},
    "LP51": {"19": 0.10, "30": 0.02},
    "LP58": {"17": 0.12, "21": 0.10},
    "LP62": {"14": 0.25, "13": 0.12, "27": 0.06},
    "LP64": {"10": 0.30, "13": 0.14},
    "LP66": {"12": 0.18, "07": 0.04, "02": 0.03},
    "LP67": {"20": 0.09, "08": 0.06, "07": 0.05, "02": 0.05},
    "LP68": {"16": 0.12, "28": 0.02, "36": 0.02},
    "LP70": {"22": 0.08, "05": 0.02, "07": 0.02},
    "LP79": {"04": 0.04, "05": 0.003},
    "LP84": {"05": 0.31},
    "LP89": {"05": 0.04, "17": 0.01},
    "LP91": {"05": 0.12},
    "LP94": {"05": 0.30, "04": 0.03},
    "LP95": {"05": 0.07},
}
# Any other area: a small minority share spread over the large groups.
ETHNIC_MIX_DEFAULT = {"02": 0.035, "03": 0.03, "06": 0.025, "07": 0.02, "09": 0.01, "08": 0.005}

# Religion code → share (catalogs.data.RELIGIONS); "00" = Không.
RELIGION_MIX = [("00", 93.0), ("01", 4.0), ("02", 2.4), ("03", 0.4), ("99", 0.2)]

FAMILY_BACKGROUNDS = [("Nông dân", 58), ("Công nhân", 9), ("Cán bộ", 14), ("Viên chức", 12),
                      ("Tiểu thương", 5), ("Quân nhân", 2)]  # fmt: skip

BLOOD_TYPES = [("O", 42), ("B", 30), ("A", 21), ("AB", 7)]

FOREIGN_LANGUAGES = ["Tiếng Anh B1", "Tiếng Anh trình độ B", "Tiếng Anh bậc 3", "Tiếng Anh A2",
                     "Tiếng Anh trình độ C", "Tiếng Anh B2", "Tiếng Trung trình độ B",
                     "Tiếng Pháp trình độ B"]  # fmt: skip
IT_SKILLS = ["Tin học văn phòng trình độ B", "Ứng dụng công nghệ thông tin cơ bản",
             "Tin học trình độ A", "Ứng dụng công nghệ thông tin nâng cao"]  # fmt: skip

# Title rows: code, name, group, is_key, is_leadership, management tier, minimum
# qualification, political theory and state management (catalog codes), rank.
TITLES = [
    # Province (the standing committee and the Politburo manage these).
    ("bi-thu-tinh-uy", "Bí thư Tỉnh ủy", "party", True, True, "TW", "DH", "CC", "CVCC", 100),
    ("pho-bi-thu-tinh-uy", "Phó Bí thư Tỉnh ủy", "party", True, True, "TW", "DH", "CC", "CVCC",
     95),
    ("chu-tich-hdnd-tinh", "Chủ tịch HĐND tỉnh", "council", True, True, "TW", "DH", "CC", "CVCC",
     92),
    ("chu-tich-ubnd-tinh", "Chủ tịch UBND tỉnh", "government", True, True, "TW", "DH", "CC",
     "CVCC", 92),
    ("pho-chu-tich-hdnd-tinh", "Phó Chủ tịch HĐND tỉnh", "council", False, True, "TINH", "DH",
     "CC", "CVC", 85),
    ("pho-chu-tich-ubnd-tinh", "Phó Chủ tịch UBND tỉnh", "government", False, True, "TINH", "DH",
     "CC", "CVC", 85),
    ("chu-tich-ubmttq-tinh", "Chủ tịch Ủy ban MTTQ Việt Nam tỉnh", "front", False, True, "TINH",
     "DH", "CC", "CVC", 85),
    ("truong-ban-tinh-uy", "Trưởng ban (cơ quan tham mưu Tỉnh ủy)", "party", False, True, "TINH",
     "DH", "CC", "CVC", 80),
    ("pho-truong-ban-tinh-uy", "Phó Trưởng ban (cơ quan tham mưu Tỉnh ủy)", "party", False, True,
     "TINH", "DH", "CC", "CVC", 70),
    ("chanh-van-phong-tinh-uy", "Chánh Văn phòng Tỉnh ủy", "party", False, True, "TINH", "DH",
     "CC", "CVC", 78),
    ("pho-chanh-van-phong-tinh-uy", "Phó Chánh Văn phòng Tỉnh ủy", "party", False, True, "TINH",
     "DH", "CC", "CVC", 68),
    ("chu-nhiem-ubkt-tinh-uy", "Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy", "party", False, True, "TINH",
     "DH", "CC", "CVC", 80),
    ("pho-chu-nhiem-ubkt-tinh-uy", "Phó Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy", "party", False, True,
     "TINH", "DH", "CC", "CVC", 70),
    ("giam-doc-so", "Giám đốc Sở", "government", False, True, "TINH", "DH", "CC", "CVC", 75),
    ("pho-giam-doc-so", "Phó Giám đốc Sở", "government", False, True, "TINH", "DH", "CC", "CVC",
     68),
    ("truong-phong-so", "Trưởng phòng thuộc Sở", "government", False, True, "DONVI", "DH", "TC",
     "CV", 50),
    ("pho-truong-phong-so", "Phó Trưởng phòng thuộc Sở", "government", False, True, "DONVI", "DH",
     "TC", "CV", 45),
    ("hieu-truong-thpt", "Hiệu trưởng trường THPT", "public_service", False, True, "DONVI", "DH",
     "TC", "CV", 45),
    ("pho-hieu-truong-thpt", "Phó Hiệu trưởng trường THPT", "public_service", False, True,
     "DONVI", "DH", "TC", "", 40),
    ("giam-doc-benh-vien", "Giám đốc bệnh viện", "public_service", False, True, "TINH", "DH", "CC",
     "CVC", 60),
    ("pho-giam-doc-benh-vien", "Phó Giám đốc bệnh viện", "public_service", False, True, "DONVI",
     "DH", "TC", "CV", 55),
    # Commune, ward, special zone (since 1 July 2025).
    ("bi-thu-dang-uy-xa", "Bí thư Đảng ủy", "party", True, True, "TINH", "DH", "TC", "CV", 60),
    ("pho-bi-thu-dang-uy-xa", "Phó Bí thư Đảng ủy", "party", True, True, "TINH", "DH", "TC", "CV",
     55),
    ("chu-tich-hdnd-xa", "Chủ tịch HĐND", "council", True, True, "TINH", "DH", "TC", "CV", 55),
    ("chu-tich-ubnd-xa", "Chủ tịch UBND", "government", True, True, "TINH", "DH", "TC", "CV", 55),
    ("pho-chu-tich-hdnd-xa", "Phó Chủ tịch HĐND", "council", False, True, "XA", "DH", "TC", "CV",
     45),
    ("pho-chu-tich-ubnd-xa", "Phó Chủ tịch UBND", "government", False, True, "XA", "DH", "TC",
     "CV", 45),
    ("chu-tich-ubmttq-xa", "Chủ tịch UBMTTQ", "front", False, True, "XA", "DH", "TC", "", 45),
    ("chu-nhiem-ubkt-dang-uy-xa", "Chủ nhiệm Ủy ban Kiểm tra Đảng ủy", "party", False, True, "XA",
     "DH", "TC", "", 45),
    ("truong-phong-xa", "Trưởng phòng", "government", False, True, "XA", "DH", "TC", "CV", 35),
    ("pho-truong-phong-xa", "Phó Trưởng phòng", "government", False, True, "XA", "DH", "SC", "CV",
     30),
    ("hieu-truong", "Hiệu trưởng", "public_service", False, True, "XA", "DH", "TC", "", 35),
    ("pho-hieu-truong", "Phó Hiệu trưởng", "public_service", False, True, "DONVI", "DH", "SC", "",
     30),
    ("truong-tram-y-te", "Trưởng Trạm Y tế", "public_service", False, True, "XA", "DH", "SC", "",
     30),
    ("bi-thu-chi-bo", "Bí thư Chi bộ", "party", False, True, "DONVI", "", "SC", "", 20),
    # Former districts (before 1 July 2025), for the history of today's cadres.
    ("bi-thu-huyen-uy", "Bí thư Huyện ủy", "party", True, True, "TINH", "DH", "CC", "CVC", 70),
    ("chu-tich-ubnd-huyen", "Chủ tịch UBND huyện", "government", True, True, "TINH", "DH", "CC",
     "CVC", 65),
    ("truong-ban-to-chuc-huyen-uy", "Trưởng Ban Tổ chức Huyện ủy", "party", False, True, "HUYEN",
     "DH", "TC", "CV", 45),
    ("pho-truong-ban-to-chuc-huyen-uy", "Phó Trưởng Ban Tổ chức Huyện ủy", "party", False, True,
     "HUYEN", "DH", "TC", "CV", 40),
    ("truong-phong-huyen", "Trưởng phòng (cấp huyện)", "government", False, True, "HUYEN", "DH",
     "TC", "CV", 40),
    ("pho-truong-phong-huyen", "Phó Trưởng phòng (cấp huyện)", "government", False, True, "HUYEN",
     "DH", "TC", "CV", 35),
    # Staff without a leadership post.
    ("chuyen-vien", "Chuyên viên", "staff", False, False, "DONVI", "DH", "", "", 10),
    ("giao-vien", "Giáo viên", "staff", False, False, "DONVI", "DH", "", "", 8),
    ("bac-si", "Bác sĩ", "staff", False, False, "DONVI", "DH", "", "", 9),
    ("dieu-duong", "Điều dưỡng", "staff", False, False, "DONVI", "CD", "", "", 6),
]  # fmt: skip

# Provincial departments (sở) in the order they are included as the demo grows: code suffix,
# name, departments (phòng) beyond "Văn phòng Sở", and the former units merged into it on
# 1 March 2025 (the 2025 streamlining of provincial agencies).
DEPARTMENTS = [
    ("nv", "Sở Nội vụ", ["Phòng Tổ chức, biên chế", "Phòng Công chức, viên chức",
                         "Phòng Xây dựng chính quyền"],
     ["Sở Lao động – Thương binh và Xã hội"]),
    ("tc", "Sở Tài chính", ["Phòng Quản lý ngân sách", "Phòng Tài chính đầu tư",
                            "Phòng Quản lý giá và công sản"], ["Sở Kế hoạch và Đầu tư"]),
    ("gddt", "Sở Giáo dục và Đào tạo", ["Phòng Giáo dục phổ thông", "Phòng Tổ chức cán bộ",
                                        "Phòng Kế hoạch – Tài chính"], []),
    ("yt", "Sở Y tế", ["Phòng Nghiệp vụ Y", "Phòng Tổ chức cán bộ", "Phòng Kế hoạch – Tài chính"],
     []),
    ("nnmt", "Sở Nông nghiệp và Môi trường", ["Phòng Trồng trọt và Bảo vệ thực vật",
                                              "Phòng Đất đai", "Phòng Môi trường"],
     ["Sở Nông nghiệp và Phát triển nông thôn", "Sở Tài nguyên và Môi trường"]),
    ("xd", "Sở Xây dựng", ["Phòng Quản lý xây dựng", "Phòng Quản lý giao thông"],
     ["Sở Giao thông vận tải"]),
    ("khcn", "Sở Khoa học và Công nghệ", ["Phòng Quản lý khoa học", "Phòng Chuyển đổi số"],
     ["Sở Thông tin và Truyền thông"]),
    ("ct", "Sở Công Thương", ["Phòng Quản lý thương mại", "Phòng Quản lý công nghiệp"], []),
    ("vhttdl", "Sở Văn hóa, Thể thao và Du lịch", ["Phòng Quản lý văn hóa",
                                                   "Phòng Quản lý du lịch"], []),
    ("tp", "Sở Tư pháp", ["Phòng Văn bản và Thi hành pháp luật", "Phòng Hành chính tư pháp"], []),
    ("dttg", "Sở Dân tộc và Tôn giáo", ["Phòng Chính sách dân tộc", "Phòng Quản lý tôn giáo"],
     ["Ban Dân tộc tỉnh"]),
    ("ng", "Sở Ngoại vụ", ["Phòng Lãnh sự"], []),
]  # fmt: skip

SCHOOL_LEVELS = ["Trường Mầm non", "Trường Tiểu học", "Trường THCS"]
SCHOOL_SUFFIXES = ["", " A", " B", " C", " D", " E", " số 2", " số 3", " số 4", " số 5"]

FIELDS_CIVIL = ["Luật", "Kinh tế", "Quản lý nhà nước", "Hành chính học", "Kế toán",
                "Tài chính – Ngân hàng", "Quản lý đất đai", "Công nghệ thông tin",
                "Xây dựng Đảng và chính quyền nhà nước", "Khoa học cây trồng", "Quản trị kinh doanh",
                "Xã hội học", "Chính trị học", "Kinh tế nông nghiệp", "Quản lý văn hóa"]  # fmt: skip
FIELDS_TEACHER = ["Sư phạm Toán", "Sư phạm Ngữ văn", "Giáo dục Tiểu học", "Giáo dục Mầm non",
                  "Sư phạm Tiếng Anh", "Sư phạm Vật lý", "Sư phạm Hóa học", "Sư phạm Lịch sử",
                  "Sư phạm Địa lý", "Sư phạm Sinh học", "Giáo dục thể chất",
                  "Sư phạm Tin học"]  # fmt: skip
FIELDS_HEALTH = ["Y đa khoa", "Y học cổ truyền", "Y học dự phòng", "Dược học"]
FIELDS_NURSE = ["Điều dưỡng", "Hộ sinh", "Kỹ thuật xét nghiệm y học"]
FIELDS_MASTER = ["Quản lý kinh tế", "Luật Kinh tế", "Quản lý công", "Chính sách công",
                 "Quản lý giáo dục", "Kinh tế chính trị", "Quản lý đất đai", "Kế toán"]  # fmt: skip

INSTITUTIONS_CIVIL = ["Học viện Hành chính Quốc gia", "Trường Đại học Hùng Vương",
                      "Trường Đại học Kinh tế Quốc dân", "Trường Đại học Luật Hà Nội",
                      "Học viện Nông nghiệp Việt Nam", "Học viện Báo chí và Tuyên truyền",
                      "Trường Đại học Thủy lợi", "Trường Đại học Công đoàn",
                      "Trường Đại học Lâm nghiệp", "Học viện Tài chính",
                      "Trường Đại học Nông Lâm – Đại học Thái Nguyên"]  # fmt: skip
INSTITUTIONS_TEACHER = ["Trường Đại học Sư phạm Hà Nội", "Trường Đại học Sư phạm Hà Nội 2",
                        "Trường Đại học Hùng Vương", "Trường Đại học Tân Trào",
                        "Trường Cao đẳng Sư phạm Hòa Bình",
                        "Trường Đại học Sư phạm – Đại học Thái Nguyên"]  # fmt: skip
INSTITUTIONS_HEALTH = ["Trường Đại học Y Hà Nội", "Trường Đại học Y Dược Thái Bình",
                       "Trường Đại học Y Dược – Đại học Thái Nguyên",
                       "Trường Cao đẳng Y tế Phú Thọ", "Trường Đại học Điều dưỡng Nam Định"]  # fmt: skip

AWARDS = [
    ("Giấy khen", "Chủ tịch UBND huyện", "Hoàn thành tốt nhiệm vụ"),
    ("Lao động tiên tiến", "Thủ trưởng cơ quan", "Hoàn thành tốt nhiệm vụ năm"),
    ("Chiến sĩ thi đua cơ sở", "Thủ trưởng cơ quan", "Có sáng kiến được công nhận"),
    ("Bằng khen", "Chủ tịch UBND tỉnh", "Có thành tích xuất sắc trong thực hiện nhiệm vụ"),
    ("Giấy khen", "Ban Thường vụ Đảng ủy", "Đảng viên hoàn thành xuất sắc nhiệm vụ"),
]
SANCTION_REASONS = [
    "Thiếu trách nhiệm trong thực hiện nhiệm vụ được giao",
    "Vi phạm quy định về quản lý đất đai",
    "Vi phạm quy chế làm việc, kỷ luật, kỷ cương hành chính",
    "Vi phạm quy định về những điều đảng viên không được làm",
    "Vi phạm quy định về quản lý tài chính, ngân sách",
    "Vi phạm chính sách dân số",
]

# Civil-service salary scales (NĐ 204/2004 tables): rank code → base coefficient, increment per
# step, number of steps, years per step.
SCALES = {
    "01.001": (Decimal("6.20"), Decimal("0.36"), 6, 3),
    "01.002": (Decimal("4.40"), Decimal("0.34"), 8, 3),
    "01.003": (Decimal("2.34"), Decimal("0.33"), 9, 3),
    "01.004": (Decimal("2.10"), Decimal("0.31"), 10, 2),
}
