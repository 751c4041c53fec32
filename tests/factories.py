"""Factories for tests. People get pseudonyms, never real names."""

import factory
from allauth.account.models import EmailAddress

from communities.models import Group
from peersupport.models import RoleGrant, User

PASSWORD = "a calm harbour at night"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Willow {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if not create:
            return
        for role in extracted or ("member",):
            RoleGrant.objects.create(user=self, role=role)
        EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
        self.save()


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"Group {n}")
    slug = factory.Sequence(lambda n: f"group-{n}")
    description = "A quiet place to talk."
