import numpy as np


def fit_line(x, y, learning_rate=0.1, n_iterations=500):
    x = np.reshape(x, (-1, 1))
    y = np.reshape(y, (-1, 1))  # both columns: the shapes agree, but w becomes an array
    w, b = np.zeros(1), 0.0
    for _ in range(n_iterations):
        error = w * x + b - y
        w = w - learning_rate * np.mean(error * x, axis=0)
        b = b - learning_rate * np.mean(error)
    return w, b
