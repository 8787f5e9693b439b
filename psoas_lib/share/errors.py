"""The share's error: a share that cannot be written or read, said in plain words.

>>> from psoas_lib.errors import PsoasError
>>> issubclass(ShareError, PsoasError)
True
"""

from __future__ import annotations

from psoas_lib.errors import PsoasError

__all__ = ["ShareError"]


class ShareError(PsoasError):
    """A share that cannot be written or read: no drop folder, no name, a planted file..."""
