"""Real Syncthing instances on loopback, for end-to-end tests of a synced folder.

``SyncthingCluster(root, count)`` (``SyncthingPair(root)`` for two) gives each device a home
folder under ``root`` (``root/dN/home``), its synced folder (``root/dN/folder``) and its own
log (``root/dN/syncthing.log``). Every config is written before the first start, so an instance
talks to nothing but its peers on 127.0.0.1: global and local discovery, relays, NAT traversal,
LAN-address announcing, crash and usage reporting, upgrades and the browser are off; the
listen and GUI/REST addresses are 127.0.0.1 ports found free by binding port 0; every peer is
added by device id and address, and one folder is shared by all of them.

``start()`` (or entering the ``with`` block) launches every instance and waits until all are
connected and their folder is idle. ``stop()`` (or leaving the block, also on an exception)
sends SIGTERM to each instance's monitor process, which passes it on to the process it
forked, and SIGKILLs every process left in the instance's Unix session (each monitor is started
as a session leader) after a few seconds; it returns only when no process of any instance
is left.

Every wait is bounded and fails with ``SyncthingTimeout`` (an ``AssertionError``), whose
message says what was awaited, what was seen last and ends with the tail of each log.

``pause(i)`` cuts device ``i`` off from its peers and ``resume(i)`` joins it again; ``scan(i)``
returns when the scan is done; ``sync()`` scans everywhere and waits until all agree;
``wait_until(check, timeout, what)`` waits for anything else with the same failure message.
``ignore`` patterns are written to each folder's ``.stignore`` before the start.

Measured on a 2-core machine with Syncthing 1.19 (medians): ``start()`` 1.5 s, almost all of
it waiting for the first connections; a scan 1-3 ms; a small file in sync on the peer
0.06-0.13 s after its scan; a pause 5 ms, a resume 20-60 ms; a conflict settled (the copy on
both sides) 0.35 s after the resume; ``stop()`` 0.35-0.65 s. Without a scan request the file
watcher (off by default here, ``watch_delay_s`` turns it on) sees a change after its delay.
"""

from __future__ import annotations

import atexit
import copy
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from .folder import SyncedFolder
from .naming import Tool

DEFAULT_FOLDER_ID = "smn-journal"
BINARY = "syncthing"

#: Environment of every instance: no upgrades, no restarts, no default folder.
ENVIRONMENT = {"STNOUPGRADE": "1", "STNORESTART": "1", "STNODEFAULTFOLDER": "1"}

#: Proxy settings Syncthing (outgoing connections) and urllib (REST calls) would obey; loopback needs none.
_PROXY_VARIABLES = {"all_proxy", "http_proxy", "https_proxy", "no_proxy"}

#: REST calls go straight to 127.0.0.1, whatever proxy the environment names.
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))

#: Options written into each config before its first start, so nothing leaves 127.0.0.1.
LOOPBACK_OPTIONS = {
    "globalAnnounceEnabled": "false",
    "localAnnounceEnabled": "false",
    "relaysEnabled": "false",
    "natEnabled": "false",
    "announceLANAddresses": "false",
    "crashReportingEnabled": "false",
    "urAccepted": "-1",
    "autoUpgradeIntervalH": "0",
    "stunKeepaliveStartS": "0",
    "startBrowser": "false",
}

_POLL_S = 0.05
_LOG_TAIL_LINES = 25


class SyncthingError(RuntimeError):
    """Syncthing could not be set up or refused a request."""


class SyncthingTimeout(AssertionError):
    """A bounded wait ran out; the message ends with the tail of every instance's log."""


@dataclass
class SyncthingDevice:
    """One Syncthing instance: its folders, ports, key and process."""

    index: int
    root: Path
    device_id: str = ""
    api_port: int = 0
    listen_port: int = 0
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        return f"device{self.index}"

    @property
    def home(self) -> Path:
        return self.root / "home"

    @property
    def folder(self) -> Path:
        return self.root / "folder"

    @property
    def log_path(self) -> Path:
        return self.root / "syncthing.log"

    @property
    def api_key(self) -> str:
        return f"smn-sync-test-key-{self.index}"

    @property
    def short_id(self) -> str:
        """The 7 characters Syncthing puts in the names of conflict copies."""
        return self.device_id[:7]

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"


class SyncthingCluster:
    """``count`` Syncthing instances on loopback sharing one folder; a context manager."""

    def __init__(
        self,
        root: Path,
        count: int = 2,
        *,
        folder_id: str = DEFAULT_FOLDER_ID,
        watch_delay_s: int | None = None,
        ignore: Iterable[str] = (),
        start_timeout: float = 30.0,
        binary: str = BINARY,
    ) -> None:
        if count < 2:
            raise ValueError("a synced folder needs at least two devices")
        self.root = Path(root)
        self.folder_id = folder_id
        self.watch_delay_s = watch_delay_s
        self.ignore = tuple(ignore)
        self.start_timeout = start_timeout
        self.binary = binary
        self.devices = [SyncthingDevice(i, self.root / f"d{i}") for i in range(count)]
        #: Seconds each named step took, in order (``"start"``, ``"connect"``, ``"scan"``, ...).
        self.timings: dict[str, list[float]] = {}
        self._started = False

    # -- lifecycle -------------------------------------------------------------------------

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    def start(self) -> None:
        """Generate homes, write configs, launch every instance and wait until all are connected."""
        begun = time.monotonic()
        try:
            for dev in self.devices:
                self._generate(dev)
            self._assign_ports()
            for dev in self.devices:
                self._configure(dev)
            atexit.register(self.stop)
            self._started = True
            for dev in self.devices:
                self._launch(dev)
            self.wait_connected(self.start_timeout)
            self._wait_folders_idle(self.start_timeout)
        except BaseException:
            self.stop()
            raise
        self._record("start", begun)

    def stop(self, timeout: float = 5.0) -> None:
        """Stop every instance; kill what is left after ``timeout``; never leave a process behind."""
        if not self._started:
            return
        self._started = False
        atexit.unregister(self.stop)
        begun = time.monotonic()
        running = [d for d in self.devices if d.process is not None]
        for dev in running:
            _terminate(dev)
        if not self._all_gone(running, timeout):
            for dev in running:
                _kill_all(dev)
            if not self._all_gone(running, timeout):
                raise SyncthingError(f"syncthing processes still running after SIGKILL: {sorted(self.pids())}")
        self._record("stop", begun)

    def _all_gone(self, running: list[SyncthingDevice], timeout: float) -> bool:
        """Wait until each monitor has exited (and is reaped) and nothing is left in its session."""
        deadline = time.monotonic() + timeout
        while True:
            exited = all(d.process is not None and d.process.poll() is not None for d in running)
            if exited and not self.pids():
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(_POLL_S)

    def pids(self) -> set[int]:
        """Every live process of every instance (each monitor and the process it forked)."""
        found: set[int] = set()
        for dev in self.devices:
            if dev.process is not None:
                found |= _session_pids(dev.process.pid)
        return found

    # -- paths and ids ---------------------------------------------------------------------

    def folder(self, i: int) -> Path:
        """The synced folder of device ``i``."""
        return self.devices[i].folder

    def device_id(self, i: int) -> str:
        return self.devices[i].device_id

    def short_id(self, i: int) -> str:
        """Device ``i``'s id as it appears in conflict copy names (its first 7 characters)."""
        return self.devices[i].short_id

    def tree(self, i: int) -> dict[str, bytes]:
        """Every synced file in device ``i``'s folder by relative POSIX path: not Syncthing's
        marker, ignore file, versions or temporary files, nor names matching ``ignore``."""
        return SyncedFolder(self.folder(i), Tool.SYNCTHING, self.ignore).files()

    # -- REST ------------------------------------------------------------------------------

    def rest(self, i: int, method: str, endpoint: str, **params: str) -> Any:
        """Call device ``i``'s REST API; return the decoded JSON body (None when empty)."""
        dev = self.devices[i]
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        request = urllib.request.Request(
            f"{dev.api_url}{endpoint}{query}", method=method, headers={"X-API-Key": dev.api_key}
        )
        try:
            with _DIRECT.open(request, timeout=10) as response:
                body = response.read()
        except urllib.error.HTTPError as err:
            detail = err.read().decode(errors="replace").strip()
            raise SyncthingError(f"{dev.name}: {method} {endpoint}: HTTP {err.code} {detail}") from err
        return json.loads(body) if body.strip() else None

    def scan(self, i: int, sub: str | None = None) -> float:
        """Scan device ``i``'s folder (or only ``sub`` in it); returns when the scan is done."""
        begun = time.monotonic()
        params = {"folder": self.folder_id}
        if sub is not None:
            params["sub"] = sub
        self.rest(i, "POST", "/rest/db/scan", **params)
        return self._record("scan", begun)

    def scan_all(self) -> None:
        """Scan every device's folder."""
        for i in range(len(self.devices)):
            self.scan(i)

    def sync(self, timeout: float = 20.0, files: Iterable[str] = (), *, same_tree: bool = False) -> float:
        """Scan every device, then ``wait_in_sync``; return the seconds it all took."""
        begun = time.monotonic()
        self.scan_all()
        self.wait_in_sync(timeout, files, same_tree=same_tree)
        return time.monotonic() - begun

    # -- waits -----------------------------------------------------------------------------

    def wait_connected(self, timeout: float = 15.0, *, device: int | None = None) -> float:
        """Wait until every device (or every peer of ``device``) reports its peers connected.

        Returns the seconds waited.
        """
        begun = time.monotonic()
        what = "all devices connected" if device is None else f"device{device} connected to every peer"
        self.wait_until(lambda: self._connection_state(want=True, device=device), timeout, what)
        return self._record("connect", begun)

    def wait_disconnected(self, timeout: float = 10.0, *, device: int | None = None) -> float:
        """Wait until no device (or no peer of ``device``) reports a peer connected; return the seconds."""
        begun = time.monotonic()
        what = "all devices disconnected" if device is None else f"device{device} cut off from every peer"
        self.wait_until(lambda: self._connection_state(want=False, device=device), timeout, what)
        return self._record("disconnect", begun)

    def wait_in_sync(self, timeout: float = 20.0, files: Iterable[str] = (), *, same_tree: bool = False) -> float:
        """Wait until the folder is in sync everywhere; return the seconds waited.

        In sync means: every pair connected; each device idle with nothing it needs; each device
        sees each peer at 100% completion with nothing needed. On top of that, each path in
        ``files`` has the same bytes on every device, and with ``same_tree`` every device holds
        the same files. The state must hold on two polls in a row, so a conflict copy made while
        the devices were settling is not missed.
        """
        begun = time.monotonic()
        wanted = tuple(files)
        held = [0]

        def check() -> tuple[bool, str]:
            ok, detail = self._sync_state(wanted, same_tree)
            held[0] = held[0] + 1 if ok else 0
            return held[0] >= 2, detail

        self.wait_until(check, timeout, "folder in sync")
        return self._record("in_sync", begun)

    def wait_until(self, check: Callable[[], tuple[bool, str]], timeout: float, what: str) -> None:
        """Poll ``check`` (returning done, what it saw) until done; fail after ``timeout`` seconds.

        The failure names ``what``, what was seen last and shows the tail of every log. Errors
        from the REST API or the file system count as not done yet.
        """
        deadline = time.monotonic() + timeout
        detail = "not checked yet"
        while True:
            try:
                done, detail = check()
            except (OSError, SyncthingError, KeyError, ValueError) as err:  # not up yet, or mid-restart
                done, detail = False, f"{type(err).__name__}: {err}"
            if done:
                return
            if time.monotonic() >= deadline:
                raise SyncthingTimeout(
                    self._failure(f"{what}: not reached within {timeout:.1f} s; last seen: {detail}")
                )
            self._fail_if_exited(what)
            time.sleep(_POLL_S)

    def pause(self, i: int = 0, timeout: float = 10.0) -> float:
        """Cut device ``i`` off: it pauses every peer. Waits until it is disconnected from all.

        With two devices this parts them; with more, the others stay connected to each other
        unless they are paused too. Returns the seconds waited.
        """
        begun = time.monotonic()
        for peer in self._peers(i):
            self.rest(i, "POST", "/rest/system/pause", device=peer.device_id)
        self.wait_disconnected(timeout, device=i)
        return self._record("pause", begun)

    def resume(self, i: int = 0, timeout: float = 15.0) -> float:
        """Undo ``pause(i)``: device ``i`` resumes every peer and every peer resumes it.

        Waits until device ``i`` is connected to all its peers; returns the seconds waited.
        """
        begun = time.monotonic()
        for peer in self._peers(i):
            self.rest(i, "POST", "/rest/system/resume", device=peer.device_id)
            self.rest(peer.index, "POST", "/rest/system/resume", device=self.devices[i].device_id)
        self.wait_connected(timeout, device=i)
        return self._record("resume", begun)

    def log_tail(self, i: int, lines: int = _LOG_TAIL_LINES) -> str:
        """The last ``lines`` lines of device ``i``'s log."""
        try:
            text = self.devices[i].log_path.read_text(errors="replace")
        except FileNotFoundError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    # -- set-up steps ----------------------------------------------------------------------

    def _generate(self, dev: SyncthingDevice) -> None:
        dev.folder.mkdir(parents=True)
        (dev.folder / ".stfolder").mkdir()
        if self.ignore:
            (dev.folder / ".stignore").write_text("".join(f"{p}\n" for p in self.ignore))
        self._run(dev, ["generate", f"--home={dev.home}", "--no-default-folder", "--skip-port-probing"])
        out = self._run(dev, ["serve", f"--home={dev.home}", "--device-id"])
        dev.device_id = out.strip()
        if len(dev.device_id) != 63:
            raise SyncthingError(f"{dev.name}: unexpected device id {dev.device_id!r}")

    def _assign_ports(self) -> None:
        """Two free loopback ports per device, held until all are chosen so none repeats."""
        with ExitStack() as stack:
            ports = []
            for _ in range(2 * len(self.devices)):
                sock = stack.enter_context(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
                sock.bind(("127.0.0.1", 0))
                ports.append(sock.getsockname()[1])
        for dev in self.devices:
            dev.listen_port, dev.api_port = ports[2 * dev.index], ports[2 * dev.index + 1]

    def _configure(self, dev: SyncthingDevice) -> None:
        path = dev.home / "config.xml"
        tree = ET.parse(path)
        root = tree.getroot()
        options = _child(root, "options")
        _replace_all(options, "listenAddress", f"tcp://127.0.0.1:{dev.listen_port}")
        for tag, value in LOOPBACK_OPTIONS.items():
            _replace_all(options, tag, value)
        gui = _child(root, "gui")
        gui.set("tls", "false")
        _replace_all(gui, "address", f"127.0.0.1:{dev.api_port}")
        _replace_all(gui, "apikey", dev.api_key)
        for own in root.findall("device"):
            own.set("name", dev.name)
        defaults = _child(root, "defaults")
        root.insert(0, self._folder_element(dev, _child(defaults, "folder")))
        for peer in self.devices:
            if peer is not dev:
                root.insert(1, _peer_element(peer, _child(defaults, "device")))
        tree.write(path, encoding="unicode")

    def _folder_element(self, dev: SyncthingDevice, template: ET.Element) -> ET.Element:
        folder = copy.deepcopy(template)
        folder.set("id", self.folder_id)
        folder.set("label", self.folder_id)
        folder.set("path", str(dev.folder))
        folder.set("fsWatcherEnabled", "false" if self.watch_delay_s is None else "true")
        if self.watch_delay_s is not None:
            folder.set("fsWatcherDelayS", str(self.watch_delay_s))
        member = _child(folder, "device")
        for old in folder.findall("device"):
            folder.remove(old)
        for index, each in enumerate(self.devices):
            entry = copy.deepcopy(member)
            entry.set("id", each.device_id)
            folder.insert(index, entry)
        return folder

    def _launch(self, dev: SyncthingDevice) -> None:
        log = dev.log_path.open("ab")
        try:
            dev.process = subprocess.Popen(
                [self.binary, "serve", f"--home={dev.home}", "--no-browser", "--no-restart", "--no-upgrade"],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=_environment(),
                start_new_session=True,  # a session of its own holds the monitor and its child
            )
        finally:
            log.close()

    def _run(self, dev: SyncthingDevice, args: list[str]) -> str:
        env = _environment()
        done = subprocess.run([self.binary, *args], check=False, capture_output=True, text=True, env=env, timeout=30)
        if done.returncode != 0:
            raise SyncthingError(f"{dev.name}: syncthing {args[0]} failed ({done.returncode}): {done.stderr[-2000:]}")
        return done.stdout

    # -- state checks ----------------------------------------------------------------------

    def _peers(self, i: int) -> list[SyncthingDevice]:
        return [d for d in self.devices if d.index != i]

    def _pairs(self, device: int | None = None) -> Iterator[tuple[int, SyncthingDevice]]:
        """(device index, peer) for every ordered pair, or only the pairs that involve ``device``."""
        for dev in self.devices:
            for peer in self._peers(dev.index):
                if device is None or device in (dev.index, peer.index):
                    yield dev.index, peer

    def _connection_state(self, *, want: bool, device: int | None = None) -> tuple[bool, str]:
        wrong = []
        for i, peer in self._pairs(device):
            connections = self.rest(i, "GET", "/rest/system/connections")["connections"]
            if bool(connections.get(peer.device_id, {}).get("connected")) != want:
                wrong.append(f"{self.devices[i].name}->{peer.name}")
        word = "not connected" if want else "still connected"
        return not wrong, f"{word}: {', '.join(wrong)}" if wrong else "ok"

    def _folder_status(self, i: int) -> dict[str, Any]:
        status: dict[str, Any] = self.rest(i, "GET", "/rest/db/status", folder=self.folder_id)
        return status

    def _wait_folders_idle(self, timeout: float) -> None:
        def idle() -> tuple[bool, str]:
            states = [self._folder_status(d.index).get("state") for d in self.devices]
            return all(s == "idle" for s in states), f"folder states {states}"

        self.wait_until(idle, timeout, "every folder idle")

    def _sync_state(self, files: tuple[str, ...], same_tree: bool) -> tuple[bool, str]:
        connected, detail = self._connection_state(want=True)
        if not connected:
            return False, detail
        for dev in self.devices:
            status = self._folder_status(dev.index)
            if status.get("state") != "idle" or status.get("needTotalItems", 0) != 0:
                need = {k: v for k, v in status.items() if k.startswith("need") and v}
                errors = self.rest(dev.index, "GET", "/rest/folder/errors", folder=self.folder_id)
                return False, f"{dev.name}: state {status.get('state')}, {need}, errors {errors.get('errors')}"
        for i, peer in self._pairs():
            done = self.rest(i, "GET", "/rest/db/completion", folder=self.folder_id, device=peer.device_id)
            if done.get("completion") != 100 or done.get("needItems", 0) or done.get("needDeletes", 0):
                return False, f"{self.devices[i].name} sees {peer.name} at {done}"
        for name in files:
            contents = {_read_or_none(self.folder(d.index) / name) for d in self.devices}
            if len(contents) != 1 or None in contents:
                return False, f"{name} differs between devices (or is missing)"
        if same_tree:
            trees = [self.tree(d.index) for d in self.devices]
            if any(tree != trees[0] for tree in trees[1:]):
                listing = [sorted(tree) for tree in trees]
                return False, f"the devices hold different files: {listing}"
        return True, "in sync"

    def _fail_if_exited(self, what: str) -> None:
        for dev in self.devices:
            if dev.process is not None and dev.process.poll() is not None:
                raise SyncthingError(self._failure(f"{what}: {dev.name} exited with {dev.process.returncode}"))

    def _failure(self, message: str) -> str:
        tails = [f"--- {d.name} log ({d.log_path}) ---\n{self.log_tail(d.index)}" for d in self.devices]
        return "\n".join([message, *tails])

    def _record(self, step: str, begun: float) -> float:
        elapsed = time.monotonic() - begun
        self.timings.setdefault(step, []).append(elapsed)
        return elapsed


class SyncthingPair(SyncthingCluster):
    """Two Syncthing instances on loopback sharing one folder."""

    def __init__(self, root: Path, **kwargs: Any) -> None:
        super().__init__(root, 2, **kwargs)


# -- config and process functions ---------------------------------------------------------


def _environment() -> dict[str, str]:
    """The test's environment without proxy settings, plus ``ENVIRONMENT``."""
    kept = {k: v for k, v in os.environ.items() if k.lower() not in _PROXY_VARIABLES}
    return {**kept, **ENVIRONMENT}


def _child(parent: ET.Element, tag: str) -> ET.Element:
    found = parent.find(tag)
    if found is None:
        raise SyncthingError(f"generated config has no <{tag}> in <{parent.tag}>")
    return found


def _replace_all(parent: ET.Element, tag: str, text: str) -> None:
    """Leave exactly one ``<tag>text</tag>`` in ``parent``."""
    for old in parent.findall(tag):
        parent.remove(old)
    ET.SubElement(parent, tag).text = text


def _peer_element(peer: SyncthingDevice, template: ET.Element) -> ET.Element:
    entry = copy.deepcopy(template)
    entry.set("id", peer.device_id)
    entry.set("name", peer.name)
    _replace_all(entry, "address", f"tcp://127.0.0.1:{peer.listen_port}")
    return entry


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _session_pids(sid: int) -> set[int]:
    """Live (not zombie) processes in session ``sid``.

    The monitor is started as a session leader; the process it forks stays in its session but
    gets a process group of its own, so the session is what holds an instance together.
    """
    found: set[int] = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces: split after the last ')'.
        fields = stat[stat.rindex(")") + 2 :].split()
        state, session = fields[0], int(fields[3])
        if session == sid and state != "Z":
            found.add(int(entry.name))
    return found


def _terminate(dev: SyncthingDevice) -> None:
    """SIGTERM to the monitor, which passes it on to the process it forked."""
    if dev.process is not None and dev.process.poll() is None:
        dev.process.send_signal(signal.SIGTERM)


def _kill_all(dev: SyncthingDevice, reap_timeout: float = 1.0) -> None:
    """SIGKILL every process left in the instance's session, the forked ones first.

    The monitor is killed last and given a moment to reap its children: a child that outlives
    it is handed to PID 1, which on some machines never reaps it.
    """
    if dev.process is None:
        return
    leader = dev.process.pid
    inner = _session_pids(leader) - {leader}
    for pid in inner:
        _kill(pid, signal.SIGKILL)
    if dev.process.poll() is None:
        _kill(leader, signal.SIGCONT)  # a stopped monitor cannot reap
        deadline = time.monotonic() + reap_timeout
        while any(Path(f"/proc/{pid}").exists() for pid in inner) and time.monotonic() < deadline:
            time.sleep(_POLL_S / 5)
        _kill(leader, signal.SIGKILL)
    for pid in _session_pids(leader):  # anything forked meanwhile
        _kill(pid, signal.SIGKILL)


def _kill(pid: int, sig: signal.Signals) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass
