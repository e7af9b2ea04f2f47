"""The course notebook's functions ("Planar data classification with one hidden layer"), as the
independent reference the engine is compared with. Written the plain way: dicts, a new array per op.
Only the hidden activation is a parameter (the notebook fixes tanh)."""
import numpy as np

HIDDEN = {
    "tanh": (np.tanh, lambda Z, A: 1 - np.power(A, 2)),
    "sigmoid": (lambda Z: 1 / (1 + np.exp(-Z)), lambda Z, A: A * (1 - A)),
    "relu": (lambda Z: np.maximum(Z, 0), lambda Z, A: (Z > 0).astype(float)),
    "leaky_relu": (lambda Z: np.where(Z > 0, Z, 0.01 * Z), lambda Z, A: np.where(Z > 0, 1.0, 0.01)),
}


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def forward_propagation(X, parameters, activation="tanh"):
    W1, b1, W2, b2 = parameters["W1"], parameters["b1"], parameters["W2"], parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = HIDDEN[activation][0](Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


def compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
    return float(np.squeeze(-np.sum(logprobs) / m))


def backward_propagation(parameters, cache, X, Y, activation="tanh"):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2, Z1 = cache["A1"], cache["A2"], cache["Z1"]
    dZ2 = A2 - Y
    dW2 = (1 / m) * np.dot(dZ2, A1.T)
    db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = np.dot(W2.T, dZ2) * HIDDEN[activation][1](Z1, A1)
    dW1 = (1 / m) * np.dot(dZ1, X.T)
    db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def update_parameters(parameters, grads, learning_rate=1.2):
    return {name: parameters[name] - learning_rate * grads["d" + name] for name in ("W1", "b1", "W2", "b2")}


def nn_model_costs(X, Y, parameters, num_iterations, learning_rate=1.2, activation="tanh"):
    """The notebook's training loop; returns the final parameters and the cost of every iteration."""
    costs = []
    for _ in range(num_iterations):
        A2, cache = forward_propagation(X, parameters, activation)
        costs.append(compute_cost(A2, Y))
        grads = backward_propagation(parameters, cache, X, Y, activation)
        parameters = update_parameters(parameters, grads, learning_rate)
    return parameters, costs


# -- Course 1 Week 4 ("Building your Deep Neural Network: Step by Step"): any number of layers ------------
def L_model_forward(X, parameters, activation="tanh"):
    """[LINEAR -> g] * (L-1) -> LINEAR -> SIGMOID; caches[l - 1] = (A_prev, W, b, Z) of layer l."""
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L + 1):
        A_prev, W, b = A, parameters["W" + str(l)], parameters["b" + str(l)]
        Z = np.dot(W, A_prev) + b
        A = sigmoid(Z) if l == L else HIDDEN[activation][0](Z)
        caches.append((A_prev, W, b, Z))
    return A, caches


def L_model_backward(AL, Y, caches, activation="tanh"):
    """grads["dW" + str(l)], grads["db" + str(l)] from the caches of L_model_forward (cross-entropy, dZ[L] = AL - Y)."""
    grads = {}
    L = len(caches)
    m = AL.shape[1]
    dZ = AL - Y
    for l in range(L, 0, -1):
        A_prev, W, b, Z = caches[l - 1]
        grads["dW" + str(l)] = (1 / m) * np.dot(dZ, A_prev.T)
        grads["db" + str(l)] = (1 / m) * np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dA_prev = np.dot(W.T, dZ)
            Z_prev = caches[l - 2][3]
            dZ = dA_prev * HIDDEN[activation][1](Z_prev, HIDDEN[activation][0](Z_prev))
    return grads
