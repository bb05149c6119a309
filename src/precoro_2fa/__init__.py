"""precoro_2fa: the executable reference of Precoro's two-factor authentication."""

from precoro_2fa.bootstrap import bootstrap
from precoro_2fa.config import Argon2Config, Config
from precoro_2fa.domain.applications import AuthenticationApplication
from precoro_2fa.domain.audit import AuditEvent, AuditFilter, AuditKind
from precoro_2fa.domain.codes import (
    BackupCodeAccepted,
    CodeAccepted,
    CodeRejected,
    CodeVerdict,
    Rejection,
)
from precoro_2fa.domain.enrollment import Enrollment
from precoro_2fa.domain.exceptions import *  # noqa: F403
from precoro_2fa.domain.exceptions import TwoFactorRuleBroken
from precoro_2fa.domain.model import Role
from precoro_2fa.domain.policy import WARNING_NOTICE, Destination
from precoro_2fa.domain.qr import QrCode
from precoro_2fa.domain.recovery import Channel, RecoveryRequest, RequestStatus
from precoro_2fa.domain.two_factor import TwoFactorStatus
from precoro_2fa.service_layer.app import Precoro
from precoro_2fa.service_layer.signing_in import (
    CodeRequired,
    SignedIn,
    SignInBlocked,
    SignInExpired,
    SignInRefused,
)
from precoro_2fa.service_layer.two_factor import (
    Activated,
    ApplicationChanged,
    BackupCodesIssued,
    Cancelled,
)
from precoro_2fa.service_layer.views import (
    AccountOptions,
    ApplicationChoice,
    TwoFactorView,
    Visitor,
)

__all__ = [
    "WARNING_NOTICE",
    "AccountOptions",
    "Activated",
    "ApplicationChanged",
    "ApplicationChoice",
    "Argon2Config",
    "AuditEvent",
    "AuditFilter",
    "AuditKind",
    "AuthenticationApplication",
    "BackupCodeAccepted",
    "BackupCodesIssued",
    "Cancelled",
    "Channel",
    "CodeAccepted",
    "CodeRejected",
    "CodeRequired",
    "CodeVerdict",
    "Config",
    "Destination",
    "Enrollment",
    "Precoro",
    "QrCode",
    "RecoveryRequest",
    "Rejection",
    "RequestStatus",
    "Role",
    "SignInBlocked",
    "SignInExpired",
    "SignInRefused",
    "SignedIn",
    "TwoFactorRuleBroken",
    "TwoFactorStatus",
    "TwoFactorView",
    "Visitor",
    "bootstrap",
]
