"""The printed tables: the targets first, then one table per benchmark."""

from dataclasses import dataclass, field

from benchmarks.dev_loop import SuiteTime
from benchmarks.growth import Growth
from benchmarks.load import report as load_report
from benchmarks.load.measure import LoadResult
from benchmarks.peer import PeerRow
from benchmarks.signin_cost import TARGET_MS as SIGN_IN_TARGET_MS
from benchmarks.signin_cost import SignInCost
from benchmarks.signin_cost import table as sign_in_table
from benchmarks.storage import StorageResult
from benchmarks.timing import Ratios, Throughput

X = "\N{MULTIPLICATION SIGN}"
IN_MEMORY_TARGET = 1.5
PEER_TARGET = 1.5
P99_TARGET_MS = 1.5
"""The code step's p99 on SQLite, one worker, at the project's defaults."""
FLAT = 1.5
"""Growth counts as flat while the p50 at 10⁶ users stays within this factor of 10³."""

IN_MEMORY_ROWS = {
    "floor": "floor: three raw `hmac` SHA1 over an 8-byte message",
    "pyotp": "`pyotp.TOTP.verify(valid_window=1)` alone",
    "domain": "project: `TwoFactorSettings.verify` (validation, ±1, replay, throttle)",
    "service": "project: `Precoro.enter_code`, in-memory unit of work",
}


@dataclass
class Report:
    quick: bool
    in_memory: dict[str, float] = field(default_factory=dict)
    storage: StorageResult | None = None
    peer: list[PeerRow] = field(default_factory=list)
    growth: Growth | None = None
    password: tuple[float, str] = (0.0, "")
    dev_loop: dict[str, SuiteTime] | None = None
    load: LoadResult | None = None
    sign_in: SignInCost | None = None

    def tables(self) -> str:
        if not self.in_memory:  # --only-load
            return self._load_section()
        return "\n".join(
            (
                self._in_memory_table(),
                self._storage_table(),
                self._peer_table(),
                self._growth_table(),
                self._password_table(),
                self._dev_loop_table(),
                self._load_section(),
                sign_in_table(self.sign_in) if self.sign_in else "### 8. Sign-in CPU\n\nNot run.\n",
            )
        )

    def _load_section(self) -> str:
        if self.load is None:
            return "### 7. Load\n\nNot run (--skip-load).\n"
        return load_report.section(self.load) + "\n"

    def memory(self, case: str, code: str) -> float:
        """Microseconds per check; the floor is the same for a right and a wrong code."""
        return self.in_memory[case if case == "floor" else f"{case} {code}"]

    def _in_memory_table(self) -> str:
        rows = [
            "### 1. The code check in memory (µs per check, median)\n",
            "| check | right code | wrong code | right ÷ pyotp | wrong ÷ pyotp "
            "| right ÷ floor | wrong ÷ floor |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for case, label in IN_MEMORY_ROWS.items():
            right, wrong = self.memory(case, "right"), self.memory(case, "wrong")
            ratios = (
                right / self.memory("pyotp", "right"),
                wrong / self.memory("pyotp", "wrong"),
                right / self.memory("floor", "right"),
                wrong / self.memory("floor", "wrong"),
            )
            rows.append(f"| {label} | {right:.1f} | {wrong:.1f} | " + _ratios(ratios) + " |")
        return "\n".join(rows) + "\n"

    def _storage_table(self) -> str:
        title = "### 2. The code check with storage (concurrent workers)\n"
        if self.storage is None:
            return title + "\nNot run (--skip-storage).\n"
        if isinstance(self.storage, str):
            return title + f"\n{self.storage}\n"
        rows = [
            title,
            "| store | workers | checks/s | p50 ms | p99 ms |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for store, by_workers in self.storage.items():
            for workers, found in by_workers.items():
                rows.append(f"| {store} | {workers} | {_throughput(found)} |")
        return "\n".join(rows) + "\n"

    def _peer_table(self) -> str:
        rows = [
            "### 3. The peer: django-otp `TOTPDevice.verify_token` on SQLite, one worker\n",
            "| SQLite settings | project checks/s | p50 ms | p99 ms "
            "| django-otp checks/s | p50 ms | p99 ms | project ÷ django-otp (middle half) |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for row in self.peer:
            settings = (
                f"{row.durability.name} (project {_pragmas(row.project_pragmas)}, "
                f"django-otp {_pragmas(row.django_pragmas)})"
            )
            rows.append(
                f"| {settings} | {_throughput(row.project)} | {_throughput(row.django)} "
                f"| {_spread(row.ratios)} |"
            )
        versions = self.peer[0].versions if self.peer else ""
        return "\n".join(rows) + (
            f"\n\n{versions}; right codes, each at a later time step. Checks/s, p50 and p99: "
            "each side's median over the rounds; the ratio: the median of the rounds' own "
            "ratios, and the middle half of them.\n"
        )

    def _growth_table(self) -> str:
        rows = [
            "### 4. Growth: the code check on SQLite (project defaults, one worker)\n",
            "| users in the store | checks/s | p50 ms | p99 ms "
            "| p50 ÷ p50 at the smallest (middle half) |",
            "| ---: | ---: | ---: | ---: | ---: |",
        ]
        if self.growth is None:
            return rows[0] + "\nNot run.\n"
        for users, found in self.growth.found.items():
            slower = _spread(self.growth.slower[users])
            rows.append(f"| {users:,} | {_throughput(found)} | {slower} |")
        return "\n".join(rows) + "\n\nThe ratio: the median of the rounds' own ratios.\n"

    def _password_table(self) -> str:
        password_ms, parameters = self.password
        code_ms = self.peer[0].project.p50_ms if self.peer else 0.0
        domain_ms = self.memory("domain", "right") / 1e3
        whole = password_ms + code_ms
        return "\n".join(
            (
                "### 5. A whole sign-in: the password, then the code\n",
                "| step | ms (median) | share of a sign-in |",
                "| --- | ---: | ---: |",
                f"| password check, {parameters} | {password_ms:.1f} | {password_ms / whole:.1%} |",
                f"| code check, `enter_code` on SQLite at its defaults (p50) | {code_ms:.2f} "
                f"| {code_ms / whole:.1%} |",
                f"| of which the check itself, in memory | {domain_ms:.3f} "
                f"| {domain_ms / whole:.2%} |",
                "",
            )
        )

    def _dev_loop_table(self) -> str:
        title = "### 6. Developer loop (wall time, median)\n"
        if self.dev_loop is None:
            return title + "\nNot run (--skip-dev-loop).\n"
        rows = [title, "| suite | seconds | pytest's last line |", "| --- | ---: | --- |"]
        for name, suite in self.dev_loop.items():
            failed = "" if suite.passed else " **(failed)**"
            rows.append(f"| {name} | {suite.seconds:.1f} | {suite.summary}{failed} |")
        return "\n".join(rows) + "\n"


def targets_table(report: Report) -> str:
    rows = [
        "### Targets\n",
        "| target | wanted | measured | met |",
        "| --- | ---: | ---: | :---: |",
    ]
    if report.in_memory:
        right = report.memory("domain", "right") / report.memory("pyotp", "right")
        wrong = report.memory("domain", "wrong") / report.memory("pyotp", "wrong")
        rows.append(_target("in memory, right code: project ÷ pyotp", "≤", IN_MEMORY_TARGET, right))
        label = "in memory, wrong code: project ÷ pyotp (ten steps looked back: a figure)"
        rows.append(f"| {label} | no target | {wrong:.2f}{X} | — |")
    if report.peer:
        defaults = report.peer[0]
        label = "SQLite, 1 worker, each at its defaults: project ÷ django-otp checks/s"
        rows.append(_target(label, "≥", PEER_TARGET, defaults.ratios.median))
        label = "SQLite, 1 worker, project defaults: the code step's p99"
        rows.append(_target(label, "≤", P99_TARGET_MS, defaults.project.p99_ms, " ms"))
    if report.growth is not None:
        sizes = report.growth.slower
        flat = sizes[max(sizes)].median
        label = f"growth: p50 at {max(sizes):,} users ÷ at {min(sizes):,}"
        rows.append(_target(label + " (flat)", "≤", FLAT, flat))
    for row in report.peer[1:]:
        label = f"SQLite, 1 worker, {row.durability.name}: project ÷ django-otp checks/s"
        rows.append(f"| {label} | no target | {row.ratios.median:.2f}{X} | — |")
    if report.sign_in is not None:
        label = "a sign-in's CPU outside its password hash, in process, SQLite"
        rows.append(_target(label, "≤", SIGN_IN_TARGET_MS, report.sign_in.outside_ms, " ms"))
    if report.load is not None:
        rows += load_report.target_rows(report.load)
    return "\n".join(rows) + "\n"


def _target(label: str, sign: str, limit: float, measured: float, unit: str = X) -> str:
    met = measured <= limit if sign == "≤" else measured >= limit
    verdict = "yes" if met else "**no**"
    return f"| {label} | {sign} {limit}{unit} | {measured:.2f}{unit} | {verdict} |"


def _ratios(values: tuple[float, ...]) -> str:
    return " | ".join(f"{value:.2f}{X}" for value in values)


def _spread(ratios: Ratios) -> str:
    first, third = ratios.middle_half
    return f"{ratios.median:.2f}{X} ({first:.2f} to {third:.2f}{X})"


def _throughput(found: Throughput) -> str:
    return f"{found.checks_per_s:,.0f} | {found.p50_ms:.2f} | {found.p99_ms:.2f}"


def _pragmas(found: dict[str, str]) -> str:
    synchronous = {"0": "OFF", "1": "NORMAL", "2": "FULL", "3": "EXTRA"}
    return f"{found['journal_mode']}/{synchronous.get(found['synchronous'], found['synchronous'])}"
