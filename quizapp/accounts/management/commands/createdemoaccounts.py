"""python manage.py createdemoaccounts: a student, a teacher and an admin to try the app."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from quizapp.accounts.roles import teachers_group

DEMO_ACCOUNTS = [
    # username, password, role
    ("student", "study-hard-2024", "student"),
    ("teacher", "teach-well-2024", "teacher"),
    ("admin", "admin-demo-2024", "admin"),
]


class Command(BaseCommand):
    help = "Create (or reset) the demo accounts and print their passwords."

    def handle(self, *args, **options):
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
