"""The 2C profile ("Sơ yếu lý lịch cán bộ, công chức") as a document: its content once, in
`profile_document`, and two renderings of it — Word (.docx, python-docx) and PDF (WeasyPrint,
from `templates/exports/profile_2c.html`).

The items and their numbers follow the 38-item form used with the national database of cadres
and civil servants (RULES.md §8.3), which is also the numbering of the `Person` model: header
(managing body, unit, number, photo), 1–31 one-line items, 32 training, 33 work history, 34
personal history, 35 awards and discipline, 36 family, 37 salary history, 38 remarks, then the
signatures. Items canbo does not record yet (social insurance numbers, succession planning) are
printed with an empty value, as on a blank form. Dates keep their precision: "03/1975" stays
month and year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import IO

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from canbo.core.dates import PartialDate
from canbo.people.choices import FamilySide, TrainingKind
from canbo.people.models import Person

FONT = "Times New Roman"
FORM_CODE = "Mẫu 2C"


@dataclass
class Line:
    """A numbered item: one or several "label: value" pairs on one line."""

    number: str
    fields: list[tuple[str, str]]


@dataclass
class Heading:
    """The title of an item whose content follows (a table or a paragraph)."""

    number: str
    text: str


@dataclass
class Paragraph:
    text: str


@dataclass
class Table:
    """A table; a row that is a `str` is a sub-heading across the whole table (e.g. "32.1 …")."""

    columns: list[str]
    rows: list[list[str] | str]
    widths: list[float]  # relative widths
    empty: str = ""  # shown in one row across the table when there are no data rows


@dataclass
class ProfileDocument:
    person_id: int
    full_name: str
    header: list[tuple[str, str]]  # top-left: managing body, unit, number
    blocks: list[Line | Heading | Paragraph | Table] = field(default_factory=list)
    made_on: date = field(default_factory=date.today)


def _d(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _my(value: date | None) -> str:
    return value.strftime("%m/%Y") if value else ""


def _partial(value: date | None, precision: str) -> str:
    return str(PartialDate(value, precision)) if value else ""


def _area(area, text: str) -> str:
    return area.full_name() if area is not None else (text or "")


def _post_text(assignment) -> str:
    return f"{assignment.post.title.name}, {assignment.post.unit.name}"


def _current_posts(person: Person, on: date):
    current = [
        a
        for a in person.assignments.all()
        if a.start_date <= on and (a.end_date is None or a.end_date >= on)
    ]
    current.sort(key=lambda a: (a.is_concurrent, -a.post.title.rank, a.start_date))
    party = [a for a in current if a.post.title.group == "party"]
    other = [a for a in current if a.post.title.group != "party"]
    return other, party


def profile_document(person: Person, *, on: date | None = None) -> ProfileDocument:
    """Everything the 2C form shows for `person` (fetched with
    `people.selectors.person_profile_queryset()`, so that no section costs a query per row)."""
    on = on or date.today()
    unit = person.unit
    managing = unit.parent.name if unit.parent_id else unit.name
    doc = ProfileDocument(
        person_id=person.pk,
        full_name=person.full_name,
        header=[
            (_("Cơ quan, đơn vị có thẩm quyền quản lý CBCC"), managing),
            (_("Cơ quan, đơn vị sử dụng CBCC"), unit.name),
            (_("Số hiệu cán bộ, công chức"), ""),
        ],
    )
    add = doc.blocks.append
    posts, party_posts = _current_posts(person, on)
    main = [a for a in posts if not a.is_concurrent]
    concurrent = [a for a in posts if a.is_concurrent]
    party_main = [a for a in party_posts if not a.is_concurrent]
    party_concurrent = [a for a in party_posts if a.is_concurrent]
    appointed = next((a for a in main if a.kind != "reappointment"), None)
    reappointed = next((a for a in main if a.kind == "reappointment"), None)

    add(Line("1", [
        (_("Họ và tên khai sinh (viết chữ in hoa)"), person.full_name.upper()),
        (_("Giới tính"), person.get_gender_display()),
    ]))  # fmt: skip
    add(Line("2", [(_("Các tên gọi khác"), person.other_names)]))
    add(Line("3", [(_("Sinh ngày"), str(person.birth))]))
    add(Line("4", [(_("Nơi sinh"), _area(person.birthplace, person.birthplace_text))]))
    add(Line("5", [(_("Quê quán"), _area(person.hometown, person.hometown_text))]))
    add(Line("6", [(_("Dân tộc"), str(person.ethnicity or ""))]))
    add(Line("7", [(_("Tôn giáo"), str(person.religion or ""))]))
    add(Line("8", [
        (_("Số CCCD"), person.citizen_id or ""),
        (_("Ngày cấp"), _d(person.citizen_id_issued_on)),
        (_("Điện thoại"), person.phone),
    ]))  # fmt: skip
    add(Line("9", [(_("Số sổ BHXH"), ""), (_("Số thẻ BHYT"), "")]))
    add(Line("10", [(_("Nơi ở hiện nay"), person.residence)]))
    add(Line("11", [(_("Thành phần gia đình xuất thân"), person.family_background)]))
    add(Line("12", [(_("Nghề nghiệp bản thân trước khi được tuyển dụng"), person.occupation_before)]))  # fmt: skip
    add(Line("13", [
        (_("Ngày được tuyển dụng lần đầu"), _d(person.recruited_on)),
        (_("Cơ quan, đơn vị tuyển dụng"), person.recruited_by),
    ]))  # fmt: skip
    add(Line("14", [(_("Ngày vào cơ quan hiện đang công tác"), _d(person.joined_unit_on))]))
    add(Line("15", [
        (_("Ngày vào Đảng Cộng sản Việt Nam"), _d(person.party_joined_on)),
        (_("Ngày chính thức"), _d(person.party_official_on)),
    ]))  # fmt: skip
    add(Line("16", [
        (_("Ngày tham gia tổ chức chính trị – xã hội đầu tiên"), _d(person.mass_org_joined_on)),
    ]))  # fmt: skip
    add(Line("17", [
        (_("Ngày nhập ngũ"), _d(person.military_enlisted_on)),
        (_("Ngày xuất ngũ"), _d(person.military_discharged_on)),
        (_("Quân hàm cao nhất"), person.military_rank),
    ]))  # fmt: skip
    add(Line("18", [(_("Đối tượng chính sách"), person.policy_beneficiary)]))
    add(Line("19", [(_("Trình độ giáo dục phổ thông"), person.general_education)]))
    qualification = ", ".join(
        p for p in (str(person.qualification_level or ""), person.qualification_field) if p
    )
    add(Line("20", [(_("Trình độ chuyên môn cao nhất"), qualification)]))
    add(Line("21", [(_("Học hàm"), person.academic_title)]))
    add(Line("22", [(_("Danh hiệu nhà nước phong tặng"), person.state_honours)]))
    add(Line("23", [
        (_("Chức vụ hiện tại"), "; ".join(_post_text(a) for a in main)),
        (_("Ngày bổ nhiệm, ngày phê chuẩn"), _d(appointed.start_date) if appointed else ""),
        (_("Ngày bổ nhiệm lại"), _d(reappointed.start_date) if reappointed else ""),
    ]))  # fmt: skip
    add(Line("24", [(_("Được quy hoạch chức danh"), "")]))
    add(Line("25", [(_("Chức vụ kiêm nhiệm"), "; ".join(_post_text(a) for a in concurrent))]))
    add(Line("26", [(_("Chức vụ Đảng hiện tại"), "; ".join(_post_text(a) for a in party_main))]))
    add(Line("27", [
        (_("Chức vụ Đảng kiêm nhiệm"), "; ".join(_post_text(a) for a in party_concurrent)),
    ]))  # fmt: skip
    add(Line("28", [(_("Công việc chính được giao"), person.main_duty)]))
    add(Line("29", [(_("Sở trường công tác"), person.strengths)]))
    rank = person.civil_service_rank
    add(Line("30", [
        (_("Ngạch, chức danh nghề nghiệp"), rank.name if rank else ""),
        (_("Mã số"), rank.code if rank else ""),
        (_("Bậc lương"), "" if person.salary_step is None else str(person.salary_step)),
        (_("Hệ số"), "" if person.salary_coefficient is None else f"{person.salary_coefficient:.2f}"),
        (_("Ngày hưởng"), _d(person.salary_since)),
    ]))  # fmt: skip
    add(Line("31", [
        (_("Tình trạng sức khỏe"), person.health),
        (_("Chiều cao"), f"{person.height_cm} cm" if person.height_cm else ""),
        (_("Cân nặng"), f"{person.weight_kg} kg" if person.weight_kg else ""),
        (_("Nhóm máu"), person.blood_type),
    ]))  # fmt: skip

    add(Heading("32", _("Đào tạo, bồi dưỡng")))
    add(_training_table(person))
    add(Heading("33", _("Tóm tắt quá trình công tác")))
    add(Table(
        columns=[_("Từ tháng, năm đến tháng, năm"),
                 _("Chức danh, chức vụ, đơn vị công tác (đảng, chính quyền, đoàn thể, tổ chức xã hội)")],
        rows=[
            [f"{_partial(w.start_date, w.start_precision)} – "
             f"{_partial(w.end_date, w.end_precision) if w.end_date else _('nay')}", w.description]
            for w in person.work_history.all()
        ],
        widths=[1, 3.2],
        empty=_("Chưa có."),
    ))  # fmt: skip
    add(Heading("34", _("Đặc điểm lịch sử bản thân")))
    add(Paragraph(person.personal_history or _("Không.")))
    add(Heading("35", _("Khen thưởng, kỷ luật")))
    awards = [[str(a.year), a.form, a.issuer, a.reason] for a in person.awards.all()]
    sanctions = [
        [_d(s.decided_on), _d(s.ends_on), f"{s.get_form_display()} ({s.get_system_display()})",
         s.reason, s.issuer]
        for s in person.sanctions.all()
    ]  # fmt: skip
    add(Table(
        columns=[_("Năm"), _("Hình thức khen thưởng"), _("Cấp khen"), _("Lý do")],
        rows=[_("35.1. Khen thưởng"), *awards] if awards else [_("35.1. Khen thưởng: không.")],
        widths=[0.6, 1.8, 1.6, 1.6],
    ))  # fmt: skip
    add(Table(
        columns=[_("Từ ngày"), _("Đến ngày"), _("Hình thức kỷ luật"), _("Hành vi vi phạm chủ yếu"),
                 _("Cơ quan quyết định")],
        rows=[_("35.2. Kỷ luật"), *sanctions] if sanctions else [_("35.2. Kỷ luật: không.")],
        widths=[0.9, 0.9, 1.3, 1.6, 1.3],
    ))  # fmt: skip
    add(Heading("36", _("Quan hệ gia đình")))
    family_columns = [
        _("Mối quan hệ"), _("Họ và tên"), _("Năm sinh"),
        _("Quê quán, nghề nghiệp, chức danh, chức vụ, đơn vị công tác, học tập, nơi ở"),
    ]  # fmt: skip
    own = [m for m in person.family.all() if m.side == FamilySide.OWN]
    spouse = [m for m in person.family.all() if m.side != FamilySide.OWN]
    add(Table(
        columns=family_columns,
        rows=[
            _("36.1. Về bản thân: cha, mẹ, vợ (hoặc chồng), các con, anh chị em ruột"),
            *[[m.relation, m.full_name, str(m.birth_year or ""), m.details] for m in own],
            _("36.2. Về bên vợ (hoặc chồng): cha, mẹ, anh chị em ruột"),
            *[[m.relation, m.full_name, str(m.birth_year or ""), m.details] for m in spouse],
        ],
        widths=[0.9, 1.5, 0.7, 3],
    ))  # fmt: skip
    add(Heading("37", _("Hoàn cảnh kinh tế: quá trình lương")))
    add(Table(
        columns=[_("Tháng, năm"), _("Mã ngạch"), _("Bậc"), _("Hệ số lương")],
        rows=[
            [_my(s.start_date), s.rank_code, "" if s.step is None else str(s.step), f"{s.coefficient:.2f}"]
            for s in person.salary_history.all()
        ],
        widths=[1, 1, 1, 1],
        empty=_("Chưa có."),
    ))  # fmt: skip
    add(Heading("38", _("Nhận xét, đánh giá của cơ quan, đơn vị quản lý và sử dụng cán bộ, công chức")))  # fmt: skip
    add(Paragraph(person.remarks or ""))
    return doc


def _training_table(person: Person) -> Table:
    sections = [
        (TrainingKind.PROFESSIONAL, _("32.1. Chuyên môn (từ trung cấp trở lên)")),
        (TrainingKind.POLITICAL_THEORY, _("32.2. Lý luận chính trị")),
        (TrainingKind.STATE_MANAGEMENT, _("32.3. Quản lý nhà nước, nghiệp vụ")),
        (TrainingKind.DEFENSE, _("32.4. Bồi dưỡng kiến thức quốc phòng, an ninh")),
        (TrainingKind.IT, _("32.5. Tin học")),
        (TrainingKind.FOREIGN_LANGUAGE, _("32.6. Ngoại ngữ, tiếng dân tộc")),
        (TrainingKind.OTHER, _("32.7. Bồi dưỡng khác")),
    ]
    trainings = list(person.trainings.all())
    rows: list[list[str] | str] = []
    for kind, title in sections:
        rows.append(title)
        for t in (t for t in trainings if t.kind == kind):
            period = f"{_my(t.start_date)} – {_my(t.end_date)}" if t.start_date else _my(t.end_date)
            level = str(t.qualification_level) if t.qualification_level_id else ""
            rows.append([
                period, t.institution, t.field, t.get_mode_display(),
                ", ".join(p for p in (t.diploma, level) if p),
            ])  # fmt: skip
    return Table(
        columns=[_("Từ tháng, năm – đến tháng, năm"), _("Tên cơ sở đào tạo"),
                 _("Chuyên ngành đào tạo, bồi dưỡng"), _("Hình thức đào tạo"),
                 _("Văn bằng, chứng chỉ, trình độ")],
        rows=rows,
        widths=[1.1, 1.6, 1.5, 1.1, 1.3],
    )  # fmt: skip


# -- Word ---------------------------------------------------------------------------------------


def write_profile_docx(target: str | IO[bytes], doc: ProfileDocument) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    document.core_properties.title = _("Sơ yếu lý lịch — %(name)s") % {"name": doc.full_name}
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(2.5), Cm(1.5)
    section.top_margin, section.bottom_margin = Cm(1.5), Cm(1.5)
    width = section.page_width - section.left_margin - section.right_margin

    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    normal.paragraph_format.space_after = Pt(2)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.1

    def para(text="", *, bold=False, italic=False, size=None, align=None, underline=False):
        p = document.add_paragraph()
        if text:
            run = p.add_run(text)
            run.bold, run.italic, run.underline = bold, italic, underline
            if size:
                run.font.size = Pt(size)
        if align is not None:
            p.alignment = align
        return p

    def borderless(table):
        borders = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            el = OxmlElement(f"w:{edge}")
            el.set(qn("w:val"), "nil")
            borders.append(el)
        table._tbl.tblPr.append(borders)

    def set_widths(table, widths):
        table.autofit = False
        for column, w in zip(table.columns, widths, strict=True):
            column.width = w
            for cell in column.cells:
                cell.width = w

    def cell_text(cell, text, *, bold=False, italic=False, align=None, size=None):
        p = cell.paragraphs[0]
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        if align is not None:
            p.alignment = align
        return p

    # header: managing body / unit / number on the left, the form's code on the right
    top = document.add_table(rows=1, cols=2)
    borderless(top)
    left, right = top.rows[0].cells
    set_widths(top, [int(width * 0.75), width - int(width * 0.75)])
    for i, (label, value) in enumerate(doc.header):
        p = left.paragraphs[0] if i == 0 else left.add_paragraph()
        p.add_run(f"{label}: ").font.size = Pt(11)
        p.add_run(value or "……………").font.size = Pt(11)
    cell_text(right, FORM_CODE, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)

    para(_("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(_("Độc lập - Tự do - Hạnh phúc"), bold=True, underline=True, align=WD_ALIGN_PARAGRAPH.CENTER)  # fmt: skip

    # photo frame and title
    head = document.add_table(rows=1, cols=2)
    borderless(head)
    photo, title = head.rows[0].cells
    set_widths(head, [Cm(3.6), width - Cm(3.6)])
    frame = photo.add_table(rows=1, cols=1)
    frame.style = "Table Grid"
    set_widths(frame, [Cm(3)])
    frame.rows[0].height = Cm(4)
    cell_text(frame.rows[0].cells[0], _("Ảnh màu\n(4 × 6 cm)"), italic=True, size=10,
              align=WD_ALIGN_PARAGRAPH.CENTER)  # fmt: skip
    frame.rows[0].cells[0].vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    title.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    p = cell_text(title, _("SƠ YẾU LÝ LỊCH CÁN BỘ, CÔNG CHỨC"), bold=True, size=15,
                  align=WD_ALIGN_PARAGRAPH.CENTER)  # fmt: skip

    for block in doc.blocks:
        if isinstance(block, Line):
            p = document.add_paragraph()
            p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
            p.add_run(f"{block.number}) ")
            for i, (label, value) in enumerate(block.fields):
                if i:
                    p.add_run("; ")
                p.add_run(f"{label}: ")
                p.add_run(value or "……").bold = bool(value)
        elif isinstance(block, Heading):
            p = para(f"{block.number}) {block.text}:", bold=True)
            p.paragraph_format.space_before = Pt(6)
            p.paragraph_format.keep_with_next = True
        elif isinstance(block, Paragraph):
            for line in (block.text or "……").splitlines() or ["……"]:
                para(line)
        elif isinstance(block, Table):
            _docx_table(document, block, width)
            document.add_paragraph().paragraph_format.space_after = Pt(0)

    # signatures
    para()
    sign = document.add_table(rows=1, cols=2)
    borderless(sign)
    set_widths(sign, [width // 2, width - width // 2])
    left, right = sign.rows[0].cells
    cell_text(left, _("Người khai"), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    left.add_paragraph(
        _("Tôi xin cam đoan những lời khai trên đây là đúng sự thật")
    ).alignment = WD_ALIGN_PARAGRAPH.CENTER
    left.add_paragraph(_("(Ký tên, ghi rõ họ tên)")).alignment = WD_ALIGN_PARAGRAPH.CENTER
    cell_text(right, _("……, ngày …… tháng …… năm 20……"), italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)  # fmt: skip
    r = right.add_paragraph()
    r.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r.add_run(_("Thủ trưởng cơ quan, đơn vị quản lý và sử dụng CBCC")).bold = True
    right.add_paragraph(_("(Ký tên, đóng dấu)")).alignment = WD_ALIGN_PARAGRAPH.CENTER
    top.alignment = head.alignment = sign.alignment = WD_TABLE_ALIGNMENT.CENTER
    document.save(target)


def _docx_table(document, block: Table, width) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    ncols = len(block.columns)
    total = sum(block.widths)
    widths = [int(width * w / total) for w in block.widths]
    table = document.add_table(rows=1, cols=ncols)
    table.style = "Table Grid"
    table.autofit = False
    for column, w in zip(table.columns, widths, strict=True):
        column.width = w
    header = table.rows[0]
    tr_pr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # repeat the header row on every page
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for cell, label, w in zip(header.cells, block.columns, widths, strict=True):
        cell.width = w
        p = cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(label)
        run.bold = True
        run.font.size = Pt(11)
    rows = list(block.rows)
    if not any(isinstance(r, list) for r in rows) and block.empty:
        rows.append(block.empty)
    for row in rows:
        cells = table.add_row().cells
        if isinstance(row, str):
            merged = cells[0].merge(cells[-1])
            run = merged.paragraphs[0].add_run(row)
            run.bold = run.italic = True
            run.font.size = Pt(11)
            continue
        for cell, text, w in zip(cells, row, widths, strict=True):
            cell.width = w
            cell.paragraphs[0].add_run(text or "").font.size = Pt(11)


# -- PDF ----------------------------------------------------------------------------------------


def profile_html(doc: ProfileDocument) -> str:
    return render_to_string(
        "exports/profile_2c.html",
        {"doc": doc, "form_code": FORM_CODE, "font": FONT, "blocks": _html_blocks(doc)},
    )


def _html_blocks(doc: ProfileDocument) -> list[dict]:
    out = []
    for block in doc.blocks:
        if isinstance(block, Line):
            out.append({"kind": "line", "block": block})
        elif isinstance(block, Heading):
            out.append({"kind": "heading", "block": block})
        elif isinstance(block, Paragraph):
            out.append({"kind": "paragraph", "lines": (block.text or "").splitlines()})
        else:
            total = sum(block.widths)
            rows = list(block.rows)
            if not any(isinstance(r, list) for r in rows) and block.empty:
                rows.append(block.empty)
            out.append({
                "kind": "table",
                "columns": list(zip(block.columns, [f"{100 * w / total:.1f}" for w in block.widths], strict=True)),
                "rows": [{"sub": r} if isinstance(r, str) else {"cells": r} for r in rows],
                "ncols": len(block.columns),
            })  # fmt: skip
    return out


def write_profile_pdf(target: str | IO[bytes], doc: ProfileDocument) -> None:
    """Render with WeasyPrint (Pango): fonts come from the system through fontconfig — "Times
    New Roman" resolves to Liberation Serif (same metrics, full Vietnamese), else DejaVu Serif."""
    from canbo.core.pdf import PdfUnavailable, html_to_pdf

    from .selectors import ExportError

    try:
        html_to_pdf(profile_html(doc), target)
    except PdfUnavailable as error:
        raise ExportError(str(error)) from error
