import numpy as np


def pearson(x, y):
    dx = x - np.mean(x)
    dy = y - np.mean(y)
    n = len(x)
    covariance = np.sum(dx * dy) / (n - 1)
    return covariance / (np.sqrt(np.sum(dx**2) / n) * np.sqrt(np.sum(dy**2) / n))
