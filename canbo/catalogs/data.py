"""Seed rows of the catalogs, loaded by migration 0002 and kept in sync by `sync_catalogs`.

Each list is (code, name, rank) in display order; sources in the comments.
"""

# The 54 ethnic groups with the General Statistics Office codes (QĐ 121-TCTK/PPCĐ, 1979).
ETHNICITIES = [
    ("01", "Kinh"), ("02", "Tày"), ("03", "Thái"), ("04", "Hoa"), ("05", "Khơ-me"),
    ("06", "Mường"), ("07", "Nùng"), ("08", "Mông"), ("09", "Dao"), ("10", "Gia-rai"),
    ("11", "Ngái"), ("12", "Ê-đê"), ("13", "Ba-na"), ("14", "Xơ-đăng"), ("15", "Sán Chay"),
    ("16", "Cơ-ho"), ("17", "Chăm"), ("18", "Sán Dìu"), ("19", "Hrê"), ("20", "Mnông"),
    ("21", "Ra-glai"), ("22", "Xtiêng"), ("23", "Bru-Vân Kiều"), ("24", "Thổ"), ("25", "Giáy"),
    ("26", "Cơ-tu"), ("27", "Gié-Triêng"), ("28", "Mạ"), ("29", "Khơ-mú"), ("30", "Co"),
    ("31", "Tà-ôi"), ("32", "Chơ-ro"), ("33", "Kháng"), ("34", "Xinh-mun"), ("35", "Hà Nhì"),
    ("36", "Chu-ru"), ("37", "Lào"), ("38", "La Chí"), ("39", "La Ha"), ("40", "Phù Lá"),
    ("41", "La Hủ"), ("42", "Lự"), ("43", "Lô Lô"), ("44", "Chứt"), ("45", "Mảng"),
    ("46", "Pà Thẻn"), ("47", "Cơ Lao"), ("48", "Cống"), ("49", "Bố Y"), ("50", "Si La"),
    ("51", "Pu Péo"), ("52", "Brâu"), ("53", "Ơ Đu"), ("54", "Rơ-măm"),
]  # fmt: skip

# "Không" first (the 2C guide: religion is never left blank), then the recognised religions.
RELIGIONS = [
    ("00", "Không"), ("01", "Phật giáo"), ("02", "Công giáo"), ("03", "Tin lành"),
    ("04", "Cao Đài"), ("05", "Phật giáo Hòa Hảo"), ("06", "Hồi giáo"), ("07", "Bahá'í"),
    ("08", "Tịnh độ Cư sĩ Phật hội Việt Nam"), ("09", "Tứ Ân Hiếu nghĩa"),
    ("10", "Bửu Sơn Kỳ Hương"), ("11", "Minh Sư đạo"), ("12", "Minh Lý đạo – Tam Tông Miếu"),
    ("13", "Bà-la-môn"), ("14", "Các Thánh hữu ngày sau (Mặc Môn)"),
    ("15", "Phật giáo Hiếu Nghĩa Tà Lơn"), ("16", "Cơ đốc Phục lâm"), ("99", "Khác"),
]  # fmt: skip

# RULES §9.3 (statistical columns); rank orders the levels for "at least" checks.
QUALIFICATION_LEVELS = [
    ("TS", "Tiến sĩ", 7), ("THS", "Thạc sĩ", 6), ("DH", "Đại học", 5), ("CD", "Cao đẳng", 4),
    ("TC", "Trung cấp", 3), ("SC", "Sơ cấp", 2), ("KHONG", "Chưa qua đào tạo", 1),
]  # fmt: skip

# RULES §9.1: "Cử nhân chính trị" and "Cao cấp lý luận chính trị – hành chính" count as senior.
POLITICAL_THEORY_LEVELS = [
    ("CN", "Cử nhân", 3), ("CC", "Cao cấp", 3), ("TC", "Trung cấp", 2), ("SC", "Sơ cấp", 1),
]  # fmt: skip

# RULES §9.2: state-management training levels.
STATE_MANAGEMENT_RANKS = [
    ("CVCC", "Chuyên viên cao cấp", 3), ("CVC", "Chuyên viên chính", 2), ("CV", "Chuyên viên", 1),
]  # fmt: skip

# RULES §9.2: rank groups; the numeric codes (01.001–01.005) are NOT verified — provisional.
CIVIL_SERVICE_RANKS = [
    ("01.001", "Chuyên viên cao cấp", 5), ("01.002", "Chuyên viên chính", 4),
    ("01.003", "Chuyên viên", 3), ("01.004", "Cán sự", 2), ("01.005", "Nhân viên", 1),
]  # fmt: skip

# Diện quản lý: RULES §9.11 (QĐ 368-QĐ/TW groups) and the two-tier local government of 2025.
MANAGEMENT_TIERS = [
    ("TW", "Bộ Chính trị, Ban Bí thư quản lý", 5),
    ("TINH", "Ban Thường vụ Tỉnh ủy quản lý", 4),
    ("HUYEN", "Ban Thường vụ Huyện ủy quản lý (trước 07/2025)", 3),
    ("XA", "Ban Thường vụ Đảng ủy xã, phường quản lý", 2),
    ("DONVI", "Cơ quan, đơn vị quản lý", 1),
]
