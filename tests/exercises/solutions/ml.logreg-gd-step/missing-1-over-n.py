import numpy as np


def logreg_step(X, y, w, b, lr):
    p = 1 / (1 + np.exp(-(X @ w + b)))
    error = p - y
    dw = X.T @ error
    db = np.sum(error)
    return w - lr * dw, b - lr * db
