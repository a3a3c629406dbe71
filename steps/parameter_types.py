"""Parameter types shared by the step modules, so step texts cannot overlap."""

import parse
from behave import register_type
from parse_type import TypeBuilder

from conformance.driver.edits import REFUSED_EDITS

DATA_ITEMS = ["response plan", "contact", "escalation plan", "incident record"]
ENTITIES = ["user", "group", "customer role"]


@parse.with_pattern(r"[a-z]{2}(?:-[a-z]+)+-\d")
def parse_region(text):
    return text


@parse.with_pattern(r"[a-z0-9][a-z0-9.-]*")
def parse_service(text):
    return text


@parse.with_pattern(r"[A-Za-z][A-Za-z0-9.]*")
def parse_code(text):
    return text


register_type(
    Code=parse_code,
    Service=parse_service,
    DataItem=TypeBuilder.make_choice(DATA_ITEMS),
    Entity=TypeBuilder.make_choice(ENTITIES),
    Edit=TypeBuilder.make_choice(list(REFUSED_EDITS)),
    Region=parse_region,
)
