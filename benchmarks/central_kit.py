"""What the central registry's scale benchmark drives: a private PostgreSQL cluster with
fsync on, `xueji-central serve` over it in its own process, the CPU those two use, desks as
the server tests drive them (tests/central/desk.py), and one 转学 case end to end."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from benchmarks.registry_process import process_cpu, start_server, stat_fields
from desktop.domain import names
from desktop.domain.ids import new_id
from desktop.domain.record import read_record
from tests.central.cases_kit import answer, bureau_decides, request_transfer
from tests.central.desk import Central, Desk
from tests.central.partitioned import create_partitioned_schema
from tests.central.pg import PORT, PostgresCluster


class BenchCluster(PostgresCluster):
    """The tests' throwaway cluster, but durable as in production: fsync and synchronous commit
    on (the tests switch them off to save time)."""

    def start(self) -> None:
        if self.owner is not None:
            os.chown(self.root, self.owner.pw_uid, self.owner.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "-E", "UTF8", "--no-locale")
        options = f"-k {self.root} -p {PORT} -c listen_addresses='' -c shared_buffers=512MB"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
                  "-o", options, "start")

    def postmaster_pid(self) -> int:
        return int((self.data / "postmaster.pid").read_text().split()[0])



@dataclass
class Registry(Central):
    """The running registry: Central (url, db_url, clock, engine) and its server process."""

    process: subprocess.Popen[bytes] | None = None

    def desk_from(self, school_code: str, address: str) -> Desk:
        """A new device of the school, enrolled and signed in from loopback `address`: the
        registry limits enrolments per address (a county station enrols a few a minute), so
        a thousand schools come from a thousand addresses, as they would."""
        desk = Desk(self.url, school_code)
        desk.http.close()
        desk.http = httpx.Client(base_url=self.url, timeout=60,
                                 transport=httpx.HTTPTransport(local_address=address, retries=3))
        self.desks.append(desk)
        enrolled = desk.enroll(self.token(school_code))
        assert enrolled.status_code == 200, enrolled.text
        signed_in = desk.login()
        assert signed_in.status_code == 200, signed_in.text
        return desk

    def size_mb(self) -> float:
        with self.engine.connect() as conn:
            return int(conn.exec_driver_sql("SELECT pg_database_size(current_database())").scalar_one()) / 1e6

    def stop(self) -> None:
        self.close()
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.engine.dispose()


def loopback(index: int) -> str:
    """A loopback address of its own for the `index`-th school (127.0.0.2 on)."""
    return f"127.0.{index // 250}.{index % 250 + 2}"


def start_registry(cluster: BenchCluster, folder: Path, *, partitioned: bool) -> Registry:
    from central.store.db import make_engine

    db_url = cluster.new_database()
    if partitioned:
        create_partitioned_schema(db_url)
    process, url = start_server(db_url, folder / "server.log")
    return Registry(url, db_url, time.time, make_engine(db_url), process)


def payload_of(row: dict[str, Any]) -> dict[str, Any]:
    """A create payload as a desk queues it (desktop.services.students.add) from a template row."""
    record = read_record(row)
    values = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in record.values.items()
              if v is not None}
    members = [{**{k: v for k, v in member.items() if v is not None}, "id": new_id(), "slot": slot}
               for slot, member in enumerate(record.members, start=1)]
    provisional = "G" + values["id_number"] if values.get("id_type") == "1" else None
    return {**values, "members": members, "status": "ACTIVE", "xjh": provisional,
            "xjh_provisional": True, "name_pinyin": names.display_pinyin(values["name"])}


@dataclass
class CpuUse:
    server: float
    database: float


class ProcessCpu:
    """CPU seconds the registry's process and the PostgreSQL server use between start and stop
    (from /proc: the postmaster with its finished children, and every backend alive)."""

    def __init__(self, server_pid: int, cluster: BenchCluster) -> None:
        self.server_pid, self.cluster = server_pid, cluster
        self.before = CpuUse(0.0, 0.0)

    def start(self) -> None:
        self.before = self._now()

    def stop(self) -> CpuUse:
        now = self._now()
        return CpuUse(now.server - self.before.server, now.database - self.before.database)

    def _now(self) -> CpuUse:
        postmaster = self.cluster.postmaster_pid()
        backends = [pid for pid in _pids() if _parent(pid) == postmaster]
        return CpuUse(_cpu(self.server_pid), sum(_cpu(pid) for pid in [postmaster, *backends]))


def _pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def _parent(pid: int) -> int:
    fields = stat_fields(pid)
    return int(fields[1]) if fields else -1


def _cpu(pid: int) -> float:
    return process_cpu(pid, children=True)


def transfer_end_to_end(registry: Registry, from_code: str, to_code: str) -> float:
    """Seconds for one 转学 of a pupil of `from_code` to `to_code`: the receiving school's
    request, its bureau, the sending school's answer, its bureau, and the record moved."""
    with registry.engine.connect() as conn:
        pupil = conn.exec_driver_sql(
            "SELECT s.record_id, s.name, s.data FROM students s JOIN schools c USING (school_id) "
            "WHERE c.code = %(code)s ORDER BY s.record_id LIMIT 1", {"code": from_code}).one()
    data = pupil.data if isinstance(pupil.data, dict) else json.loads(pupil.data)
    sending, receiving = registry.desk(from_code), registry.desk(to_code)
    start = time.perf_counter()
    change = request_transfer(receiving, name=pupil.name, from_school=from_code,
                              id_number=data["id_number"])
    result = receiving.push(change).results[0]
    assert result.status == "applied", result
    bureau_decides(registry, to_code[:6], change.record_id, "approve")
    agreed = sending.push(answer(sending, change.record_id, "agree")).results[0]
    assert agreed.status == "applied", agreed
    bureau_decides(registry, from_code[:6], change.record_id, "approve")
    elapsed = time.perf_counter() - start
    with registry.engine.connect() as conn:
        holder = conn.exec_driver_sql(
            "SELECT c.code FROM students s JOIN schools c USING (school_id) "
            "WHERE s.record_id = %(id)s", {"id": pupil.record_id}).scalar_one()
    assert holder == to_code, f"the record is still at {holder}"
    return elapsed
