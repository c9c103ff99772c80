"""Greedy multivariate selection: every criterion against its plain twin, the
textbook cases (XOR, redundant copies), the continuous path and bad input."""

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import infokit.estimate as ie
import infokit.reference as ref
from infokit.feature_selection import select_features
from infokit.feature_selection._criteria import CRITERIA


@pytest.mark.parametrize("criterion", list(CRITERIA))
@pytest.mark.parametrize("seed", [0, 1])
def test_each_criterion_equals_its_plain_twin(criterion, seed):
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 3, size=(300, 7))
    y = (X[:, 0] + X[:, 3] + rng.integers(0, 2, 300)) % 3
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "mrmr_quotient", UserWarning)  # plug-in redundancy of noise is ~0
        got = select_features(X, y, criterion=criterion, n_features_to_select=5, beta=0.7, gamma=0.4)
    want, scores = ref.greedy_selection(criterion, X, y, 5, beta=0.7, gamma=0.4)
    assert got.ranking.tolist() == want
    np.testing.assert_allclose(got.scores, scores, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(got.relevance, [ie.mutual_info(X[:, k], y) for k in range(7)], rtol=1e-12)
    assert got.criterion == criterion


def _xor(seed, n=2000):
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 2, size=(n, 8))
    y = np.where(rng.random(n) < 0.15, X[:, 1], X[:, 1] ^ X[:, 5])  # x5 informative only with x1
    return X, y


@pytest.mark.parametrize("seed", range(4))
def test_xor_is_found_by_the_criteria_that_condition_on_y(seed):
    X, y = _xor(seed)
    for criterion in ("jmi", "cmim", "cife", "jmim", "disr"):
        assert select_features(X, y, criterion=criterion, n_features_to_select=2).ranking.tolist() == [1, 5]
    # mRMR never conditions on y, ICAP only subtracts: x5 scores ~0 like the noise.
    for criterion in ("mrmr", "icap", "mim"):
        assert select_features(X, y, criterion=criterion, n_features_to_select=2).ranking[1] != 5


def test_redundant_copies_mrmr_drops_them_jmi_credits_them(rng):
    # Against a selected feature a, mRMR scores its exact copy I(a; y) - H(a) <= 0,
    # so n_features_to_select="auto" stops before it; JMI scores the copy
    # I(a a; y) = I(a; y) > 0 and keeps it.
    n = 3000
    a = rng.integers(0, 4, n)
    y = a + 2 * rng.integers(0, 4, n)
    X = np.column_stack([a, a])
    mrmr = select_features(X, y, criterion="mrmr", n_features_to_select="auto")
    assert mrmr.ranking.tolist() == [0]
    jmi = select_features(X, y, criterion="jmi", n_features_to_select="auto")
    assert jmi.ranking.tolist() == [0, 1]
    assert jmi.scores[1] == pytest.approx(ie.mutual_info(a, y), rel=1e-12)
    forced = select_features(X, y, criterion="mrmr", n_features_to_select=2)
    assert forced.scores[1] == pytest.approx(ie.mutual_info(a, y) - ie.entropy(a), rel=1e-12)


def test_auto_stops_where_the_criterion_adds_nothing(rng):
    n = 4000
    a = rng.integers(0, 3, n)
    X = np.column_stack([a, rng.integers(0, 3, size=(n, 5))])
    y = a
    got = select_features(X, y, criterion="mrmr", n_features_to_select="auto")
    assert got.ranking.tolist()[0] == 0
    assert np.all(got.scores > 0)
    assert len(got.ranking) < 6


def test_continuous_features_and_target(rng):
    n = 1500
    X = rng.normal(size=(n, 5))
    y = X[:, 2] + 0.5 * X[:, 4] + 0.3 * rng.normal(size=n)
    got = select_features(X, y, criterion="jmi", n_features_to_select=2, random_state=0)
    assert got.ranking.tolist() == [2, 4]
    assert got.relevance[2] == pytest.approx(ie.mutual_info(X[:, 2], y), rel=1e-12)
    again = select_features(X, y, criterion="jmi", n_features_to_select=2, random_state=0, n_jobs=2)
    np.testing.assert_array_equal(got.scores, again.scores)  # independent of n_jobs


def test_continuous_features_class_target(rng):
    n = 1500
    labels = rng.integers(0, 3, n)
    X = np.column_stack([rng.normal(size=n), labels + 0.5 * rng.normal(size=n), rng.normal(size=n)])
    got = select_features(X, labels, criterion="mrmr", n_features_to_select=1, random_state=0)
    assert got.ranking.tolist() == [1]
    assert got.relevance[1] == pytest.approx(ie.mutual_info(X[:, 1], labels, method="ross"), rel=1e-12)


def test_frames_and_names(rng):
    pd = pytest.importorskip("pandas")
    X, y = _xor(0, n=1000)
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(8)])
    got = select_features(frame, y, criterion="jmi", n_features_to_select=2)
    assert got.names == ["f1", "f5"]


def test_quotient_form_warns_when_redundancy_vanishes():
    # c is exactly independent of a in the sample (plug-in redundancy 0, as a
    # clipped kNN estimate of unrelated columns is): the quotient r / R is then
    # relevance over the floor, whatever the relevance. Warned.
    a = np.tile([0, 1], 200)
    c = np.tile([0, 0, 1, 1], 100)
    X = np.column_stack([a, c])
    y = 2 * a + c
    with pytest.warns(UserWarning, match="mrmr_quotient"):
        got = select_features(X, y, criterion="mrmr_quotient", n_features_to_select=2)
    assert got.scores[1] == pytest.approx(ie.mutual_info(c, y) / 1e-12)
    # The difference form on the same data says nothing.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        select_features(X, y, criterion="mrmr", n_features_to_select=2)


def test_bad_input(rng):
    X = rng.integers(0, 2, size=(50, 3))
    y = X[:, 0]
    with pytest.raises(ValueError, match="n_features_to_select must be in"):
        select_features(X, y, n_features_to_select=4)
    with pytest.raises(ValueError, match="n_features_to_select must be in"):
        select_features(X, y, n_features_to_select=0)
    with pytest.raises(TypeError, match="n_features_to_select"):
        select_features(X, y, n_features_to_select=1.5)
    with pytest.raises(ValueError, match="criterion"):
        select_features(X, y, criterion="best")
    with pytest.raises(ValueError, match="different numbers of samples"):
        select_features(X, y[:-1])
    with pytest.raises(ValueError, match="NaN"):
        select_features(np.where(X == 0, np.nan, 1.0), y)
    with pytest.raises(ValueError, match="disr"):
        select_features(rng.normal(size=(50, 3)), y, criterion="disr", n_features_to_select=2)
    with pytest.raises(ValueError, match="beta"):
        select_features(X, y, criterion="mifs", beta=-1)
    with pytest.raises(TypeError, match="'n_neighbours'"):
        select_features(X, y, n_features_to_select=2, n_neighbours=3)


def test_constant_columns_and_one_class_target(rng):
    X = np.column_stack([np.zeros(100, dtype=int), rng.integers(0, 2, 100)])
    y = X[:, 1]
    got = select_features(X, y, criterion="jmi", n_features_to_select=2)
    assert got.ranking.tolist() == [1, 0]
    assert got.relevance[0] == 0.0
    # A target with one class carries no information: every score is 0 and "auto" selects nothing.
    one = select_features(X, np.ones(100, dtype=int), criterion="jmi", n_features_to_select="auto")
    assert one.ranking.size == 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        select_features(X, np.ones(100, dtype=int), criterion="mim", n_features_to_select=2)


def test_continuous_fast_path_terms_by_hand(rng):
    # Discrete target: I(X_k; X_j | Y) = sum_c p(c) KSG(X_k, X_j | Y = c), each
    # term the front door's KSG on the class's rows; the cached terms reproduce
    # the criterion, so CIFE's second score is r_k - R_kj + C_kj by hand.
    n = 900
    labels = rng.integers(0, 3, n)
    X = rng.normal(size=(n, 3))
    X[:, 0] += labels
    X[:, 1] += 0.5 * X[:, 0]
    got = select_features(X, labels, criterion="cife", n_features_to_select=2, random_state=0)
    j, k = got.ranking
    r_k = ie.mutual_info(X[:, k], labels, method="ross")
    R = ie.mutual_info(X[:, k], X[:, j], method="ksg")
    C = sum(np.mean(labels == c) * ie.mutual_info(X[labels == c, k], X[labels == c, j]) for c in range(3))
    assert got.scores[1] == pytest.approx(r_k - R + C, rel=1e-10)
    again = select_features(X, labels, criterion="cife", n_features_to_select=2, random_state=0, n_jobs=3)
    np.testing.assert_array_equal(got.scores, again.scores)


def test_small_classes_carry_no_weight_and_say_so(rng):
    n = 300
    labels = np.r_[np.zeros(n - 3, dtype=int), np.ones(3, dtype=int)]
    X = rng.normal(size=(n, 3))
    with pytest.warns(UserWarning, match="fewer than k \\+ 2"):
        select_features(X, labels, criterion="jmi", n_features_to_select=2, random_state=0)


@pytest.mark.parametrize("criterion", ["jmi", "mrmr", "disr", "cmim"])
def test_discrete_engine_wide_alphabets_and_threads(rng, criterion):
    # 300- and 400-level columns: uint16 codes, and (x_k, x_j, y) tables past
    # the dense limit, which the kernel counts from sorted keys instead.
    n = 400
    X = np.column_stack([rng.integers(0, 400, n), rng.integers(0, 300, n), rng.integers(0, 3, (n, 3))])
    X[:, 1] = (X[:, 0] + rng.integers(0, 2, n)) % 300
    y = (X[:, 2] + X[:, 0] % 2 + rng.integers(0, 2, n)) % 5
    got = select_features(X, y, criterion=criterion, n_features_to_select=4)
    want, scores = ref.greedy_selection(criterion, X, y, 4)
    assert got.ranking.tolist() == want
    np.testing.assert_allclose(got.scores, scores, rtol=1e-10, atol=1e-12)
    again = select_features(X, y, criterion=criterion, n_features_to_select=4, n_jobs=2)
    np.testing.assert_array_equal(got.scores, again.scores)


def _eager(monkeypatch):
    from infokit.feature_selection import _select

    monkeypatch.setattr(_select._LazyMin, "supports", staticmethod(lambda source: False))


def _tied_discrete(seed, n=600, p=14):
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 3, size=(n, p))
    X[:, 5] = X[:, 2]  # exact copies: equal partial and full scores, resolved by index
    X[:, 9] = X[:, 2]
    X[:, 11] = X[:, 7]
    y = (X[:, 0] + X[:, 2] * X[:, 3] + rng.integers(0, 2, n)) % 4
    return X, y


@pytest.mark.parametrize("criterion", ["cmim", "jmim"])
@pytest.mark.parametrize("seed", range(4))
def test_lazy_min_criteria_equal_the_eager_engine(monkeypatch, criterion, seed):
    X, y = _tied_discrete(seed)
    lazy = select_features(X, y, criterion=criterion, n_features_to_select=X.shape[1])
    cont = np.random.default_rng(seed).normal(size=(400, 8))
    cont[:, 3] += cont[:, 0]
    yc = (cont[:, 0] + cont[:, 1] * cont[:, 2] > 0).astype(int)
    lazy_c = select_features(cont, yc, criterion=criterion, n_features_to_select=6, random_state=seed)
    lazy_auto = select_features(X, y, criterion=criterion, n_features_to_select="auto")
    _eager(monkeypatch)
    eager = select_features(X, y, criterion=criterion, n_features_to_select=X.shape[1])
    np.testing.assert_array_equal(lazy.ranking, eager.ranking)
    np.testing.assert_array_equal(lazy.scores, eager.scores)
    eager_c = select_features(cont, yc, criterion=criterion, n_features_to_select=6, random_state=seed)
    np.testing.assert_array_equal(lazy_c.ranking, eager_c.ranking)
    np.testing.assert_array_equal(lazy_c.scores, eager_c.scores)
    threaded = select_features(cont, yc, criterion=criterion, n_features_to_select=6, random_state=seed, n_jobs=2)
    np.testing.assert_array_equal(threaded.scores, eager_c.scores)
    eager_auto = select_features(X, y, criterion=criterion, n_features_to_select="auto")
    np.testing.assert_array_equal(lazy_auto.ranking, eager_auto.ranking)


def test_lazy_cmim_evaluates_fewer_terms(monkeypatch):
    # Bounds prune: after the first steps most candidates' partial scores
    # (a min over fewer features) already fall below the best full score.
    from infokit.feature_selection import _select

    pairs = []
    real = _select._DiscreteTerms.pair_entropies

    def counting(self, ks, js, with_y):
        pairs.append(len(ks))
        return real(self, ks, js, with_y)

    monkeypatch.setattr(_select._DiscreteTerms, "pair_entropies", counting)
    rng = np.random.default_rng(0)
    X = rng.integers(0, 4, size=(2000, 40))
    y = (X[:, 0] + X[:, 1] + X[:, 2] + rng.integers(0, 2, 2000)) % 4
    lazy = select_features(X, y, criterion="cmim", n_features_to_select=12)
    lazy_pairs = sum(pairs)
    pairs.clear()
    _eager(monkeypatch)
    eager = select_features(X, y, criterion="cmim", n_features_to_select=12)
    np.testing.assert_array_equal(lazy.ranking, eager.ranking)
    np.testing.assert_array_equal(lazy.scores, eager.scores)
    assert lazy_pairs < 0.75 * sum(pairs)


@pytest.mark.hypothesis
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(8, 80),
    p=st.integers(3, 9),
    levels=st.integers(2, 4),
    criterion=st.sampled_from(["cmim", "jmim"]),
)
def test_lazy_equals_eager_property(seed, n, p, levels, criterion):
    # Few rows and levels: many equal terms and scores, the tie rule's edge cases.
    from infokit.feature_selection import _select

    rng = np.random.default_rng(seed)
    X = rng.integers(0, levels, size=(n, p))
    X[:, rng.integers(0, p)] = X[:, rng.integers(0, p)]
    y = (X[:, 0] + rng.integers(0, 2, n)) % levels
    lazy = select_features(X, y, criterion=criterion, n_features_to_select=p)
    original = _select._LazyMin.supports
    _select._LazyMin.supports = staticmethod(lambda source: False)
    try:
        eager = select_features(X, y, criterion=criterion, n_features_to_select=p)
    finally:
        _select._LazyMin.supports = original
    np.testing.assert_array_equal(lazy.ranking, eager.ranking)
    np.testing.assert_array_equal(lazy.scores, eager.scores)


class _TableTerms:
    """A fake backend whose CMIM terms I(X_k; Y | X_j) are the entries of a given table (relevance 0)."""

    def __init__(self, table):
        self.table = table
        self.asked = 0

    def pair_terms(self, ks, js, conditional):
        self.asked += len(ks)
        return np.zeros(len(ks)), self.table[ks, js]


@pytest.mark.hypothesis
@given(data=st.data(), p=st.integers(3, 12), top=st.integers(1, 3))
def test_lazy_pick_tie_rule_on_tables(data, p, top):
    # Small integer terms: exact ties everywhere, including a candidate whose
    # bound equals the best full score and whose index is lower than the best's
    # (it must still be visited: it wins the tie).
    from infokit.feature_selection._criteria import Terms
    from infokit.feature_selection._select import _LazyMin

    flat = data.draw(st.lists(st.integers(0, top), min_size=p * p, max_size=p * p))
    table = np.array(flat, dtype=np.float64).reshape(p, p)
    src = _TableTerms(table)
    zeros = np.zeros(p)
    lazy = _LazyMin("cmim", src, zeros)
    ranking = [0]  # relevance 0 everywhere: the first pick is column 0
    first = np.arange(p)
    red, cond = src.pair_terms(first, np.zeros(p, dtype=np.int64), True)
    lazy.start(Terms(zeros, red[:, None], cond[:, None], [0]))
    available = np.ones(p, dtype=bool)
    available[0] = False
    while available.any():
        if len(ranking) == 1:
            values = np.where(available, lazy.partial, -np.inf)
            best, value = int(np.argmax(values)), float(values.max())
        else:
            best, value = lazy.pick(available)
        want = np.where(available, table[:, ranking].min(axis=1), -np.inf)
        assert best == int(np.argmax(want)) and value == want.max()
        ranking.append(best)
        available[best] = False
        lazy.selected.append(best)


@pytest.mark.parametrize("criterion", ["mim", "mrmr", "jmi", "cmim"])
@pytest.mark.parametrize("target", ["labels", "continuous"])
def test_constant_columns_carry_no_information(criterion, target):
    # A constant float column used to reach the kNN kernels, which see only
    # zero distances in it: Ross read ~2 nats against a binary target (above
    # ln 2) and the column was selected first.
    rng = np.random.default_rng(3)
    n = 400
    X = rng.normal(size=(n, 5))
    y = (
        (X[:, 1] + 0.5 * rng.normal(size=n) > 0).astype(int)
        if target == "labels"
        else X[:, 1] + 0.5 * rng.normal(size=n)
    )
    Xc = np.column_stack([np.zeros(n), X[:, :2], np.full(n, 7.5), X[:, 2:]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = select_features(Xc, y, criterion=criterion, n_features_to_select=4, random_state=0)
    assert res.relevance[0] == 0.0 and res.relevance[3] == 0.0
    assert res.ranking[0] == 2  # the informative column X[:, 1]
    if target == "labels":  # a binary target: no estimate far above ln 2
        assert (res.relevance < np.log(2) + 0.05).all()


def test_constant_columns_do_not_change_the_selection_of_informative_ones():
    # The trial's case: breast_cancer with an all-zero column prepended picked
    # [0, 23, 28] instead of the selection without it.
    from sklearn.datasets import load_breast_cancer

    X, y = load_breast_cancer(return_X_y=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plain = select_features(X, y, criterion="jmi", n_features_to_select=3, random_state=0)
        padded = select_features(np.c_[np.zeros(len(X)), X], y, criterion="jmi", n_features_to_select=3, random_state=0)
    assert padded.relevance[0] == 0.0
    assert 0 not in padded.ranking.tolist()
    assert (padded.relevance[1:] <= np.log(2) + 0.05).all()
    np.testing.assert_allclose(np.sort(padded.relevance[1:])[-3:], np.sort(plain.relevance)[-3:], atol=0.03)
