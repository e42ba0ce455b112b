"""The one-line text of a row's problems, as the import preview and the error report show it."""

from desktop.exchange.error_report import problem_text
from desktop.messages import describe
from desktop.services.importing.plan import RowProblem


def test_problems_are_joined_without_a_full_stop_before_the_semicolon() -> None:
    problems = [RowProblem(row=6, header="身份证件号", value="x", code="id.checksum"),
                RowProblem(row=6, header="出生日期", value="20171345", code="date.invalid",
                           params={"value": "20171345"})]

    text = problem_text(problems)

    assert "。；" not in text
    assert text.count("；") == 1
    assert text.startswith("身份证件号: ") and "；出生日期: " in text


def test_one_problem_keeps_its_sentence_as_written() -> None:
    problem = RowProblem(row=4, header="出生日期", value="20171345", code="date.invalid",
                         params={"value": "20171345"})

    assert problem_text([problem]) == "出生日期: " + describe("date.invalid", {"value": "20171345"})
    assert problem_text([problem]).endswith("。")
