"""Turning two-factor authentication off forgets every backup code (beyond the article)."""

from precoro_2fa.domain.backup_codes import BackupCode, BackupCodes


def test_forgotten_backup_codes_leave_none_to_use() -> None:
    codes = BackupCodes([BackupCode("a hash"), BackupCode("another hash", used=True)])
    assert codes.left == 1
    codes.forget()
    assert codes.left == 0
