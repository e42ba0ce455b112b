"""The bureau console's pages: plain server-rendered HTML, every value escaped, no script."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

STYLE = ("body{font-family:sans-serif;max-width:75em;margin:2em auto;padding:0 1em;color:#222}"
         "table{border-collapse:collapse;width:100%}td,th{border:1px solid #bbb;padding:.4em;"
         "vertical-align:top;text-align:left}.overdue{color:#b00;font-weight:bold}"
         ".msg{background:#e8f0ff;padding:.6em}.err{background:#fde8e8;padding:.6em}"
         "form.inline{display:inline-block;margin:.2em 0}input[type=text]{width:12em}")


@dataclass(frozen=True)
class CaseRow:
    case_id: str
    code: str
    change_type: str
    schools: str
    student: str
    step: str
    started_on: str
    due: str
    overdue: bool
    estimated: bool


def page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
            f"<body><h1>{escape(title)}</h1>{body}</body></html>")


def _notice(message: str | None, error: str | None) -> str:
    parts = [f'<p class="msg">{escape(message)}</p>' if message else "",
             f'<p class="err" role="alert">{escape(error)}</p>' if error else ""]
    return "".join(parts)


def login_page(csrf: str, error: str | None = None) -> str:
    form = (f'{_notice(None, error)}<form method="post" action="/bureau/login">'
            f'<input type="hidden" name="csrf" value="{escape(csrf)}">'
            '<p><label>账户名称 <input type="text" name="name" required autocomplete="username">'
            '</label></p><p><label>密码 <input type="password" name="password" required '
            'autocomplete="current-password"></label></p><p><button type="submit">登录</button></p>'
            "</form>")
    return page("学籍主管部门审批台 · 登录", form)


def cases_page(bureau: str, county: str, rows: list[CaseRow], csrf: str,
               message: str | None = None, error: str | None = None) -> str:
    head = (f"<p>{escape(bureau)}（{escape(county)}） · 待本部门办理 {len(rows)} 项 "
            f'<form class="inline" method="post" action="/bureau/logout">{_csrf(csrf)}'
            '<button type="submit">退出</button></form></p>')
    if not rows:
        return page("学籍主管部门审批台", head + _notice(message, error) + "<p>目前没有待办理的申请。</p>")
    table = ("<table><thead><tr><th>查询码 / 编号</th><th>事项</th><th>学校</th><th>学生</th>"
             "<th>当前环节</th><th>办理期限</th><th>办理</th></tr></thead><tbody>"
             + "".join(_row(row, csrf) for row in rows) + "</tbody></table>")
    return page("学籍主管部门审批台", head + _notice(message, error) + table)


def _csrf(csrf: str) -> str:
    return f'<input type="hidden" name="csrf" value="{escape(csrf)}">'


def _row(row: CaseRow, csrf: str) -> str:
    due = escape(row.due) + ("（估算）" if row.estimated else "")
    if row.overdue:
        due = f'<span class="overdue">{due} 已逾期</span>'
    action = f"/bureau/cases/{escape(row.case_id)}/decision"
    forms = (f'<form class="inline" method="post" action="{action}">{_csrf(csrf)}'
             '<input type="hidden" name="action" value="approve"><button type="submit">同意</button>'
             f'</form><form class="inline" method="post" action="{action}">{_csrf(csrf)}'
             '<input type="hidden" name="action" value="reject">'
             '<input type="text" name="reason" required placeholder="不同意的理由">'
             '<button type="submit">不同意</button></form>')
    cells = (escape(row.code), escape(row.change_type), escape(row.schools), escape(row.student),
             f"{escape(row.step)}<br>自 {escape(row.started_on)}", due, forms)
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"
