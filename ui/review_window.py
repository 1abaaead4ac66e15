"""审阅资料包: a package opened read-only for a reviewer. A banner with the integrity verdict,
the versions and what today's rules find that the export did not; every field by section
(ID numbers and phones masked until revealed, one click per field), each with a verdict and a
comment; the scans in a viewer that zooms, pans and rotates the view (never the file); the
findings; earlier rounds; the decision, written into a returned package."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImageReader, QPainter, QPixmap, QTransform
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from icpdesk.engine import Validator
from icpdesk.errors import IcpdeskError
from icpdesk.findings import Finding
from icpdesk.package.review import OpenedPackage
from icpdesk.package.review_report import field_rows, masked_text, sensitive
from icpdesk.reviews import WHOLE, ReviewComment, new_round

from . import style
from .findings_view import FindingsView
from .i18n import QT_TRANSLATE_NOOP, core_lang, translate

PATH_ROLE = Qt.ItemDataRole.UserRole
VERDICTS = (("", "—"), ("ok", QT_TRANSLATE_NOOP("ReviewWindow", "无误")),
            ("needs_change", QT_TRANSLATE_NOOP("ReviewWindow", "需修改")))


class ScanViewer(QGraphicsView):
    """Wheel or pinch to zoom, drag to pan, buttons to fit, 100% and rotate the view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.item = QGraphicsPixmapItem()
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self.item)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setAccessibleName(self.tr("扫描件查看"))
        self.grabGesture(Qt.GestureType.PinchGesture)
        self.angle = 0
        self.zoom = 1.0

    def show_file(self, path: Path | None) -> bool:
        reader = QImageReader(str(path)) if path else None
        if reader is not None:
            reader.setAutoTransform(True)  # upright as EXIF says, like the checks see it
            reader.setAllocationLimit(256)  # MB: a hostile image cannot take the memory
        image = reader.read() if reader is not None else None
        if image is not None and not image.isNull():
            self.item.setPixmap(QPixmap.fromImage(image))
            ok = True
        else:
            self.item.setPixmap(QPixmap())
            ok = False
        self.scene().setSceneRect(self.item.boundingRect())
        self.angle = 0
        self.fit()
        return ok

    def _apply(self) -> None:
        self.setTransform(QTransform().rotate(self.angle).scale(self.zoom, self.zoom))

    def fit(self) -> None:
        self.resetTransform()
        self.fitInView(self.item, Qt.AspectRatioMode.KeepAspectRatio)
        self.zoom = self.transform().m11() or 1.0
        self._apply()

    def actual(self) -> None:
        self.zoom = 1.0
        self._apply()

    def rotate_view(self, degrees: int = 90) -> None:
        self.angle = (self.angle + degrees) % 360
        self._apply()

    def zoom_by(self, factor: float) -> None:
        self.zoom = min(16.0, max(0.05, self.zoom * factor))
        self._apply()

    def wheelEvent(self, event) -> None:
        self.zoom_by(1.25 if event.angleDelta().y() > 0 else 0.8)

    def event(self, event) -> bool:
        if event.type() == event.Type.Gesture:
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if pinch is not None:
                self.zoom_by(pinch.scaleFactor())
                return True
        return super().event(event)


class ReviewWindow(QMainWindow):
    def __init__(self, package: Path, *, validator: Validator | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("审阅 {name} — ICP备案助手").format(name=package.name))
        self.validator = validator or Validator()
        self.package_path = package
        self.opened: OpenedPackage | None = None
        self.revealed: set[str] = set()
        self.verdicts: dict[str, QComboBox] = {}
        self.comments: dict[str, QLineEdit] = {}
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)  # member names and errors come from the package
        self.banner.setAccessibleName(self.tr("资料包状态"))
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        central = QWidget(self)
        lay = QVBoxLayout(central)
        lay.addWidget(self.banner)
        self.setCentralWidget(central)
        self.resize(1300, 860)
        try:
            self.opened = OpenedPackage(package, validator=self.validator)
        except IcpdeskError as e:  # hostile or unreadable: said, nothing shown from it
            self.banner.setText(self.tr("✗ 无法打开这个资料包：{error}").format(error=e))
            self.banner.setStyleSheet(f"color: {style.COLOUR['error']}; font-weight: bold")
            return
        self._build(lay)
        for label in self.findChildren(QLabel):  # every label here may quote the package: never rich text
            label.setTextFormat(Qt.TextFormat.PlainText)

    # --- building -------------------------------------------------------------------------
    def _build(self, lay: QVBoxLayout) -> None:
        assert self.opened is not None
        report = self.opened.report
        cats = self.validator.rulebook.catalogues
        self._banner()
        split = QSplitter(self)
        self.fields = QTreeWidget(self)
        self.fields.setColumnCount(4)
        self.fields.setHeaderLabels([self.tr("字段"), self.tr("值"), self.tr("结论"), self.tr("意见")])
        self.fields.setAccessibleName(self.tr("备案内容"))
        self.fields.setAlternatingRowColors(True)
        self.fields.itemClicked.connect(self._clicked)
        self.fields.currentItemChanged.connect(lambda item, _prev: self._show_scan(item))
        whole = QTreeWidgetItem([self.tr("整个备案"), ""])
        whole.setData(0, PATH_ROLE, WHOLE)
        self.fields.addTopLevelItem(whole)
        self._judge(whole, WHOLE)
        if report.filing is not None:
            for _section, label, rows in field_rows(report.filing, cats, core_lang()):
                head = QTreeWidgetItem([label, ""])
                self.fields.addTopLevelItem(head)
                for path, name, value in rows:
                    item = QTreeWidgetItem([name, self._value(path, value)])
                    item.setData(0, PATH_ROLE, path)
                    item.setData(1, PATH_ROLE, value)
                    item.setToolTip(1, self.tr("点击显示完整号码") if sensitive(path) and value else value)
                    head.addChild(item)
                    self._judge(item, path)
                head.setExpanded(True)
        self._sms_rows(report)
        for column, width in enumerate((190, 240, 90)):
            self.fields.setColumnWidth(column, width)
        split.addWidget(self.fields)

        right = QTabWidget(self)
        scan_tab = QWidget(self)
        slay = QVBoxLayout(scan_tab)
        self.viewer = ScanViewer(scan_tab)
        tools = QHBoxLayout()
        for text, slot in ((self.tr("适应窗口"), lambda: self.viewer.fit()), ("100%", lambda: self.viewer.actual()),
                           (self.tr("放大"), lambda: self.viewer.zoom_by(1.25)), (self.tr("缩小"),
                                                                                lambda: self.viewer.zoom_by(0.8)),
                           (self.tr("旋转视图"), lambda: self.viewer.rotate_view(90))):
            b = QPushButton(text, scan_tab)
            b.clicked.connect(slot)
            tools.addWidget(b)
        tools.addStretch(1)
        self.scan_checks = QLabel(self.tr("选一份备案资料查看扫描件。"), scan_tab)
        self.scan_checks.setWordWrap(True)
        slay.addLayout(tools)
        slay.addWidget(self.viewer, 1)
        slay.addWidget(self.scan_checks)
        right.addTab(scan_tab, self.tr("扫描件"))
        checks = QWidget(self)
        clay = QVBoxLayout(checks)
        self.changes = QLabel(self._changes_text(report), checks)
        self.changes.setWordWrap(True)
        self.changes.setAccessibleName(self.tr("导出后的变化"))
        self.findings = FindingsView(checks)
        self.findings.show_findings(report.findings, cats)
        self.findings.activated_path.connect(self.select_path)
        clay.addWidget(self.changes)
        clay.addWidget(self.findings, 1)
        right.addTab(checks, self.tr("检查结果（{n_findings}）").format(n_findings=len(report.findings)))
        self.history = QTextBrowser(self)
        self.history.setOpenLinks(False)
        self.history.setAccessibleName(self.tr("审阅记录"))
        self.history.setHtml(self._history_html())
        right.addTab(self.history, self.tr("审阅记录（{n_reviews}）").format(n_reviews=len(report.reviews)))
        split.addWidget(right)
        split.setSizes([720, 580])
        lay.addWidget(split, 1)

        bottom = QHBoxLayout()
        self.reviewer = QLineEdit(str(QSettings().value("reviewer", "") or ""), self)
        self.reviewer.setPlaceholderText(self.tr("审阅人姓名"))
        self.reviewer.setAccessibleName(self.tr("审阅人"))
        self.approve = QPushButton(self.tr("通过…"), self)
        self.give_back = QPushButton(self.tr("退回修改…"), self)
        self.report_button = QPushButton(self.tr("审阅报告…"), self)
        self.approve.clicked.connect(lambda: self.decide("approve"))
        self.give_back.clicked.connect(lambda: self.decide("return"))
        self.report_button.clicked.connect(self.report_dialog)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        bottom.addWidget(QLabel(self.tr("审阅人："), self))
        bottom.addWidget(self.reviewer)
        for w in (self.approve, self.give_back, self.report_button):
            bottom.addWidget(w)
        bottom.addWidget(self.result, 1)
        lay.addLayout(bottom)
        intact = report.integrity == "ok"
        self.approve.setEnabled(intact)
        self.give_back.setEnabled(intact)
        if not intact:
            self.result.setText(self.tr("包已被改动：不能在上面写审阅意见，请让对方重新导出。"))

    def _sms_rows(self, report) -> None:
        """Who gets the MIIT code, as the export planned it (phones masked until revealed)."""
        sms = (report.manifest.plan.get("sms") if report.manifest else None) or []
        if not sms:
            return
        head = QTreeWidgetItem([self.tr("短信核验计划"), ""])
        self.fields.addTopLevelItem(head)
        for i, entry in enumerate(sms):
            phone = str(entry.get("phone") or "")
            labels = entry.get("role_labels_en" if core_lang() == "en" else "role_labels", [])
            roles = self.tr("、").join(str(r) for r in labels)
            path = f"sms[{i}].phone1"  # shown like a phone field; not a field of the filing: no verdict
            name = entry.get("name") or self.tr("（未填姓名）")
            item = QTreeWidgetItem([self.tr("{name}：{roles}").format(name=name, roles=roles), self._value(path,
                                                                                                          phone)])
            item.setData(0, PATH_ROLE, path)
            item.setData(1, PATH_ROLE, phone)
            head.addChild(item)
        head.setExpanded(True)

    def _banner(self) -> None:
        assert self.opened is not None
        r = self.opened.report
        m = r.manifest
        parts = [self.tr("✓ 完整：所有文件与清单一致") if r.integrity == "ok"
                 else self.tr("✗ 完整性问题：") + self.tr("；").join(r.problems)]
        if m is not None:
            parts.append(self.tr("导出于 {created} · icpdesk {tool} · 规则 {rules}").format(
                created=m.created, tool=m.tool_version, rules=m.rules_version)
                + (self.tr("（今天的规则不同）") if m.rules_version != self.validator.rulebook.version else ""))
            if m.masked:
                parts.append(self.tr("证件号和电话已打码"))
        if r.rules_run:
            parts.append(self.tr("今天的规则：{errors} 个错误，导出后新出现 {new} 条、消失 {gone} 条").format(
                errors=sum(f.severity == "error" for f in r.findings), new=len(r.new), gone=len(r.gone)))
        if r.reviews:
            last = r.reviews[-1]
            decision = self.tr("通过") if last.decision == "approve" else self.tr("退回")
            parts.append(self.tr("已有 {n} 轮审阅，最近：{decision}（{reviewer}）").format(
                n=len(r.reviews), decision=decision, reviewer=last.reviewer))
        self.banner.setText("\n".join(parts))
        colour = style.COLOUR["ok" if r.integrity == "ok" else "error"]
        self.banner.setStyleSheet(f"color: {colour}; font-weight: bold")

    @staticmethod
    def _changes_text(report) -> str:
        """What today's rules find that the export did not, and what they no longer find."""
        if not report.rules_run:
            return translate("ReviewWindow", "包已被改动：内容未按规则检查。")
        if not report.new and not report.gone:
            return translate("ReviewWindow", "与导出时的检查结果相同。")
        lines = [translate("ReviewWindow", "导出后新出现 {new} 条，消失 {gone} 条（规则可能已更新）：").format(
            new=len(report.new), gone=len(report.gone))]
        key = "message_en" if core_lang() == "en" else "message"
        lines += [f"+ {f.get(key) or f['message']}" for f in report.new[:8]]
        lines += [f"− {f.get(key) or f['message']}" for f in report.gone[:8]]
        return "\n".join(lines)

    def _value(self, path: str, value: str) -> str:
        return value if path in self.revealed else masked_text(path, value)

    def _judge(self, item: QTreeWidgetItem, path: str) -> None:
        combo = QComboBox(self.fields)
        for code, label in VERDICTS:
            combo.addItem(self.tr(label), code)
        combo.setAccessibleName(self.tr("结论：{text}").format(text=item.text(0)))
        comment = QLineEdit(self.fields)
        comment.setPlaceholderText(self.tr("意见"))
        comment.setAccessibleName(self.tr("意见：{text}").format(text=item.text(0)))
        comment.textEdited.connect(lambda text, c=combo: c.setCurrentIndex(2) if text and c.currentIndex() == 0
                                   else None)
        self.fields.setItemWidget(item, 2, combo)
        self.fields.setItemWidget(item, 3, comment)
        self.verdicts[path], self.comments[path] = combo, comment

    def _history_html(self) -> str:
        assert self.opened is not None
        cats = self.validator.rulebook.catalogues
        parts = []
        for r in reversed(self.opened.report.reviews):  # newest first
            decision = self.tr("通过") if r.decision == "approve" else self.tr("退回修改")
            parts.append(self.tr("<h3>{decision} — {reviewer}，{time}</h3><ul>").format(
                decision=decision, reviewer=html.escape(r.reviewer), time=html.escape(r.time)))
            for c in r.comments:
                where = self.tr("整个备案") if c.path == WHOLE else cats.place_label(c.path, core_lang())
                state = ""
                if c.resolved:
                    state = (self.tr("（已解决：{answer}）").format(answer=html.escape(c.answer)) if c.answer
                             else self.tr("（已解决）"))
                mark = "✓" if c.verdict == "ok" else "✗"
                parts.append(self.tr("<li>{mark} {where}：{text}{state}</li>").format(
                    mark=mark, where=html.escape(where), text=html.escape(c.text), state=state))
            parts.append("</ul>")
        return "".join(parts) or self.tr("<p>还没有审阅记录。</p>")

    # --- using it -------------------------------------------------------------------------
    def _clicked(self, item: QTreeWidgetItem, column: int) -> None:
        path = item.data(0, PATH_ROLE)
        if column == 1 and path and sensitive(path) and path not in self.revealed:
            self.revealed.add(path)  # one field, on the reviewer's click; never all at once
            item.setText(1, self._value(path, item.data(1, PATH_ROLE) or ""))
            item.setToolTip(1, "")

    def select_path(self, path: str) -> None:
        """From a finding to its row (its field, or the section it belongs to)."""
        for item in self._items():
            if item.data(0, PATH_ROLE) == path:
                self.fields.setCurrentItem(item)
                self.fields.scrollToItem(item)
                return

    def _items(self):
        for i in range(self.fields.topLevelItemCount()):
            top = self.fields.topLevelItem(i)
            if top is None:
                continue
            yield top
            for j in range(top.childCount()):
                yield top.child(j)

    def _show_scan(self, item: QTreeWidgetItem | None) -> None:
        path = item.data(0, PATH_ROLE) if item is not None else None
        if not path or not path.startswith("materials[") or self.opened is None:
            return
        index = int(path[len("materials["):-1])
        scan = self.opened.scans[index] if index < len(self.opened.scans) else None
        shown = self.viewer.show_file(scan)
        checks = [Finding.from_dict(f) for f in self.opened.image_findings(index)]
        lines = [style.MARK[f.severity] + " " + self.tr("{word}：{message}").format(
            word=style.word(f.severity), message=f.text(core_lang())) for f in checks] or [self.tr("✓ 图片检查合格")]
        if not shown:
            lines.insert(0, self.tr("无法显示这份扫描件（包已被改动，或图片无法解码）。"))
        self.scan_checks.setText("\n".join(lines))

    def judged(self) -> list[ReviewComment]:
        out = []
        for path, combo in self.verdicts.items():
            verdict, text = combo.currentData(), self.comments[path].text().strip()
            if verdict:
                out.append(ReviewComment(path=path, verdict=verdict, text=text))
        return out

    def decide(self, decision: str, target: Path | None = None) -> Path | None:
        """The decision with every verdict given, written into a returned package."""
        assert self.opened is not None
        name = self.reviewer.text().strip()
        if not name:
            self.result.setText(self.tr("请先填写审阅人姓名。"))
            self.reviewer.setFocus()
            return None
        comments = self.judged()
        if decision == "return" and not any(c.verdict == "needs_change" for c in comments):
            self.result.setText(self.tr("退回时至少要有一条“需修改”的意见，说明要改什么。"))
            return None
        if target is None:
            suggested = str(self.package_path.with_name(self.package_path.stem + self.tr("-审阅.zip")))
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("保存审阅结果"), suggested, self.tr("资料包 (*.zip)"))
            if not chosen:
                return None
            target = Path(chosen)
        QSettings().setValue("reviewer", name)
        try:
            self.opened.write_returned(target, new_round(name, decision, comments))
        except (IcpdeskError, OSError) as e:
            self.result.setText(self.tr("✗ 未保存：{error}").format(error=e))
            return None
        said = (self.tr("✓ 已通过，保存到 {target}（原包的文件一字未改，另加 review.json）。") if decision == "approve"
                else self.tr("✓ 已退回，保存到 {target}（原包的文件一字未改，另加 review.json）。"))
        self.result.setText(said.format(target=target))
        return target

    def report_dialog(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("审阅报告"),
                                                str(self.package_path.with_suffix(".review.pdf")),
                                                "PDF (*.pdf);;HTML (*.html)")
        if chosen:
            self.write_report(Path(chosen))

    def write_report(self, target: Path) -> None:
        from icpdesk.atomic import atomic_write
        from icpdesk.package.review_report import build_review_html, build_review_pdf

        assert self.opened is not None
        cats = self.validator.rulebook.catalogues
        report = self.opened.report
        data = (build_review_pdf(report, cats) if target.suffix.lower() == ".pdf"
                else build_review_html(report, cats).encode("utf-8"))
        try:
            atomic_write(target, data, inputs=[self.package_path])
        except (IcpdeskError, OSError) as e:
            self.result.setText(self.tr("✗ 报告未保存：{error}").format(error=e))
            return
        self.result.setText(self.tr("✓ 审阅报告已保存：{target}").format(target=target))

    def closeEvent(self, event) -> None:
        if self.opened is not None:
            self.opened.close()  # the unpacked scans go with the window
        super().closeEvent(event)
