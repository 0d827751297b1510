"""Benchmark KK rendering in one process (not a unit test).

    python benchmarks/render.py [--n 200] [--peer-n 20] [--database-url URL]

Builds a scratch app state under a temporary directory (a SQLite file unless
``--database-url`` names a scratch PostgreSQL database whose name contains 'bench'; it is
dropped and created), seeds a city with ``seed_city`` and then, in this one process:

1. pipeline: N KK jobs through ``documents.issuing.documents_produce`` in batches of
   ``DOCUMENT_JOBS_PER_TASK`` (exactly what one Celery task runs): snapshots from the
   register, numbers, tokens, pages, QRs, PAdES signatures, storage, the ``IssuedDocument``
   rows, supersession and holdings;
2. limit: the same N KKs (snapshots taken beforehand) as a bare reportlab page with the
   same text and tables drawn by straight canvas calls, the QR matrix from zxing-cpp (the
   fastest encoder here) as one vector path, the token and the PAdES signature; no database;
3. peer: what a Django developer would otherwise pick: the same KK as a Django HTML
   template rendered by WeasyPrint (same fonts, the same QR as inline SVG), signed with
   pyHanko (``verification.pades.pdf_sign`` on a PDF without a reserved field).

Prints docs/s of each; the last line is ``ratio_vs_limit=<x> ratio_vs_weasyprint=<y>``.
Goals (issue 5): ratio_vs_limit >= 0.6, ratio_vs_weasyprint >= 5.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt

    from cryptography.hazmat.primitives.asymmetric import ec

    from verification.pades import _CmsTemplate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from scratch_db import recreate_database  # noqa: E402


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=200, help="KK documents through the pipeline and the limit")
    parser.add_argument("--peer-n", type=int, default=20, help="KK documents through WeasyPrint (slow)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed documents first (fonts, key, templates)")
    parser.add_argument(
        "--database-url",
        default="",
        help="a scratch PostgreSQL database whose name contains 'bench' (dropped and created); "
        "default: a SQLite file in the temporary directory",
    )
    return parser.parse_args()


def rate(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("inf")


# -- 2. the bare limit -------------------------------------------------------------------
def limit_document(
    snapshot: dict,
    *,
    number: str,
    private_key: ec.EllipticCurvePrivateKey,
    template: _CmsTemplate,
    issued_at: dt.datetime,
) -> bytes:
    """The same KK as straight reportlab calls + zxing-cpp QR + token + PAdES fill; no DB."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from documents.indonesian import date_id, date_numeric
    from documents.layouts.frame import A4_LANDSCAPE, BOLD, REGULAR
    from documents.layouts.kk import PART_ONE, PART_TWO
    from verification import pades
    from verification.codec import Claims, nik_ends, sign
    from verification.qr import _run_rects, qr_matrix
    from verification.tokens import record_digest

    subject = snapshot["subject"]
    claims = Claims(
        issuer="7571",
        issued_at=issued_at,
        doc_type="KK",
        number=number,
        version=1,
        subject_name=subject["name"][:60],
        nik_ends=nik_ends(subject["nik"]),
        digest=record_digest(snapshot),
    )
    token, _kid = sign(claims, private_key)
    url = f"HTTPS://DUKCAPIL.GORONTALOKOTA.GO.ID/V/{token}"
    family = snapshot["family"]
    members = family["members"]
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=A4_LANDSCAPE, pageCompression=1, invariant=1, initialFontName=REGULAR)
    width, height = A4_LANDSCAPE
    left, right, top = 15 * mm, width - 15 * mm, height - 15 * mm
    centre = width / 2
    y = top
    for text, size in (
        ("REPUBLIK INDONESIA", 12),
        ("PEMERINTAH KOTA GORONTALO", 10.5),
        ("DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 10.5),
    ):
        y -= size * 1.25
        c.setFont(BOLD, size)
        c.drawCentredString(centre, y, text)
    y -= 3 * mm
    c.line(left, y, right, y)
    y -= 9 * mm
    c.setFont(BOLD, 15)
    c.drawCentredString(centre, y, "KARTU KELUARGA")
    y -= 5.5 * mm
    c.setFont(BOLD, 11)
    c.drawCentredString(centre, y, f"No. {family['nomor_kk']}")
    rows = (
        ("Nama Kepala Keluarga", family["head_name"], "Desa/Kelurahan", family["kelurahan"]),
        ("Alamat", family["address"], "Kecamatan", family["kecamatan"]),
        ("RT/RW", f"{family['rt']}/{family['rw']}", "Kabupaten/Kota", family["city"]),
        ("Kode Pos", family["postal_code"], "Provinsi", family["province"]),
    )
    c.setFont(REGULAR, 8.5)
    for label, value, label2, value2 in rows:
        y -= 4.2 * mm
        c.drawString(left, y, f"{label} : {value}")
        c.drawString(left + 150 * mm, y, f"{label2} : {value2}")
    text_width = right - left
    for columns, values in (
        (
            PART_ONE,
            lambda i, m: (
                i,
                m["full_name"],
                m["nik"],
                m["sex"],
                m["birth_place"],
                date_numeric(m["birth_date"]),
                m["religion"],
                m["education"],
                m["occupation"],
                m["blood_type"],
            ),
        ),
        (
            PART_TWO,
            lambda i, m: (
                i,
                m["marital_status"],
                date_numeric(m["marriage_date"]) if m["marriage_date"] else "-",
                m["relationship"],
                m["citizenship"],
                m["passport_number"],
                m["kitap_number"],
                m["father_name"],
                m["mother_name"],
            ),
        ),
    ):
        y -= 6 * mm
        table_top = y
        xs = [left]
        for _, fraction in columns:
            xs.append(xs[-1] + fraction * text_width)
        c.setFont(BOLD, 6)
        for (heading, _), x in zip(columns, xs, strict=False):
            c.drawString(x + 1, y - 4 * mm, heading[:24])
        y -= 7 * mm
        c.setFont(REGULAR, 7)
        for index, member in enumerate(members, start=1):
            y -= 5 * mm
            for value, x in zip(values(index, member), xs, strict=False):
                c.drawString(x + 2, y + 1.5 * mm, str(value or "-"))
        c.rect(left, y, text_width, table_top - y)
        for x in xs[1:-1]:
            c.line(x, table_top, x, y)
    qr_x, qr_y, qr_size = right - 43 * mm, 18 * mm, 40 * mm
    matrix = qr_matrix(url)
    path = c.beginPath()
    path._code.extend(_run_rects(matrix, x=qr_x, top=qr_y + qr_size, module=qr_size / matrix.shape[0]))
    c.drawPath(path, stroke=0, fill=1)
    c.setFont(REGULAR, 9)
    c.drawRightString(qr_x - 4 * mm, 55 * mm, "Dikeluarkan di Gorontalo")
    c.drawRightString(qr_x - 4 * mm, 51 * mm, f"pada tanggal {date_id(issued_at.date())}")
    c.setFont(BOLD, 9)
    c.drawRightString(qr_x - 4 * mm, 45 * mm, "Kepala Dinas Kependudukan dan Pencatatan Sipil Kota Gorontalo")
    c.setFont(BOLD, 10)
    c.drawRightString(qr_x - 4 * mm, 30 * mm, "Dra. Hj. Nurlela Yusuf, M.Si")
    c.setFont(REGULAR, 7.5)
    c.drawRightString(qr_x - 4 * mm, 25 * mm, "Dokumen ini telah ditandatangani secara elektronik")
    # The reserved signature, as signature_field_add writes it, without its database reads.
    signature = c._doc.Reference(
        pades._Raw(
            b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached "
            + pades.BYTE_RANGE_PLACEHOLDER
            + b" /Contents <"
            + b"0" * (2 * template.reserved)
            + b"> >>"
        )
    )
    c._addAnnotation(
        pades._Raw(b"<< /Type /Annot /Subtype /Widget /FT /Sig /F 132 /Rect [ 0 0 0 0 ] /T (S) /V ", signature, b" >>"),
        name="S",
    )
    c._doc.Catalog.AcroForm = pades._Raw(b"<< /Fields [ ", c._doc.refAnnotation("S"), b" ] /SigFlags 3 >>")
    c.showPage()
    c.save()
    return pades._placeholder_fill(buffer.getvalue(), template)


# -- 3. the peer: Django template + WeasyPrint --------------------------------------------
PEER_TEMPLATE = """<!doctype html><html lang="id"><head><meta charset="utf-8"><style>
@font-face { font-family: Sans; src: url("{{ font_regular }}"); }
@font-face { font-family: Sans; font-weight: bold; src: url("{{ font_bold }}"); }
@page { size: A4 landscape; margin: 15mm; }
body { font-family: Sans; font-size: 8.5pt; margin: 0; }
.head { text-align: center; font-weight: bold; }
.head p { margin: 0; }
hr { border: 0; border-top: 1.2pt solid #000; margin: 2mm 0; }
h1 { font-size: 15pt; text-align: center; margin: 2mm 0 0; }
.no { text-align: center; font-weight: bold; font-size: 11pt; }
table.info { width: 100%; } table.info td { padding: 0 1mm; }
table.grid { width: 100%; border-collapse: collapse; margin-top: 3mm; font-size: 7pt; }
table.grid th, table.grid td { border: 0.5pt solid #000; padding: 0.5mm 0.8mm; }
table.grid th { background: #e6e6e6; }
.footer { position: absolute; bottom: 0; right: 0; width: 100%; }
.sign { position: absolute; right: 46mm; bottom: 0; text-align: right; font-size: 9pt; }
.qr { position: absolute; right: 3mm; bottom: 3mm; width: 40mm; height: 40mm; }
</style></head><body>
<div class="head"><p style="font-size:12pt">REPUBLIK INDONESIA</p><p>PEMERINTAH KOTA GORONTALO</p>
<p>DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL</p></div><hr>
<h1>KARTU KELUARGA</h1><div class="no">No. {{ family.nomor_kk }}</div>
<table class="info">
<tr><td>Nama Kepala Keluarga</td><td>: <b>{{ family.head_name }}</b></td>
<td>Desa/Kelurahan</td><td>: <b>{{ family.kelurahan }}</b></td></tr>
<tr><td>Alamat</td><td>: <b>{{ family.address }}</b></td><td>Kecamatan</td><td>: <b>{{ family.kecamatan }}</b></td></tr>
<tr><td>RT/RW</td><td>: <b>{{ family.rt }}/{{ family.rw }}</b></td>
<td>Kabupaten/Kota</td><td>: <b>{{ family.city }}</b></td></tr>
<tr><td>Kode Pos</td><td>: <b>{{ family.postal_code }}</b></td>
<td>Provinsi</td><td>: <b>{{ family.province }}</b></td></tr>
</table>
<table class="grid"><tr>{% for h in part_one %}<th>{{ h }}</th>{% endfor %}</tr>
{% for m in family.members %}<tr><td>{{ forloop.counter }}</td><td>{{ m.full_name }}</td><td>{{ m.nik }}</td>
<td>{{ m.sex }}</td><td>{{ m.birth_place }}</td><td>{{ m.birth_date }}</td><td>{{ m.religion }}</td>
<td>{{ m.education }}</td><td>{{ m.occupation }}</td><td>{{ m.blood_type|default:"-" }}</td></tr>{% endfor %}
</table>
<table class="grid"><tr>{% for h in part_two %}<th>{{ h }}</th>{% endfor %}</tr>
{% for m in family.members %}<tr><td>{{ forloop.counter }}</td><td>{{ m.marital_status }}</td>
<td>{{ m.marriage_date|default:"-" }}</td><td>{{ m.relationship }}</td><td>{{ m.citizenship }}</td>
<td>{{ m.passport_number|default:"-" }}</td><td>{{ m.kitap_number|default:"-" }}</td>
<td>{{ m.father_name }}</td><td>{{ m.mother_name }}</td></tr>{% endfor %}
</table>
<div class="footer"><div class="sign">Dikeluarkan di Gorontalo<br>pada tanggal {{ date }}<br><br>
<b>Kepala Dinas Kependudukan dan Pencatatan Sipil Kota Gorontalo</b><br><br><br><b>{{ official }}</b><br>
<small>Dokumen ini telah ditandatangani secara elektronik</small></div>
<div class="qr">{{ qr_svg|safe }}</div></div>
</body></html>"""


def qr_svg(url: str) -> str:
    from verification.qr import qr_matrix

    matrix = qr_matrix(url)
    count = matrix.shape[0]
    rects = []
    for row in range(count):
        col = 0
        line = matrix[row]
        while col < count:
            if line[col]:
                start = col
                while col < count and line[col]:
                    col += 1
                rects.append(f"M{start} {row}h{col - start}v1h-{col - start}z")
            else:
                col += 1
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {count} {count}"><path d="{"".join(rects)}"/></svg>'


def main() -> None:  # noqa: PLR0915 - a linear script
    args = parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="render-bench-"))
    os.environ["DUKCAPIL_VAR_DIR"] = str(tmp / "var")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dukcapil.settings")
    os.environ["PUBLIC_HOST"] = "dukcapil.gorontalokota.go.id"
    os.environ["DEBUG"] = "0"  # as in production: no query log
    for name in ("CELERY_BROKER_URL", "MEDIA_ROOT", "SIGNING_KEY_DIR"):
        os.environ.pop(name, None)
    if args.database_url:
        recreate_database(args.database_url)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from documents.issuing import document_prepare, documents_produce
    from documents.models import DocumentJob, IssuedDocument
    from registry.models import Family

    call_command("migrate", verbosity=0)
    total = args.warmup + args.n
    call_command("seed_city", persons=int(total * 4.2) + 40, verbosity=0)
    families = list(
        Family.objects.filter(is_active=True, head__isnull=False).order_by("pk").values_list("pk", flat=True)[:total]
    )
    if len(families) < total:
        sys.exit(f"the seeded city has {len(families)} families, {total} needed")
    jobs = [DocumentJob.objects.create(doc_type="KK", family_id=pk).pk for pk in families]
    database = f"{connection.vendor} ({connection.settings_dict['NAME']})"
    print(
        f"database: {database}; {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}; "
        f"python {sys.version.split()[0]}"
    )

    # 1. pipeline, one task's batch at a time
    documents_produce(job_ids=jobs[: args.warmup])
    size = settings.DOCUMENT_JOBS_PER_TASK
    started, cpu = time.perf_counter(), time.process_time()
    for start in range(args.warmup, len(jobs), size):
        documents_produce(job_ids=jobs[start : start + size])
    pipeline_seconds = time.perf_counter() - started
    pipeline_cpu = (time.process_time() - cpu) / args.n * 1000
    issued = IssuedDocument.objects.filter(job_id__in=jobs[args.warmup :]).count()
    assert issued == args.n, (issued, args.n)
    pipeline = rate(args.n, pipeline_seconds)
    print(
        f"pipeline  (documents_produce, {size} jobs per task: register snapshot, number, token, reportlab page, "
        f"QR, PAdES, storage, rows): {args.n} KK in {pipeline_seconds:.2f} s = {pipeline:.1f} docs/s "
        f"({1000 / pipeline:.2f} ms/doc; "
        f"CPU of this process {pipeline_cpu:.2f} ms/doc, the database server's not counted)"
    )

    # Snapshots for the limit and the peer (fresh jobs prepared: the data the pipeline drew).
    snapshots = []
    for pk in families[args.warmup :]:
        prepared = document_prepare(job_id=DocumentJob.objects.create(doc_type="KK", family_id=pk).pk)
        snapshots.append((prepared.snapshot, prepared.number))

    # 2. limit
    from verification import pades
    from verification.keys import signing_key_current

    key, private_key = signing_key_current()
    template = pades._template(pades._certified(key), private_key)
    now = timezone.localtime()
    for snapshot, number in snapshots[: args.warmup]:
        limit_document(snapshot, number=number, private_key=private_key, template=template, issued_at=now)
    started, cpu = time.perf_counter(), time.process_time()
    size = 0
    for snapshot, number in snapshots:
        size += len(limit_document(snapshot, number=number, private_key=private_key, template=template, issued_at=now))
    limit_seconds = time.perf_counter() - started
    limit_cpu = (time.process_time() - cpu) / len(snapshots) * 1000
    limit = rate(len(snapshots), limit_seconds)
    print(
        f"limit     (bare reportlab page, same text and tables, zxing-cpp QR, token, PAdES fill, no DB): "
        f"{len(snapshots)} KK in {limit_seconds:.2f} s = {limit:.1f} docs/s ({1000 / limit:.2f} ms/doc, "
        f"CPU {limit_cpu:.2f} ms/doc, {size // len(snapshots) // 1024} KB)"
    )
    sample = limit_document(
        snapshots[0][0], number=snapshots[0][1], private_key=private_key, template=template, issued_at=now
    )
    assert pades.pdf_signature_check(sample).valid, "the limit's PDF signature does not validate"

    # 3. peer
    peer = peer_run(args, snapshots, private_key=private_key, now=now)
    ratio_limit = pipeline / limit
    if peer is None:
        print(f"ratio_vs_limit={ratio_limit:.2f} ratio_vs_weasyprint=n/a")
    else:
        print(f"ratio_vs_limit={ratio_limit:.2f} ratio_vs_weasyprint={pipeline / peer:.1f}")


def peer_run(
    args: argparse.Namespace, snapshots: list, *, private_key: ec.EllipticCurvePrivateKey, now: dt.datetime
) -> float | None:
    """docs/s of Django template -> WeasyPrint -> pyHanko, or None (reason printed)."""
    try:
        import logging

        import weasyprint

        for name in ("weasyprint", "weasyprint.progress"):  # its progress lines would drown the figures
            logging.getLogger(name).setLevel(logging.ERROR)
            logging.getLogger(name).disabled = True
    except Exception as exc:  # noqa: BLE001 - missing package or missing pango: say why
        print(f"peer      (WeasyPrint): cannot run here: {type(exc).__name__}: {exc}")
        return None
    from django.template import Context, Engine

    from documents.indonesian import date_id
    from documents.layouts.frame import FONT_DIR, FONTS
    from documents.layouts.kk import PART_ONE, PART_TWO
    from verification.codec import Claims, nik_ends, sign
    from verification.pades import pdf_sign
    from verification.tokens import record_digest

    template = Engine().from_string(PEER_TEMPLATE)
    fonts = {
        "font_regular": (FONT_DIR / FONTS["Sans"]).as_uri(),
        "font_bold": (FONT_DIR / FONTS["Sans-Bold"]).as_uri(),
    }

    def one(snapshot: dict, number: str) -> bytes:
        claims = Claims(
            issuer="7571",
            issued_at=now,
            doc_type="KK",
            number=number,
            version=1,
            subject_name=snapshot["subject"]["name"][:60],
            nik_ends=nik_ends(snapshot["subject"]["nik"]),
            digest=record_digest(snapshot),
        )
        token, _ = sign(claims, private_key)
        html = template.render(
            Context(
                {
                    **fonts,
                    "family": snapshot["family"],
                    "part_one": [h for h, _ in PART_ONE],
                    "part_two": [h for h, _ in PART_TWO],
                    "date": date_id(now.date()),
                    "official": "Dra. Hj. Nurlela Yusuf, M.Si",
                    "qr_svg": qr_svg(f"HTTPS://DUKCAPIL.GORONTALOKOTA.GO.ID/V/{token}"),
                }
            )
        )
        return pdf_sign(weasyprint.HTML(string=html).write_pdf())

    count = min(args.peer_n, len(snapshots))
    try:
        one(*snapshots[0])
    except Exception as exc:  # noqa: BLE001 - e.g. pango too old: say why
        print(f"peer      (WeasyPrint {weasyprint.__version__}): cannot run here: {type(exc).__name__}: {exc}")
        return None
    started = time.perf_counter()
    digest = hashlib.sha256()
    for snapshot, number in snapshots[:count]:
        digest.update(one(snapshot, number))
    seconds = time.perf_counter() - started
    peer = rate(count, seconds)
    print(
        f"peer      (Django template -> WeasyPrint {weasyprint.__version__}, same QR as SVG, pyHanko PAdES): "
        f"{count} KK in {seconds:.2f} s = {peer:.1f} docs/s ({1000 / peer:.1f} ms/doc)"
    )
    return peer


if __name__ == "__main__":
    main()
