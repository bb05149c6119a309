"""The demo accounts that ``precoro-2fa serve`` creates on first start, and prints."""

from dataclasses import dataclass

from precoro_2fa import LoginTaken, Precoro, Role


@dataclass(frozen=True, slots=True)
class DemoAccount:
    login: str
    password: str
    company_id: str
    company_name: str
    role: Role


DEMO_ACCOUNTS = (
    DemoAccount("admin@acme.test", "acme-admin-2fa", "acme", "Acme", Role.ADMIN),
    DemoAccount("anna@acme.test", "anna-employee-2fa", "acme", "Acme", Role.EMPLOYEE),
    DemoAccount("bob@acme.test", "bob-employee-2fa", "acme", "Acme", Role.EMPLOYEE),
    DemoAccount("admin@globex.test", "globex-admin-2fa", "globex", "Globex", Role.ADMIN),
    DemoAccount("support@precoro.test", "precoro-support-2fa", "", "Precoro", Role.SUPPORT),
)
"""Well-known passwords: the app serves 127.0.0.1 only, for trying the flows by hand."""


def seed(precoro: Precoro) -> int:
    """Create the demo accounts that are missing; how many were created."""
    created = 0
    for account in DEMO_ACCOUNTS:
        try:
            _create(precoro, account)
        except LoginTaken:
            continue
        created += 1
    return created


def _create(precoro: Precoro, account: DemoAccount) -> None:
    if account.role is Role.SUPPORT:
        precoro.add_support_agent(account.login, account.password)
        return
    precoro.add_company(account.company_id, account.company_name)
    precoro.add_user(account.login, account.password, account.company_id, account.role)


def describe() -> str:
    rows = [
        f"  {a.login:<22} {a.password:<20} {a.role.value:<9} {a.company_name}"
        for a in DEMO_ACCOUNTS
    ]
    header = f"  {'login':<22} {'password':<20} {'role':<9} company"
    return "\n".join(["Demo accounts:", header, *rows])
