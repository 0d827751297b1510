"""English for the coverage dashboard, staff statistics and outreach strings (issue 7).

Run ``.venv/bin/python locale/en_dashboard.py`` after ``makemessages -l en`` (it fills only
empty or fuzzy entries it knows, never overwrites a translation someone else made), then
``compilemessages``. Same approach as ``locale/en_portal.py``.
"""
# ruff: noqa: E501

EN = {
    # registry/dashboard.py, registry/views.py, templates/registry/capaian.html
    "KTP-el": "KTP-el (electronic ID card)",
    "Kartu Keluarga": "Family Card (KK)",
    "Akta Kelahiran": "Birth Certificate",
    "Kartu Identitas Anak": "Child Identity Card (KIA)",
    "Tahun": "Year",
    "Tahun %(value)s tidak tersedia; pilih tahun dari daftar.": "The year %(value)s is not available; pick a year from the list.",
    "%(owners)s dari %(target)s wajib": "%(owners)s of %(target)s required",
    "Cakupan kepemilikan dokumen, Kota Gorontalo, %(year)s": "Document coverage, Kota Gorontalo, %(year)s",
    "Cakupan %(document)s per kecamatan, %(year)s": "%(document)s coverage by kecamatan, %(year)s",
    "Capaian kepemilikan dokumen": "Document coverage",
    "Capaian kepemilikan dokumen kependudukan %(year)s": "Population document coverage %(year)s",
    'Kota Gorontalo, per %(as_of)s: %(people)s penduduk hidup. Usia dihitung pada tanggal itu; "terbit" menghitung dokumen yang diterbitkan dalam tahun yang dipilih.': 'Kota Gorontalo, as of %(as_of)s: %(people)s living residents. Ages are taken on that date; "issued" counts documents issued in the selected year.',
    "Ditampilkan tahun %(year)s.": "Showing %(year)s.",
    "Terbit %(year)s": "Issued %(year)s",
    "Wajib: penduduk yang harus memiliki dokumen (untuk KK: keluarga). Memiliki: yang memegang dokumen untuk data terkini.": "Required: residents who must hold the document (for the KK: families). Holding: those who hold it for their current data.",
    "Wajib": "Required",
    "Memiliki": "Holding",
    "Cakupan": "Coverage",
    "Per kecamatan": "By kecamatan",
    "Per kecamatan dan kelurahan": "By kecamatan and kelurahan",
    "Cakupan dalam persen; angka di bawahnya: memiliki / wajib, dan jumlah terbit tahun ini.": "Coverage in percent; below it: holding / required, and the number issued this year.",
    "Wilayah": "Area",
    "Penduduk tanpa keluarga di register": "Residents without a family in the register",
    "Tampilkan": "Show",
    "Unduh CSV": "Download CSV",
    "Capaian": "Coverage",
    # registry/admin_views.py, templates/registry/staff_statistics.html
    "Statistik layanan": "Service statistics",
    "Statistik layanan hanya untuk PIAK, Kepala Bidang dan Kepala Dinas.": "Service statistics are for the PIAK, Heads of Division and the Head of Office only.",
    "Dari": "From",
    "Sampai": "To",
    "Tanggal awal harus sebelum tanggal akhir.": "The start date must come before the end date.",
    "Rentang paling panjang %(days)s hari.": "The period may be at most %(days)s days.",
    "Periode %(start)s – %(end)s. Antrean dihitung saat ini.": "Period %(start)s – %(end)s. The queue is counted as it stands now.",
    "Permohonan per layanan dan status": "Applications by service and state",
    "Permohonan yang dibuat dalam periode.": "Applications created in the period.",
    "Waktu dari pengajuan sampai selesai": "Time from submission to completion",
    "Permohonan yang selesai dalam periode; jam kalender.": "Applications completed in the period; calendar hours.",
    "Median (jam)": "Median (hours)",
    "Persentil 95 (jam)": "95th percentile (hours)",
    "Waktu layanan (hari kerja)": "Service time (working days)",
    "Antrean dibanding waktu layanan": "Backlog against the service time",
    "Menunggu kantor": "Waiting on the office",
    "Melewati waktu layanan": "Past the service time",
    "Dikembalikan ke pemohon": "Returned to the applicant",
    "Tertua sejak": "Oldest since",
    "Kanal pengajuan": "Channel",
    "Dokumen terbit per hari": "Documents issued per day",
    "Pemindaian QR (verifikasi)": "QR scans (verification)",
    "Seluruh pemindaian tercatat: %(total)s.": "All recorded scans: %(total)s.",
    "Register baru mencatat jumlah pemindaian per dokumen, belum per hari; di bawah ini dokumen yang paling sering dipindai.": "Scans are recorded per document, not yet per day; below are the most scanned documents.",
    "Belum ada pemindaian.": "No scans yet.",
    "Dipindai": "Scans",
    "Belum ada.": "None yet.",
    # templates/admin/index.html
    "Laporan": "Reports",
    "PIAK, Kepala Bidang, Kepala Dinas": "PIAK, Heads of Division, Head of Office",
    "publik": "public",
    # registry/outreach_views.py, templates/registry/outreach_*.html
    "Daftar penjangkauan": "Outreach lists",
    "Daftar penjangkauan per kelurahan": "Outreach lists by kelurahan",
    "Daftar penjangkauan hanya untuk petugas Dukcapil dan operator kelurahan/kecamatan.": "Outreach lists are for Dukcapil staff and kelurahan/kecamatan operators only.",
    "Kelurahan tidak ditemukan.": "Kelurahan not found.",
    "Anda hanya dapat melihat daftar penjangkauan wilayah Anda sendiri.": "You can only see the outreach list of your own area.",
    "Jumlah keluarga dengan KK yang belum diperbarui dan penduduk yang belum memiliki dokumen wajib, per %(as_of)s. Pilih kelurahan untuk daftar yang dapat dicetak.": "Families whose KK is out of date and residents missing a required document, as of %(as_of)s. Pick a kelurahan for a printable list.",
    "Belum: %(label)s": "Missing: %(label)s",
    "Penjangkauan %(name)s": "Outreach %(name)s",
    "Daftar penjangkauan Kelurahan %(name)s, Kecamatan %(kecamatan)s": "Outreach list, Kelurahan %(name)s, Kecamatan %(kecamatan)s",
    "Data register per %(as_of)s. Sampaikan kepada warga: semua layanan gratis dan dapat diajukan daring atau melalui kantor kelurahan.": "Register data as of %(as_of)s. Tell residents: every service is free and can be requested online or at the kelurahan office.",
    "%(count)s penduduk belum memiliki %(label)s": "%(count)s residents without %(label)s",
    "A. Keluarga yang KK-nya belum diperbarui": "A. Families whose KK is out of date",
    "Data keluarga berubah (anggota atau elemen data) setelah KK terakhir dicetak, atau KK belum pernah dicetak. Layanan: Perubahan Data Kartu Keluarga.": "The family's data (members or details) changed after the KK was last printed, or the KK was never printed. Service: Family Card Update.",
    "B. Penduduk yang belum memiliki dokumen wajib": "B. Residents missing a required document",
    "belum pernah": "never",
    "Cetak": "Print",
    "Anggota": "Members",
    "Umur": "Age",
    "Belum memiliki": "Missing",
    # registry/reminders.py (email) and registry/models.py (ReminderSent)
    "Pengingat dokumen kependudukan": "Population document reminder",
    "Yth. %(name)s,": "Dear %(name)s,",
    "Menurut register Dinas Kependudukan dan Pencatatan Sipil Kota Gorontalo:": "According to the register of the Population and Civil Registration Office of Kota Gorontalo:",
    "Kartu Keluarga %(name)s belum memuat perubahan data keluarga terakhir. Ajukan Perubahan Data Kartu Keluarga.": "The Family Card of %(name)s does not show the family's latest changes. Apply for a Family Card Update.",
    "%(name)s belum memiliki KTP-el untuk data terkini. Ajukan Penerbitan KTP-el.": "%(name)s has no KTP-el for their current data. Apply for a KTP-el.",
    "%(name)s belum memiliki akta kelahiran. Ajukan Pencatatan Kelahiran.": "%(name)s has no birth certificate. Apply for Birth Registration.",
    "%(name)s belum memiliki Kartu Identitas Anak (KIA). Ajukan Penerbitan KIA.": "%(name)s has no Child Identity Card (KIA). Apply for a KIA.",
    "keluarga %(head)s (No. KK %(number)s)": "the family of %(head)s (KK No. %(number)s)",
    "Semua layanan gratis (Rp 0) dan dapat diajukan dari rumah di %(url)s atau melalui kantor kelurahan.": "Every service is free (Rp 0) and can be requested from home at %(url)s or at the kelurahan office.",
    "Abaikan pesan ini bila permohonan sudah Anda ajukan.": "Please ignore this message if you have already applied.",
    "KK belum diperbarui": "KK out of date",
    "Belum memiliki KTP-el": "No KTP-el",
    "Belum memiliki akta kelahiran": "No birth certificate",
    "Belum memiliki KIA": "No KIA",
    "dikirim ke": "sent to",
    "dikirim": "sent",
    "pengingat terkirim": "reminders sent",
}

PLURALS = {
    "%(counter)s keluarga dengan KK belum diperbarui": (
        "%(counter)s family whose KK is out of date",
        "%(counter)s families whose KK is out of date",
    ),
}


def fill(path: str) -> int:
    import polib

    po = polib.pofile(path)
    filled = 0
    for entry in po:
        if entry.msgid_plural:
            if entry.msgid in PLURALS and (not any(entry.msgstr_plural.values()) or "fuzzy" in entry.flags):
                one, many = PLURALS[entry.msgid]
                entry.msgstr_plural = {0: one, 1: many}
                filled += 1
        elif entry.msgid in EN and (not entry.msgstr or "fuzzy" in entry.flags):
            entry.msgstr = EN[entry.msgid]
            filled += 1
        if "fuzzy" in entry.flags and (entry.msgid in EN or entry.msgid in PLURALS):
            entry.flags.remove("fuzzy")
    po.save(path)
    return filled


if __name__ == "__main__":
    from pathlib import Path

    print(f"filled {fill(str(Path(__file__).resolve().parent / 'en' / 'LC_MESSAGES' / 'django.po'))}")
