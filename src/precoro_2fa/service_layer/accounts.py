"""Companies, employees and support agents (what the demo and the specs set up), and who is
signed in, as the pages show them."""

from precoro_2fa.domain.audit import AuditKind
from precoro_2fa.domain.exceptions import LoginTaken, PasswordTooShort
from precoro_2fa.domain.model import PRECORO_SUPPORT, Company, Role, User, validated_login
from precoro_2fa.domain.passwords import MIN_PASSWORD_LENGTH
from precoro_2fa.domain.policy import Destination
from precoro_2fa.domain.time_zones import validated_time_zone
from precoro_2fa.service_layer.base import ServiceBase, retried
from precoro_2fa.service_layer.views import Visitor


class Accounts(ServiceBase):
    @retried
    def add_company(self, company_id: str, name: str) -> None:
        with self._command() as uow:
            if uow.companies.get(company_id) is None:
                uow.companies.add(Company(company_id, name))

    def add_user(
        self, login: str, password: str, company_id: str, role: Role = Role.EMPLOYEE
    ) -> None:
        """A new employee; under Required two-factor authentication they are covered at once.

        The password is hashed before the command, with no transaction open."""
        login = validated_login(login)
        if len(password) < MIN_PASSWORD_LENGTH:
            raise PasswordTooShort(MIN_PASSWORD_LENGTH)
        self._add_user(login, company_id, role, self.passwords.hash(password))

    def change_password(self, login: str, new_password: str) -> None:
        """A new password (hashed before the command): every trusted browser is forgotten."""
        if len(new_password) < MIN_PASSWORD_LENGTH:
            raise PasswordTooShort(MIN_PASSWORD_LENGTH)
        self._change_password(login, self.passwords.hash(new_password))

    @retried
    def _change_password(self, login: str, password_hash: str) -> None:
        with self._command() as uow:
            user = self._user(uow, login)
            user.password_hash = password_hash
            user.two_factor.trusted_browsers.forget()
            self._record(uow, AuditKind.PASSWORD_CHANGED, user)

    @retried
    def choose_time_zone(self, login: str, zone: object) -> None:
        """Profile settings: the time zone pages and emails show times in ("": the browser's)."""
        chosen = validated_time_zone(zone)
        with self._command() as uow:
            self._user(uow, login).time_zone = chosen

    def add_support_agent(self, login: str, password: str) -> None:
        self.add_company(PRECORO_SUPPORT, "Precoro support")
        self.add_user(login, password, PRECORO_SUPPORT, Role.SUPPORT)

    def visitor(self, login: object) -> Visitor:
        """Who is signed in, for the menu of every page, and whether they must turn 2FA on."""
        with self.store.reading() as reading:
            user = self._user(reading, login)
            return self._visitor(reading, user, self._company(reading, user.company_id))

    def check_store(self) -> None:
        """Read from the store, which raises if the database cannot be reached."""
        with self.store.reading() as reading:
            reading.companies.get(PRECORO_SUPPORT)

    def destination(self, login: str, requested: Destination) -> Destination:
        """Where a click leads this user: the 2FA settings page while the company requires it."""
        return self.visitor(login).destination(requested)

    @retried
    def _add_user(self, login: str, company_id: str, role: Role, password_hash: str) -> None:
        with self._command() as uow:
            self._company(uow, company_id)
            if uow.users.get(login) is not None:
                raise LoginTaken()
            uow.users.add(User(login, company_id, role, password_hash))
