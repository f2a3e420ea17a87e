"""The local analyst password: only an argon2 hash is configured, a typed password is checked
against it in constant time and never kept or logged, and failures are slowed down, per
session and for the whole process, so guessing is slow however many tabs try at once."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_hasher = PasswordHasher()

SESSION_FIRST_DELAY = 1.0  # seconds after a session's first failure, doubling each time
SESSION_MAX_DELAY = 30.0
PROCESS_WINDOW = 300.0  # seconds: failures from every session counted over this window
PROCESS_LIMIT = 20  # failures in the window before every attempt, from anyone, waits
PROCESS_DELAY = 10.0


class PasswordNotConfigured(Exception):
    """The configured value is not an argon2 hash (a plain password put there by mistake)."""


def hash_password(password: str) -> str:
    """An argon2id hash of password, for COUNTYLINES_ANALYST_PASSWORD_HASH."""
    return _hasher.hash(password)


def verify(configured_hash: str, password: str) -> bool:
    """True when password matches the hash (argon2's own comparison, in constant time)."""
    try:
        return _hasher.verify(configured_hash, password)
    except VerifyMismatchError:
        return False
    except (InvalidHashError, VerificationError) as error:
        raise PasswordNotConfigured(
            "The configured analyst password hash is not an argon2 hash. Make one with "
            "`python -m countylines hash-password` and configure that, never the password itself."
        ) from error


@dataclass
class Throttle:
    """How long the next attempt must wait: per session (doubling) and per process."""

    clock: object = time.monotonic
    _failures: list[float] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def session_delay(self, session_failures: int) -> float:
        if session_failures <= 0:
            return 0.0
        return min(SESSION_FIRST_DELAY * 2 ** (session_failures - 1), SESSION_MAX_DELAY)

    def process_delay(self) -> float:
        with self._lock:
            now = self.clock()
            self._failures[:] = [t for t in self._failures if now - t < PROCESS_WINDOW]
            return PROCESS_DELAY if len(self._failures) >= PROCESS_LIMIT else 0.0

    def delay(self, session_failures: int) -> float:
        return max(self.session_delay(session_failures), self.process_delay())

    def failed(self) -> None:
        with self._lock:
            self._failures.append(self.clock())


PROCESS_THROTTLE = Throttle()
sleep = time.sleep  # tests replace it to count the waits instead


def check(configured_hash: str, password: str, session_failures: int) -> bool:
    """Waits as long as the failures so far require, then verifies; a failure is counted."""
    wait = PROCESS_THROTTLE.delay(session_failures)
    if wait:
        sleep(wait)
    ok = verify(configured_hash, password)
    if not ok:
        PROCESS_THROTTLE.failed()
    return ok
