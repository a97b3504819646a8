"""python manage.py createdemoaccounts: a student, a teacher and an admin to try the app."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from quizapp.accounts.roles import teachers_group

DEMO_ACCOUNTS = [
    # username, password, role
    ("student", "study-hard-2024", "student"),
    ("teacher", "teach-well-2024", "teacher"),
    ("admin", "admin-demo-2024", "admin"),
]


class Command(BaseCommand):
    help = "Create (or reset) the demo accounts and print their passwords."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Create them even with DJANGO_DEBUG=0 (a public demo site).",
        )

    def handle(self, *args, force: bool, **options):
        # The passwords are in the README, and "admin" is a superuser: on a real site this
        # would hand it to anyone, or reset a real "admin" to the public password.
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing with DJANGO_DEBUG=0: the demo passwords are public and 'admin' "
                "would be a superuser (an existing 'admin' would get the public password). "
                "Run with --force only on a demo site."
            )
        users = get_user_model()
        for username, password, role in DEMO_ACCOUNTS:
            user, _ = users.objects.get_or_create(username=username)
            user.email = f"{username}@example.com"
            user.is_staff = user.is_superuser = role == "admin"
            user.set_password(password)
            user.save()
            if role == "teacher":
                user.groups.add(teachers_group())
            self.stdout.write(f"  {role:<8} username: {username:<8} password: {password}")
