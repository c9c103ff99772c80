"""The seams every estimator family uses: registry, aliases, null models, warnings, executor."""

import warnings

import numpy as np
import pytest

import infokit.estimate as ie
from infokit import TiesWarning, _parallel
from infokit.estimate import _registry
from infokit.estimate._significance import Refit


@pytest.mark.parametrize(
    ("quantity", "methods"),
    [
        ("entropy", {"discrete", "kozachenko_leonenko", "gaussian", "histogram"}),
        ("mutual_info", {"discrete", "ksg", "ksg2", "ross", "gkov", "gaussian", "gcmi", "ksg_copula", "histogram"}),
        (
            "conditional_mutual_info",
            {"discrete", "ksg", "ksg2", "gaussian", "gcmi", "ksg_copula", "histogram", "stratified"},
        ),
        ("kl_divergence", {"wkv", "gaussian"}),
    ],
)
def test_every_family_registers_its_methods(quantity, methods):
    assert set(_registry.methods(quantity)) == methods


@pytest.mark.parametrize(
    ("quantity", "alias", "name"),
    [
        ("entropy", "kl", "kozachenko_leonenko"),
        ("mutual_info", "mixed", "ross"),
        ("kl_divergence", "knn", "wkv"),
        ("mutual_info", "copula_ksg", "ksg_copula"),
        ("conditional_mutual_info", "copula_ksg", "ksg_copula"),
    ],
)
def test_old_spellings_are_aliases_of_the_new_names(quantity, alias, name):
    assert _registry.lookup(quantity, alias) is _registry.lookup(quantity, name)


def test_old_function_names_are_the_new_functions():
    assert ie.kl_entropy is ie.kozachenko_leonenko_entropy
    from infokit.data import load_joint_tables, seed_tables

    assert seed_tables is load_joint_tables
    assert ie.mixed_mutual_info is ie.ross_mutual_info


def test_unknown_method_lists_the_choices():
    with pytest.raises(ValueError, match=r"'auto', 'discrete', 'ksg'.*'mixed' \(= 'ross'\)"):
        ie.mutual_info([0.0, 1.0], [1.0, 0.0], method="nope")


def test_an_option_the_method_does_not_take_is_named(rng):
    x = rng.normal(size=50)
    with pytest.raises(TypeError, match=r"mutual_info\(method='ross'\) does not take 'theiler'"):
        ie.mutual_info(x, rng.integers(0, 2, 50), method="ross", theiler=2)
    with pytest.raises(TypeError, match="does not take 'k'"):
        ie.mutual_info([0, 1, 0], [1, 0, 1], method="discrete", k=3)
    # Spellings from scikit-learn get the right name.
    with pytest.raises(TypeError, match=r"did you mean 'n_neighbors' -> 'k'\?"):
        ie.mutual_info(x, x, n_neighbors=5)
    with pytest.raises(TypeError, match=r"'nan_polcy' -> 'nan_policy'"):
        ie.entropy(x, nan_polcy="omit")
    # A value the method pins cannot be overridden either.
    with pytest.raises(TypeError, match="does not take 'variant'"):
        ie.mutual_info(x, x, method="ksg2", variant=1)
    # Locals belong to the kNN methods only.
    with pytest.raises(TypeError, match="return_locals"):
        ie.entropy([0, 1, 1], return_locals=True)


def test_register_refuses_a_taken_name():
    with pytest.raises(ValueError, match="already has a method named 'ksg'"):
        _registry.register("mutual_info", "ksg", ie.ksg_mutual_info, kind="continuous")
    with pytest.raises(ValueError, match="'auto'"):
        _registry.register("entropy", "x", ie.discrete_entropy, kind="discrete", aliases=("auto",))


def test_return_locals_through_the_front_door(rng):
    x = rng.normal(size=300)
    y = x + rng.normal(size=300)
    value, locals_ = ie.mutual_info(x, y, return_locals=True)
    assert value == ie.mutual_info(x, y)
    assert locals_.shape == (300,)
    assert np.mean(locals_) == pytest.approx(value, rel=1e-12)


def _tied(rng, n=200):
    x = rng.integers(0, 5, n).astype(float)
    return x, x.copy()


def test_tie_warning_points_at_the_callers_line(rng):
    x, y = _tied(rng)
    for call in (
        lambda: ie.ksg_mutual_info(x, y),
        lambda: ie.mutual_info(x, y),
        lambda: ie.conditional_mutual_info(x, y, x),
        lambda: ie.mi_test(x, y, n_permutations=3, random_state=0),
    ):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            call()
        ties = [w for w in caught if issubclass(w.category, TiesWarning)]
        assert ties, "duplicate points must warn"
        assert ties[0].filename == __file__


@pytest.mark.parametrize("dims", [1, 2])  # 1: the rank-grid kernel's permute_y; 2: the KD-tree engine
@pytest.mark.parametrize("method", ["ksg", "ksg2"])
def test_fast_permutation_path_equals_plain_refits(rng, method, dims):
    # The KSG null model reuses the sorted marginals; re-estimating from scratch
    # on y[perm] must give the same null distribution bit for bit.
    x = rng.normal(size=(300, dims))
    y = x[:, :1] + rng.normal(size=(300, 1))
    fast = ie.mi_test(x, y, method=method, n_permutations=20, random_state=4)
    chosen = _registry.lookup("mutual_info", method)
    slow = Refit(chosen, x, y, {})
    perm_rng = np.random.default_rng(4)
    assert fast.estimate == slow.estimate()
    np.testing.assert_array_equal(fast.null_distribution, [slow.estimate(perm_rng.permutation(300)) for _ in range(20)])


def test_mi_test_validates_like_the_plain_call(rng):
    x = rng.normal(size=40)
    for kwargs in ({"k": 0}, {"metric": "euclidean"}, {"theiler": -1}):
        with pytest.raises((ValueError, TypeError)) as plain:
            ie.mutual_info(x, x, **kwargs)
        with pytest.raises(plain.type):
            ie.mi_test(x, x, n_permutations=2, **kwargs)
    with pytest.raises(TypeError, match="does not take 'bogus'"):
        ie.mi_test(x, x, n_permutations=2, bogus=1)


class _RecordingExecutor:
    """Runs tasks in reverse order (still returning them in task order) and counts them."""

    def __init__(self):
        self.tasks = 0

    def map(self, fn, items, n_jobs):
        self.tasks += len(items)
        out = [fn(item) for item in reversed(items)]
        return out[::-1]


def test_executor_is_swappable_and_schedule_free(rng):
    from infokit.feature_selection import mutual_info_matrix, mutual_info_regression

    X = rng.normal(size=(400, 4))
    y = X[:, 0] + rng.normal(size=400)
    plain = mutual_info_regression(X, y, random_state=0, n_jobs=2)
    matrix = mutual_info_matrix(X, random_state=1, n_jobs=2)
    executor = _RecordingExecutor()
    with _parallel.use_executor(executor):
        np.testing.assert_array_equal(mutual_info_regression(X, y, random_state=0, n_jobs=2), plain)
        np.testing.assert_array_equal(mutual_info_matrix(X, random_state=1, n_jobs=2), matrix)
    assert executor.tasks >= 4 + 6
    assert _parallel._EXECUTOR.get() is not executor  # restored on exit


def test_task_seeds_depend_on_position_only():
    a = _parallel.task_seeds(np.random.default_rng(3), 5)
    b = _parallel.task_seeds(np.random.default_rng(3), 8)
    assert a == b[:5]


def test_auto_permutes_the_callers_y_even_when_the_estimator_takes_it_first(rng):
    # Ross's estimator takes the continuous variable first; under method="auto"
    # mi_test still shuffles the user's y (here the continuous side), so the null
    # is the one the call asked for: the same as shuffling y by hand.
    labels = rng.integers(0, 3, 200)
    x = rng.normal(size=200) + labels
    res = ie.mi_test(labels, x, method="auto", n_permutations=10, random_state=3)
    perm_rng = np.random.default_rng(3)
    by_hand = [ie.mutual_info(labels, x[perm_rng.permutation(200)]) for _ in range(10)]
    np.testing.assert_array_equal(res.null_distribution, by_hand)
    assert res.estimate == ie.mutual_info(x, labels, method="ross")


def test_front_door_return_locals_must_be_a_bool(rng):
    x = rng.normal(size=50)
    with pytest.raises(TypeError, match="return_locals must be a bool"):
        ie.mutual_info(x, x + 1, return_locals="yes")


def test_repeated_estimates_refuse_locals_alike(rng):
    x = rng.integers(0, 3, 60)
    for call in (ie.mi_test, ie.mi_bootstrap):
        with pytest.raises(ValueError, match="return_locals is not supported"):
            call(x, x, method="discrete", return_locals=True)
        # False is the default: accepted, as by the front doors.
        kwargs = {"n_permutations": 2} if call is ie.mi_test else {"n_resamples": 2}
        call(x, x, method="discrete", return_locals=False, random_state=0, **kwargs)


def test_auto_for_kl_divergence_and_its_refusal_of_labels(rng):
    p, q = rng.normal(size=300), rng.normal(1, 1, 300)
    assert ie.kl_divergence(p, q, method="auto") == ie.kl_divergence(p, q)
    with pytest.raises(ValueError, match="no kl_divergence estimator for discrete data"):
        ie.kl_divergence([0, 1, 1], [1, 0, 0], method="auto")


def test_significance_defaults_to_auto_like_the_front_doors(rng):
    # mi_test / mi_bootstrap used to default to KSG even on labels (dependent
    # 3-level labels: estimate 8.3 nats, p = 1.0); "auto" picks the plug-in.
    lab = rng.integers(0, 3, 400)
    dep = (lab + rng.integers(0, 2, 400)) % 3
    default = ie.mi_test(lab, dep, n_permutations=19, random_state=0)
    explicit = ie.mi_test(lab, dep, method="discrete", n_permutations=19, random_state=0)
    assert default.estimate == explicit.estimate == ie.mutual_info(lab, dep)
    assert default.estimate <= np.log(3) and default.pvalue == pytest.approx(0.05)
    np.testing.assert_array_equal(default.null_distribution, explicit.null_distribution)
    boot = ie.mi_bootstrap(lab, dep, n_resamples=10, random_state=0)
    assert boot.estimate == explicit.estimate


def test_auto_warns_when_floats_look_like_labels(rng):
    # A 0.0 / 1.0 target read as floats went silently to KSG on ties (0.77 nats
    # for a binary target in a user trial): method="auto" still decides by dtype,
    # but says what it did and how to ask for the discrete estimator.
    from infokit import DiscreteDataWarning

    x = rng.normal(size=300)
    target = (x > 0).astype(float)
    with pytest.warns(DiscreteDataWarning, match="y holds only 2 distinct integer values"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", TiesWarning)
            ie.mutual_info(x, target)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ie.mutual_info(x, target.astype(int))  # labels: the Ross estimator, no warning
        ie.mutual_info(x, x + rng.normal(size=300))  # continuous data: nothing to say
        ie.mutual_info(x, target, method="ross")  # an explicit method is the user's decision
