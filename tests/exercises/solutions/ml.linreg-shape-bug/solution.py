import numpy as np


def fit_line(x, y, learning_rate=0.1, n_iterations=500):
    x = np.ravel(x)
    y = np.ravel(y)  # a column (n, 1) would broadcast against (n,) into (n, n)
    w, b = 0.0, 0.0
    for _ in range(n_iterations):
        error = w * x + b - y
        w -= learning_rate * np.mean(error * x)
        b -= learning_rate * np.mean(error)
    return float(w), float(b)
