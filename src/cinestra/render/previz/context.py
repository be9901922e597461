"""A headless OpenGL 3.3 context over EGL: Mesa llvmpipe on CPU, the GPU driver where one exists."""

from __future__ import annotations

import logging
from types import TracebackType
from typing import Any

import moderngl

from cinestra.errors import EngineUnavailable

logger = logging.getLogger(__name__)

INSTALL_HINT = "apt-get install -y libgl1 libegl1 libegl-mesa0 libgl1-mesa-dri"
REQUIRED_VERSION = 330


class GLContext:
    """Owns one standalone moderngl context; `with GLContext() as ctx:` releases it on exit."""

    def __init__(self) -> None:
        self._ctx: moderngl.Context | None = None

    def __enter__(self) -> moderngl.Context:
        try:
            settings: dict[str, Any] = {"backend": "egl"}  # moderngl's stub mistypes **settings
            ctx = moderngl.create_standalone_context(require=REQUIRED_VERSION, **settings)
        except Exception as error:  # glcontext raises bare Exception for a missing libEGL/driver
            raise EngineUnavailable(
                f"previz cannot start an OpenGL 3.3 context over EGL ({error}). "
                "On Debian/Ubuntu install the drivers with:\n"
                f"{INSTALL_HINT}"
            ) from error
        logger.debug("previz GL context: %s, %s", ctx.info["GL_RENDERER"], ctx.info["GL_VERSION"])
        self._ctx = ctx
        return ctx

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._ctx is not None:
            self._ctx.release()
            self._ctx = None
