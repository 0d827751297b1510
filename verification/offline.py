"""Verify a document's QR without the server: ``python -m verification.offline``.

    python -m verification.offline "HTTPS://HOST/V/TOKEN" --jwks jwks.json --status crl-<kid>.json

Needs only the published keys (``/.well-known/jwks.json``) and, to know whether the
document is still current, the key's status list (``/.well-known/crl/<kid>.json``). No
Django, no database. Prints the claims and the verdict. Exit status: 0 genuine and current;
1 TIDAK DIKENAL; 2 TIDAK BERLAKU LAGI; 3 genuine but not checked for currency (no status
list for its key was given); 64 bad usage.

What it cannot see without the database: a token signed with a stolen key for a document
the office never issued. The page on the server checks that too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from verification import codec

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric import ec

EXIT_VALID, EXIT_UNKNOWN, EXIT_NOT_CURRENT, EXIT_UNCHECKED, EXIT_USAGE = 0, 1, 2, 3, 64
DOC_TYPE_LABELS = {
    "KK": "Kartu Keluarga",
    "KTP_EL": "KTP-el",
    "KIA": "Kartu Identitas Anak",
    "AKTA_KELAHIRAN": "Kutipan Akta Kelahiran",
    "AKTA_KEMATIAN": "Kutipan Akta Kematian",
    "AKTA_PERKAWINAN": "Kutipan Akta Perkawinan",
    "AKTA_PERCERAIAN": "Kutipan Akta Perceraian",
    "CATATAN_PINGGIR": "Akta dengan Catatan Pinggir",
    "SKPWNI": "Surat Keterangan Pindah WNI",
    "SKPLN": "Surat Keterangan Pindah Luar Negeri",
    "SKDLN": "Surat Keterangan Datang dari Luar Negeri",
    "SKTT": "Surat Keterangan Tempat Tinggal",
    "SK_LAHIR_MATI": "Surat Keterangan Lahir Mati",
}


def _parse_time(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def verdict(token: str, *, jwks: dict, status_lists: list[dict], issuer: str | None = None) -> tuple[int, str, dict]:
    """``(exit_code, verdict_text, details)`` for ``token``, from published data only."""
    keys = {jwk.get("kid"): jwk for jwk in jwks.get("keys", [])}

    def public_key_for(kid: str) -> ec.EllipticCurvePublicKey | None:
        jwk = keys.get(kid)
        try:
            return codec.jwk_public_key(jwk) if jwk else None
        except (KeyError, ValueError):
            return None

    try:
        decoded = codec.verify(token.strip().upper(), public_key_for)
    except codec.InvalidToken as exc:
        return EXIT_UNKNOWN, "TIDAK DIKENAL", {"error": str(exc)}
    claims = decoded.claims
    details = {"kid": decoded.kid, **claims.as_dict()}
    if issuer is not None and claims.issuer != issuer:
        return EXIT_UNKNOWN, "TIDAK DIKENAL", {**details, "error": "issuer"}
    valid_until = _parse_time(keys[decoded.kid].get("valid_until"))  # the key's retirement
    if valid_until is not None and claims.issued_at > valid_until + dt.timedelta(
        seconds=codec.RETIRED_KEY_GRACE_SECONDS
    ):
        return EXIT_UNKNOWN, "TIDAK DIKENAL", {**details, "error": "signed after its key was retired"}
    revoked_at = _parse_time(keys[decoded.kid].get("revoked_at"))
    if revoked_at is not None and claims.issued_at >= revoked_at.replace(microsecond=0):
        return EXIT_NOT_CURRENT, "TIDAK BERLAKU LAGI", {**details, "reason": "key revoked", "since": str(revoked_at)}
    lists = [status for status in status_lists if status.get("kid") == decoded.kid]
    if not lists:
        return EXIT_UNCHECKED, "ASLI (status terkini tidak diperiksa)", details
    wanted = f"{claims.doc_type}:{claims.number}:{claims.version}"
    for status in lists:
        for entry in status.get("documents", []):
            if entry.get("id") == wanted:
                reason = {"SUPERSEDED": "superseded", "REVOKED": "revoked"}.get(entry.get("state"), "not valid")
                return (
                    EXIT_NOT_CURRENT,
                    "TIDAK BERLAKU LAGI",
                    {**details, "reason": reason, "since": entry.get("since")},
                )
    details["status_generated_at"] = max(str(status.get("generated_at")) for status in lists)
    return EXIT_VALID, "ASLI DAN BERLAKU", details


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m verification.offline", description=__doc__.split("\n\n")[0])
    parser.add_argument("qr", help="isi kode QR (HTTPS://HOST/V/TOKEN) atau tokennya saja")
    parser.add_argument("--jwks", required=True, type=Path, help="salinan /.well-known/jwks.json")
    parser.add_argument("--status", action="append", default=[], type=Path, help="salinan /.well-known/crl/<kid>.json")
    parser.add_argument("--issuer", help="kode penerbit yang diharapkan (mis. 7571)")
    parser.add_argument("--json", action="store_true", help="keluaran JSON")
    try:
        args = parser.parse_args(argv)
        jwks = json.loads(args.jwks.read_text(encoding="utf-8"))
        status_lists = [json.loads(path.read_text(encoding="utf-8")) for path in args.status]
    except SystemExit:
        return EXIT_USAGE
    except (OSError, ValueError) as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return EXIT_USAGE
    code, text, details = verdict(
        codec.token_from_text(args.qr), jwks=jwks, status_lists=status_lists, issuer=args.issuer
    )
    if args.json:
        print(json.dumps({"verdict": text, "exit": code, **details}, ensure_ascii=False, indent=2))
        return code
    if code != EXIT_UNKNOWN:
        print(f"Jenis dokumen : {DOC_TYPE_LABELS.get(details['doc_type'], details['doc_type'])}")
        print(f"Nomor         : {details['number']} (versi {details['version']})")
        print(f"Nama          : {details['subject_name']}")
        print(f"NIK           : {details['masked_nik']}")
        print(f"Diterbitkan   : {details['issued_at']}")
        print(f"Penerbit/kunci: {details['issuer']} / {details['kid']}")
        if details.get("reason"):
            print(f"Keterangan    : {details['reason']} sejak {details.get('since')}")
    print(f"HASIL: {text}")
    return code


if __name__ == "__main__":
    sys.exit(main())
