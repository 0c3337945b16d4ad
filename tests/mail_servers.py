"""Real mail servers for the test run, on loopback: no mock stands in for SMTP or IMAP.

- ``Certificates``: a certificate authority made for the run and a server certificate it
  signed (for 127.0.0.1 and localhost), written by the ``openssl`` command; clients trust
  the authority's file, as a desk set up for a self-signed server would.
- ``Dovecot``: Debian's IMAP server (package dovecot-imapd) with a configuration of our own
  in a temporary folder (its own base_dir, any user name with the run's password, each a
  Maildir in the folder),
  plain IMAP with STARTTLS on one free loopback port and IMAPS on another. It is never the
  system's dovecot: that one, if any runs, is not used.
- ``SmtpServer``: aiosmtpd (the aio-libs SMTP server) in a thread of the test process,
  STARTTLS on one port and implicit TLS on another, AUTH LOGIN/PLAIN for one known user.
  It records every message it accepts and answers chosen recipients with a 4xx or 5xx.

The fixtures of tests/mail/conftest.py start them once per test process (each xdist worker
has its own: a Dovecot starts in about a tenth of a second, see ``Dovecot.start``, and
workers never see each other's mail) and stop them at its end, also when the run is
interrupted: the kernel kills the dovecot master when the process that started it dies
(PR_SET_PDEATHSIG), so even a killed test run leaves no dovecot behind.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import grp
import imaplib
import logging
import os
import pwd
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LOOPBACK = "127.0.0.1"
READY_WAIT = 10.0
"""Seconds a server may take to answer on its port before the start counts as failed."""


class ServerUnavailable(Exception):
    """The server cannot run here (not installed, or it did not start); says why."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + READY_WAIT
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise ServerUnavailable(f"the server exited with status {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection((LOOPBACK, port), 0.2):
            return
        time.sleep(0.01)
    raise ServerUnavailable(f"nothing answered on port {port} after {READY_WAIT:.0f} s")


# --- certificates ---------------------------------------------------------------------


@dataclass(frozen=True)
class Certificates:
    ca_file: Path
    """The authority clients trust (what a desk's ``ca_file`` names)."""
    cert_file: Path
    key_file: Path
    other_ca_file: Path
    """An authority that signed nothing here: trusting it instead is a wrong certificate."""

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert_file, self.key_file)
        return context

    def client_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.ca_file))


def make_certificates(folder: Path) -> Certificates:
    """A CA and a server certificate for 127.0.0.1/localhost, valid two days (EC keys:
    made in milliseconds, where RSA would take a noticeable part of a second)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        raise ServerUnavailable("the openssl command is not installed")
    folder.mkdir(parents=True, exist_ok=True)
    key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]

    def run(*arguments: str) -> None:
        done = subprocess.run([openssl, *arguments], cwd=folder, capture_output=True, text=True)
        if done.returncode != 0:
            raise ServerUnavailable(f"openssl {arguments[0]} failed: {done.stderr.strip()}")

    for name in ("ca", "other-ca"):
        run(
            "req", "-x509", *key, "-keyout", f"{name}.key", "-out", f"{name}.pem",
            "-days", "2", "-subj", f"/CN=deskTUI test {name}",
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        )  # fmt: skip
    run("req", *key, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost")
    (folder / "server.ext").write_text(
        "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
        "basicConstraints=critical,CA:FALSE\n"
        "keyUsage=critical,digitalSignature\n"
        "extendedKeyUsage=serverAuth\n"
    )
    run(
        "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-days", "2", "-extfile", "server.ext", "-out", "server.pem",
    )  # fmt: skip
    return Certificates(
        ca_file=folder / "ca.pem",
        cert_file=folder / "server.pem",
        key_file=folder / "server.key",
        other_ca_file=folder / "other-ca.pem",
    )


# --- Dovecot --------------------------------------------------------------------------


def dovecot_binary() -> str | None:
    """Dovecot's master program; ``DESKTUI_TEST_DOVECOT=off``: none (the IMAP tests are
    skipped, or fail under ``DESKTUI_REQUIRE_MAIL=1``), ``=PATH``: that one."""
    chosen = os.environ.get("DESKTUI_TEST_DOVECOT", "")
    if chosen:
        return None if chosen == "off" else chosen
    found = shutil.which("dovecot")
    if found is None and os.access("/usr/sbin/dovecot", os.X_OK):
        found = "/usr/sbin/dovecot"
    return found


def _die_with_parent() -> None:
    """In the child, before exec: the kernel kills it when the test process dies, however
    it dies (kill -9 too), and its children leave when their master is gone, so no dovecot
    outlives the run. (SIGTERM would do, but a master told to stop took up to 6 s.)"""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


@dataclass(frozen=True)
class ImapUser:
    name: str
    password: str
    home: Path

    @property
    def maildir(self) -> Path:
        return self.home / "Maildir"


@dataclass
class Dovecot:
    """A throwaway Dovecot: ``start`` it, ``add_user`` per test, ``append`` mail, ``stop``."""

    certificates: Certificates
    folder: Path = Path()
    """Made by ``start`` right under the system's temporary folder: the mail and auth
    processes, which run as other users under root, must be able to pass through every
    folder above it (pytest's own temporary folders are private to root)."""
    imap_port: int = 0
    imaps_port: int = 0
    process: subprocess.Popen[bytes] | None = None
    password: str = field(default_factory=lambda: secrets.token_urlsafe(12))
    """Every user's: a wrong one is any other."""
    _serial: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> None:
        binary = dovecot_binary()
        if binary is None:
            raise ServerUnavailable(
                "Dovecot is not installed (apt-get install dovecot-imapd) or "
                "DESKTUI_TEST_DOVECOT=off"
            )
        self.folder = Path(tempfile.mkdtemp(prefix="desktui-imap-"))
        # The mail processes run as the mail user (never root, Dovecot refuses it): they
        # must pass through the folder to the homes, which that user owns.
        self.folder.chmod(0o711)
        (self.folder / "home").mkdir(exist_ok=True)
        self.mail_uid, self.mail_gid = _mail_ids()
        os.chown(self.folder / "home", self.mail_uid, self.mail_gid)
        for _attempt in range(3):  # a free port may be taken between choosing and binding
            self.imap_port, self.imaps_port = free_port(), free_port()
            config = self.folder / "dovecot.conf"
            config.write_text(self._configuration())
            self.process = subprocess.Popen(
                [binary, "-F", "-c", str(config)],
                stdout=subprocess.DEVNULL,
                stderr=(self.folder / "dovecot.stderr").open("wb"),
                preexec_fn=_die_with_parent,
                start_new_session=True,  # its own process group, for ``stop``
            )
            try:
                _wait_for_port(self.imap_port, self.process)
                _wait_for_port(self.imaps_port, self.process)
            except ServerUnavailable as problem:
                self.stop(remove=False)
                reason = problem
                continue
            atexit.register(self.stop)
            return
        problem = ServerUnavailable(f"Dovecot did not start: {reason}; {self._log_tail()}")
        shutil.rmtree(self.folder, ignore_errors=True)
        raise problem

    def _log_tail(self) -> str:
        lines: list[str] = []
        for name in ("dovecot.stderr", "dovecot.log"):
            path = self.folder / name
            if path.exists():
                lines += path.read_text(errors="replace").splitlines()[-5:]
        return " | ".join(lines) or "no log"

    def _configuration(self) -> str:
        me = pwd.getpwuid(os.getuid()).pw_name
        as_root = os.getuid() == 0
        internal = "dovecot" if as_root else me
        login = "dovenull" if as_root else me
        # Without root, no process can chroot or change user: every service runs as us.
        unprivileged = "" if as_root else "chroot =\n"
        folder = self.folder
        return f"""# A throwaway Dovecot for deskTUI's tests (tests/mail_servers.py).
instance_name = desktui-test-{self.imap_port}
base_dir = {folder}/run
state_dir = {folder}/state
log_path = {folder}/dovecot.log
protocols = imap
listen = {LOOPBACK}
default_internal_user = {internal}
default_internal_group = {grp.getgrgid(pwd.getpwnam(internal).pw_gid).gr_name}
default_login_user = {login}
first_valid_uid = 1
first_valid_gid = 1
mail_location = maildir:~/Maildir
auth_mechanisms = plain login
# Plain IMAP is tested on loopback only, where the desk allows it.
disable_plaintext_auth = no
ssl = yes
ssl_cert = <{self.certificates.cert_file}
ssl_key = <{self.certificates.key_file}
ssl_min_protocol = TLSv1.2
# Any user name logs in with the run's password and has a home (and Maildir) of its own:
# a new name is a new, empty mailbox, with no users file to reload (Dovecot looks at a
# passwd-file at most once a second, too slow for a test each few milliseconds).
auth_failure_delay = 0
passdb {{
  driver = static
  args = password={self.password}
}}
userdb {{
  driver = static
  args = uid={self.mail_uid} gid={self.mail_gid} home={folder}/home/%u
}}
service imap-login {{
  {unprivileged}inet_listener imap {{
    address = {LOOPBACK}
    port = {self.imap_port}
  }}
  inet_listener imaps {{
    address = {LOOPBACK}
    port = {self.imaps_port}
    ssl = yes
  }}
}}
# The auth process keeps a penalty per client IP in anvil: after a failed login (tests
# make them on purpose) every login from 127.0.0.1 waited up to 15 s. A socket it may not
# open makes it go without.
service anvil {{
  {unprivileged}unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
"""

    def add_user(self) -> ImapUser:
        """A new user with an empty mailbox: each test gets its own, so none sees another's
        mail and nothing has to be cleaned."""
        with self._lock:
            self._serial += 1
            name = f"user{self._serial}"
        return ImapUser(name, self.password, self.folder / "home" / name)

    def connect(self, user: ImapUser) -> imaplib.IMAP4:
        """A logged-in plain connection on loopback, for tests to look at a mailbox."""
        connection = imaplib.IMAP4(LOOPBACK, self.imap_port, timeout=10)
        connection.login(user.name, user.password)
        return connection

    def append(
        self, user: ImapUser, message: bytes, *, mailbox: str = "INBOX", flags: str = ""
    ) -> None:
        """Deliver ``message`` (RFC 5322 bytes) into ``user``'s mailbox by IMAP APPEND (a
        mailbox other than INBOX is made first if it does not exist)."""
        with self.connect(user) as connection:  # leaving it logs out
            if mailbox != "INBOX":
                connection.create(mailbox)  # NO when it exists: nothing to do then
            status, answer = connection.append(mailbox, flags or None, None, message)
            assert status == "OK", answer

    def flags(self, user: ImapUser, mailbox: str = "INBOX") -> dict[int, set[str]]:
        """Each message's UID and flags (``\\Seen``…), as the server has them now."""
        with self.connect(user) as connection:  # leaving it logs out
            connection.select(mailbox, readonly=True)
            _, answer = connection.uid("FETCH", "1:*", "(FLAGS)")
        found: dict[int, set[str]] = {}
        for line in answer:
            if not isinstance(line, bytes):
                continue
            text = line.decode()
            uid = int(text.split("UID ", 1)[1].split()[0].rstrip(")"))
            flags = text.split("FLAGS (", 1)[1].split(")", 1)[0]
            found[uid] = set(flags.split())
        return found

    def stop(self, *, remove: bool = True) -> None:
        """Stop the server (and remove its folder, unless a retry will reuse it)."""
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            # The whole group at once: asked to stop (SIGTERM), the master waits a second
            # for its children; the data is thrown away, nothing is worth that second.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        if remove and self.folder != Path():
            shutil.rmtree(self.folder, ignore_errors=True)


def _mail_ids() -> tuple[int, int]:
    """The uid and gid the mail processes run as: ours, or ``nobody``'s under root."""
    if os.getuid() != 0:
        return os.getuid(), os.getgid()
    nobody = pwd.getpwnam("nobody")
    return nobody.pw_uid, nobody.pw_gid


# --- SMTP -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Received:
    """One message the SMTP server accepted."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes
    login: str | None
    """The user that authenticated, None: none did."""
    tls: bool
    """Whether the session was encrypted (STARTTLS or implicit TLS) when it was sent."""


@dataclass
class SmtpServer:
    """aiosmtpd on loopback: STARTTLS on ``port``, implicit TLS on ``tls_port``."""

    certificates: Certificates
    login: str = "desk"
    password: str = field(default_factory=lambda: secrets.token_urlsafe(12))
    port: int = 0
    tls_port: int = 0
    data_size_limit: int = 64 * 1024 * 1024
    """A 30 MB attachment is 41 MB once in base64: aiosmtpd's default (32 MiB) would refuse."""
    received: list[Received] = field(default_factory=list)
    failures: dict[str, str] = field(default_factory=dict)
    _controllers: list[Any] = field(default_factory=list)

    def fail(self, recipient: str, answer: str) -> None:
        """Answer RCPT TO ``recipient`` with ``answer`` ("450 4.2.1 Mailbox busy",
        "550 5.1.1 No such user"): a temporary or permanent failure for that address."""
        self.failures[recipient.lower()] = answer

    data_answer: str = ""
    """When set, the answer to every message's data instead of accepting it ("451 4.3.0
    Try later", "554 5.6.0 Refused"): nothing is recorded."""

    def clear(self) -> None:
        self.received.clear()
        self.failures.clear()
        self.data_answer = ""

    def start(self) -> None:
        try:
            from aiosmtpd.controller import Controller
            from aiosmtpd.smtp import AuthResult
        except ImportError:
            raise ServerUnavailable("aiosmtpd is not installed: pip install -e '.[test]'") from None
        # aiosmtpd 1.4 warns on every login of its own use of a deprecated attribute.
        logging.getLogger("mail.log").setLevel(logging.ERROR)

        def authenticator(
            server: Any, session: Any, envelope: Any, mechanism: str, auth: Any
        ) -> Any:
            good = auth.login == self.login.encode() and auth.password == self.password.encode()
            return AuthResult(success=good, handled=False, auth_data=auth)

        common: dict[str, Any] = {
            "hostname": LOOPBACK,
            "server_hostname": "localhost",  # not socket.getfqdn(): no DNS look-up
            "authenticator": authenticator,
            "data_size_limit": self.data_size_limit,
        }
        for _attempt in range(3):
            self.port, self.tls_port = free_port(), free_port()
            starttls = Controller(
                _Handler(self, implicit_tls=False), port=self.port, tls_context=self.certificates.server_context(),
                require_starttls=False, auth_require_tls=True, **common,
            )  # fmt: skip
            implicit = Controller(
                _Handler(self, implicit_tls=True), port=self.tls_port, ssl_context=self.certificates.server_context(),
                auth_require_tls=False, **common,
            )  # fmt: skip
            try:
                starttls.start()
                self._controllers.append(starttls)
                implicit.start()
                self._controllers.append(implicit)
                atexit.register(self.stop)
                return
            except (OSError, RuntimeError) as problem:
                self.stop()
                reason = problem
        raise ServerUnavailable(f"aiosmtpd did not start: {reason}")

    def stop(self) -> None:
        while self._controllers:
            with contextlib.suppress(Exception):
                self._controllers.pop().stop()


class _Handler:
    """aiosmtpd's hooks: refuse the chosen recipients, record what is accepted."""

    def __init__(self, server: SmtpServer, *, implicit_tls: bool) -> None:
        self.server = server
        self.implicit_tls = implicit_tls

    async def handle_RCPT(  # noqa: N802 (aiosmtpd's hook names)
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        answer = self.server.failures.get(address.lower())
        if answer:
            return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802
        self, server: Any, session: Any, envelope: Any
    ) -> str:
        if self.server.data_answer:
            return self.server.data_answer
        login = session.auth_data.login.decode() if session.authenticated else None
        self.server.received.append(
            Received(
                mail_from=envelope.mail_from,
                rcpt_tos=tuple(envelope.rcpt_tos),
                data=envelope.original_content,
                login=login,
                # aiosmtpd sets session.ssl after STARTTLS only, not on an implicit-TLS port.
                tls=self.implicit_tls or session.ssl is not None,
            )
        )
        return "250 2.0.0 Message accepted"
