"""``resolve_method`` names what a front-door call runs, by the one dtype rule."""

import pytest

import infokit.estimate as ie


def test_names_the_method_the_front_door_runs(rng):
    x = rng.normal(size=300)
    labels = rng.integers(0, 3, 300)
    cases = [
        (("mutual_info", x, x), "ksg"),
        (("mutual_info", labels, x), "ross"),  # whichever side holds the labels
        (("mutual_info", x, labels), "ross"),
        (("mutual_info", labels, labels), "discrete"),
        (("entropy", x), "kozachenko_leonenko"),
        (("conditional_mutual_info", x, x, x), "ksg"),
        (("kl_divergence", x, x), "wkv"),
    ]
    for args, name in cases:
        assert ie.resolve_method(*args) == name
    assert ie.resolve_method("mutual_info", x, x, method="mixed") == "ross"  # aliases resolve


def test_agrees_with_the_estimate(rng):
    x = rng.normal(size=300)
    labels = rng.integers(0, 3, 300)
    assert ie.mutual_info(x, labels) == ie.mutual_info(x, labels, method=ie.resolve_method("mutual_info", x, labels))


def test_bad_calls():
    with pytest.raises(ValueError, match="quantity"):
        ie.resolve_method("entropies", [1, 2])
    with pytest.raises(TypeError, match="takes 2 sample"):
        ie.resolve_method("mutual_info", [1, 2])
    with pytest.raises(ValueError, match="method must be one of"):
        ie.resolve_method("mutual_info", [1, 2], [1, 2], method="nope")
