"""Companies, employees and support agents: what the demo and the specs set up."""

from dataclasses import dataclass

from precoro_2fa.domain.exceptions import LoginTaken, PasswordTooShort
from precoro_2fa.domain.model import PRECORO_SUPPORT, Company, Role, User, validated_login
from precoro_2fa.domain.passwords import MIN_PASSWORD_LENGTH
from precoro_2fa.service_layer.base import ServiceBase, transactional
from precoro_2fa.service_layer.ports import UnitOfWork


@dataclass(frozen=True, slots=True)
class Account:
    """Who is signed in, as the pages show it (the menu offers Configuration to admins)."""

    login: str
    company_id: str
    company_name: str
    role: Role


class Accounts(ServiceBase):
    @transactional
    def add_company(self, uow: UnitOfWork, company_id: str, name: str) -> None:
        if uow.companies.get(company_id) is None:
            uow.companies.add(Company(company_id, name))

    @transactional
    def add_user(
        self,
        uow: UnitOfWork,
        login: str,
        password: str,
        company_id: str,
        role: Role = Role.EMPLOYEE,
    ) -> None:
        """A new employee; under Required two-factor authentication they are covered at once."""
        login = validated_login(login)
        if len(password) < MIN_PASSWORD_LENGTH:
            raise PasswordTooShort(MIN_PASSWORD_LENGTH)
        self._company(uow, company_id)
        if uow.users.get(login) is not None:
            raise LoginTaken()
        uow.users.add(User(login, company_id, role, self.passwords.hash(password)))

    def add_support_agent(self, login: str, password: str) -> None:
        self.add_company(PRECORO_SUPPORT, "Precoro support")
        self.add_user(login, password, PRECORO_SUPPORT, Role.SUPPORT)

    @transactional
    def account(self, uow: UnitOfWork, login: object) -> Account:
        user = self._user(uow, login)
        company = self._company(uow, user.company_id)
        return Account(user.login, company.id, company.name, user.role)
