"""Pull and ack: the school's feed page by page from a cursor, acks that never move back,
410 for a cursor from an old epoch or below the pruned part, and the snapshot restore."""

from __future__ import annotations

import httpx

from central.api.pull import prune_feed
from central.store.db import renew_epoch
from desktop.sync.wire.protocol import PROTOCOL, SnapshotPage
from tests.central.desk import SCHOOL_A, SCHOOL_B, Central, Desk, student_payload


def fill(desk: Desk, count: int, first_seq: int = 11) -> list[str]:
    changes = [desk.create(student_payload(seq=first_seq + 2 * i)) for i in range(count)]
    desk.push(*changes)
    return [change.record_id for change in changes]


def snapshot_pages(desk: Desk, limit: int) -> list[SnapshotPage]:
    pages, token = [], None
    while True:
        params = {"limit": limit} | ({"page_token": token} if token else {})
        response = desk.http.get("/v1/sync/snapshot", params=params, headers=desk.auth)
        assert response.status_code == 200, response.text
        pages.append(SnapshotPage.from_dict(response.json()))
        token = pages[-1].next_page_token
        if not pages[-1].has_more:
            return pages


def code_of(response: httpx.Response) -> tuple[int, str]:
    return response.status_code, response.json()["error"]["code"]


def test_meta_tells_protocol_versions_time_and_epoch(central: Central) -> None:
    meta = httpx.get(f"{central.url}/v1/meta").json()
    assert meta["protocol"] == PROTOCOL and meta["min_client_version"]
    assert meta["server_time"] == "2026-11-26T08:00:00+00:00"
    assert len(meta["epoch"]) == 36 and meta["max_body_bytes"] > 1_000_000


def test_the_feed_comes_in_pages_from_the_cursor(central: Central) -> None:
    desk = central.desk()
    record_ids = fill(desk, 5)
    first = desk.pull(limit=2)
    assert [i.record_id for i in first.items] == record_ids[:2] and first.has_more
    rest, cursor = desk.pull_all(first.next_cursor)
    assert [i.record_id for i in rest] == record_ids[2:]
    seqs = [i.seq for i in first.items + tuple(rest)]
    assert seqs == sorted(seqs) and len(set(seqs)) == 5
    assert desk.pull(cursor).items == ()  # nothing new
    desk.push(desk.change("patch", record_ids[0], {"phone": "13600000000"}, 1))
    [update] = desk.pull(cursor).items
    assert (update.record_id, update.version, update.snapshot["phone"]) == \
        (record_ids[0], 2, "13600000000")


def test_acks_are_stored_and_never_move_back(central: Central) -> None:
    desk = central.desk()
    fill(desk, 3)
    early = desk.pull(limit=1).next_cursor
    _, late = desk.pull_all()
    assert desk.ack(late).json()["acked_seq"] == 3
    assert desk.ack(early).json()["acked_seq"] == 3
    assert code_of(desk.ack("not-a-cursor")) == (400, "cursor_invalid")
    assert code_of(desk.pull_response("bm90LWpzb24")) == (400, "cursor_invalid")


def test_a_new_epoch_sends_the_desk_to_the_snapshot(central: Central) -> None:
    desk = central.desk()
    record_ids = fill(desk, 3)
    _, cursor = desk.pull_all()
    renew_epoch(central.engine)
    assert code_of(desk.pull_response(cursor)) == (410, "cursor_expired")
    assert code_of(desk.ack(cursor)) == (410, "cursor_expired")
    pages = snapshot_pages(desk, limit=500)
    assert sorted(i.record_id for p in pages for i in p.items) == sorted(record_ids)
    assert desk.pull(pages[0].cursor).items == ()
    assert desk.ack(pages[0].cursor).status_code == 200


def test_a_cursor_below_the_pruned_feed_is_expired(central: Central) -> None:
    desk, idle = central.desk(), central.desk()
    fill(desk, 3)
    _, cursor = desk.pull_all()
    assert prune_feed(central.engine, SCHOOL_A) == 0  # the idle desk has acked nothing
    desk.ack(cursor)
    idle.ack(cursor)
    assert prune_feed(central.engine, SCHOOL_A) == 3
    assert code_of(desk.pull_response()) == (410, "cursor_expired")
    assert desk.pull(cursor).items == ()
    restored = snapshot_pages(desk, limit=500)
    assert len(restored[0].items) == 3


def test_the_snapshot_pages_through_records_and_findings(central: Central) -> None:
    desk = central.desk()
    record_ids = fill(desk, 4)
    desk.push(desk.create(student_payload()))  # same ID number as the first: a finding
    desk.push(desk.change("patch", record_ids[1], {"phone": "13500000000"}, 1))
    pages = snapshot_pages(desk, limit=2)
    items = [item for page in pages for item in page.items]
    assert len(pages) == 3 and [len(p.items) for p in pages] == [2, 2, 2]
    assert [i.kind for i in items].count("finding") == 1
    versions = {i.record_id: i.version for i in items if i.kind == "record"}
    assert len(versions) == 5 and versions[record_ids[1]] == 2
    assert len({p.cursor for p in pages}) == 1  # where pulling resumes after the restore


def test_a_school_pulls_only_its_own_feed(central: Central) -> None:
    school_a, school_b = central.desk(SCHOOL_A), central.desk(SCHOOL_B)
    fill(school_a, 2)
    other = fill(school_b, 1, first_seq=51)
    items, _ = school_a.pull_all()
    assert len(items) == 2 and other[0] not in {i.record_id for i in items}
    assert [i.kind for i in school_b.pull_all()[0]] == ["record"]
