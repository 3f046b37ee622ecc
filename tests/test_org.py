import pytest
from django.core.exceptions import ValidationError

from talenta.org.models import Organisation, OrgKind
from tests.factories import org


@pytest.mark.django_db
def test_path_is_materialised_and_subtree_is_a_prefix_query():
    opd = org("64.71.03", "Dinas Pendidikan", "64.71")
    unit = org("64.71.03.02", "Bidang SMP", "64.71.03", OrgKind.UNIT)
    assert unit.path == "/ID/64/64.71/64.71.03/64.71.03.02/" and unit.depth == 4
    assert unit.is_within(opd) and unit.is_within(Organisation.objects.get(code="64"))
    sub = Organisation.objects.filter(path__startswith=opd.path)
    assert set(sub.values_list("code", flat=True)) == {"64.71.03", "64.71.03.02"}


@pytest.mark.django_db
def test_tree_shape_is_enforced():
    bad = Organisation(
        code="64.71.99",
        name="Unit directly under a city",
        kind=OrgKind.UNIT,
        parent=Organisation.objects.get(code="64.71"),
    )
    with pytest.raises(ValidationError) as exc:
        bad.full_clean()
    assert "parent" in exc.value.message_dict


@pytest.mark.django_db
def test_codes_are_unique():
    org("64.71.03", "Dinas Pendidikan", "64.71")
    with pytest.raises(ValidationError):
        org("64.71.03", "Another", "64.71")


@pytest.mark.django_db
def test_child_code_on_the_way_to_a_path():
    kaltim = Organisation.objects.get(code="64")
    assert kaltim.child_code("/ID/64/64.71/64.71.03/") == "64.71"
    assert kaltim.child_code("/ID/64/") is None
    assert kaltim.child_code("/ID/31/31.71/") is None
