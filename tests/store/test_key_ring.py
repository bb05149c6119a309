"""A secret box of several keys: the newest seals, any opens what it sealed; each value names
its key; values sealed before keys had ids still open."""

import secrets

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from precoro_2fa.adapters.sql import InvalidEncryptionKey
from precoro_2fa.adapters.sql.encryption import SecretBox, key_id, key_ring, parse_key

OLD, NEW, OTHER = (secrets.token_bytes(32) for _ in range(3))
PLACE = "users.secret:eve"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def test_the_newest_key_seals_and_every_key_opens_what_it_sealed() -> None:
    sealed_before = SecretBox([OLD]).seal(SECRET, PLACE)
    box = SecretBox([NEW, OLD])
    assert box.open(sealed_before, PLACE) == SECRET
    assert not box.is_sealed_with_newest(sealed_before)
    sealed_now = box.seal(SECRET, PLACE)
    assert box.is_sealed_with_newest(sealed_now)
    assert sealed_now[1:5] == key_id(NEW) != key_id(OLD)
    assert SecretBox([NEW]).open(sealed_now, PLACE) == SECRET


def test_a_value_sealed_with_a_key_not_given_is_refused_clearly() -> None:
    sealed = SecretBox([OTHER]).seal(SECRET, PLACE)
    with pytest.raises(InvalidEncryptionKey, match="sealed with a key not given here"):
        SecretBox([NEW, OLD]).open(sealed, PLACE)


def test_a_value_whose_key_id_was_altered_does_not_open() -> None:
    """The key id is authenticated too: another key of the ring cannot be made to try it."""
    sealed = SecretBox([NEW, OLD]).seal(SECRET, PLACE)
    altered = sealed[:1] + key_id(OLD) + sealed[5:]
    with pytest.raises(InvalidEncryptionKey, match="does not open"):
        SecretBox([NEW, OLD]).open(altered, PLACE)


def test_a_value_of_the_first_format_opens_with_whichever_key_sealed_it() -> None:
    """``\\x01``, the nonce, AES-GCM's output: as values were sealed before keys had ids."""
    nonce = secrets.token_bytes(12)
    first = b"\x01" + nonce + AESGCM(OLD).encrypt(nonce, SECRET.encode(), b"\x01" + PLACE.encode())
    box = SecretBox([NEW, OLD])
    assert box.open(first, PLACE) == SECRET
    assert not box.is_sealed_with_newest(first)
    with pytest.raises(InvalidEncryptionKey):
        SecretBox([NEW]).open(first, PLACE)


def test_a_box_meeting_an_unknown_key_reads_its_keys_again_and_seals_with_the_newest() -> None:
    sealed_by_rotation = SecretBox([NEW, OLD]).seal(SECRET, PLACE)
    box = SecretBox([OLD], reload=lambda: [NEW, OLD])
    assert box.open(sealed_by_rotation, PLACE) == SECRET
    assert box.is_sealed_with_newest(box.seal(SECRET, PLACE))
    assert box.sealing == key_id(NEW)


def test_several_keys_are_given_newest_first_separated_by_commas() -> None:
    text = (
        "dGVzdHMgb25seTogbm90IGEga2V5IHRvIGtlZXAgISE=,QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE="
    )
    first, second = text.split(",")
    assert key_ring(text) == (parse_key(first), parse_key(second))
    with pytest.raises(InvalidEncryptionKey):
        key_ring(f"{first},not a key")
