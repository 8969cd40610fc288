# wandb.errors for the stand-in: the exception classes scripts catch by name.
"""Exceptions with W&B's names."""


class Error(Exception):
    """Base of the stand-in's errors, as wandb.Error / wandb.errors.Error."""


class CommError(Error):
    """Something needed W&B's servers, which the offline stand-in never talks to."""


class UsageError(Error):
    pass


class AuthenticationError(CommError):
    pass


class UnsupportedError(UsageError):
    pass
