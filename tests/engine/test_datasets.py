"""engine.datasets: the notebook's flower exactly, shapes, balance, determinism, no global RNG."""
import numpy as np
import pytest

from engine.config import DATASETS, Config
from engine.datasets import DEFAULT_NOISE, make


def load_planar_dataset():
    """The course notebook's planar_utils.load_planar_dataset, verbatim (it seeds the global RNG)."""
    np.random.seed(1)
    m = 400 # number of examples
    N = int(m/2) # number of points per class
    D = 2 # dimensionality
    X = np.zeros((m,D)) # data matrix where each row is a single example
    Y = np.zeros((m,1), dtype='uint8') # labels vector (0 for red, 1 for blue)
    a = 4 # maximum ray of the flower

    for j in range(2):
        ix = range(N*j,N*(j+1))
        t = np.linspace(j*3.12,(j+1)*3.12,N) + np.random.randn(N)*0.2 # theta
        r = a*np.sin(4*t) + np.random.randn(N)*0.2 # radius
        X[ix] = np.c_[r*np.sin(t), r*np.cos(t)]
        Y[ix] = j

    X = X.T
    Y = Y.T

    return X, Y


@pytest.fixture
def global_rng_restored():
    state = np.random.get_state()
    yield
    np.random.set_state(state)


def test_flower_is_the_notebooks_load_planar_dataset_exactly(global_rng_restored):
    X_notebook, Y_notebook = load_planar_dataset()
    data = make(Config())
    assert data.X.shape == (2, 400) and data.Y.shape == (1, 400)
    assert np.array_equal(data.X, X_notebook)
    assert np.array_equal(data.Y, Y_notebook.astype(np.float64))
    assert data.m == 400 and data.n_x == 2 and data.noise == 0.2


def test_other_seed_gives_other_flower():
    assert not np.array_equal(make(Config(seed=2)).X, make(Config()).X)


@pytest.mark.parametrize("name", DATASETS)
@pytest.mark.parametrize("m", [4, 5, 37, 400])
def test_shapes_labels_and_balance(name, m):
    data = make(Config(dataset=name, samples=m))
    assert data.X.shape == (2, m) and data.Y.shape == (1, m)
    assert data.X.dtype == np.float64 and data.Y.dtype == np.float64
    assert np.all(np.isfinite(data.X))
    assert set(np.unique(data.Y)) <= {0.0, 1.0}
    ones = int(data.Y.sum())
    assert ones in (m // 2, m - m // 2), "classes must be as balanced as m allows"


@pytest.mark.parametrize("name", DATASETS)
def test_deterministic_per_seed_and_read_only(name):
    first, again = make(Config(dataset=name, seed=7)), make(Config(dataset=name, seed=7))
    assert np.array_equal(first.X, again.X) and np.array_equal(first.Y, again.Y)
    with pytest.raises(ValueError):
        first.X[0, 0] = 1.0
    with pytest.raises(ValueError):
        first.Y[0, 0] = 1.0


@pytest.mark.parametrize("name", DATASETS)
def test_noise_changes_the_points_and_default_noise_is_used(name):
    default = make(Config(dataset=name))
    assert default.noise == DEFAULT_NOISE[name]
    explicit = make(Config(dataset=name, noise=DEFAULT_NOISE[name]))
    assert np.array_equal(default.X, explicit.X)
    other = make(Config(dataset=name, noise=DEFAULT_NOISE[name] * 3 + 0.1))
    assert not np.array_equal(default.X, other.X)
    assert np.array_equal(default.Y, other.Y)


@pytest.mark.parametrize("name", DATASETS)
def test_making_data_leaves_the_global_rng_alone(name):
    before = np.random.get_state()
    make(Config(dataset=name, seed=3))
    after = np.random.get_state()
    assert before[0] == after[0] and np.array_equal(before[1], after[1]) and before[2:] == after[2:]


# -- circles is scikit-learn's make_circles, the C2W1 assignment's data (issue 14, point 5) -----------------
@pytest.mark.parametrize("samples, noise, seed", [(300, 0.05, 1), (100, 0.05, 2), (7, 0.3, 5), (4, 0.0, 0),
                                                  (301, 0.1, 4294967294), (1000, 0.2, 17)])
def test_circles_draws_exactly_what_make_circles_draws(samples, noise, seed):
    from sklearn.datasets import make_circles  # in the test extra only, never a dependency of the app

    X, y = make_circles(n_samples=samples, shuffle=True, noise=noise, random_state=np.random.RandomState(seed),
                        factor=0.8)
    data = make(Config(dataset="circles", samples=samples, noise=noise, seed=seed))
    assert np.array_equal(data.X, X.T) and np.array_equal(data.Y, y.reshape(1, -1).astype(float))


def test_the_assignments_train_and_test_sets_point_for_point(global_rng_restored):
    """The assignment's load_dataset(): np.random.seed(1), make_circles(300, noise=.05); np.random.seed(2), 100."""
    from sklearn import datasets

    np.random.seed(1)
    train_X, train_Y = datasets.make_circles(n_samples=300, noise=.05)
    np.random.seed(2)
    test_X, test_Y = datasets.make_circles(n_samples=100, noise=.05)
    config = Config(dataset="circles", samples=300, noise=0.05, seed=1, test_samples=100)
    train, test = make(config), make(config, test=True)
    assert np.array_equal(train.X, train_X.T) and np.array_equal(train.Y[0], train_Y)
    assert np.array_equal(test.X, test_X.T) and np.array_equal(test.Y[0], test_Y)


def test_circles_default_noise_is_the_assignments():
    assert DEFAULT_NOISE["circles"] == 0.05


@pytest.mark.parametrize("dataset", DATASETS)
def test_the_test_set_is_the_same_data_set_from_seed_plus_one(dataset):
    config = Config(dataset=dataset, samples=40, test_samples=25, seed=6, noise=0.1)
    test = make(config, test=True)
    assert test.X.shape == (2, 25) and test.noise == 0.1
    assert np.array_equal(test.X, make(Config(dataset=dataset, samples=25, seed=7, noise=0.1)).X)
