"""The office's own certificate authority and the X.509 certificates of its signing keys.

The CA's private key is a file beside the signing keys (``ca-<id>.pem``, mode 0600); the
CA certificate and each key's certificate are public and kept in the database. PAdES
signatures (``verification.pades``) carry the key's certificate; a validator trusts the CA.
"""

from __future__ import annotations

import datetime as dt

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.db import transaction
from django.utils import timezone

from verification.models import OfficeCertificateAuthority, SigningKey

CA_YEARS = 20
KEY_CERT_YEARS = 10


def _office_name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.STATE_OR_PROVINCE_NAME, "Gorontalo"),
            x509.NameAttribute(NameOID.LOCALITY_NAME, "Kota Gorontalo"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Dinas Kependudukan dan Pencatatan Sipil Kota Gorontalo"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def ca_current() -> OfficeCertificateAuthority | None:
    return OfficeCertificateAuthority.objects.first()


@transaction.atomic
def signing_ca_create(*, name: str = "Dukcapil Kota Gorontalo Root CA") -> OfficeCertificateAuthority:
    """Create the office CA and certify every signing key that has no certificate yet."""
    from verification.keys import private_key_write

    private_key = ec.generate_private_key(ec.SECP256R1())
    now = timezone.now()
    subject = _office_name(name)
    ski = x509.SubjectKeyIdentifier.from_public_key(private_key.public_key())
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(private_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=365 * CA_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ski, critical=False)
        .sign(private_key, hashes.SHA256())
    )
    key_file = f"ca-{ski.digest[:8].hex()}"
    private_key_write(key_file, private_key)
    ca = OfficeCertificateAuthority.objects.create(
        name=name,
        certificate_pem=certificate.public_bytes(serialization.Encoding.PEM).decode("ascii"),
        key_file=key_file,
    )
    for key in SigningKey.objects.filter(certificate_pem="", revoked_at__isnull=True):
        certificate_issue(signing_key=key, ca=ca)
    return ca


def certificate_issue(*, signing_key: SigningKey, ca: OfficeCertificateAuthority) -> x509.Certificate:
    """Certify ``signing_key`` under ``ca`` and store the certificate on the key row."""
    from verification.keys import private_key_load, public_key_of

    ca_cert = x509.load_pem_x509_certificate(ca.certificate_pem.encode("ascii"))
    ca_key = private_key_load(ca.key_file)
    now = timezone.now()
    public_key = public_key_of(signing_key)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_office_name(f"Kepala Dinas Dukcapil Kota Gorontalo {signing_key.kid}"[:64]))
        .issuer_name(ca_cert.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(min(now + dt.timedelta(days=365 * KEY_CERT_YEARS), ca_cert.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    signing_key.certificate_pem = certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")
    signing_key.save(update_fields=["certificate_pem"])
    return certificate


def certificate_issue_if_ca(*, signing_key: SigningKey) -> None:
    ca = ca_current()
    if ca is not None:
        certificate_issue(signing_key=signing_key, ca=ca)
