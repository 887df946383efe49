from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts import second_factor
from tenants import context
from tenants.models import Federation


class Command(BaseCommand):
    help = (
        "Reset a user's second factor (lost phone): they set up a new authenticator app at the "
        "next sign-in. --schema public for a platform operator. Recorded in the log."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schema", required=True, help="federation schema, or public")
        parser.add_argument("--email", required=True, help="the user's sign-in name")

    def handle(self, *args, **options):
        schema, email = options["schema"], options["email"]
        if schema == "public":
            scope = context.public()
        else:
            with context.public():
                if not Federation.objects.filter(schema_name=schema).exists():
                    raise CommandError(f"No federation with schema {schema!r}.")
            scope = context.federation_context(schema)
        with scope:
            user = get_user_model().objects.filter(username__iexact=email).first()
            if user is None:
                raise CommandError(f"No user {email!r} in {schema}.")
            removed = second_factor.second_factor_reset(user=user, by=None)
        self.stdout.write(
            f"Second factor of {user.get_username()} in {schema} reset ({removed} removed); "
            "they set up a new one at the next sign-in."
        )
