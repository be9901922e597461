"""Errors in the OpenAI shape: {"error": {"message", "type", "param", "code"}}.

Only this module turns exceptions into HTTP: `ApiError` for what the handlers refuse,
Cinestra's own errors (`InvalidRequest` names its field first: "size: ..."), FastAPI's
validation errors (400, not 422, with the field as `param`) and any other exception
(500, logged, no details leaked).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from cinestra.errors import InvalidRequest
from cinestra.safety import ModerationBlocked

logger = logging.getLogger(__name__)

HTTP_TYPES = {401: "invalid_request_error", 403: "permission_error", 404: "invalid_request_error",
              405: "invalid_request_error", 413: "invalid_request_error",
              415: "invalid_request_error", 429: "rate_limit_error"}


class ApiError(Exception):
    def __init__(self, status: int, message: str, *, param: str | None = None,
                 code: str | None = None, type: str = "invalid_request_error",
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.param, self.code = status, message, param, code
        self.type, self.headers = type, headers


def error_body(message: str, *, type: str, param: str | None = None,
               code: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": type, "param": param, "code": code}}


def field_of(message: str) -> str | None:
    """The field an `InvalidRequest` message starts with ("size: unknown size ...")."""
    head, sep, _ = message.partition(":")
    return head if sep and head.replace("_", "").isalnum() else None


def _api_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ApiError)
    return JSONResponse(error_body(error.message, type=error.type, param=error.param,
                                   code=error.code), status_code=error.status,
                        headers=error.headers)


def _invalid(_request: Request, error: Exception) -> JSONResponse:
    message = str(error)
    return JSONResponse(error_body(message, type="invalid_request_error", param=field_of(message),
                                   code="invalid_value"), status_code=400)


def _moderation(_request: Request, error: Exception) -> JSONResponse:
    return JSONResponse(error_body(str(error), type="invalid_request_error",
                                   code="moderation_blocked"), status_code=400)


def _validation(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    first = error.errors()[0] if error.errors() else {}
    location = [str(part) for part in first.get("loc", ()) if part not in ("body", "query",
                                                                           "path", "header")]
    param = ".".join(location) or None
    message = f"{param}: {first.get('msg', 'invalid value')}" if param else "invalid request"
    return JSONResponse(error_body(message, type="invalid_request_error", param=param,
                                   code="invalid_value"), status_code=400)


def _http(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    return JSONResponse(error_body(str(error.detail), type=HTTP_TYPES.get(
        error.status_code, "invalid_request_error")), status_code=error.status_code,
        headers=error.headers)


def _unexpected(_request: Request, error: Exception) -> JSONResponse:
    logger.exception("unhandled error", exc_info=error)
    return JSONResponse(error_body("The server had an error processing your request.",
                                   type="server_error"), status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(InvalidRequest, _invalid)
    app.add_exception_handler(ModerationBlocked, _moderation)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(Exception, _unexpected)
