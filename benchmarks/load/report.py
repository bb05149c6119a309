"""The load section's tables: every case, one row per system, and the targets.

A system's figure is its best case (the number of browsers with the most sign-ins/s);
``÷ limit`` divides sign-ins/s by the argon2 limit of the same run, ``÷ peer`` by the
peer's sign-ins/s in the same round (in the cases table) or the peer's best (per system).

The load generator runs on the same cores as the servers: each sign-in costs the cores the
hash, the servers' work around it, the generator's (and PostgreSQL's), so ``÷ limit`` can
reach at most ``hash ÷ (servers + generator + PostgreSQL)``, each in CPU ms a sign-in: the
ceiling shown beside it.
"""

from benchmarks.load.case import CaseResult, Target
from benchmarks.load.measure import LoadResult

X = "\N{MULTIPLICATION SIGN}"
PEER = "django-2fa"
NONE = "\N{EN DASH}"
LIMIT_TARGETS = {"app-sqlite": 0.7, "app-postgres": 0.6}
"""Best sign-ins/s ÷ the argon2 limit, for this app on SQLite and on PostgreSQL (2 servers)."""
PEER_TARGET = 1.5
SERVER_CPU_TARGET_MS = 10.0
"""The app servers' CPU a sign-in, outside the password hash, on SQLite."""
AT_BROWSERS = 8
"""The code step's p99 is compared with the peer's at this many browsers."""


def section(result: LoadResult) -> str:
    return "\n".join(
        (
            "### 7. Load: whole sign-ins, C browsers at once (locust)\n",
            _method(result),
            "",
            per_system_table(result),
            "",
            cases_table(result),
            "",
            _errors(result),
        )
    )


def _method(result: LoadResult) -> str:
    settings = result.settings
    versions = ", ".join(f"{name} {version}" for name, version in result.peer_versions.items())
    return (
        f"argon2 limit: {result.cores} cores ÷ {result.verify_median_ms:.1f} ms (the median "
        f"password check, {result.parameters}, of {len(result.verify_ms)} measurements over "
        f"the run: {', '.join(f'{ms:.1f}' for ms in result.verify_ms)} ms) = "
        f"**{result.limit:.1f} sign-ins/s**; its CPU: {result.verify_cpu_median_ms:.1f} ms, "
        "subtracted from the servers' CPU a sign-in (all their processes' CPU seconds from "
        f"/proc over the case ÷ its sign-ins); the load generator's (locust's process) is read "
        "the same way over the load, and caps ÷ limit on these shared cores at hash ÷ (servers "
        f"+ generator + PostgreSQL), CPU a sign-in. {result.people:,} people with 2FA on in each "
        f"system; {settings.seconds} s a case, after a {settings.warm_up} s warm-up; the "
        f"systems take turns in each round. Peer: {versions}."
    )


def per_system_table(result: LoadResult) -> str:
    rows = [
        "| system | served by | best sign-ins/s (C) | ÷ argon2 limit (ceiling here) | ÷ peer "
        f"| code step p99 at C = {AT_BROWSERS} | server CPU ms a sign-in (outside the hash) "
        "| PostgreSQL CPU ms a sign-in | load generator CPU ms a sign-in | errors "
        "| double acceptances |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for target in result.targets:
        best = _best(result, target.name)
        code_p99 = _code_p99(result, target.name)
        cases = _cases(result, target.name)
        server_ms = server_cpu_ms(result, target.name)
        outside = server_ms - result.verify_cpu_median_ms
        database = f"{database_cpu_ms(result, target.name):.1f}" if target.database_pids else NONE
        rows.append(
            f"| {target.label} | {target.server} | {best.rate:.1f} ({best.browsers}) "
            f"| {best.rate / result.limit:.2f} (≤ {ceiling(result, target.name):.2f}) "
            f"| {_versus(best, _best(result, PEER))} "
            f"| {code_p99:.1f} ms | {server_ms:.1f} ({outside:.1f}) "
            f"| {database} | {locust_cpu_ms(result, target.name):.1f} "
            f"| {sum(c.errors for c in cases)} "
            f"| {sum(c.double_acceptances for c in cases)} of {sum(c.replays for c in cases)} |"
        )
    return "\n".join(rows)


def server_cpu_ms(result: LoadResult, name: str) -> float:
    """The servers' CPU milliseconds a sign-in, over every case of the system."""
    cases = _cases(result, name)
    return sum(c.server_cpu for c in cases) / max(1, sum(c.sign_ins for c in cases)) * 1e3


def database_cpu_ms(result: LoadResult, name: str) -> float:
    cases = _cases(result, name)
    return sum(c.database_cpu for c in cases) / max(1, sum(c.sign_ins for c in cases)) * 1e3


def locust_cpu_ms(result: LoadResult, name: str) -> float:
    """The load generator's CPU milliseconds a sign-in, over every case of the system."""
    cases = _cases(result, name)
    return sum(c.locust_cpu for c in cases) / max(1, sum(c.sign_ins for c in cases)) * 1e3


def ceiling(result: LoadResult, name: str) -> float:
    """The most ``÷ limit`` can be on these shared cores: the hash's CPU ÷ all the CPU a
    sign-in takes of them (the servers', hash included; the generator's; PostgreSQL's)."""
    spent = server_cpu_ms(result, name) + locust_cpu_ms(result, name)
    return result.verify_cpu_median_ms / (spent + database_cpu_ms(result, name))


def cases_table(result: LoadResult) -> str:
    rows = [
        "| system | C | sign-ins/s | ÷ limit | ÷ peer | sign-in p50 / p99 ms "
        "| code step p50 / p99 ms | server CPU ms a sign-in | errors | double acceptances "
        "| locust CPU (ms a sign-in) | machine busy |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    labels = {target.name: target.label for target in result.targets}
    for found in sorted(result.cases, key=lambda c: (_order(result, c.target), c.browsers)):
        peer = _case(result, PEER, found.browsers)
        (whole50, whole99), (code50, code99) = found.whole(), found.code()
        rows.append(
            f"| {labels[found.target]} | {found.browsers} | {found.rate:.1f} "
            f"| {found.rate / result.limit:.2f} | {_versus(found, peer)} "
            f"| {whole50:.0f} / {whole99:.0f} | {code50:.1f} / {code99:.1f} "
            f"| {found.server_ms():.1f} | {found.errors} "
            f"| {found.double_acceptances} of {found.replays} "
            f"| {found.locust_share:.0%} ({found.locust_ms():.1f}) "
            f"| {found.machine_busy:.0%} |"
        )
    return "\n".join(rows)


def target_rows(result: LoadResult) -> list[str]:
    """Rows of the targets table (``| target | wanted | measured | met |``)."""
    rows = []
    peer_best = _best(result, PEER).rate
    peer_p99 = _code_p99(result, PEER)
    for target in _apps(result):
        best = _best(result, target.name).rate
        label, wanted = target.label, LIMIT_TARGETS.get(target.name, LIMIT_TARGETS["app-sqlite"])
        code_p99 = _code_p99(result, target.name)
        outside = server_cpu_ms(result, target.name) - result.verify_cpu_median_ms
        rows += [
            _row(f"load, {label}: best sign-ins/s ÷ argon2 limit (its ceiling on these cores, "
                 "with the load generator on them)", f"≥ {wanted}", best / result.limit >= wanted,
                 f"{best / result.limit:.2f} (≤ {ceiling(result, target.name):.2f})"),
            _row(f"load, {label}: best sign-ins/s ÷ django-two-factor-auth's",
                 f"≥ {PEER_TARGET:g}{X}", best / peer_best >= PEER_TARGET,
                 f"{best / peer_best:.2f}{X}"),
            _row(f"load, {label}: code step p99 at C = {AT_BROWSERS}, ≤ the peer's",
                 f"≤ {peer_p99:.1f} ms", code_p99 <= peer_p99, f"{code_p99:.1f} ms"),
        ]  # fmt: skip
        if target.name == "app-sqlite":
            rows.append(
                _row(f"load, {label}: server CPU a sign-in outside the hash (all workers)",
                     f"≤ {SERVER_CPU_TARGET_MS:g} ms", outside <= SERVER_CPU_TARGET_MS,
                     f"{outside:.1f} ms")
            )  # fmt: skip
        else:
            rows.append(f"| load, {label}: server CPU a sign-in outside the hash (all workers; "
                        f"PostgreSQL apart: {database_cpu_ms(result, target.name):.1f} ms) "
                        f"| no target | {outside:.1f} ms | — |")  # fmt: skip
    peer_outside = server_cpu_ms(result, PEER) - result.verify_cpu_median_ms
    rows.append(f"| load, django-two-factor-auth: server CPU a sign-in outside the hash "
                f"| no target | {peer_outside:.1f} ms | — |")  # fmt: skip
    cases = [c for c in result.cases if c.target != PEER]
    errors = sum(c.errors for c in cases)
    doubles = sum(c.double_acceptances for c in cases)
    replays = sum(c.replays for c in cases)
    rows.append(_row("load, this app: errors", "0", errors == 0, str(errors)))
    label = "load, this app: double acceptances (replay races)"
    rows.append(_row(label, "0", doubles == 0, f"{doubles} of {replays}"))
    return rows


def _versus(found: CaseResult, peer: CaseResult) -> str:
    return "\N{EN DASH}" if found.target == PEER else f"{found.rate / peer.rate:.2f}{X}"


def _row(label: str, wanted: str, met: bool, measured: str) -> str:
    return f"| {label} | {wanted} | {measured} | {'yes' if met else '**no**'} |"


def _errors(result: LoadResult) -> str:
    notes = []
    for found in result.cases:
        for sample in found.error_samples:
            notes.append(f"- {found.target}, C = {found.browsers}: {sample}")
        if found.pool_waits:
            waits = f"{found.pool_waits} waits for a person who has not signed in at this step"
            notes.append(f"- {found.target}, C = {found.browsers}: {waits}")
    return "\n".join(["Errors and waits:", *notes]) if notes else "No error, no wait for a person."


def _apps(result: LoadResult) -> list[Target]:
    return [target for target in result.targets if target.name != PEER]


def _cases(result: LoadResult, name: str) -> list[CaseResult]:
    return [found for found in result.cases if found.target == name]


def _case(result: LoadResult, name: str, browsers: int) -> CaseResult:
    return next(found for found in _cases(result, name) if found.browsers == browsers)


def _best(result: LoadResult, name: str) -> CaseResult:
    return max(_cases(result, name), key=lambda found: found.rate)


def _code_p99(result: LoadResult, name: str) -> float:
    cases = _cases(result, name)
    at = [found for found in cases if found.browsers == AT_BROWSERS] or cases[-1:]
    return at[0].code()[1]


def _order(result: LoadResult, name: str) -> int:
    return [target.name for target in result.targets].index(name)
