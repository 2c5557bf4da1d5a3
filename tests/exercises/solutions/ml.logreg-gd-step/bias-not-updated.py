import numpy as np


def logreg_step(X, y, w, b, lr):
    n = X.shape[0]
    p = 1 / (1 + np.exp(-(X @ w + b)))
    error = p - y
    dw = X.T @ error / n
    return w - lr * dw, b
