from fractions import Fraction

import pytest

from cinestra.errors import CinestraError, InvalidRequest
from cinestra.request import SIZES, check_request


def test_defaults_and_sizes():
    request = check_request(prompt=" a ball ")
    assert request.prompt == "a ball" and request.seconds == 4 and request.size == "1280x720"
    for size, (width, height) in SIZES.items():
        assert (check_request(prompt="x", size=size).width, check_request(
            prompt="x", size=size).height) == (width, height)


def test_seconds_are_exact():
    assert check_request(prompt="x", seconds="12.5").seconds == Fraction(25, 2)


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [("prompt", {"prompt": ""}), ("prompt", {"prompt": "x" * 5000}),
     ("seconds", {"seconds": 3.99}), ("seconds", {"seconds": "abc"}),
     ("size", {"size": "1280x721"}), ("fps", {"fps": 60}), ("seed", {"seed": -1})],
)
def test_errors_name_the_field(field, kwargs):
    arguments = {"prompt": "a ball", **kwargs}
    with pytest.raises(InvalidRequest, match=f"^{field}:") as caught:
        check_request(**arguments)
    assert isinstance(caught.value, CinestraError) and isinstance(caught.value, ValueError)


def test_style_is_a_catalog_look():
    assert check_request(prompt="a ball", style="noir").style == "noir"
    assert check_request(prompt="a ball").style is None
    with pytest.raises(InvalidRequest, match=r"^style: unknown style 'sepia-ish'; choose one of"):
        check_request(prompt="a ball", style="sepia-ish")
