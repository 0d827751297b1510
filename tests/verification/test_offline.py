import json
import subprocess
import sys
from pathlib import Path

import pytest

from verification import offline

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def published(client, tmp_path, kid):
    jwks = tmp_path / "jwks.json"
    jwks.write_text(json.dumps(client.get("/.well-known/jwks.json").json()))
    status = tmp_path / "status.json"
    status.write_text(json.dumps(client.get(f"/.well-known/crl/{kid}.json").json()))
    return jwks, status


def run_offline(*args):
    """A fresh interpreter with no Django settings; fails if Django gets imported."""
    code = (
        "import sys, verification.offline as o; rc = o.main(sys.argv[1:]); "
        "assert 'django' not in sys.modules, 'imported Django'; sys.exit(rc)"
    )
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60
    )


def test_offline_verifier_needs_no_django_and_prints_claims(client, issue, tmp_path):
    document, token = issue(name="RAHMAT HIDAYAT")
    jwks, status = published(client, tmp_path, document.key_id)
    result = run_offline(f"HTTPS://X.GO.ID/V/{token}", "--jwks", str(jwks), "--status", str(status))
    assert result.returncode == 0, result.stderr
    assert "ASLI DAN BERLAKU" in result.stdout and "RAHMAT HIDAYAT" in result.stdout
    assert "7571••••••••0003" in result.stdout


def test_offline_without_status_list_does_not_claim_current(client, issue, tmp_path):
    document, token = issue()
    jwks, _status = published(client, tmp_path, document.key_id)
    assert offline.main([token, "--jwks", str(jwks)]) == offline.EXIT_UNCHECKED


def test_offline_unknown_key_and_revoked_document(client, issue, tmp_path, actors):
    from documents.revocation import document_revoke

    document, token = issue()
    empty = tmp_path / "empty.json"
    empty.write_text(json.dumps({"keys": []}))
    assert offline.main([token, "--jwks", str(empty)]) == offline.EXIT_UNKNOWN
    document_revoke(document=document, reason="dicabut untuk uji", actor=actors["piak"])
    jwks, status = published(client, tmp_path, document.key_id)
    assert offline.main([token, "--jwks", str(jwks), "--status", str(status)]) == offline.EXIT_NOT_CURRENT


def test_offline_key_revoked_before_issue(client, issue, tmp_path):
    import datetime as dt

    from django.utils import timezone

    from verification.keys import signing_key_revoke

    document, token = issue(issued_at=timezone.now() + dt.timedelta(minutes=10))
    signing_key_revoke(kid=document.key_id, reason="bocor")
    jwks, status = published(client, tmp_path, document.key_id)
    assert offline.main([token, "--jwks", str(jwks), "--status", str(status)]) == offline.EXIT_NOT_CURRENT


def test_offline_bad_usage_exits_64(tmp_path):
    assert offline.main(["TOKEN", "--jwks", str(tmp_path / "missing.json")]) == offline.EXIT_USAGE
