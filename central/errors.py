"""Error answers: every non-2xx body is {"error": {"code": …, "message": …}}.

`code` is for programs (docs/protocol.md lists them); `message` is a Chinese sentence for
the registrar. Bodies never echo what the client sent (it may hold an enrollment code).
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException

from desktop.sync.wire.protocol import ApiError

_HTTP_WORDS = {
    404: ("not_found", "没有这个接口。"),
    405: ("method_not_allowed", "该接口不支持这种请求方式。"),
    413: ("too_large", "请求内容过大，请分批上报。"),
}


class ApiProblem(Exception):
    """Raised by an endpoint to answer with an error status."""

    def __init__(self, status: int, code: str, message: str,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers  # e.g. Retry-After on 429


def error_response(status: int, code: str, message: str,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": ApiError(code=code, message=message).to_dict()}, status_code=status,
                        headers=headers)


def install_handlers(app: FastAPI) -> None:
    """Each handler is called only with the exception class it is registered for (the
    asserts below state that for the type checker)."""
    app.add_exception_handler(ApiProblem, _on_problem)
    app.add_exception_handler(RequestValidationError, _on_invalid)
    app.add_exception_handler(HTTPException, _on_http)
    app.add_exception_handler(DataError, _on_data)


async def _on_problem(_request: Request, problem: Exception) -> JSONResponse:
    assert isinstance(problem, ApiProblem)
    return error_response(problem.status, problem.code, problem.message, problem.headers)


async def _on_invalid(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    first = error.errors()[0] if error.errors() else {}
    where = ".".join(str(part) for part in first.get("loc", ()) if part != "body")
    return error_response(422, "bad_request", f"请求格式不正确（{where or '内容'}）。")


async def _on_data(_request: Request, _error: Exception) -> JSONResponse:
    """A value the database cannot hold (a NUL character, a string past its column)."""
    return error_response(422, "bad_request", "请求中有无法保存的内容（控制字符或过长的值）。")


async def _on_http(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    code, message = _HTTP_WORDS.get(error.status_code, ("http_error", "请求无法处理。"))
    return error_response(error.status_code, code, message)
