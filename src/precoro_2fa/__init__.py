"""precoro_2fa: the executable reference of Precoro's two-factor authentication."""

from precoro_2fa.bootstrap import bootstrap
from precoro_2fa.config import Argon2Config, Config
from precoro_2fa.domain.applications import AuthenticationApplication
from precoro_2fa.domain.audit import AuditEvent, AuditKind
from precoro_2fa.domain.codes import CodeAccepted, CodeRejected, CodeVerdict, Rejection
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
    SignInExpired,
    SignInRefused,
)
from precoro_2fa.service_layer.two_factor import Activated, ApplicationChanged, Cancelled
from precoro_2fa.service_layer.views import ApplicationChoice, TwoFactorView, Visitor

__all__ = [
    "WARNING_NOTICE",
    "Activated",
    "ApplicationChanged",
    "ApplicationChoice",
    "Argon2Config",
    "AuditEvent",
    "AuditKind",
    "AuthenticationApplication",
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
    "SignInExpired",
    "SignInRefused",
    "SignedIn",
    "TwoFactorRuleBroken",
    "TwoFactorStatus",
    "TwoFactorView",
    "Visitor",
    "bootstrap",
]
