"""Authentication with the sign-in lockout (accounts.lockout) in front of Django's ModelBackend.

Every password check in the portal goes through `django.contrib.auth.authenticate`, so putting
the lockout here covers Wagtail's login, the platform console's login and anything added later.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts import lockout
from accounts.models import SignInFailure


class LockoutModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        with transaction.atomic():
            # One attempt per account at a time: parallel guesses cannot all pass the check.
            if lockout.refused(account=username, request=request):
                # Stops authenticate() trying further backends; it answers None.
                raise PermissionDenied
            user = super().authenticate(request, username=username, password=password, **kwargs)
            if user is None:
                lockout.failure_record(
                    account=username, stage=SignInFailure.Stage.PASSWORD, request=request
                )
        return user
