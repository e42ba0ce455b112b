"""The unlock dialog's forgotten-password path: the recovery key sets a new password."""

from __future__ import annotations

from desktop.services.safekeeping.accounts import unlock
from desktop.views.recovery_reset import RecoveryResetDialog
from tests.conftest import FAST_KDF


def test_recovery_key_sets_a_new_password(qtbot, created, db_path):
    ws, recovery = created
    ws.lock()
    dialog = RecoveryResetDialog(db_path, "registrar", kdf=FAST_KDF)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "用恢复密钥重设密码"
    dialog.key.setText(recovery.lower())
    dialog.password.setText("brand-new-pass-9")
    dialog.again.setText("brand-new-pass-9")
    dialog.try_reset()
    assert dialog.result() == dialog.DialogCode.Accepted
    unlock(db_path, "registrar", "brand-new-pass-9").lock()


def test_wrong_recovery_key_is_said_inline_and_changes_nothing(qtbot, created, db_path):
    ws, recovery = created
    ws.lock()
    keys_before = db_path.with_name(db_path.name + ".keys").read_bytes()
    dialog = RecoveryResetDialog(db_path, "registrar", kdf=FAST_KDF)
    qtbot.addWidget(dialog)
    wrong = ("0000" if not recovery.startswith("0000") else "1111") + recovery[4:]
    dialog.key.setText(wrong)
    dialog.password.setText("brand-new-pass-9")
    dialog.again.setText("brand-new-pass-9")
    dialog.try_reset()
    assert not dialog.banner.isHidden()
    assert "恢复密钥" in dialog.banner.text()
    assert db_path.with_name(db_path.name + ".keys").read_bytes() == keys_before
