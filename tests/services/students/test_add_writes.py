"""What adding pupils writes beside their rows: the outbox payload and the audit entry's
`after` are one text (stored once since schema v14: the outbox row's own column is NULL),
byte for byte the standard library's compact JSON of the payload (dates as ISO text, blanks
and local-only columns left out, the family with its ids and slots), the first status event
and the provisional 学籍号; a batch with a pupil whose name, birth date and sex match a stored
one marks it and writes all the same."""

from __future__ import annotations

import json

from sqlalchemy import text

from desktop.domain.status import ENTRY_EVENT
from desktop.services.context import Workspace
from desktop.services.students.add import add_students
from tests.factories import valid_row


def _passport(row: dict[str, str]) -> dict[str, str]:
    return row | {"身份证件类型": "护照", "身份证件号": "E1234567"}


def test_payload_and_audit_are_one_stdlib_text(ws: Workspace) -> None:
    first = add_students(ws, [valid_row(name="王小明", seq=11), valid_row(name="李小红", seq=12)])
    second = add_students(ws, [_passport(valid_row(name="王小明", seq=11))])
    assert list(second.possible_duplicates) == [0]
    with ws.store.reading() as session:
        rows = session.execute(text(
            "SELECT o.record_id, coalesce(o.payload, a.after), a.after, a.entity_id,"
            " o.payload IS NULL FROM outbox o"
            " JOIN audit_log a ON a.seq = o.audit_seq WHERE o.op = 'create'"
            " ORDER BY o.device_seq")).all()
        numbers = dict(session.execute(text(
            "SELECT student_id, number FROM student_number_history")).all())
        events = session.execute(text(
            "SELECT student_id, change_type, to_status FROM status_change")).all()
        marked = session.execute(text(
            "SELECT possible_duplicate_of FROM student WHERE id = :id"),
            {"id": second.ids[0]}).scalar_one()
    assert [r[0] for r in rows] == [*first.ids, *second.ids]
    for record_id, payload, after, entity_id, once in rows:
        assert payload == after and entity_id == record_id and once
        value = json.loads(payload)
        assert payload == json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        assert value["birth_date"] == "2017-03-05" and value["class_name"] == "三年级(2)班"
        assert value["id"] == record_id and value["xjh_provisional"] is True
        assert not {"name_key", "created_at", "class_id", "version"} & set(value)
        assert None not in value.values()
        assert [(m["name"], m["slot"]) for m in value["members"]] == [("王大明", 1), ("李丽", 2)]
        assert all(len(m["id"]) == 36 and "student_id" not in m for m in value["members"])
    assert json.loads(rows[2][1])["possible_duplicate_of"] == first.ids[0] == marked
    assert set(numbers) == set(first.ids)  # a passport gives no provisional G number
    assert all(numbers[i].startswith("G") for i in first.ids)
    assert sorted(events) == sorted((i, ENTRY_EVENT, "ACTIVE") for i in [*first.ids, *second.ids])


_SYNCED = ["id", "status", "xjh", "xjh_provisional", "name_pinyin", "possible_duplicate_of"]


def test_the_payload_keeps_its_order(ws: Workspace) -> None:
    """The text stored and sent keeps one key order: the pupil's items in template order, then
    what the desk adds, the class and the family (a reader of the log sees the name first)."""
    from desktop.domain.fields import ALL_STUDENT_FIELDS

    first = add_students(ws, [valid_row(name="王小明", seq=11)])
    add_students(ws, [_passport(valid_row(name="王小明", seq=11))])
    with ws.store.reading() as session:
        texts = session.scalars(text("SELECT after FROM audit_log WHERE action = 'student.create'"
                                     " ORDER BY seq")).all()
    template = [spec.key for spec in ALL_STUDENT_FIELDS if spec.key != "class_name"]
    for payload in texts:
        keys = list(json.loads(payload))
        items = [key for key in keys if key in template]
        assert items == [key for key in template if key in items] and keys[0] == "name"
        assert keys[len(items):] == [
            key for key in _SYNCED if key in keys] + ["class_name", "members"]
    assert "xjh" not in json.loads(texts[1]) and json.loads(texts[1])["possible_duplicate_of"] \
        == first.ids[0]
