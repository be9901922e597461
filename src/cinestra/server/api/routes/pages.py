"""Account pages: sign up, log in, log out, and an account page that issues API keys.

Page forms authenticate with a session cookie (HttpOnly, SameSite=Lax; Secure in
production) and carry a CSRF token: before login a double-submit cookie, after login the
token stored with the session. Sign-up is open only when `allow_signup` is set.
"""

from __future__ import annotations

import html
from typing import Annotated

from fastapi import APIRouter, Cookie, Form
from fastapi.responses import HTMLResponse, RedirectResponse

from cinestra.server.accounts import (
    AccountError,
    active_key_prefix,
    add_user,
    authenticate,
    close_web_session,
    issue_api_key,
    open_web_session,
    web_session,
)
from cinestra.server.api.deps import ComponentsDep, SessionDep
from cinestra.server.api.errors import ApiError
from cinestra.server.db.models import User
from cinestra.server.security import new_token, same

router = APIRouter(include_in_schema=False)
SESSION_COOKIE = "cinestra_session"
CSRF_COOKIE = "cinestra_csrf"

FormText = Annotated[str, Form(max_length=200)]
CookieText = Annotated[str | None, Cookie()]


def _page(title: str, body: str, *, status: int = 200) -> HTMLResponse:
    return HTMLResponse(f"<!doctype html><html><head><meta charset='utf-8'><title>"
                        f"{html.escape(title)} · Cinestra</title></head><body><h1>"
                        f"{html.escape(title)}</h1>{body}</body></html>", status_code=status)


def _form(action: str, csrf: str, fields: str, button: str) -> str:
    return (f"<form method='post' action='{action}'><input type='hidden' name='csrf_token' "
            f"value='{html.escape(csrf)}'>{fields}<button>{html.escape(button)}</button></form>")


CREDENTIALS = ("<label>Name <input name='name' required></label> <label>Password "
               "<input name='password' type='password' required></label> ")


def _with_csrf_cookie(title: str, action: str, button: str, components: ComponentsDep,
                      note: str = "", status: int = 200) -> HTMLResponse:
    csrf = new_token()
    response = _page(title, note + _form(action, csrf, CREDENTIALS, button), status=status)
    response.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="strict",
                        secure=components.settings.environment == "production")
    return response


def _check_login_csrf(csrf_token: str, cookie: str | None) -> None:
    if not cookie or not same(csrf_token, cookie):
        raise ApiError(403, "CSRF check failed; reload the form.", type="permission_error",
                       code="csrf_failed")


def _signed_in(components: ComponentsDep, session: SessionDep, user: User) -> RedirectResponse:
    token, _ = open_web_session(session=session, user=user)
    session.commit()
    response = RedirectResponse("/account", status_code=303)
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax",
                        secure=components.settings.environment == "production")
    response.delete_cookie(CSRF_COOKIE)
    return response


@router.get("/login")
def login_page(components: ComponentsDep) -> HTMLResponse:
    return _with_csrf_cookie("Log in", "/login", "Log in", components)


@router.post("/login", response_model=None)
def login(components: ComponentsDep, session: SessionDep, name: FormText, password: FormText,
          csrf_token: FormText,
          cinestra_csrf: CookieText = None) -> HTMLResponse | RedirectResponse:
    _check_login_csrf(csrf_token, cinestra_csrf)
    user = authenticate(session=session, name=name, password=password)
    if user is None:
        return _with_csrf_cookie("Log in", "/login", "Log in", components, status=401,
                                 note="<p>Wrong name or password.</p>")
    return _signed_in(components, session, user)


@router.get("/signup")
def signup_page(components: ComponentsDep) -> HTMLResponse:
    if not components.settings.allow_signup:
        return _page("Sign up", "<p>Sign-up is closed; ask the operator.</p>", status=403)
    return _with_csrf_cookie("Sign up", "/signup", "Create account", components)


@router.post("/signup", response_model=None)
def signup(components: ComponentsDep, session: SessionDep, name: FormText, password: FormText,
           csrf_token: FormText,
           cinestra_csrf: CookieText = None) -> HTMLResponse | RedirectResponse:
    if not components.settings.allow_signup:
        return _page("Sign up", "<p>Sign-up is closed; ask the operator.</p>", status=403)
    _check_login_csrf(csrf_token, cinestra_csrf)
    try:
        user = add_user(session=session, name=name, password=password)
    except AccountError as error:
        return _with_csrf_cookie("Sign up", "/signup", "Create account", components,
                                 note=f"<p>{html.escape(str(error))}</p>", status=400)
    return _signed_in(components, session, user)


def _session_user(session: SessionDep, token: str | None) -> tuple[User, str] | None:
    row = web_session(session=session, token=token) if token else None
    user = session.get(User, row.user_id) if row is not None else None
    return (user, row.csrf_token) if user is not None and row is not None else None


def _account(user: User, csrf: str, prefix: str | None, new_key: str = "") -> HTMLResponse:
    shown = (f"<p>Your new API key (shown once, copy it now): <code>{html.escape(new_key)}"
             "</code></p>") if new_key else ""
    current = f"<code>{html.escape(prefix)}…</code>" if prefix else "none"
    return _page(f"Account {user.name}", shown + f"<p>API key: {current}</p>"
                 + _form("/account/key", csrf, "", "New API key (revokes the old one)")
                 + _form("/logout", csrf, "", "Log out"))


@router.get("/account", response_model=None)
def account(session: SessionDep,
            cinestra_session: CookieText = None) -> HTMLResponse | RedirectResponse:
    found = _session_user(session, cinestra_session)
    if found is None:
        return RedirectResponse("/login", status_code=303)
    user, csrf = found
    return _account(user, csrf, active_key_prefix(session=session, user=user))


@router.post("/account/key", response_model=None)
def new_key(session: SessionDep, csrf_token: FormText,
            cinestra_session: CookieText = None) -> HTMLResponse | RedirectResponse:
    found = _session_user(session, cinestra_session)
    if found is None:
        return RedirectResponse("/login", status_code=303)
    user, csrf = found
    _check_login_csrf(csrf_token, csrf)
    key = issue_api_key(session=session, user=user)
    session.commit()
    return _account(user, csrf, active_key_prefix(session=session, user=user), new_key=key)


@router.post("/logout")
def logout(session: SessionDep, csrf_token: FormText,
           cinestra_session: CookieText = None) -> RedirectResponse:
    found = _session_user(session, cinestra_session)
    if found is not None and cinestra_session:
        _check_login_csrf(csrf_token, found[1])
        close_web_session(session=session, token=cinestra_session)
        session.commit()
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
