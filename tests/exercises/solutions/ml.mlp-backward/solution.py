import numpy as np


def backward(X, y, W1, b1, W2, b2):
    n = X.shape[0]
    Z = X @ W1 + b1
    H = np.maximum(Z, 0)
    y_hat = H @ W2 + b2
    r = 2 * (y_hat - y) / n
    dW2 = H.T @ r
    db2 = r.sum()
    dZ = np.outer(r, W2) * (Z > 0)
    dW1 = X.T @ dZ
    db1 = dZ.sum(axis=0)
    return dW1, db1, dW2, db2
