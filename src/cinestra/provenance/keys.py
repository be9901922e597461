"""C2PA signing keys: a local CA and a signing certificate, or an operator's own chain.

`init_keys(directory)` writes, with private keys mode 0600:

- ``ca.pem`` / ``ca.key``: a self-signed EC P-256 root (``basicConstraints CA``, ``SKI``),
- ``signer.pem`` (end-entity certificate followed by the CA) / ``signer.key``.

The end-entity certificate carries what C2PA validators ask for: an AuthorityKeyIdentifier,
an extended key usage (emailProtection) and digitalSignature. `load_signing_keys(settings)`
returns the operator's chain when `Settings.c2pa_cert_chain` / `c2pa_private_key` are set,
else the local one.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from cinestra.config import Settings
from cinestra.errors import CinestraError, OutputError

CA_CERT, CA_KEY = "ca.pem", "ca.key"
SIGNER_CERT, SIGNER_KEY = "signer.pem", "signer.key"
CA_YEARS, SIGNER_YEARS = 10, 2


class KeysMissing(CinestraError, FileNotFoundError):
    """No signing keys: run `cinestra keys init` or set the operator chain settings."""


@dataclass(frozen=True)
class SigningKeys:
    """A PEM certificate chain (end entity first) and its PEM private key (ES256)."""

    cert_chain: bytes
    private_key: bytes
    # PEM certificates a verifier on this machine trusts (our CA, the operator's root).
    trust_anchors: bytes
    alg: str = "es256"


@dataclass(frozen=True)
class KeyPaths:
    ca_cert: Path
    ca_key: Path
    signer_cert: Path
    signer_key: Path


def keys_dir(settings: Settings) -> Path:
    return settings.data_dir / "keys"


def key_paths(directory: Path) -> KeyPaths:
    return KeyPaths(ca_cert=directory / CA_CERT, ca_key=directory / CA_KEY,
                    signer_cert=directory / SIGNER_CERT, signer_key=directory / SIGNER_KEY)


def init_keys(directory: Path, *, organisation: str = "Cinestra local",
              force: bool = False) -> KeyPaths:
    """Create the local CA and signing certificate in `directory` (refuses to overwrite)."""
    paths = key_paths(directory)
    existing = [p for p in (paths.ca_cert, paths.ca_key, paths.signer_cert, paths.signer_key)
                if p.exists()]
    if existing and not force:
        raise OutputError(f"keys already exist in {directory} (use --force to replace them)")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        directory.chmod(0o700)
    except OSError as error:
        raise OutputError(f"cannot create {directory}: {error}") from error

    now = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
                         x509.NameAttribute(NameOID.COMMON_NAME, f"{organisation} root CA")])
    ca_cert = (
        x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
        .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now).not_valid_after(now + dt.timedelta(days=365 * CA_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False,
                                     key_encipherment=False, data_encipherment=False,
                                     key_agreement=False, key_cert_sign=True, crl_sign=True,
                                     encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()),
                       critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    leaf_key = ec.generate_private_key(ec.SECP256R1())
    leaf_name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
                           x509.NameAttribute(NameOID.COMMON_NAME, f"{organisation} signer")])
    leaf_cert = (
        x509.CertificateBuilder().subject_name(leaf_name).issuer_name(ca_name)
        .public_key(leaf_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now).not_valid_after(now + dt.timedelta(days=365 * SIGNER_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False,
                                     key_encipherment=False, data_encipherment=False,
                                     key_agreement=False, key_cert_sign=False, crl_sign=False,
                                     encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]),
                       critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(leaf_key.public_key()),
                       critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                       critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    _write(paths.ca_key, _key_pem(ca_key), private=True)
    _write(paths.signer_key, _key_pem(leaf_key), private=True)
    _write(paths.ca_cert, ca_cert.public_bytes(serialization.Encoding.PEM), private=False)
    chain = leaf_cert.public_bytes(serialization.Encoding.PEM) + ca_cert.public_bytes(
        serialization.Encoding.PEM)
    _write(paths.signer_cert, chain, private=False)
    return paths


def load_signing_keys(settings: Settings) -> SigningKeys:
    """The operator's chain when configured, else the local keys of `cinestra keys init`."""
    anchors = trust_anchors(settings)
    if settings.c2pa_cert_chain is not None or settings.c2pa_private_key is not None:
        if settings.c2pa_cert_chain is None or settings.c2pa_private_key is None:
            raise KeysMissing("set both CINESTRA_C2PA_CERT_CHAIN and CINESTRA_C2PA_PRIVATE_KEY")
        return SigningKeys(cert_chain=_read(settings.c2pa_cert_chain),
                           private_key=_read(settings.c2pa_private_key), trust_anchors=anchors)
    paths = key_paths(keys_dir(settings))
    if not paths.signer_cert.exists() or not paths.signer_key.exists():
        raise KeysMissing(f"no signing keys in {paths.signer_cert.parent}: "
                          "run `cinestra keys init`")
    return SigningKeys(cert_chain=_read(paths.signer_cert), private_key=_read(paths.signer_key),
                       trust_anchors=anchors)


def trust_anchors(settings: Settings) -> bytes:
    """PEM roots this machine trusts: the local CA and the last certificate of the operator
    chain (both may be absent: then nothing is Trusted, at best Valid)."""
    pems = b""
    local = key_paths(keys_dir(settings)).ca_cert
    if local.exists():
        pems += _read(local)
    if settings.c2pa_cert_chain is not None and settings.c2pa_cert_chain.exists():
        chain = x509.load_pem_x509_certificates(_read(settings.c2pa_cert_chain))
        pems += chain[-1].public_bytes(serialization.Encoding.PEM)
    return pems


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise KeysMissing(f"cannot read {path}: {error}") from error


def _write(path: Path, data: bytes, *, private: bool) -> None:
    """Write `data`; private files are created 0600 (never world-readable, not even briefly)."""
    mode = 0o600 if private else 0o644
    try:
        path.unlink(missing_ok=True)
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        path.chmod(mode)
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error}") from error
